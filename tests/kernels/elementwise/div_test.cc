// DIV int8 and int32: hand-computed cases, division by zero (defined, never a
// trap), a sweep of int8 against the real quotient, and Prepare rejections.
#include <gtest/gtest.h>

#include <algorithm>
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
Operand S32(std::vector<int32_t> shape) { return {DataType::kInt32, shape, {}}; }

TEST(Div, Int8UnitScales) {
  // Scales 1, zero points 0: output = quotient rounded. Halves are not symmetric:
  // 1/2 is 2^31 - 1 (just below 1.0) in Q0.31 with shift 1, 7 << 28 times it rounds
  // to 7 * 2^28 - 1 and the halving multiply rounds that back up to exactly 3.5 * 2^28
  // -> 4, while for -7 both roundings go the other way: -3.5 + 2^-28 -> -3.
  auto m = BinaryModel(BuiltinOp::kDiv, S8({8}, 1.f, 0), S8({8}, 1.f, 0), S8({8}, 1.f, 0));
  EXPECT_EQ(RunOp<int8_t>(m, {6, 7, -7, 100, 127, -128, 0, 9}, {3, 2, 2, 7, -1, -1, 5, -4}),
            (std::vector<int8_t>{2, 4, -3, 14, -127, 127, 0, -2}));
}

TEST(Div, Int8ScalesAndZeroPoints) {
  // in1 0.5 zp 10, in2 0.25 zp -4, out 0.1 zp -20: multiplier 0.5 / (0.25 * 0.1) = 20.
  // (30 - 10) * 0.5 = 10 over (4 + 4) * 0.25 = 2 -> 5 -> 50 - 20 = 30;
  // (-10 - 10) * 0.5 = -10 over 2 -> -5 -> -70; 1 * 0.5 / (12 * 0.25) = 1/6 -> 1.67 -> -18;
  // 117 * 0.5 / (-124 * 0.25) = -1.887 -> -18.9 -> -39.
  auto m = BinaryModel(BuiltinOp::kDiv, S8({4}, 0.5f, 10), S8({4}, 0.25f, -4), S8({4}, 0.1f, -20));
  EXPECT_EQ(RunOp<int8_t>(m, {30, -10, 11, 127}, {4, 4, 8, -128}),
            (std::vector<int8_t>{30, -70, -18, -39}));
}

TEST(Div, Int8BroadcastAndRelu) {
  // Divisor per row; RELU clamps below the output zero point (-5).
  auto m = BinaryModel(BuiltinOp::kDiv, S8({2, 3}, 1.f, 0), S8({2, 1}, 1.f, 0), S8({2, 3}, 1.f, -5),
                       FusedActivation::kRelu);
  EXPECT_EQ(RunOp<int8_t>(m, {10, 20, -30, 9, -9, 0}, {5, 3}),
            (std::vector<int8_t>{-3, -1, -5, -2, -5, -5}));
}

TEST(Div, Int8DivisionByZeroSaturates) {
  // Input 2 equal to its zero point is a real 0: +x/0 -> activation max, -x/0 ->
  // activation min, 0/0 -> the output zero point.
  auto m = BinaryModel(BuiltinOp::kDiv, S8({3}, 1.f, 0), S8({3}, 1.f, 3), S8({3}, 1.f, 7));
  EXPECT_EQ(RunOp<int8_t>(m, {5, -5, 0}, {3, 3, 3}), (std::vector<int8_t>{127, -128, 7}));
  auto relu6 = BinaryModel(BuiltinOp::kDiv, S8({3}, 1.f, 0), S8({3}, 1.f, 3), S8({3}, 0.5f, 7),
                           FusedActivation::kRelu6);  // range [7, 7 + 12]
  EXPECT_EQ(RunOp<int8_t>(relu6, {5, -5, 0}, {3, 3, 3}), (std::vector<int8_t>{19, 7, 7}));
}

TEST(Div, Int8WithinOneLsbOfRealQuotient) {
  // Every (x, y) pair with y != zero point, against round(real quotient / scale).
  const float s1 = 0.05f, s2 = 0.02f, so = 0.2f;
  const int z1 = 3, z2 = -7, zo = 10;
  std::vector<int8_t> x, y;
  for (int a = -128; a < 128; ++a) {
    for (int b = -128; b < 128; ++b) {
      if (b == z2) continue;
      x.push_back(static_cast<int8_t>(a));
      y.push_back(static_cast<int8_t>(b));
    }
  }
  const int32_t n = static_cast<int32_t>(x.size());
  auto m = BinaryModel(BuiltinOp::kDiv, S8({n}, s1, z1), S8({n}, s2, z2), S8({n}, so, zo));
  const std::vector<int8_t> got = RunOp<int8_t>(m, x, y);
  ASSERT_EQ(got.size(), x.size());
  int worst = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const double q = (s1 * (x[i] - z1)) / (s2 * (y[i] - z2)) / so;
    const double want = std::min(127.0, std::max(-128.0, std::round(q) + zo));
    worst = std::max(worst, static_cast<int>(std::fabs(got[i] - want)));
  }
  EXPECT_LE(worst, 1);
}

TEST(Div, Int32Truncates) {
  auto m = BinaryModel(BuiltinOp::kDiv, S32({6}), S32({6}), S32({6}));
  EXPECT_EQ(RunOp<int32_t>(m, {7, -7, 7, -7, 1000000, 5}, {2, 2, -2, -2, 3, 9}),
            (std::vector<int32_t>{3, -3, -3, 3, 333333, 0}));
}

TEST(Div, Int32ByZeroAndOverflowNeverTrap) {
  // As Cortex-M SDIV: x / 0 = 0, INT32_MIN / -1 = INT32_MIN.
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  auto m = BinaryModel(BuiltinOp::kDiv, S32({4}), S32({4}), S32({4}));
  EXPECT_EQ(RunOp<int32_t>(m, {5, -5, kMin, kMin}, {0, 0, -1, 1}),
            (std::vector<int32_t>{0, 0, kMin, kMin}));
}

TEST(Div, Int32BroadcastAndActivations) {
  auto relu6 =
      BinaryModel(BuiltinOp::kDiv, S32({2, 2}), S32({1}), S32({2, 2}), FusedActivation::kRelu6);
  EXPECT_EQ(RunOp<int32_t>(relu6, {100, -100, 9, 0}, {3}), (std::vector<int32_t>{6, 0, 3, 0}));
  auto n1 = BinaryModel(BuiltinOp::kDiv, S32({3}), S32({3}), S32({3}), FusedActivation::kReluN1To1);
  EXPECT_EQ(RunOp<int32_t>(n1, {9, -9, 1}, {2, 2, 2}), (std::vector<int32_t>{1, -1, 0}));
}

TEST(Div, RejectsUnsupported) {
  auto s16 = [](float scale) { return Operand{DataType::kInt16, {2}, {{scale}, {0}}}; };
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, s16(1.f), s16(1.f), s16(1.f))),
            StatusCode::kUnsupported);
  Operand q32{DataType::kInt32, {2}, {{1.f}, {0}}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, q32, S32({2}), S32({2}))),
            StatusCode::kUnsupported);
  // Multiplier 1 / (1e-4 * 1e-3) = 1e7 >= 2^22.
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kDiv, S8({2}, 1.f, 0), S8({2}, 1e-4f, 0), S8({2}, 1e-3f, 0))),
      StatusCode::kUnsupported);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, S8({2}, 1.f, 0), S8({2}, 1.f, 0), S8({2}, 1.f, 0),
                                 FusedActivation::kSignBit)),
            StatusCode::kUnsupported);
  Operand per_channel{DataType::kInt8, {2}, {{1.f, 2.f}, {0, 0}, 0}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, per_channel, S8({2}, 1.f, 0), S8({2}, 1.f, 0))),
            StatusCode::kUnsupported);
  Operand no_quant{DataType::kInt8, {2}, {}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kDiv, no_quant, S8({2}, 1.f, 0), S8({2}, 1.f, 0))),
            StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
