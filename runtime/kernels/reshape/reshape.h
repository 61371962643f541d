// RESHAPE, SQUEEZE, EXPAND_DIMS: ops that change only the shape. The data is
// copied unchanged (the planner may later alias input and output instead).
#ifndef MOTE_KERNELS_RESHAPE_RESHAPE_H_
#define MOTE_KERNELS_RESHAPE_RESHAPE_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct ReshapeParams {
  uint32_t bytes;
};

// Reference kernel: copies `params.bytes` bytes (input and output may be the same buffer).
void ReshapeCopy(const ReshapeParams& params, const void* input, void* output);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> reshape_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_RESHAPE_RESHAPE_H_
