#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/common/quantization.h"
#include "kernels/reduce/reduce.h"
#include "kernels/reduce/reduce_axes.h"

namespace mote {
namespace {

// Adds every input element to its output slot, visiting the input in order.
template <typename T, typename Acc>
void SumInto(const MeanParams& p, const T* in, Acc* acc) {
  reduce::ReduceInto(p, in, acc, Acc(), [](Acc a, T x) { return static_cast<Acc>(a + x); });
}

template <typename T>
void MeanQuantized(const MeanParams& p, const T* in, int32_t* sums, T* out) {
  SumInto(p, in, sums);
  const int64_t zero_sum = static_cast<int64_t>(p.input_zero_point) * p.count;
  const int32_t lo = std::numeric_limits<T>::min();
  const int32_t hi = std::numeric_limits<T>::max();
  for (uint32_t i = 0; i < p.num_outputs; ++i) {
    // int32 wrap-around of the centred sum, as TFLM's static_cast<int32_t>.
    const int32_t centred =
        static_cast<int32_t>(static_cast<uint32_t>(static_cast<int64_t>(sums[i]) - zero_sum));
    const int32_t r =
        MultiplyByQuantizedMultiplier(centred, p.multiplier, p.shift) + p.output_zero_point;
    out[i] = static_cast<T>(std::max(std::min(r, hi), lo));
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
