// Output size and padding of windowed ops (CONV_2D, DEPTHWISE_CONV_2D, pools),
// computed exactly as TensorFlow Lite does (GetWindowedOutputSize semantics):
//   SAME:  out = ceil(in / stride)
//   VALID: out = (in + stride - effective_filter) / stride   (C division)
// where effective_filter = (filter - 1) * dilation + 1; the padding before the
// first element is floor(total_padding / 2) (the odd extra goes after).
// Arithmetic is in 64 bits so absurd option values cannot overflow.
#ifndef MOTE_KERNELS_CONV2D_PADDING_H_
#define MOTE_KERNELS_CONV2D_PADDING_H_

#include <cstdint>
#include <limits>

#include "mote/status.h"
#include "mote/types.h"

namespace mote {

inline int64_t EffectiveFilterSize(int64_t filter, int64_t dilation) {
  return (filter - 1) * dilation + 1;
}

// Output length along one axis; 0 for an unknown padding code or stride <= 0.
// May be <= 0 when a VALID window is larger than the input.
inline int64_t WindowedOutputSize(Padding padding, int64_t in, int64_t filter, int64_t stride,
                                  int64_t dilation) {
  if (stride <= 0) return 0;
  const int64_t effective = EffectiveFilterSize(filter, dilation);
  switch (padding) {
    case Padding::kSame:
      return (in + stride - 1) / stride;
    case Padding::kValid:
      return (in + stride - effective) / stride;
  }
  return 0;
}

// Padding before the first element along one axis (never negative).
inline int64_t PaddingBefore(int64_t in, int64_t filter, int64_t stride, int64_t dilation,
                             int64_t out) {
  const int64_t total = (out - 1) * stride + EffectiveFilterSize(filter, dilation) - in;
  return total > 0 ? total / 2 : 0;
}

// One spatial axis of a windowed op, validated.
struct WindowAxis {
  int32_t out;  // output length
  int32_t pad;  // padding before the first input element
};

// Computes and validates one axis: stride/dilation > 0, a positive output
// length, and every input coordinate the window can touch representable in
// int32 (so the reference loops cannot overflow). `what` names the axis.
inline Result<WindowAxis> ComputeWindowAxis(Padding padding, int32_t in, int32_t filter,
                                            int32_t stride, int32_t dilation, const char* what) {
  if (stride <= 0 || dilation <= 0) {
    return Status::Error(StatusCode::kInvalidModel, "%s stride %d / dilation %d must be > 0", what,
                         static_cast<int>(stride), static_cast<int>(dilation));
  }
  if (padding != Padding::kSame && padding != Padding::kValid) {
    return Status::Error(StatusCode::kInvalidModel, "unknown padding code %d",
                         static_cast<int>(padding));
  }
  const int64_t out = WindowedOutputSize(padding, in, filter, stride, dilation);
  if (out <= 0) {
    return Status::Error(StatusCode::kInvalidModel,
                         "%s: window of %lld (filter %d, dilation %d) gives no output from %d "
                         "inputs",
                         what, static_cast<long long>(EffectiveFilterSize(filter, dilation)),
                         static_cast<int>(filter), static_cast<int>(dilation),
                         static_cast<int>(in));
  }
  const int64_t pad = PaddingBefore(in, filter, stride, dilation, out);
  const int64_t last = (out - 1) * stride + EffectiveFilterSize(filter, dilation);
  if (last > std::numeric_limits<int32_t>::max() || out > std::numeric_limits<int32_t>::max()) {
    return Status::Error(StatusCode::kUnsupported, "%s: window extent %lld is too large", what,
                         static_cast<long long>(last));
  }
  return WindowAxis{static_cast<int32_t>(out), static_cast<int32_t>(pad)};
}

}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_PADDING_H_
