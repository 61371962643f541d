#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_test_util.h"

namespace mote {
namespace {

using namespace elementwise_test;  // NOLINT

Operand S8(std::vector<int32_t> shape, float scale, int64_t zp) {
  return {DataType::kInt8, shape, {{scale}, {zp}}};
}
Operand S16(std::vector<int32_t> shape, float scale, int64_t zp = 0) {
  return {DataType::kInt16, shape, {{scale}, {zp}}};
}
Operand F32(std::vector<int32_t> shape) { return {DataType::kFloat32, shape, {}}; }
Operand S32(std::vector<int32_t> shape) { return {DataType::kInt32, shape, {}}; }

TEST(Mul, Int8WithZeroPoints) {
  // 0.5 * (q1 - 1) * 0.25 * q2 / 0.125 = (q1 - 1) * q2.
  auto m = BinaryModel(BuiltinOp::kMul, S8({3}, 0.5f, 1), S8({3}, 0.25f, 0), S8({3}, 0.125f, 0));
  EXPECT_EQ(RunOp<int8_t>(m, {3, -1, 127}, {5, 7, 127}), (std::vector<int8_t>{10, -14, 127}));
}

TEST(Mul, Int8TiesRoundUpward) {
  // Multiplier 0.5: the doubling high multiply rounds 1.5 -> 2 and -1.5 -> -1.
  auto m = BinaryModel(BuiltinOp::kMul, S8({2}, 0.5f, 1), S8({2}, 0.25f, 0), S8({2}, 0.25f, 0));
  EXPECT_EQ(RunOp<int8_t>(m, {2, 0}, {3, 3}), (std::vector<int8_t>{2, -1}));
}

TEST(Mul, Int8ReluAndBroadcast) {
  // Output zero point -5: RELU clamps below at -5. Input 2 is one value per row.
  auto m = BinaryModel(BuiltinOp::kMul, S8({2, 3}, 1.f, 0), S8({2, 1}, 1.f, 0), S8({2, 3}, 1.f, -5),
                       FusedActivation::kRelu);
  EXPECT_EQ(RunOp<int8_t>(m, {1, 2, 3, 4, 5, 6}, {2, -1}),
            (std::vector<int8_t>{-3, -1, 1, -5, -5, -5}));
}

TEST(Mul, Int16) {
  // Scales 2^-8: 2.0 * -1.5 = -3.0 -> -768; large values saturate.
  const float s = 1.f / 256;
  auto m = BinaryModel(BuiltinOp::kMul, S16({3}, s), S16({3}, s), S16({3}, s));
  EXPECT_EQ(RunOp<int16_t>(m, {512, 32767, 1}, {-384, 32767, 128}),
            (std::vector<int16_t>{-768, 32767, 1}));
}

TEST(Mul, Float32ScalarAndSixDims) {
  auto scalar = BinaryModel(BuiltinOp::kMul, F32({}), F32({2, 2}), F32({2, 2}));
  EXPECT_EQ(RunOp<float>(scalar, {1.5f}, {1, 2, -3, 4}), (std::vector<float>{1.5f, 3, -4.5f, 6}));
  auto six = BinaryModel(BuiltinOp::kMul, F32({2, 1, 1, 1, 1, 1}), F32({1, 1, 1, 1, 1, 3}),
                         F32({2, 1, 1, 1, 1, 3}), FusedActivation::kReluN1To1);
  EXPECT_EQ(RunOp<float>(six, {0.5f, -2.f}, {1.f, -1.f, 0.25f}),
            (std::vector<float>{0.5f, -0.5f, 0.125f, -1.f, 1.f, -0.5f}));
}

TEST(Mul, Int32WrapsAndClamps) {
  auto m = BinaryModel(BuiltinOp::kMul, S32({3}), S32({3}), S32({3}));
  EXPECT_EQ(RunOp<int32_t>(m, {3, -4, 65536}, {5, 6, 65536}), (std::vector<int32_t>{15, -24, 0}));
  auto relu6 = BinaryModel(BuiltinOp::kMul, S32({3}), S32({3}), S32({3}), FusedActivation::kRelu6);
  EXPECT_EQ(RunOp<int32_t>(relu6, {3, -4, 2}, {5, 6, 2}), (std::vector<int32_t>{6, 0, 4}));
}

TEST(Mul, RejectsInt16ZeroPoint) {
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kMul, S16({2}, 0.5f, 1), S16({2}, 0.5f), S16({2}, 0.5f))),
      StatusCode::kUnsupported);
}

TEST(Mul, RejectsShapesAndTypes) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMul, F32({4}), F32({3}), F32({4}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMul, F32({4}), F32({4}), S32({4}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMul, S8({2}, 1.f, 0), S8({2}, 1.f, 0), S8({2}, 1.f, 0),
                                 FusedActivation::kSignBit)),
            StatusCode::kUnsupported);
  Operand i8_no_quant{DataType::kInt8, {2}, {}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMul, S8({2}, 1.f, 0), S8({2}, 1.f, 0), i8_no_quant)),
            StatusCode::kInvalidModel);
}

TEST(Div, Float32) {
  // Without activation TFLM still clamps to [-FLT_MAX, FLT_MAX], so -3 / 0 = -inf
  // becomes -FLT_MAX.
  const float max = std::numeric_limits<float>::max();
  auto m = BinaryModel(BuiltinOp::kDiv, F32({4}), F32({4}), F32({4}));
  EXPECT_EQ(RunOp<float>(m, {6, 1, -3, 7}, {2, 4, 0, -2}),
            (std::vector<float>{3, 0.25f, -max, -3.5f}));
}

TEST(Div, Float32BroadcastRelu6) {
  auto m =
      BinaryModel(BuiltinOp::kDiv, F32({2, 2}), F32({2}), F32({2, 2}), FusedActivation::kRelu6);
  EXPECT_EQ(RunOp<float>(m, {1, 30, -4, 3}, {2, 3}), (std::vector<float>{0.5f, 6, 0, 1}));
  auto lhs = BinaryModel(BuiltinOp::kDiv, F32({1}), F32({3}), F32({3}));
  EXPECT_EQ(RunOp<float>(lhs, {1}, {2, 4, 8}), (std::vector<float>{0.5f, 0.25f, 0.125f}));
}

TEST(Div, RejectsBadShapesAndActivations) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, F32({2, 3}), F32({3, 3}), F32({2, 3}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kDiv, F32({2}), F32({2}), F32({2}), FusedActivation::kTanh)),
      StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
