// 16-bit fixed-point primitives of TFLite's quantized HARD_SWISH, with the
// exact rounding and wrap-around of gemmlowp's int16 scalar operations (every
// intermediate is an int16_t; narrowing conversions wrap modulo 2^16).
#ifndef MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_FIXEDPOINT_H_
#define MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_FIXEDPOINT_H_

#include <cstdint>
#include <limits>

namespace mote {
namespace activations {

constexpr int16_t kS16Min = std::numeric_limits<int16_t>::min();
constexpr int16_t kS16Max = std::numeric_limits<int16_t>::max();

// Narrows to int16 modulo 2^16 (what GCC does for an out-of-range conversion).
inline int16_t WrapS16(int32_t v) {
  return static_cast<int16_t>(static_cast<uint16_t>(static_cast<uint32_t>(v) & 0xFFFFu));
}

// (a * b * 2) >> 16 rounded to nearest; -32768 * -32768 saturates to 32767.
inline int16_t SaturatingRoundingDoublingHighMulS16(int16_t a, int16_t b) {
  if (a == kS16Min && b == kS16Min) return kS16Max;
  const int32_t ab = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = ab >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((ab + nudge) / (1 << 15));  // |.| <= 32767: exact
}

// (a * b * 2) >> 16 truncated toward zero (no rounding nudge).
inline int16_t SaturatingDoublingHighMulS16(int16_t a, int16_t b) {
  if (a == kS16Min && b == kS16Min) return kS16Max;
  return static_cast<int16_t>((static_cast<int32_t>(a) * static_cast<int32_t>(b)) / (1 << 15));
}

// x * 2^amount clamped to int16 (0 <= amount <= 30).
inline int16_t SaturatingLeftShiftS16(int16_t x, int amount) {
  const int64_t v = static_cast<int64_t>(x) * (int64_t{1} << amount);
  if (v > kS16Max) return kS16Max;
  if (v < kS16Min) return kS16Min;
  return static_cast<int16_t>(v);
}

// x / 2^exponent rounded to nearest (ties away from zero), 0 <= exponent <= 31,
// computed like gemmlowp's int16 version: the mask 2^exponent - 1 is narrowed to
// int16, so for exponent >= 16 it is -1 and the result is (x >> exponent) + (x >= 0).
inline int16_t RoundingDivideByPOTS16(int16_t x, int exponent) {
  const int16_t mask = WrapS16(static_cast<int32_t>((int64_t{1} << exponent) - 1));
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = WrapS16((mask >> 1) + (x < 0 ? 1 : 0));
  return WrapS16((x >> exponent) + (remainder > threshold ? 1 : 0));
}

}  // namespace activations
}  // namespace mote

#endif  // MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_FIXEDPOINT_H_
