// Reference TRANSPOSE_CONV loops. They visit input elements in TFLM's order
// (batch, y, x, channel) so every output element receives its contributions in
// the same order (float results match bit for bit). Integer accumulation wraps
// (two's complement) instead of overflowing, so no input can cause UB.
#include <algorithm>
#include <cstring>

#include "kernels/common/quantization.h"
#include "kernels/transpose_conv/transpose_conv.h"

namespace mote {
namespace {

// 64-bit accumulator requantization, identical to MultiplyByQuantizedMultiplier
// (int64 overload) but with a wrapping multiply. Prepare guarantees
// -31 <= shift <= 14.
inline int32_t RequantizeWide(int64_t x, int32_t multiplier, int shift) {
  const int32_t reduced = multiplier < 0x7FFF0000 ? ((multiplier + (1 << 15)) >> 16) : 0x7FFF;
  const int total_shift = 15 - shift;
  const uint64_t product = static_cast<uint64_t>(x) * static_cast<uint64_t>(int64_t{reduced}) +
                           (uint64_t{1} << (total_shift - 1));
  return static_cast<int32_t>(static_cast<int64_t>(product) >> total_shift);
}

inline size_t OutputIndex(const TransposeConvParams& p, int b, int y, int x) {
  return ((static_cast<size_t>(b) * p.output_height + y) * p.output_width + x) *
         static_cast<size_t>(p.output_depth);
}

// Calls add(out_index, filter_index, input_index) for every (input element,
// filter tap, output channel) that lands inside the output, in TFLM's order.
template <typename AddFn>
inline void Scatter(const TransposeConvParams& p, AddFn add) {
  size_t in_index = 0;
  for (int b = 0; b < p.batches; ++b) {
    for (int in_y = 0; in_y < p.input_height; ++in_y) {
      for (int in_x = 0; in_x < p.input_width; ++in_x) {
        const int out_y0 = in_y * p.stride_height - p.pad_height;
        const int out_x0 = in_x * p.stride_width - p.pad_width;
        for (int ic = 0; ic < p.input_depth; ++ic, ++in_index) {
          for (int fy = 0; fy < p.filter_height; ++fy) {
            const int out_y = out_y0 + fy;
            if (out_y < 0 || out_y >= p.output_height) continue;
            for (int fx = 0; fx < p.filter_width; ++fx) {
              const int out_x = out_x0 + fx;
              if (out_x < 0 || out_x >= p.output_width) continue;
              const size_t out_base = OutputIndex(p, b, out_y, out_x);
              const size_t tap = (static_cast<size_t>(fy) * p.filter_width + fx) *
                                     static_cast<size_t>(p.input_depth) +
                                 static_cast<size_t>(ic);
              const size_t filter_stride = static_cast<size_t>(p.filter_height) *
                                           p.filter_width * static_cast<size_t>(p.input_depth);
              for (int oc = 0; oc < p.output_depth; ++oc) {
                add(out_base + static_cast<size_t>(oc), tap + oc * filter_stride, in_index);
              }
            }
          }
        }
      }
    }
  }
}

inline size_t OutputElements(const TransposeConvParams& p) {
  return static_cast<size_t>(p.batches) * p.output_height * p.output_width *
         static_cast<size_t>(p.output_depth);
}

}  // namespace

void TransposeConvF32(const TransposeConvParams& p, const float* input, const float* filter,
                      const float* bias, float* output) {
  const size_t n = OutputElements(p);
  for (size_t i = 0; i < n; ++i) output[i] = 0.0f;
  Scatter(p, [&](size_t o, size_t f, size_t i) { output[o] += input[i] * filter[f]; });
  for (size_t i = 0; i < n; ++i) {
    float acc = output[i];
    if (bias != nullptr) acc += bias[i % static_cast<size_t>(p.output_depth)];
    output[i] = std::min(std::max(acc, p.float_activation_min), p.float_activation_max);
  }
}

void TransposeConvS8(const TransposeConvParams& p, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int32_t* accumulator, int8_t* output) {
  const size_t n = OutputElements(p);
  std::memset(accumulator, 0, n * sizeof(int32_t));
  Scatter(p, [&](size_t o, size_t f, size_t i) {
    const int32_t term = (int32_t{input[i]} + p.input_offset) * int32_t{filter[f]};
    accumulator[o] = static_cast<int32_t>(static_cast<uint32_t>(accumulator[o]) +
                                          static_cast<uint32_t>(term));
  });
  for (size_t i = 0; i < n; ++i) {
    const size_t oc = i % static_cast<size_t>(p.output_depth);
    int32_t acc = accumulator[i];
    if (bias != nullptr) {
      acc = static_cast<int32_t>(static_cast<uint32_t>(acc) + static_cast<uint32_t>(bias[oc]));
    }
    acc = MultiplyByQuantizedMultiplier(acc, p.output_multiplier[oc], p.output_shift[oc]);
    // Saturating add: the requantized value can be near the int32 limits.
    const int64_t shifted = int64_t{acc} + p.output_offset;
    const int64_t clamped =
        std::min<int64_t>(std::max<int64_t>(shifted, p.activation_min), p.activation_max);
    output[i] = static_cast<int8_t>(clamped);
  }
}

void TransposeConvS16(const TransposeConvParams& p, const int16_t* input, const int8_t* filter,
                      const int64_t* bias, int64_t* accumulator, int16_t* output) {
  const size_t n = OutputElements(p);
  std::memset(accumulator, 0, n * sizeof(int64_t));
  Scatter(p, [&](size_t o, size_t f, size_t i) {
    const int32_t term = int32_t{input[i]} * int32_t{filter[f]};
    accumulator[o] = static_cast<int64_t>(static_cast<uint64_t>(accumulator[o]) +
                                          static_cast<uint64_t>(int64_t{term}));
  });
  for (size_t i = 0; i < n; ++i) {
    const size_t oc = i % static_cast<size_t>(p.output_depth);
    int64_t acc = accumulator[i];
    if (bias != nullptr) {
      acc = static_cast<int64_t>(static_cast<uint64_t>(acc) + static_cast<uint64_t>(bias[oc]));
    }
    int32_t scaled = RequantizeWide(acc, p.output_multiplier[oc], p.output_shift[oc]);
    scaled = std::min(std::max(scaled, p.activation_min), p.activation_max);
    output[i] = static_cast<int16_t>(scaled);
  }
}

}  // namespace mote
