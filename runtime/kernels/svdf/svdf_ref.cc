// Reference arithmetic of SVDF (see svdf.h).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#include "kernels/common/quantization.h"
#include "kernels/svdf/svdf.h"

namespace mote {
namespace {

// int32 accumulation that wraps on overflow like the reference's (without UB).
inline int32_t WrappingAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}

// Drops the oldest step of every filter's memory: the whole state moves one
// element towards the front (the last element keeps its old value and is
// overwritten by the new feature column).
template <typename T>
void ShiftState(const SvdfParams& p, T* state) {
  const size_t n = static_cast<size_t>(p.batches) * static_cast<size_t>(p.num_filters) *
                   static_cast<size_t>(p.memory_size);
  if (n > 1) std::memmove(state, state + 1, (n - 1) * sizeof(T));
}

// TFLM's activation for float SVDF, with its comparison order.
float Activate(FusedActivation activation, float x) {
  switch (activation) {
    case FusedActivation::kRelu: return 0.0f > x ? 0.0f : x;
    case FusedActivation::kReluN1To1: {
      const float m = x < 1.0f ? x : 1.0f;
      return -1.0f > m ? -1.0f : m;
    }
    case FusedActivation::kRelu6: {
      const float m = x < 6.0f ? x : 6.0f;
      return 0.0f > m ? 0.0f : m;
    }
    case FusedActivation::kTanh: return std::tanh(x);
    case FusedActivation::kSignBit: return std::signbit(x) ? 1.0f : 0.0f;
    default: return x;
  }
}

template <typename T>
void SvdfInteger(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                 const T* weights_time, const int32_t* bias, T* state, int32_t* scratch,
                 int32_t* scratch_output, int8_t* output) {
  const int32_t filters = p.num_filters;
  const int32_t memory = p.memory_size;
  const size_t batch_state = static_cast<size_t>(filters) * static_cast<size_t>(memory);
  ShiftState(p, state);

  // Feature matmul into the newest column of each filter's memory.
  const int32_t state_min = std::numeric_limits<T>::min();
  const int32_t state_max = std::numeric_limits<T>::max();
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = input + static_cast<size_t>(b) * static_cast<size_t>(p.input_size);
    T* column = state + b * batch_state + static_cast<size_t>(memory - 1);
    const int8_t* w = weights_feature;
    for (int32_t f = 0; f < filters; ++f) {
      int32_t dot = 0;
      for (int32_t c = 0; c < p.input_size; ++c) {
        dot = WrappingAdd(dot, int32_t{*w++} * (int32_t{in[c]} - p.input_zero_point));
      }
      dot = MultiplyByQuantizedMultiplier(dot, p.feature_multiplier, p.feature_shift);
      // As TFLM (up to its fix of issue #2721): saturate, then add the state's
      // zero point; for int8 states with a zero point != 0 the sum can wrap
      // when narrowed (int16 states have zero point 0, enforced by Prepare).
      dot = std::min(std::max(dot, state_min), state_max);
      dot = WrappingAdd(dot, p.state_zero_point);
      column[static_cast<size_t>(f) * static_cast<size_t>(memory)] =
          static_cast<T>(static_cast<uint32_t>(dot));
    }
  }

  // Time: each filter's memory dotted with its weights_time row.
  for (int32_t b = 0; b < p.batches; ++b) {
    int32_t* out = scratch + static_cast<size_t>(b) * static_cast<size_t>(filters);
    const T* wt = weights_time;
    const T* s = state + b * batch_state;
    for (int32_t f = 0; f < filters; ++f) {
      int32_t acc = 0;
      for (int32_t j = 0; j < memory; ++j) {
        acc = WrappingAdd(acc, int32_t{*wt++} * (int32_t{*s++} - p.state_zero_point));
      }
      out[f] = acc;
    }
  }

  // Bias, reduction over rank, requantization.
  const int32_t units = p.num_units;
  for (int32_t b = 0; b < p.batches; ++b) {
    int32_t* acc = scratch_output + static_cast<size_t>(b) * static_cast<size_t>(units);
    const int32_t* filter_out = scratch + static_cast<size_t>(b) * static_cast<size_t>(filters);
    for (int32_t u = 0; u < units; ++u) {
      int32_t sum = bias != nullptr ? bias[u] : 0;
      for (int32_t r = 0; r < p.rank; ++r) sum = WrappingAdd(sum, *filter_out++);
      acc[u] = sum;
    }
  }
  const size_t n = static_cast<size_t>(p.batches) * static_cast<size_t>(units);
  for (size_t i = 0; i < n; ++i) {
    int32_t x = MultiplyByQuantizedMultiplier(scratch_output[i], p.output_multiplier,
                                              p.output_shift);
    x = std::min(std::max(WrappingAdd(x, p.output_zero_point), int32_t{-128}), int32_t{127});
    output[i] = static_cast<int8_t>(x);
  }
}

}  // namespace

void SvdfF32(const SvdfParams& p, const float* input, const float* weights_feature,
             const float* weights_time, const float* bias, float* state, float* scratch,
             float* output) {
  const int32_t filters = p.num_filters;
  const int32_t memory = p.memory_size;
  const size_t batch_state = static_cast<size_t>(filters) * static_cast<size_t>(memory);
  ShiftState(p, state);

  for (int32_t b = 0; b < p.batches; ++b) {
    const float* in = input + static_cast<size_t>(b) * static_cast<size_t>(p.input_size);
    float* column = state + b * batch_state + static_cast<size_t>(memory - 1);
    const float* w = weights_feature;
    for (int32_t f = 0; f < filters; ++f) {
      float dot = 0.0f;
      for (int32_t c = 0; c < p.input_size; ++c) dot += *w++ * in[c];
      column[static_cast<size_t>(f) * static_cast<size_t>(memory)] = dot;
    }
  }

  for (int32_t b = 0; b < p.batches; ++b) {
    float* out = scratch + static_cast<size_t>(b) * static_cast<size_t>(filters);
    const float* wt = weights_time;
    const float* s = state + b * batch_state;
    for (int32_t f = 0; f < filters; ++f) {
      float acc = 0.0f;
      for (int32_t j = 0; j < memory; ++j) acc += *wt++ * *s++;
      out[f] = acc;
    }
  }

  const int32_t units = p.num_units;
  for (int32_t b = 0; b < p.batches; ++b) {
    float* out = output + static_cast<size_t>(b) * static_cast<size_t>(units);
    const float* filter_out = scratch + static_cast<size_t>(b) * static_cast<size_t>(filters);
    for (int32_t u = 0; u < units; ++u) {
      float sum = bias != nullptr ? bias[u] : 0.0f;
      for (int32_t r = 0; r < p.rank; ++r) sum += *filter_out++;
      out[u] = Activate(p.activation, sum);
    }
  }
}

void SvdfS8StateS16(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                    const int16_t* weights_time, const int32_t* bias, int16_t* state,
                    int32_t* scratch, int32_t* scratch_output, int8_t* output) {
  SvdfInteger(p, input, weights_feature, weights_time, bias, state, scratch, scratch_output,
              output);
}

void SvdfS8StateS8(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                   const int8_t* weights_time, const int32_t* bias, int8_t* state,
                   int32_t* scratch, int32_t* scratch_output, int8_t* output) {
  SvdfInteger(p, input, weights_feature, weights_time, bias, state, scratch, scratch_output,
              output);
}

}  // namespace mote
