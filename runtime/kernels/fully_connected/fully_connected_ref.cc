// Reference arithmetic of FULLY_CONNECTED (see fully_connected.h).
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/fully_connected/fully_connected.h"

namespace mote {
namespace {

// int32 accumulation that wraps on overflow like the reference's (without UB).
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// Per-channel weights are symmetric: their zero point is not applied.
int32_t FilterOffset(const FullyConnectedParams& p) {
  return p.channel_multiplier != nullptr ? 0 : p.filter_offset;
}

// Output of unit u from its sum of products (+ bias, requantized, clamped).
int8_t FinishUnitS8(const FullyConnectedParams& p, int32_t acc, const int32_t* bias, int32_t u) {
  if (bias != nullptr) acc = WrappingAdd(acc, bias[u]);
  const bool per_channel = p.channel_multiplier != nullptr;
  const int32_t multiplier = per_channel ? p.channel_multiplier[u] : p.multiplier;
  const int shift = static_cast<int>(per_channel ? p.channel_shift[u] : p.shift);
  // Wraps like the reference's int32 add (no signed-overflow UB).
  acc = WrappingAdd(MultiplyByQuantizedMultiplier(acc, multiplier, shift), p.output_offset);
  acc = std::min(std::max(acc, p.act_min), p.act_max);
  return static_cast<int8_t>(acc);
}

}  // namespace

void FullyConnectedF32(const FullyConnectedParams& p, const float* input, const float* weights,
                       const float* bias, float* output) {
  const int32_t depth = p.accum_depth;
  const int32_t units = p.output_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in = input + static_cast<size_t>(b) * depth;
    float* out = output + static_cast<size_t>(b) * units;
    for (int32_t u = 0; u < units; ++u) {
      const float* w = weights + static_cast<size_t>(u) * depth;
      float total = 0.0f;
      for (int32_t d = 0; d < depth; ++d) total += in[d] * w[d];
      const float bias_value = bias != nullptr ? bias[u] : 0.0f;
      out[u] = std::min(std::max(total + bias_value, p.float_min), p.float_max);
    }
  }
}

void FullyConnectedS8(const FullyConnectedParams& p, const int8_t* input, const int8_t* weights,
                      const int32_t* bias, int8_t* output) {
  const int32_t depth = p.accum_depth;
  const int32_t units = p.output_depth;
  const int32_t filter_offset = FilterOffset(p);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + static_cast<size_t>(b) * depth;
    int8_t* out = output + static_cast<size_t>(b) * units;
    for (int32_t u = 0; u < units; ++u) {
      const int8_t* w = weights + static_cast<size_t>(u) * depth;
      int32_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc = WrappingAdd(acc, (int32_t{w[d]} + filter_offset) * (int32_t{in[d]} + p.input_offset));
      }
      out[u] = FinishUnitS8(p, acc, bias, u);
    }
  }
}

void FullyConnectedS8Accumulate(const FullyConnectedParams& p, const int8_t* weights,
                                const int8_t* slice, size_t first, size_t count, int32_t* acc) {
  const int32_t filter_offset = FilterOffset(p);
  const size_t depth = static_cast<size_t>(p.accum_depth);
  for (int32_t u = 0; u < p.output_depth; ++u) {
    const int8_t* w = weights + static_cast<size_t>(u) * depth + first;
    uint32_t sum = static_cast<uint32_t>(acc[u]);
    for (size_t i = 0; i < count; ++i) {
      sum += static_cast<uint32_t>((int32_t{w[i]} + filter_offset) *
                                   (int32_t{slice[i]} + p.input_offset));
    }
    acc[u] = static_cast<int32_t>(sum);
  }
}

void FullyConnectedS8Finish(const FullyConnectedParams& p, const int32_t* bias, const int32_t* acc,
                            int8_t* output) {
  for (int32_t u = 0; u < p.output_depth; ++u) output[u] = FinishUnitS8(p, acc[u], bias, u);
}

void FullyConnectedS16(const FullyConnectedParams& p, const int16_t* input, const int8_t* weights,
                       const int64_t* bias, int16_t* output) {
  const int32_t depth = p.accum_depth;
  const int32_t units = p.output_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int16_t* in = input + static_cast<size_t>(b) * depth;
    int16_t* out = output + static_cast<size_t>(b) * units;
    for (int32_t u = 0; u < units; ++u) {
      const int8_t* w = weights + static_cast<size_t>(u) * depth;
      // Prepare bounds |acc| below 2^47, so nothing here overflows.
      int64_t acc = 0;
      for (int32_t d = 0; d < depth; ++d) {
        acc += (int32_t{w[d]} + p.filter_offset) * int32_t{in[d]};
      }
      if (bias != nullptr) acc += bias[u];
      int32_t scaled = MultiplyByQuantizedMultiplier(acc, p.multiplier, static_cast<int>(p.shift));
      scaled = std::min(std::max(scaled, p.act_min), p.act_max);
      out[u] = static_cast<int16_t>(scaled);
    }
  }
}

}  // namespace mote
