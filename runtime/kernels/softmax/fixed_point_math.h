// Fixed-point transcendental functions on raw int32 values, with the exact
// arithmetic of gemmlowp's fixedpoint library (which TFLite's reference
// SOFTMAX, LOGISTIC and TANH use). A value with `integer_bits` m is stored
// as raw / 2^(31 - m). Header-only so other kernel folders (activations) can
// use it without a link dependency; a candidate for kernels/common/.
#ifndef MOTE_KERNELS_SOFTMAX_FIXED_POINT_MATH_H_
#define MOTE_KERNELS_SOFTMAX_FIXED_POINT_MATH_H_

#include <cstdint>
#include <limits>

#include "kernels/common/quantization.h"

namespace mote {
namespace fixedpoint {

constexpr int32_t kRawMax = std::numeric_limits<int32_t>::max();
constexpr int32_t kRawMin = std::numeric_limits<int32_t>::min();

// Wrapping add/subtract (gemmlowp's plain int32 + and -, without UB).
inline int32_t Add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t Sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}
inline int32_t Neg(int32_t a) { return Sub(0, a); }

// Product of Qm and Qn values is a Q(m+n) value.
inline int32_t Mul(int32_t a, int32_t b) { return SaturatingRoundingDoublingHighMul(a, b); }

// x * 2^exponent: saturating for exponent > 0, rounding to nearest for < 0.
inline int32_t SaturatingRoundingMulByPOT(int32_t x, int exponent) {
  if (exponent == 0) return x;
  if (exponent < 0) return RoundingDivideByPOT(x, -exponent);
  const int32_t threshold = static_cast<int32_t>((int64_t{1} << (31 - exponent)) - 1);
  if (x > threshold) return kRawMax;
  if (x < -threshold) return kRawMin;
  return ShiftLeftWrapping(x, exponent);
}

// Changes the number of integer bits from `src_bits` to `dst_bits`.
inline int32_t Rescale(int32_t x, int src_bits, int dst_bits) {
  return SaturatingRoundingMulByPOT(x, src_bits - dst_bits);
}

// (a + b) / 2 rounded half away from zero.
inline int32_t RoundingHalfSum(int32_t a, int32_t b) {
  const int64_t sum = static_cast<int64_t>(a) + static_cast<int64_t>(b);
  const int64_t sign = sum >= 0 ? 1 : -1;
  return static_cast<int32_t>((sum + sign) / 2);
}

// exp(a) for a Q0 value a in [-1/4, 0): Taylor expansion around -1/8.
inline int32_t ExpOnIntervalNegQuarterTo0(int32_t a) {
  constexpr int32_t kExpMinusOneEighth = 1895147668;  // exp(-1/8), Q0
  constexpr int32_t kOneThird = 715827883;             // 1/3, Q0
  const int32_t x = Add(a, int32_t{1} << 28);          // a + 1/8
  const int32_t x2 = Mul(x, x);
  const int32_t x3 = Mul(x2, x);
  const int32_t x4 = Mul(x2, x2);
  const int32_t x4_over_4 = SaturatingRoundingMulByPOT(x4, -2);
  const int32_t poly =
      SaturatingRoundingMulByPOT(Add(Mul(Add(x4_over_4, x3), kOneThird), x2), -1);
  return Add(kExpMinusOneEighth, Mul(kExpMinusOneEighth, Add(x, poly)));
}

// exp(a) as a Q0 value for a <= 0 given with `integer_bits` integer bits.
inline int32_t ExpOnNegativeValues(int32_t a, int integer_bits) {
  const int frac_bits = 31 - integer_bits;
  const int32_t one_quarter = int32_t{1} << (frac_bits - 2);
  const int32_t a_mod_quarter_minus_quarter = Sub(a & (one_quarter - 1), one_quarter);
  int32_t result = ExpOnIntervalNegQuarterTo0(Rescale(a_mod_quarter_minus_quarter, integer_bits, 0));
  const int32_t remainder = Sub(a_mod_quarter_minus_quarter, a);
  // exp(-2^k) for k = -2..4, as Q0 values.
  struct Step {
    int exponent;
    int32_t multiplier;
  };
  constexpr Step kSteps[] = {{-2, 1672461947}, {-1, 1302514674}, {0, 790015084},
                             {1, 290630308},   {2, 39332535},    {3, 720401},
                             {4, 242}};
  for (const Step& step : kSteps) {
    if (integer_bits > step.exponent) {
      const int shift = frac_bits + step.exponent;
      if ((remainder & (int32_t{1} << shift)) != 0) result = Mul(result, step.multiplier);
    }
  }
  if (integer_bits > 5) {
    const int32_t clamp = -(int32_t{1} << (36 - integer_bits));  // -32.0
    if (a < clamp) result = 0;
  }
  if (a == 0) result = kRawMax;  // exp(0) = 1 (the largest Q0 value)
  return result;
}

// Newton-Raphson reciprocal core shared by 1/(1+x) and (1-x)/(1+x), x in [0, 1).
// Returns 1/(1+x) as a Q2 value.
inline int32_t ReciprocalOfOnePlusXQ2(int32_t a) {
  constexpr int32_t k48Over17 = 1515870810;       // Q2
  constexpr int32_t kNeg32Over17 = -1010580540;   // Q2
  constexpr int32_t kOneQ2 = int32_t{1} << 29;
  const int32_t half_denominator = RoundingHalfSum(a, kRawMax);
  int32_t x = Add(k48Over17, Mul(half_denominator, kNeg32Over17));
  for (int i = 0; i < 3; ++i) {
    const int32_t half_denominator_times_x = Mul(half_denominator, x);
    const int32_t one_minus = Sub(kOneQ2, half_denominator_times_x);
    x = Add(x, Rescale(Mul(x, one_minus), 4, 2));
  }
  return x;  // 2 / (1 + a) really: see callers
}

// 1 / (1 + a) for a Q0 value a in [0, 1); Q0 result.
inline int32_t OneOverOnePlusX(int32_t a) {
  // x holds 1/half_denominator in Q2; halving it (exactly, as Q1) and
  // rescaling to Q0 gives 1/(1+a).
  return Rescale(ReciprocalOfOnePlusXQ2(a), 1, 0);
}

// (1 - a) / (1 + a) for a Q0 value a in [0, 1); Q0 result.
inline int32_t OneMinusXOverOnePlusX(int32_t a) {
  constexpr int32_t kOneQ2 = int32_t{1} << 29;
  return Rescale(Sub(ReciprocalOfOnePlusXQ2(a), kOneQ2), 2, 0);
}

// logistic(a) = 1 / (1 + exp(-a)) as Q0, for a > 0 with `integer_bits`.
inline int32_t LogisticOnPositiveValues(int32_t a, int integer_bits) {
  return OneOverOnePlusX(ExpOnNegativeValues(Neg(a), integer_bits));
}

// logistic(a) for any a (Q0 result).
inline int32_t Logistic(int32_t a, int integer_bits) {
  const int32_t abs_a = a < 0 ? Neg(a) : a;
  const int32_t result_if_positive = LogisticOnPositiveValues(abs_a, integer_bits);
  const int32_t result_if_negative = Sub(kRawMax, result_if_positive);
  if (a == 0) return int32_t{1} << 30;  // one half
  return a > 0 ? result_if_positive : result_if_negative;
}

// tanh(a) for any a (Q0 result).
inline int32_t Tanh(int32_t a, int integer_bits) {
  const int32_t n = a < 0 ? a : Neg(a);
  // -tanh(n) for n < 0: (1 - exp(2n)) / (1 + exp(2n)); 2n has one more integer bit.
  const int32_t t = OneMinusXOverOnePlusX(ExpOnNegativeValues(n, integer_bits + 1));
  if (a == 0) return 0;
  return a < 0 ? Neg(t) : t;
}

// Reciprocal of a positive Q`integer_bits` value x: returns 1/x scaled into
// [0.5, 1) as Q0 and the number of bits x has above 1.0.
inline int32_t GetReciprocal(int32_t x, int integer_bits, int* num_bits_over_unit) {
  const uint32_t ux = static_cast<uint32_t>(x);
  const int headroom_plus_one = ux == 0 ? 32 : __builtin_clz(ux);
  *num_bits_over_unit = integer_bits - headroom_plus_one;
  const uint32_t shifted = headroom_plus_one >= 32 ? 0u : (ux << headroom_plus_one);
  const int32_t shifted_minus_one = static_cast<int32_t>(shifted - (uint32_t{1} << 31));
  return OneOverOnePlusX(shifted_minus_one);
}

}  // namespace fixedpoint
}  // namespace mote

#endif  // MOTE_KERNELS_SOFTMAX_FIXED_POINT_MATH_H_
