// Comparisons and logical ops: expected values written by hand, broadcasting,
// NaN and bool inputs, malformed models rejected.
#include <gtest/gtest.h>

#include <limits>
#include <vector>

#include "kernels/elementwise/elementwise.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using D = DataType;
using Bytes = std::vector<uint8_t>;

OpResolverN<24> LogicResolver() {
  OpResolverN<24> r;
  for (const OpKernel* k : ops::elementwise_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

std::vector<uint8_t> Model(BuiltinOp op, D type, const std::vector<int32_t>& a,
                           const std::vector<int32_t>& b, const std::vector<int32_t>& out,
                           D out_type = D::kBool) {
  ModelBuilder m;
  const int x = m.AddTensor(type, a);
  const int y = m.AddTensor(type, b);
  const int o = m.AddTensor(out_type, out);
  m.AddOperator(op, {x, y}, {o});
  m.SetInputs({x, y});
  m.SetOutputs({o});
  return m.Build();
}

template <typename T>
Bytes RunBinary(const std::vector<uint8_t>& model, const std::vector<T>& x,
                const std::vector<T>& y) {
  testing::ModelRunner r(model);
  const Status s = r.Init(LogicResolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, x);
  r.SetInput<T>(1, y);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<uint8_t>(0);
}

template <typename T>
Bytes Cmp(BuiltinOp op, D type, const std::vector<T>& x, const std::vector<T>& y) {
  const int32_t n = static_cast<int32_t>(x.size());
  return RunBinary<T>(Model(op, type, {n}, {n}, {n}), x, y);
}

TEST(Comparison, EveryOperatorFloat) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> a = {1.f, 2.f, 3.f, nan, -0.f};
  const std::vector<float> b = {2.f, 2.f, 2.f, nan, 0.f};
  EXPECT_EQ(Cmp<float>(BuiltinOp::kEqual, D::kFloat32, a, b), (Bytes{0, 1, 0, 0, 1}));
  EXPECT_EQ(Cmp<float>(BuiltinOp::kNotEqual, D::kFloat32, a, b), (Bytes{1, 0, 1, 1, 0}));
  EXPECT_EQ(Cmp<float>(BuiltinOp::kGreater, D::kFloat32, a, b), (Bytes{0, 0, 1, 0, 0}));
  EXPECT_EQ(Cmp<float>(BuiltinOp::kGreaterEqual, D::kFloat32, a, b), (Bytes{0, 1, 1, 0, 1}));
  EXPECT_EQ(Cmp<float>(BuiltinOp::kLess, D::kFloat32, a, b), (Bytes{1, 0, 0, 0, 0}));
  EXPECT_EQ(Cmp<float>(BuiltinOp::kLessEqual, D::kFloat32, a, b), (Bytes{1, 1, 0, 0, 1}));
}

TEST(Comparison, IntegersAndBool) {
  EXPECT_EQ(Cmp<int32_t>(BuiltinOp::kLess, D::kInt32, {-5, 0, 7}, {-4, 0, 6}), (Bytes{1, 0, 0}));
  const int64_t big = int64_t{1} << 40;
  EXPECT_EQ(Cmp<int64_t>(BuiltinOp::kGreaterEqual, D::kInt64, {big, big - 1, -big}, {big, big, 0}),
            (Bytes{1, 0, 0}));
  EXPECT_EQ(Cmp<uint8_t>(BuiltinOp::kEqual, D::kBool, {0, 1, 1, 0}, {0, 1, 0, 1}),
            (Bytes{1, 1, 0, 0}));
  EXPECT_EQ(Cmp<uint8_t>(BuiltinOp::kNotEqual, D::kBool, {0, 1, 1, 0}, {0, 1, 0, 1}),
            (Bytes{0, 0, 1, 1}));
}

TEST(Comparison, Broadcasts) {
  // [2, 3] > [3]: {{1,5,3},{4,2,6}} > {2,4,6}.
  const auto m = Model(BuiltinOp::kGreater, D::kInt32, {2, 3}, {3}, {2, 3});
  EXPECT_EQ(RunBinary<int32_t>(m, {1, 5, 3, 4, 2, 6}, {2, 4, 6}), (Bytes{0, 1, 0, 1, 0, 0}));
  // [2, 1] == [1, 3].
  const auto e = Model(BuiltinOp::kEqual, D::kFloat32, {2, 1}, {1, 3}, {2, 3});
  EXPECT_EQ(RunBinary<float>(e, {1.f, 2.f}, {2.f, 1.f, 2.f}), (Bytes{0, 1, 0, 1, 0, 1}));
}

TEST(Logical, AndOrBroadcastAndNot) {
  const auto a = Model(BuiltinOp::kLogicalAnd, D::kBool, {2, 2}, {2}, {2, 2});
  EXPECT_EQ(RunBinary<uint8_t>(a, {0, 1, 1, 1}, {1, 0}), (Bytes{0, 0, 1, 0}));
  const auto o = Model(BuiltinOp::kLogicalOr, D::kBool, {4}, {1}, {4});
  EXPECT_EQ(RunBinary<uint8_t>(o, {0, 1, 0, 1}, {0}), (Bytes{0, 1, 0, 1}));
  EXPECT_EQ(RunBinary<uint8_t>(o, {0, 1, 0, 1}, {1}), (Bytes{1, 1, 1, 1}));

  ModelBuilder m;
  const int in = m.AddTensor(D::kBool, {3});
  const int out = m.AddTensor(D::kBool, {3});
  m.AddOperator(BuiltinOp::kLogicalNot, {in}, {out});
  m.SetInputs({in});
  m.SetOutputs({out});
  testing::ModelRunner r(m.Build());
  ASSERT_TRUE(r.Init(LogicResolver()).ok());
  r.SetInput<uint8_t>(0, {0, 1, 0});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<uint8_t>(0), (Bytes{1, 0, 1}));
}

StatusCode InitCode(const std::vector<uint8_t>& model) {
  testing::ModelRunner r(model);
  return r.Init(LogicResolver()).code();
}

TEST(Comparison, RejectsMalformed) {
  // Output not bool; ordering of bools; unsupported int8/int16 inputs.
  EXPECT_EQ(InitCode(Model(BuiltinOp::kLess, D::kInt32, {3}, {3}, {3}, D::kInt32)),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(Model(BuiltinOp::kLess, D::kBool, {3}, {3}, {3})), StatusCode::kUnsupported);
  EXPECT_EQ(InitCode(Model(BuiltinOp::kEqual, D::kInt8, {3}, {3}, {3})), StatusCode::kUnsupported);
  // Shapes that do not broadcast to the output.
  EXPECT_EQ(InitCode(Model(BuiltinOp::kEqual, D::kFloat32, {3}, {2}, {3})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(Model(BuiltinOp::kEqual, D::kFloat32, {3}, {3}, {2, 3})),
            StatusCode::kInvalidModel);
  // Logical ops need bool tensors.
  EXPECT_EQ(InitCode(Model(BuiltinOp::kLogicalAnd, D::kInt8, {3}, {3}, {3})),
            StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
