// Fixed-point arithmetic shared by the int8/int16 kernels, with the exact
// rounding of TensorFlow Lite's reference kernels (gemmlowp semantics):
// real_value = scale * (q - zero_point); a real multiplier M is stored as a
// Q31 significand and a power-of-two exponent (QuantizeMultiplier).
#ifndef MOTE_KERNELS_COMMON_QUANTIZATION_H_
#define MOTE_KERNELS_COMMON_QUANTIZATION_H_

#include <cstdint>
#include <algorithm>
#include <limits>

#include "mote/model.h"
#include "mote/status.h"
#include "mote/types.h"

namespace mote {

// Splits `real_multiplier` into a Q31 significand and a shift (left if > 0)
// such that real ~= multiplier * 2^(shift - 31).
void QuantizeMultiplier(double real_multiplier, int32_t* multiplier, int* shift);

// (a * b * 2) >> 32 rounded to nearest, saturating the single overflow case.
inline int32_t SaturatingRoundingDoublingHighMul(int32_t a, int32_t b) {
  if (a == b && a == std::numeric_limits<int32_t>::min()) {
    return std::numeric_limits<int32_t>::max();
  }
  const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge = ab >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  return static_cast<int32_t>((ab + nudge) / (int64_t{1} << 31));
}

// x / 2^exponent rounded to nearest, ties away from zero. 0 <= exponent <= 31.
inline int32_t RoundingDivideByPOT(int32_t x, int exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x * 2^shift wrapping like the reference's int32 multiply (no UB).
inline int32_t ShiftLeftWrapping(int32_t x, int shift) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) << shift);
}

// x * multiplier * 2^(shift - 31) with TFLite's double rounding.
inline int32_t MultiplyByQuantizedMultiplier(int32_t x, int32_t multiplier, int shift) {
  const int left_shift = shift > 0 ? shift : 0;
  const int right_shift = shift > 0 ? 0 : -shift;
  return RoundingDivideByPOT(
      SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, left_shift), multiplier),
      right_shift);
}

// 64-bit accumulator variant (int16 activations with int64 bias): uses the top
// 16 bits of the multiplier, as TFLite's reference does. -31 <= shift < 8.
inline int32_t MultiplyByQuantizedMultiplier(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  const int64_t rounded =
      x * static_cast<int64_t>(reduced) + (static_cast<int64_t>(1) << (total_shift - 1));
  return static_cast<int32_t>(rounded >> total_shift);
}

// Range [min, max] of a quantized output after a fused activation.
struct ActivationRange {
  int32_t min;
  int32_t max;
};
struct FloatActivationRange {
  float min;
  float max;
};

// Fails for unsupported activations (TANH, SIGN_BIT) or unknown codes.
Result<ActivationRange> QuantizedActivationRange(FusedActivation activation, DataType type,
                                                 float output_scale, int32_t output_zero_point);
Result<FloatActivationRange> FloatActivationRangeFor(FusedActivation activation);

// Limits of a quantized type (int8: -128..127, int16: -32768..32767, uint8 0..255).
ActivationRange TypeRange(DataType type);

// Per-tensor scale/zero point of a tensor, or an error naming `what` if the
// tensor is not quantized (no scale or scale <= 0).
struct TensorQuant {
  float scale;
  int32_t zero_point;
};
Result<TensorQuant> PerTensorQuant(const TensorView& tensor, const char* what);

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_QUANTIZATION_H_
