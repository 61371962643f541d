// SPLIT_V: sizes with one -1, negative axis, every element size; malformed
// size_splits and outputs rejected by Prepare.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/data_movement/data_movement.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using D = DataType;

OpResolverN<1> SplitVResolver() {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::SplitV()).ok());
  return r;
}

constexpr uint8_t kSplitVOptions = 79;

std::vector<uint8_t> SplitVModel(D type, const std::vector<int32_t>& in_shape,
                                 const std::vector<int32_t>& sizes, int32_t axis,
                                 const std::vector<std::vector<int32_t>>& out_shapes) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape);
  const int st = b.AddConstTensor<int32_t>(D::kInt32, {static_cast<int32_t>(sizes.size())}, sizes);
  const int ax = b.AddConstTensor<int32_t>(D::kInt32, {}, {axis});
  std::vector<int32_t> outs;
  for (const auto& s : out_shapes) outs.push_back(b.AddTensor(type, s));
  b.AddOperator(BuiltinOp::kSplitV, {in, st, ax}, outs,
                Options(kSplitVOptions).Int32(0, static_cast<int32_t>(outs.size())));
  b.SetInputs({in});
  b.SetOutputs(outs);
  return b.Build();
}

TEST(SplitV, MinusOneSizeNegativeAxisInt16) {
  // [2, 5] split along the last axis into 1, 3 (-1), 1.
  testing::ModelRunner r(SplitVModel(D::kInt16, {2, 5}, {1, -1, 1}, -1, {{2, 1}, {2, 3}, {2, 1}}));
  const Status s = r.Init(SplitVResolver());
  ASSERT_TRUE(s.ok()) << s.message();
  r.SetInput<int16_t>(0, {0, 1, 2, 3, 4, 10, 11, 12, 13, 14});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 10}));
  EXPECT_EQ(r.Output<int16_t>(1), (std::vector<int16_t>{1, 2, 3, 11, 12, 13}));
  EXPECT_EQ(r.Output<int16_t>(2), (std::vector<int16_t>{4, 14}));
}

TEST(SplitV, Axis0FloatWithZeroSizedPart) {
  testing::ModelRunner r(SplitVModel(D::kFloat32, {3, 2}, {2, 0, 1}, 0, {{2, 2}, {0, 2}, {1, 2}}));
  const Status s = r.Init(SplitVResolver());
  ASSERT_TRUE(s.ok()) << s.message();
  r.SetInput<float>(0, {1.f, 2.f, 3.f, 4.f, 5.f, 6.f});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1.f, 2.f, 3.f, 4.f}));
  EXPECT_TRUE(r.Output<float>(1).empty());
  EXPECT_EQ(r.Output<float>(2), (std::vector<float>{5.f, 6.f}));
}

TEST(SplitV, RejectsMalformed) {
  auto code = [](const std::vector<uint8_t>& m) {
    testing::ModelRunner r(m);
    return r.Init(SplitVResolver()).code();
  };
  // Sizes disagree with the outputs, do not add up, or have two -1s.
  EXPECT_EQ(code(SplitVModel(D::kInt8, {6}, {2, 4}, 0, {{3}, {3}})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(SplitVModel(D::kInt8, {6}, {2, 2}, 0, {{2}, {2}})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(SplitVModel(D::kInt8, {6}, {-1, -1}, 0, {{3}, {3}})), StatusCode::kInvalidModel);
  EXPECT_EQ(code(SplitVModel(D::kInt8, {6}, {-2, 8}, 0, {{3}, {3}})), StatusCode::kInvalidModel);
  // Axis out of range; an output's other dimension differs.
  EXPECT_EQ(code(SplitVModel(D::kInt8, {2, 6}, {3, 3}, 2, {{2, 3}, {2, 3}})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(code(SplitVModel(D::kInt8, {2, 6}, {3, 3}, 1, {{2, 3}, {1, 3}})),
            StatusCode::kInvalidModel);
  // size_splits count differs from the outputs.
  EXPECT_EQ(code(SplitVModel(D::kInt8, {6}, {2, 2, 2}, 0, {{3}, {3}})), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
