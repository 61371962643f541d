// Broadcasting of two input shapes to an output shape (numpy rules: shapes are
// right-aligned, a dimension of 1 stretches). Shapes are extended to
// kBroadcastRank dimensions; each input gets per-dimension element strides,
// 0 along the dimensions it is broadcast over.
#ifndef MOTE_KERNELS_ELEMENTWISE_BROADCAST_H_
#define MOTE_KERNELS_ELEMENTWISE_BROADCAST_H_

#include <cstdint>

#include "mote/model.h"
#include "mote/status.h"

namespace mote {

constexpr int kBroadcastRank = kMaxRank;

struct BroadcastShape {
  int32_t dims[kBroadcastRank];      // output dims, leading dims padded with 1
  uint32_t stride1[kBroadcastRank];  // input 1 element stride per output dim
  uint32_t stride2[kBroadcastRank];
  uint32_t size;   // output element count
  bool broadcast;  // false: both inputs have the output's layout
};

// Checks that in1 and in2 broadcast to exactly out's shape (leading 1s in any
// shape are ignored) and fills `shape`. kInvalidModel otherwise.
Status ComputeBroadcastShape(const TensorView& in1, const TensorView& in2, const TensorView& out,
                             BroadcastShape* shape);

// Calls f(out_index, in1_index, in2_index) for every output element in order.
template <typename F>
inline void ForEachBroadcastIndex(const BroadcastShape& s, F&& f) {
  if (!s.broadcast) {
    for (uint32_t i = 0; i < s.size; ++i) f(i, i, i);
    return;
  }
  if (s.size == 0) return;
  constexpr int kInner = kBroadcastRank - 1;
  int32_t counter[kBroadcastRank] = {};
  uint32_t base1 = 0;
  uint32_t base2 = 0;
  uint32_t out = 0;
  for (;;) {
    uint32_t i1 = base1;
    uint32_t i2 = base2;
    for (int32_t c = 0; c < s.dims[kInner]; ++c) {
      f(out++, i1, i2);
      i1 += s.stride1[kInner];
      i2 += s.stride2[kInner];
    }
    // Advance the outer dimensions like an odometer.
    int d = kInner - 1;
    for (; d >= 0; --d) {
      base1 += s.stride1[d];
      base2 += s.stride2[d];
      if (++counter[d] < s.dims[d]) break;
      counter[d] = 0;
      base1 -= s.stride1[d] * static_cast<uint32_t>(s.dims[d]);
      base2 -= s.stride2[d] * static_cast<uint32_t>(s.dims[d]);
    }
    if (d < 0) return;
  }
}

}  // namespace mote

#endif  // MOTE_KERNELS_ELEMENTWISE_BROADCAST_H_
