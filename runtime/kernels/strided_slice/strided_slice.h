// STRIDED_SLICE (and SLICE, slice.cc, resolved to the same params): every `stride`-th element of a
// begin..end range per axis, with TensorFlow's begin/end/ellipsis/new_axis/shrink_axis masks and
// `offset`.
//
// Prepare resolves the slice spec into one (start, stride, count) triple per
// input axis; new and shrunk axes only change the output shape, not the order
// of the elements, so the reference kernel needs nothing else.
#ifndef MOTE_KERNELS_STRIDED_SLICE_STRIDED_SLICE_H_
#define MOTE_KERNELS_STRIDED_SLICE_STRIDED_SLICE_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"

namespace mote {

struct StridedSliceParams {
  int32_t rank;          // input rank, 0..kMaxRank
  int32_t element_size;  // bytes per element: 1, 2, 4 or 8
  int32_t in_dims[kMaxRank];
  int32_t start[kMaxRank];   // first input index per axis (in range when count > 0)
  int32_t stride[kMaxRank];  // non-zero
  int32_t count[kMaxRank];   // elements taken per axis (>= 0)
};

// The slice options as stored in the model (StridedSliceOptions).
// What Prepare computes (the op data).
struct StridedSliceOpData {
  StridedSliceParams params;
};

struct StridedSliceSpec {
  int32_t num_entries;  // length of begin/end/strides
  const int32_t* begin;
  const int32_t* end;
  const int32_t* strides;
  int32_t begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask;
  bool offset;  // end is relative to begin
};

// Resolves `spec` against an input shape: fills `params` (rank, dims, start,
// stride, count) and the output shape. Returns an error for specs TFLite
// rejects or Mote does not support.
Status ResolveStridedSlice(const StridedSliceSpec& spec, Span<const int32_t> in_shape,
                           StridedSliceParams* params, int32_t* out_dims, int* out_rank);

// Reference kernel for any element type (values are copied, never interpreted).
void StridedSliceCopy(const StridedSliceParams& params, const void* input, void* output);

namespace strided_slice {
extern const OpKernel kSlice;  // slice.cc
}  // namespace strided_slice

namespace ops {
Span<const OpKernel* const> strided_slice_kernels();  // STRIDED_SLICE, SLICE
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_STRIDED_SLICE_STRIDED_SLICE_H_
