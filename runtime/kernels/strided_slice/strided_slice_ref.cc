#include "kernels/strided_slice/strided_slice.h"

namespace mote {
namespace {

template <typename T>
void SliceTyped(const StridedSliceParams& p, const T* in, T* out) {
  if (p.rank == 0) {
    *out = *in;
    return;
  }
  for (int a = 0; a < p.rank; ++a) {
    if (p.count[a] == 0) return;
  }
  // Element strides of the input and the odometer over all but the last axis.
  int64_t in_stride[kMaxRank];
  in_stride[p.rank - 1] = 1;
  for (int a = p.rank - 2; a >= 0; --a) in_stride[a] = in_stride[a + 1] * p.in_dims[a + 1];
  int32_t index[kMaxRank] = {};
  const int last = p.rank - 1;
  const int64_t step = static_cast<int64_t>(p.stride[last]);
  for (;;) {
    int64_t base = p.start[last];
    for (int a = 0; a < last; ++a) {
      base += (static_cast<int64_t>(p.start[a]) + static_cast<int64_t>(index[a]) * p.stride[a]) *
              in_stride[a];
    }
    const T* src = in + base;
    for (int32_t i = 0; i < p.count[last]; ++i) *out++ = src[i * step];
    int a = last - 1;
    for (; a >= 0; --a) {
      if (++index[a] < p.count[a]) break;
      index[a] = 0;
    }
    if (a < 0) break;
  }
}

}  // namespace

void StridedSliceCopy(const StridedSliceParams& params, const void* input, void* output) {
  switch (params.element_size) {
    case 1:
      SliceTyped(params, static_cast<const uint8_t*>(input), static_cast<uint8_t*>(output));
      break;
    case 2:
      SliceTyped(params, static_cast<const uint16_t*>(input), static_cast<uint16_t*>(output));
      break;
    case 4:
      SliceTyped(params, static_cast<const uint32_t*>(input), static_cast<uint32_t*>(output));
      break;
    default:
      SliceTyped(params, static_cast<const uint64_t*>(input), static_cast<uint64_t*>(output));
      break;
  }
}

}  // namespace mote
