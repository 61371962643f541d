#include <gtest/gtest.h>

#include <vector>

#include "kernels/reduce/reduce.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::QuantParams;

OpResolverN<4> Resolver() {
  OpResolverN<4> r;
  for (const OpKernel* k : ops::reduce_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

std::vector<uint8_t> MeanModel(DataType type, const std::vector<int32_t>& in_shape,
                               const std::vector<int32_t>& axes,
                               const std::vector<int32_t>& out_shape, bool keep,
                               const QuantParams& qi = {}, const QuantParams& qo = {}) {
  ModelBuilder b;
  int in = b.AddTensor(type, in_shape, qi);
  int ax = b.AddConstTensor<int32_t>(DataType::kInt32, {static_cast<int>(axes.size())}, axes);
  int out = b.AddTensor(type, out_shape, qo);
  b.AddOperator(BuiltinOp::kMean, {in, ax}, {out}, host::Options(27).Bool(0, keep));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

TEST(Mean, Float32KeepDimsAxes12) {
  testing::ModelRunner r(MeanModel(DataType::kFloat32, {1, 2, 2, 2}, {1, 2}, {1, 1, 1, 2}, true));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1, 10, 2, 20, 3, 30, 4, 41});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{2.5f, 25.25f}));
}

TEST(Mean, Float32NegativeAxisNoKeepDims) {
  testing::ModelRunner r(MeanModel(DataType::kFloat32, {2, 3}, {-1}, {2}, false));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 9});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{2, 6}));
}

TEST(Mean, Int8SameQuantizationRoundsCentredSum) {
  // TFLM's QuantizedMeanOrSum: zero point + round((sum - count * zero point) / count)
  // in fixed point, also when input and output share scale and zero point.
  const QuantParams q{{0.5f}, {3}};
  testing::ModelRunner r(MeanModel(DataType::kInt8, {2, 3}, {1}, {2}, false, q, q));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int8_t>(0, {1, 2, 2, -1, -2, -2});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  // Ratio 1: multiplier 2^30, shift 1; count 3 folds in as 2^31 / 3 = 715827882, shift 0.
  // Centred sums -4 and -14: -4 * 715827882 / 2^31 -> -1, -14 * ... -> -5; plus 3.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, -2}));
}

// mobilenet_v2 (PyTorch export)'s global average pool: MEAN over axes 1, 2 of a
// 7x7 map with one scale and zero point. The mean of raw values truncated
// (TFLM's older same-quantization path) gives -8 and -9 here; TFLM rounds the
// centred mean instead.
TEST(Mean, Int8GlobalAveragePoolRoundsCentredMean) {
  const QuantParams q{{0.0705479f}, {-9}};
  testing::ModelRunner r(
      MeanModel(DataType::kInt8, {1, 7, 7, 2}, {1, 2}, {1, 1, 1, 2}, true, q, q));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  std::vector<int8_t> in(98, -9);
  in[0] = 6;    // channel 0: centred sum 15 (mean 0.31)
  in[1] = -39;  // channel 1: centred sum -30 (mean -0.61)
  r.SetInput<int8_t>(0, in);
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  // count 49: multiplier 2^35 / 49 = 701219150, shift 1 - 5 = -4.
  // 15: SRDHM -> 5, / 16 -> 0; -30: SRDHM -> -10, / 16 -> -1 (ties away from zero only).
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-9, -10}));
}

TEST(Mean, Int8RequantizesAndSaturates) {
  // scale 1 -> 0.5 (x2), zero points 2 -> -1: out = round((mean - 2) * 2) - 1
  // (multiplier 2^30, shift 2; count 2 folds in as 2^30, shift 1).
  testing::ModelRunner r(
      MeanModel(DataType::kInt8, {2, 2}, {1}, {2}, false, {{1.f}, {2}}, {{0.5f}, {-1}}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int8_t>(0, {3, 4, 127, 120});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  // mean 3.5 -> round(3) - 1 = 2; mean 123.5 -> 243 - 1 = 242 -> 127.
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{2, 127}));
}

TEST(Mean, RejectsBadAxisAndShape) {
  testing::ModelRunner a(MeanModel(DataType::kFloat32, {2, 3}, {2}, {2}, false));
  EXPECT_EQ(a.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner b(MeanModel(DataType::kFloat32, {2, 3}, {1}, {2, 1}, false));
  EXPECT_EQ(b.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

std::vector<uint8_t> ArgMaxModel(DataType in_type, DataType out_type,
                                 const std::vector<int32_t>& in_shape, int axis,
                                 const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  int in = b.AddTensor(in_type, in_shape, {{1.f}, {0}});
  int ax = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, {axis});
  int out = b.AddTensor(out_type, out_shape);
  b.AddOperator(BuiltinOp::kArgMax, {in, ax}, {out},
                host::Options(40).Int8(0, static_cast<int8_t>(out_type)));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

TEST(ArgMax, Int8Axis1FirstMaxWins) {
  testing::ModelRunner r(ArgMaxModel(DataType::kInt8, DataType::kInt32, {2, 3}, 1, {2}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int8_t>(0, {1, 5, 5, -3, -4, -1});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{1, 2}));
}

TEST(ArgMax, FloatAxis0Int64Output) {
  testing::ModelRunner r(ArgMaxModel(DataType::kFloat32, DataType::kInt64, {2, 2}, -2, {2}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1.f, 7.f, 2.f, 3.f});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), (std::vector<int64_t>{1, 0}));
}

TEST(ArgMax, RejectsBadAxisShapeAndOutputType) {
  testing::ModelRunner a(ArgMaxModel(DataType::kInt8, DataType::kInt32, {2, 3}, 2, {2}));
  EXPECT_EQ(a.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner b(ArgMaxModel(DataType::kInt8, DataType::kInt32, {2, 3}, 1, {3}));
  EXPECT_EQ(b.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner c(ArgMaxModel(DataType::kInt8, DataType::kInt8, {2, 3}, 1, {2}));
  EXPECT_EQ(c.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
