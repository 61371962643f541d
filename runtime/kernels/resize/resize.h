// RESIZE_NEAREST_NEIGHBOR on NHWC tensors.
#ifndef MOTE_KERNELS_RESIZE_RESIZE_H_
#define MOTE_KERNELS_RESIZE_RESIZE_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct ResizeNearestParams {
  int32_t batches, in_height, in_width, out_height, out_width;
  uint32_t pixel_bytes;  // channels * element size
  bool align_corners;
  bool half_pixel_centers;
};

// Source index for output index `out` (TFLM's float formula; always in [0, in_size)).
int32_t NearestSourceIndex(int32_t out, int32_t in_size, int32_t out_size, bool align_corners,
                           bool half_pixel_centers);

// Reference kernel for any element type: copies whole pixels.
void ResizeNearestCopy(const ResizeNearestParams& params, const void* input, void* output);

namespace ops {
Span<const OpKernel* const> resize_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_RESIZE_RESIZE_H_
