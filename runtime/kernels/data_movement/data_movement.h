// Ops that move elements without computing on them: CONCATENATION, PACK,
// SPLIT, SPLIT_V (split_v.cc), UNPACK, TRANSPOSE, GATHER. The reference kernels
// work on bytes, so one implementation serves every element type (quantized
// tensors are copied unchanged, as TFLM does).
#ifndef MOTE_KERNELS_DATA_MOVEMENT_DATA_MOVEMENT_H_
#define MOTE_KERNELS_DATA_MOVEMENT_DATA_MOVEMENT_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"

namespace mote {

// Most inputs (CONCATENATION, PACK) or outputs (SPLIT, UNPACK) per op.
constexpr int kMaxDataMovementTensors = 32;

// CONCATENATION / PACK (join) and SPLIT / UNPACK (the reverse): the joined
// tensor is `outer` blocks, each the concatenation of one chunk per part.
struct JoinParams {
  int32_t num_parts;
  uint32_t outer;                                 // product of dims before the axis
  uint32_t chunk_bytes[kMaxDataMovementTensors];  // bytes of one part per outer block
};
void JoinCopy(const JoinParams& params, const void* const* parts, void* joined);
void SplitCopy(const JoinParams& params, const void* joined, void* const* parts);

struct TransposeParams {
  int32_t rank;          // 0..kMaxRank
  int32_t element_size;  // 1, 2, 4 or 8
  int32_t out_dims[kMaxRank];
  int64_t in_stride[kMaxRank];  // input element stride of output axis a (= in axis perm[a])
};
void TransposeCopy(const TransposeParams& params, const void* input, void* output);

// GATHER: output[b][o][i][r] = input[b][o][indices[b][i]][r].
struct GatherParams {
  uint32_t batches;      // product of the first batch_dims dims
  uint32_t outer;        // product of input dims between batch_dims and axis
  uint32_t num_indices;  // indices per batch
  int32_t axis_size;     // input dim at axis (valid indices are 0..axis_size-1)
  uint32_t inner_bytes;  // bytes of one slice after the axis
  bool indices_int64;
};
// Out-of-range indices (only possible with non-constant indices; constant ones
// are checked in Prepare) produce a slice of zero bytes instead of an error.
void GatherCopy(const GatherParams& params, const void* input, const void* indices, void* output);

namespace ops {
Span<const OpKernel* const> data_movement_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_DATA_MOVEMENT_DATA_MOVEMENT_H_
