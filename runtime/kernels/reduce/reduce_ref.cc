#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/reduce/reduce.h"

namespace mote {
namespace {

// Adds every input element to its output slot, visiting the input in order.
template <typename T, typename Acc>
void SumInto(const MeanParams& p, const T* in, Acc* acc) {
  for (uint32_t i = 0; i < p.num_outputs; ++i) acc[i] = Acc();
  if (p.rank == 0) {
    acc[0] += in[0];
    return;
  }
  for (int a = 0; a < p.rank; ++a) {
    if (p.in_dims[a] == 0) return;
  }
  int32_t index[kMaxRank] = {};
  const int last = p.rank - 1;
  for (;;) {
    int64_t base = 0;
    for (int a = 0; a < last; ++a) base += index[a] * p.out_stride[a];
    for (int32_t i = 0; i < p.in_dims[last]; ++i) acc[base + i * p.out_stride[last]] += *in++;
    int a = last - 1;
    for (; a >= 0; --a) {
      if (++index[a] < p.in_dims[a]) break;
      index[a] = 0;
    }
    if (a < 0) break;
  }
}

template <typename T>
void MeanQuantized(const MeanParams& p, const T* in, int32_t* sums, T* out) {
  SumInto(p, in, sums);
  if (p.same_quantization) {
    for (uint32_t i = 0; i < p.num_outputs; ++i) out[i] = static_cast<T>(sums[i] / p.count);
    return;
  }
  const float bias = static_cast<float>(-p.input_zero_point) * p.scale;
  const float lo = static_cast<float>(std::numeric_limits<T>::min());
  const float hi = static_cast<float>(std::numeric_limits<T>::max());
  for (uint32_t i = 0; i < p.num_outputs; ++i) {
    const float mean = static_cast<float>(sums[i]) / static_cast<float>(p.count);
    float r = std::round(mean * p.scale + bias) + static_cast<float>(p.output_zero_point);
    r = std::max(std::min(r, hi), lo);
    out[i] = static_cast<T>(r);
  }
}

template <typename T>
void ArgMaxTyped(const ArgMaxParams& p, const T* in, void* output) {
  int32_t* out32 = static_cast<int32_t*>(output);
  int64_t* out64 = static_cast<int64_t*>(output);
  for (uint32_t o = 0; o < p.outer; ++o) {
    const T* block = in + static_cast<size_t>(o) * p.axis_size * p.inner;
    for (uint32_t r = 0; r < p.inner; ++r) {
      T best = block[r];
      uint32_t best_index = 0;
      for (uint32_t i = 1; i < p.axis_size; ++i) {
        const T v = block[static_cast<size_t>(i) * p.inner + r];
        if (v > best) {
          best = v;
          best_index = i;
        }
      }
      const size_t k = static_cast<size_t>(o) * p.inner + r;
      if (p.output_int64) {
        out64[k] = best_index;
      } else {
        out32[k] = static_cast<int32_t>(best_index);
      }
    }
  }
}

}  // namespace

void MeanF32(const MeanParams& p, const float* in, float* out) {
  SumInto(p, in, out);
  for (uint32_t i = 0; i < p.num_outputs; ++i) out[i] = out[i] / static_cast<float>(p.count);
}
void MeanS8(const MeanParams& p, const int8_t* in, int32_t* sums, int8_t* out) {
  MeanQuantized(p, in, sums, out);
}
void MeanS16(const MeanParams& p, const int16_t* in, int32_t* sums, int16_t* out) {
  MeanQuantized(p, in, sums, out);
}

void ArgMaxF32(const ArgMaxParams& p, const float* in, void* out) { ArgMaxTyped(p, in, out); }
void ArgMaxS8(const ArgMaxParams& p, const int8_t* in, void* out) { ArgMaxTyped(p, in, out); }
void ArgMaxS16(const ArgMaxParams& p, const int16_t* in, void* out) { ArgMaxTyped(p, in, out); }
void ArgMaxS32(const ArgMaxParams& p, const int32_t* in, void* out) { ArgMaxTyped(p, in, out); }

}  // namespace mote
