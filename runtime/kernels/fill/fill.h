// Ops whose output values do not depend on the input's values: SHAPE (the
// input's dimensions), FILL (one scalar repeated) and ZEROS_LIKE (all bits
// zero, as TFLM writes 0 whatever the quantization). The reference functions
// work on bytes, so one implementation serves every element type.
#ifndef MOTE_KERNELS_FILL_FILL_H_
#define MOTE_KERNELS_FILL_FILL_H_

#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"

namespace mote {

// SHAPE: writes `rank` dims as int32 or int64.
struct ShapeParams {
  int32_t rank;  // 0..kMaxRank
  bool int64_output;
  int32_t dims[kMaxRank];
};
void WriteShape(const ShapeParams& params, void* output);

// FILL: `count` copies of the `element_size`-byte value; ZEROS_LIKE: zeros.
struct FillParams {
  uint32_t count;
  int32_t element_size;  // 1, 2, 4 or 8
};
void FillValue(const FillParams& params, const void* value, void* output);
void FillZeros(const FillParams& params, void* output);

namespace ops {
Span<const OpKernel* const> fill_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_FILL_FILL_H_
