// Float32 SQUARED_DIFFERENCE and PRELU: values by hand, broadcasting, types.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/elementwise/elementwise.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using D = DataType;

OpResolverN<2> FloatBinaryResolver() {
  OpResolverN<2> r;
  for (const OpKernel* k : ops::elementwise_kernels()) {
    if (k->builtin == BuiltinOp::kPrelu || k->builtin == BuiltinOp::kSquaredDifference) {
      EXPECT_TRUE(r.Add(*k).ok());
    }
  }
  return r;
}

std::vector<uint8_t> Model(BuiltinOp op, D type, const std::vector<int32_t>& a,
                           const std::vector<int32_t>& b, const std::vector<int32_t>& out) {
  ModelBuilder m;
  const int x = m.AddTensor(type, a);
  const int y = m.AddTensor(type, b);
  const int o = m.AddTensor(type, out);
  m.AddOperator(op, {x, y}, {o});
  m.SetInputs({x, y});
  m.SetOutputs({o});
  return m.Build();
}

std::vector<float> RunFloat(const std::vector<uint8_t>& model, const std::vector<float>& x,
                            const std::vector<float>& y) {
  testing::ModelRunner r(model);
  const Status s = r.Init(FloatBinaryResolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<float>(0, x);
  r.SetInput<float>(1, y);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<float>(0);
}

TEST(SquaredDifference, ValuesAndBroadcast) {
  const auto m = Model(BuiltinOp::kSquaredDifference, D::kFloat32, {4}, {4}, {4});
  EXPECT_EQ(RunFloat(m, {1.f, -2.f, 0.5f, 3.f}, {4.f, 2.f, 0.5f, -1.f}),
            (std::vector<float>{9.f, 16.f, 0.f, 16.f}));
  const auto b = Model(BuiltinOp::kSquaredDifference, D::kFloat32, {2, 2}, {1}, {2, 2});
  EXPECT_EQ(RunFloat(b, {0.f, 1.f, 2.f, 3.f}, {1.f}), (std::vector<float>{1.f, 0.f, 1.f, 4.f}));
}

TEST(Prelu, PerChannelAlphaBroadcast) {
  // x [1, 2, 3], alpha per channel [3].
  const auto m = Model(BuiltinOp::kPrelu, D::kFloat32, {1, 2, 3}, {3}, {1, 2, 3});
  EXPECT_EQ(RunFloat(m, {-1.f, -2.f, 3.f, 0.f, -4.f, -8.f}, {0.5f, 0.25f, 2.f}),
            (std::vector<float>{-0.5f, -0.5f, 3.f, 0.f, -1.f, -16.f}));
}

TEST(FloatBinary, RejectsOtherTypesAndShapes) {
  auto code = [](const std::vector<uint8_t>& m) {
    testing::ModelRunner r(m);
    return r.Init(FloatBinaryResolver()).code();
  };
  EXPECT_EQ(code(Model(BuiltinOp::kPrelu, D::kInt8, {3}, {3}, {3})), StatusCode::kUnsupported);
  EXPECT_EQ(code(Model(BuiltinOp::kSquaredDifference, D::kInt32, {3}, {3}, {3})),
            StatusCode::kUnsupported);
  EXPECT_EQ(code(Model(BuiltinOp::kPrelu, D::kFloat32, {3}, {2}, {3})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(Model(BuiltinOp::kSquaredDifference, D::kFloat32, {3}, {3}, {4})),
            StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
