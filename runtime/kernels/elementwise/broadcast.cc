#include "kernels/elementwise/broadcast.h"

namespace mote {

namespace {

// Right-aligns `shape` into kBroadcastRank dims padded with leading 1s.
void Extend(Span<const int32_t> shape, int32_t* dims) {
  const int rank = static_cast<int>(shape.size());
  for (int d = 0; d < kBroadcastRank; ++d) {
    const int src = d - (kBroadcastRank - rank);
    dims[d] = src >= 0 ? shape[static_cast<size_t>(src)] : 1;
  }
}

// Contiguous element strides of `dims`, 0 where the dim is 1 (broadcast).
void Strides(const int32_t* dims, uint32_t* strides) {
  uint32_t stride = 1;
  for (int d = kBroadcastRank - 1; d >= 0; --d) {
    strides[d] = dims[d] == 1 ? 0 : stride;
    stride *= static_cast<uint32_t>(dims[d]);
  }
}

}  // namespace

Status ComputeBroadcastShape(const TensorView& in1, const TensorView& in2, const TensorView& out,
                             BroadcastShape* shape) {
  if (in1.rank() > kBroadcastRank || in2.rank() > kBroadcastRank || out.rank() > kBroadcastRank) {
    return Status::Error(StatusCode::kUnsupported, "rank above %d is not supported",
                         kBroadcastRank);
  }
  int32_t d1[kBroadcastRank];
  int32_t d2[kBroadcastRank];
  int32_t dout[kBroadcastRank];
  Extend(in1.shape(), d1);
  Extend(in2.shape(), d2);
  Extend(out.shape(), dout);
  bool same = true;
  for (int d = 0; d < kBroadcastRank; ++d) {
    int32_t want;
    if (d1[d] == d2[d] || d2[d] == 1) {
      want = d1[d];
    } else if (d1[d] == 1) {
      want = d2[d];
    } else {
      return Status::Error(StatusCode::kInvalidModel,
                           "input shapes cannot be broadcast (dimension %d: %d vs %d)",
                           d - kBroadcastRank, static_cast<int>(d1[d]), static_cast<int>(d2[d]));
    }
    if (want != dout[d]) {
      return Status::Error(StatusCode::kInvalidModel,
                           "output dimension %d is %d but the inputs broadcast to %d",
                           d - kBroadcastRank, static_cast<int>(dout[d]), static_cast<int>(want));
    }
    if (d1[d] != dout[d] || d2[d] != dout[d]) same = false;
    shape->dims[d] = dout[d];
  }
  Strides(d1, shape->stride1);
  Strides(d2, shape->stride2);
  shape->size = out.num_elements();
  shape->broadcast = !same;
  return Status::Ok();
}

}  // namespace mote
