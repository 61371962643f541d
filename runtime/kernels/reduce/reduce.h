// MEAN (float32, int8, int16), ARG_MAX, SUM (float32) and REDUCE_MAX
// (float32, int8; sum_max.cc).
#ifndef MOTE_KERNELS_REDUCE_REDUCE_H_
#define MOTE_KERNELS_REDUCE_REDUCE_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/ops.h"

namespace mote {

struct MeanParams {
  int32_t rank;
  int32_t in_dims[kMaxRank];
  int64_t out_stride[kMaxRank];  // output element stride per input axis; 0 if reduced
  uint32_t num_outputs;
  int32_t count;  // input elements per output (> 0)
  // Quantized only, as TFLM's QuantizedMeanOrSum: output = zero point +
  // MultiplyByQuantizedMultiplier(sum - count * input zero point, multiplier,
  // shift), where multiplier/shift encode input_scale / output_scale / count
  // (the scale ratio's Q31 multiplier times 2^k / count, truncated, with
  // k = min(floor(log2(count)), 32, 31 + the ratio's shift)).
  int32_t multiplier;
  int32_t shift;
  int32_t input_zero_point, output_zero_point;
};

// Reference kernels, matching TFLM's reduce.h loops (sums in input order).
void MeanF32(const MeanParams& params, const float* input, float* output);
// `sums` is scratch of num_outputs int32.
void MeanS8(const MeanParams& params, const int8_t* input, int32_t* sums, int8_t* output);
void MeanS16(const MeanParams& params, const int16_t* input, int32_t* sums, int16_t* output);

// MEAN's op data (read by the AOT compiler): params and the sums' scratch index.
struct MeanOpData {
  MeanParams params;
  int scratch;
};

struct ArgMaxParams {
  uint32_t outer, axis_size, inner;  // axis_size > 0
  bool output_int64;
};
// Index of the first maximum along the axis (a later equal value does not win).
void ArgMaxF32(const ArgMaxParams& p, const float* input, void* output);
void ArgMaxS8(const ArgMaxParams& p, const int8_t* input, void* output);
void ArgMaxS16(const ArgMaxParams& p, const int16_t* input, void* output);
void ArgMaxS32(const ArgMaxParams& p, const int32_t* input, void* output);

// SUM and REDUCE_MAX use MeanParams' shape fields (rank, in_dims, out_stride,
// num_outputs); outputs start at 0 (SUM) or the type's lowest value (MAX).
void SumF32(const MeanParams& params, const float* input, float* output);
void ReduceMaxF32(const MeanParams& params, const float* input, float* output);
void ReduceMaxS8(const MeanParams& params, const int8_t* input, int8_t* output);

namespace ops {
Span<const OpKernel* const> reduce_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_REDUCE_REDUCE_H_
