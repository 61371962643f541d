// PAD and PADV2: surround a tensor with a constant value along every axis.
#ifndef MOTE_KERNELS_PAD_PAD_H_
#define MOTE_KERNELS_PAD_PAD_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"

namespace mote {

struct PadParams {
  int32_t rank;          // 0..kMaxRank
  int32_t element_size;  // bytes per element: 1, 2, 4 or 8
  int32_t in_dims[kMaxRank];
  int32_t out_dims[kMaxRank];
  int32_t left[kMaxRank];        // elements added before the input, per axis
  int32_t right[kMaxRank];       // elements added after the input, per axis
  bool has_pad_value_input;      // PADV2 with a third input: value read in Eval
  uint8_t default_pad_value[8];  // otherwise this (element_size bytes)
};

// Reference kernel for any element type: writes the padded output of
// `params.out_dims`. `pad_value` points at one element of the tensor's type.
// The element values are copied, never interpreted.
void PadCopy(const PadParams& params, const void* input, const void* pad_value, void* output);

namespace ops {
Span<const OpKernel* const> pad_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_PAD_PAD_H_
