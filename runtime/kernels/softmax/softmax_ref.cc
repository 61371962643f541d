// Reference SOFTMAX arithmetic (see softmax.h).
#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/common/quantization.h"
#include "kernels/softmax/fixed_point_math.h"
#include "kernels/softmax/softmax.h"

namespace mote {

void SoftmaxF32(const SoftmaxParams& params, const float* input, float* output) {
  const int depth = params.depth;
  for (int i = 0; i < params.outer_size; ++i) {
    const float* in = input + static_cast<size_t>(i) * depth;
    float* out = output + static_cast<size_t>(i) * depth;
    float max = std::numeric_limits<float>::lowest();
    for (int c = 0; c < depth; ++c) max = std::max(max, in[c]);
    float sum = 0.0f;
    for (int c = 0; c < depth; ++c) {
      const float e = std::exp((in[c] - max) * params.beta);
      out[c] = e;
      sum += e;
    }
    for (int c = 0; c < depth; ++c) out[c] = out[c] / sum;
  }
}

namespace {

constexpr int kScaledDiffIntegerBits = 5;
constexpr int kAccumulationIntegerBits = 12;

// The input difference (<= 0) scaled to Q5.26.
inline int32_t ScaledDiff(const SoftmaxParams& params, int32_t diff) {
  return SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(diff, params.input_left_shift),
                                           params.input_multiplier);
}

template <typename OutT>
void SoftmaxInt8Impl(const SoftmaxParams& params, const int8_t* input, OutT* output) {
  constexpr int32_t kOutMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kOutMax = std::numeric_limits<OutT>::max();
  constexpr int kOutBits = static_cast<int>(sizeof(OutT) * 8);
  const int depth = params.depth;
  for (int i = 0; i < params.outer_size; ++i) {
    const int8_t* in = input + static_cast<size_t>(i) * depth;
    OutT* out = output + static_cast<size_t>(i) * depth;
    int8_t max_in_row = std::numeric_limits<int8_t>::min();
    for (int c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, in[c]);

    int32_t sum_of_exps = 0;  // Q12.19
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (diff >= params.diff_min) {
        const int32_t e = fixedpoint::ExpOnNegativeValues(ScaledDiff(params, diff),
                                                          kScaledDiffIntegerBits);
        sum_of_exps = fixedpoint::Add(
            sum_of_exps, fixedpoint::Rescale(e, 0, kAccumulationIntegerBits));
      }
    }

    int num_bits_over_unit = 0;
    const int32_t shifted_scale =
        fixedpoint::GetReciprocal(sum_of_exps, kAccumulationIntegerBits, &num_bits_over_unit);
    const int exponent = num_bits_over_unit + 31 - kOutBits;
    // TFLite aborts when the exponent leaves [0, 31] (a row sum >= 512 for
    // int8 output, i.e. every output below half a step): write the minimum.
    const bool representable = exponent >= 0 && exponent <= 31;

    for (int c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - max_in_row;
      if (representable && diff >= params.diff_min) {
        const int32_t e = fixedpoint::ExpOnNegativeValues(ScaledDiff(params, diff),
                                                          kScaledDiffIntegerBits);
        const int32_t unsat =
            RoundingDivideByPOT(fixedpoint::Mul(shifted_scale, e), exponent);
        const int32_t shifted = unsat + kOutMin;
        out[c] = static_cast<OutT>(std::max(std::min(shifted, kOutMax), kOutMin));
      } else {
        out[c] = static_cast<OutT>(kOutMin);
      }
    }
  }
}

}  // namespace

void SoftmaxS8(const SoftmaxParams& params, const int8_t* input, int8_t* output) {
  SoftmaxInt8Impl<int8_t>(params, input, output);
}

void SoftmaxS8S16(const SoftmaxParams& params, const int8_t* input, int16_t* output) {
  SoftmaxInt8Impl<int16_t>(params, input, output);
}

void SoftmaxGenerateLut(float (*func)(float), float input_min, float input_max, float output_min,
                        float output_max, int16_t* lut) {
  constexpr int kSteps = kSoftmaxLutSize - 1;
  const float step = (input_max - input_min) / kSteps;
  const float half_step = step / 2;
  const float scaling_inv = 65536.0f / (output_max - output_min);
  const float table_min = -32768.0f;
  const float table_max = 32767.0f;
  for (int i = 0; i < kSteps; ++i) {
    const float val = func(input_min + i * step);
    const float val_mid = func(input_min + i * step + half_step);
    const float val_next = func(input_min + (i + 1) * step);
    const float sample = std::round(val * scaling_inv);
    const float mid_interp = std::round((val_next * scaling_inv + std::round(val * scaling_inv)) / 2);
    const float mid_exact = std::round(val_mid * scaling_inv);
    const float bias = std::round((mid_interp - mid_exact) / 2);
    lut[i] = static_cast<int16_t>(std::min(std::max(sample - bias, table_min), table_max));
  }
  lut[kSteps] = static_cast<int16_t>(
      std::min(std::max(std::round(func(input_max) * scaling_inv), table_min), table_max));
}

int16_t SoftmaxLutLookup(int16_t value, const int16_t* lut) {
  const int index = 256 + (value >> 7);  // 0..511
  const int32_t offset = value & 0x7f;
  const int32_t base = lut[index];
  const int32_t slope = lut[index + 1] - lut[index];
  const int32_t delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

void SoftmaxS16(const SoftmaxParams& params, const int16_t* input, int16_t* output) {
  const int depth = params.depth;
  for (int i = 0; i < params.outer_size; ++i) {
    const int16_t* in = input + static_cast<size_t>(i) * depth;
    int16_t* out = output + static_cast<size_t>(i) * depth;
    int16_t max_in_row = std::numeric_limits<int16_t>::min();
    for (int c = 0; c < depth; ++c) max_in_row = std::max(max_in_row, in[c]);

    // exp(x - max) per element (Q0.15, cached in the output) and their sum (Q16.15).
    int32_t sum_of_exps = 0;
    for (int c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - max_in_row;
      // [-65535, 0] maps to [-10, 0]; recentred to [-32768, 32767] for the table.
      const int32_t scaled =
          MultiplyByQuantizedMultiplier(diff, params.input_multiplier, params.input_left_shift);
      const int32_t sym = std::min(std::max(scaled + 32767, int32_t{-32768}), int32_t{32767});
      out[c] = SoftmaxLutLookup(static_cast<int16_t>(sym), params.exp_lut);
      sum_of_exps += out[c];
    }

    // 1 / sum via the 1/(1+x) table on the sum normalized to [1, 2).
    const int headroom_plus_one = __builtin_clz(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) + (1 << 13)) >> 14);
    const int32_t sym_sum = shifted_sum - ((1 << 15) + (1 << 16));
    const int16_t sat_sum = static_cast<int16_t>(
        std::min(std::max(sym_sum, int32_t{-32768}), int32_t{32767}));
    const int32_t reciprocal = SoftmaxLutLookup(sat_sum, params.one_over_one_plus_x_lut);

    const int right_shift = 31 - headroom_plus_one;
    const int64_t round = int64_t{1} << (right_shift - 1);
    for (int c = 0; c < depth; ++c) {
      const int32_t result = static_cast<int32_t>(
          (static_cast<int64_t>(out[c]) * reciprocal + round) >> right_shift);
      out[c] = static_cast<int16_t>(std::min(std::max(result, int32_t{0}), int32_t{32767}));
    }
  }
}

}  // namespace mote
