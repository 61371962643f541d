// SVDF: singular-value-decomposition filter over time, with the arithmetic of
// TFLM's reference kernels (micro/kernels/svdf_common.cc). Per invocation:
//   1. the activation state [batches, num_filters, memory] shifts left by one
//      step and the newest column gets input x weights_feature^T;
//   2. each filter's memory is dotted with its weights_time row;
//   3. the rank filters of each unit are summed (+ bias), then activated.
// Types:
//   float32: all float; the fused activation is applied.
//   int8 input/weights_feature/output, int32 bias, and int16 (or int8)
//   weights_time + activation state; the fused activation is NOT applied
//   (TFLM's integer SVDF only saturates to int8).
#ifndef MOTE_KERNELS_SVDF_SVDF_H_
#define MOTE_KERNELS_SVDF_SVDF_H_

#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct SvdfParams {
  // Shapes (all > 0, validated by Prepare). num_filters = num_units * rank.
  int32_t batches;
  int32_t input_size;
  int32_t num_filters;
  int32_t num_units;
  int32_t rank;
  int32_t memory_size;
  bool has_bias;
  // Integer ops only.
  int32_t input_zero_point;
  int32_t state_zero_point;
  int32_t output_zero_point;
  int32_t feature_multiplier;  // input x weights_feature -> state
  int32_t feature_shift;
  int32_t output_multiplier;  // state x weights_time -> output
  int32_t output_shift;
  // Float ops only.
  FusedActivation activation;
};

// Reference kernels. `state` is updated in place; `bias` may be null.
// Scratch: `scratch` holds batches * num_filters values, `scratch_output`
// batches * num_units (integer ops only).
// What Prepare computes (the op data): params plus the scratch buffer indices.
struct SvdfOpData {
  SvdfParams params;
  int scratch;         // batches * num_filters accumulators
  int scratch_output;  // batches * num_units accumulators (integer only)
};

void SvdfF32(const SvdfParams& p, const float* input, const float* weights_feature,
             const float* weights_time, const float* bias, float* state, float* scratch,
             float* output);
void SvdfS8StateS16(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                    const int16_t* weights_time, const int32_t* bias, int16_t* state,
                    int32_t* scratch, int32_t* scratch_output, int8_t* output);
void SvdfS8StateS8(const SvdfParams& p, const int8_t* input, const int8_t* weights_feature,
                   const int8_t* weights_time, const int32_t* bias, int8_t* state, int32_t* scratch,
                   int32_t* scratch_output, int8_t* output);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> svdf_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_SVDF_SVDF_H_
