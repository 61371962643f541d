// Quantized HARD_SWISH: x * relu6(x + 3) / 6 in 16-bit fixed point, bit-exact
// with TFLite's reference (see activations.h for the parameters).
#include <algorithm>

#include "kernels/activations/activations.h"
#include "kernels/activations/activations_fixedpoint.h"

namespace mote {

namespace {

// Brings x (on the input scale / 128) to the scale where 3.0 is 32768, i.e.
// into [-1, 1] as Q0.15, saturating: the "relu-ish" gate before its shift to [0, 1].
int16_t ReluishOnUnitScale(const HardSwishParams& p, int16_t x) {
  using namespace activations;  // NOLINT
  int16_t v = x;
  // A left shift is split around the multiply so that any saturation happens in
  // the last one-bit shift (and saturation before it cannot change the result).
  if (p.reluish_exponent > 0) v = SaturatingLeftShiftS16(v, p.reluish_exponent - 1);
  v = SaturatingRoundingDoublingHighMulS16(v, p.reluish_multiplier);
  if (p.reluish_exponent > 0) v = SaturatingLeftShiftS16(v, 1);
  if (p.reluish_exponent < 0) v = RoundingDivideByPOTS16(v, -p.reluish_exponent);
  return v;
}

}  // namespace

void HardSwishS8(const HardSwishParams& p, const int8_t* in, int8_t* out) {
  using namespace activations;  // NOLINT
  for (uint32_t i = 0; i < p.size; ++i) {
    // |in - zero_point| <= 255, so x * 128 still fits in int16.
    const int16_t x = WrapS16(static_cast<int32_t>(in[i]) - p.input_zero_point);
    const int16_t x_hires = WrapS16(x * 128);
    // x on the output scale, before the final right shift.
    const int16_t x_preshift = SaturatingRoundingDoublingHighMulS16(x_hires, p.output_multiplier);
    // relu6(x + 3) / 6 in [0, 1] as Q0.15: (gate + 1) / 2.
    const int16_t gate =
        WrapS16((static_cast<int32_t>(ReluishOnUnitScale(p, x_hires)) + 32768) >> 1);
    const int16_t product = SaturatingDoublingHighMulS16(gate, x_preshift);
    const int16_t shifted = RoundingDivideByPOTS16(product, -p.output_exponent);
    const int32_t v = WrapS16(shifted + p.output_zero_point);
    out[i] = static_cast<int8_t>(std::min<int32_t>(127, std::max<int32_t>(-128, v)));
  }
}

}  // namespace mote
