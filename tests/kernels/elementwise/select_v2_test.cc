// SELECT_V2: condition ? x : y with broadcasting of all three inputs, every
// element size; malformed models rejected.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/elementwise/elementwise.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using D = DataType;

OpResolverN<1> SelectResolver() {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::SelectV2()).ok());
  return r;
}

std::vector<uint8_t> SelectModel(const std::vector<int32_t>& c, D type,
                                 const std::vector<int32_t>& x, const std::vector<int32_t>& y,
                                 const std::vector<int32_t>& out, D cond_type = D::kBool) {
  ModelBuilder b;
  const int ct = b.AddTensor(cond_type, c);
  const int xt = b.AddTensor(type, x);
  const int yt = b.AddTensor(type, y);
  const int o = b.AddTensor(type, out);
  b.AddOperator(BuiltinOp::kSelectV2, {ct, xt, yt}, {o});
  b.SetInputs({ct, xt, yt});
  b.SetOutputs({o});
  return b.Build();
}

template <typename T>
std::vector<T> RunSelect(const std::vector<uint8_t>& m, const std::vector<uint8_t>& c,
                         const std::vector<T>& x, const std::vector<T>& y) {
  testing::ModelRunner r(m);
  const Status s = r.Init(SelectResolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<uint8_t>(0, c);
  r.SetInput<T>(1, x);
  r.SetInput<T>(2, y);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

TEST(SelectV2, SameShapeEveryElementSize) {
  const std::vector<uint8_t> c = {1, 0, 0, 1};
  EXPECT_EQ(RunSelect<int8_t>(SelectModel({4}, D::kInt8, {4}, {4}, {4}), c, {1, 2, 3, 4},
                              {-1, -2, -3, -4}),
            (std::vector<int8_t>{1, -2, -3, 4}));
  EXPECT_EQ(RunSelect<int16_t>(SelectModel({4}, D::kInt16, {4}, {4}, {4}), c, {1, 2, 3, 4},
                               {-1, -2, -3, -4}),
            (std::vector<int16_t>{1, -2, -3, 4}));
  EXPECT_EQ(RunSelect<float>(SelectModel({2, 2}, D::kFloat32, {2, 2}, {2, 2}, {2, 2}), c,
                             {1.f, 2.f, 3.f, 4.f}, {-1.f, -2.f, -3.f, -4.f}),
            (std::vector<float>{1.f, -2.f, -3.f, 4.f}));
  EXPECT_EQ(RunSelect<int64_t>(SelectModel({4}, D::kInt64, {4}, {4}, {4}), c,
                               {int64_t{1} << 40, 2, 3, 4}, {-1, -2, -3, -4}),
            (std::vector<int64_t>{int64_t{1} << 40, -2, -3, 4}));
}

TEST(SelectV2, BroadcastsAllThreeInputs) {
  // condition [2, 1, 1], x [1, 3, 1] (rows 10, 20, 30), y scalar-like [2]: out [2, 3, 2].
  const auto m = SelectModel({2, 1, 1}, D::kInt32, {1, 3, 1}, {2}, {2, 3, 2});
  const std::vector<int32_t> got = RunSelect<int32_t>(m, {0, 1}, {10, 20, 30}, {-5, -6});
  EXPECT_EQ(got, (std::vector<int32_t>{-5, -6, -5, -6, -5, -6, 10, 10, 20, 20, 30, 30}));
  // A 5-D output.
  const auto m5 = SelectModel({1, 1, 1, 1, 2}, D::kInt8, {2, 1, 1, 1, 1}, {1}, {2, 1, 1, 1, 2});
  EXPECT_EQ(RunSelect<int8_t>(m5, {1, 0}, {7, 8}, {-1}), (std::vector<int8_t>{7, -1, 8, -1}));
}

TEST(SelectV2, RejectsMalformed) {
  auto code = [](const std::vector<uint8_t>& m) {
    testing::ModelRunner r(m);
    return r.Init(SelectResolver()).code();
  };
  // Condition not bool; x and y types differ from the output.
  EXPECT_EQ(code(SelectModel({4}, D::kInt8, {4}, {4}, {4}, D::kInt8)), StatusCode::kInvalidModel);
  {
    ModelBuilder b;
    const int c = b.AddTensor(D::kBool, {2});
    const int x = b.AddTensor(D::kInt8, {2});
    const int y = b.AddTensor(D::kInt16, {2});
    const int o = b.AddTensor(D::kInt8, {2});
    b.AddOperator(BuiltinOp::kSelectV2, {c, x, y}, {o});
    b.SetInputs({c, x, y});
    b.SetOutputs({o});
    EXPECT_EQ(code(b.Build()), StatusCode::kInvalidModel);
  }
  // Shapes that do not broadcast, or an output larger than the broadcast.
  EXPECT_EQ(code(SelectModel({3}, D::kInt8, {2}, {2}, {2})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(SelectModel({1}, D::kInt8, {1}, {1}, {4})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(SelectModel({2}, D::kInt8, {2}, {2}, {3, 2})), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
