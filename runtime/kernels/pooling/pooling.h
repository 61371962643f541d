// AVERAGE_POOL_2D and MAX_POOL_2D over NHWC tensors: float32, int8, int16.
// The window is clamped to the input (padding never contributes); the
// quantized average rounds half away from zero, as TFLM's reference does.
// Quantized pools require equal input and output quantization (as TFLM).
#ifndef MOTE_KERNELS_POOLING_POOLING_H_
#define MOTE_KERNELS_POOLING_POOLING_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct PoolParams {
  int32_t batches;
  int32_t input_height;
  int32_t input_width;
  int32_t depth;
  int32_t output_height;
  int32_t output_width;
  int32_t filter_height;
  int32_t filter_width;
  int32_t stride_height;
  int32_t stride_width;
  int32_t pad_height;  // padding before the first input row
  int32_t pad_width;
  int32_t activation_min;  // quantized
  int32_t activation_max;
  float float_activation_min;
  float float_activation_max;
};

// Reference kernels. Preconditions (checked by Prepare): every output window
// overlaps the input by at least one element.
void AveragePoolF32(const PoolParams& params, const float* input, float* output);
void AveragePoolS8(const PoolParams& params, const int8_t* input, int8_t* output);
void AveragePoolS16(const PoolParams& params, const int16_t* input, int16_t* output);
void MaxPoolF32(const PoolParams& params, const float* input, float* output);
void MaxPoolS8(const PoolParams& params, const int8_t* input, int8_t* output);
void MaxPoolS16(const PoolParams& params, const int16_t* input, int16_t* output);

// int8 variants (kernels/common/kernel_variant.h) of AVERAGE_POOL_2D and
// MAX_POOL_2D: the reference's pointers plus the variant's packed constants
// and scratch.
struct PoolS8Args {
  const int8_t* input;
  int8_t* output;
  const void* packed;  // PoolS8Variant::pack's output, or null
  void* scratch;       // PoolS8Variant::scratch_bytes bytes, or null
};
using PoolS8Variant = KernelVariant<PoolParams, PoolS8Args>;

// Every int8 variant compiled into this build, most specialised first, the
// reference (avg_pool_s8__ref / max_pool_s8__ref) last (pooling_variants.cc).
Span<const PoolS8Variant* const> AveragePoolS8Variants();
Span<const PoolS8Variant* const> MaxPoolS8Variants();

// Variant functions, named as their PoolS8Variant::name.
void avg_pool_s8__ref(const PoolParams& p, const PoolS8Args& a);
void max_pool_s8__ref(const PoolParams& p, const PoolS8Args& a);
// Armv7E-M DSP (pooling_s8__armv7em_dsp.cc): any shape, 4 channels at a time.
void avg_pool_s8__armv7em_dsp(const PoolParams& p, const PoolS8Args& a);
void max_pool_s8__armv7em_dsp(const PoolParams& p, const PoolS8Args& a);
extern const PoolS8Variant kAvgPoolS8ArmV7emDsp;
extern const PoolS8Variant kMaxPoolS8ArmV7emDsp;

// AVERAGE_POOL_2D's and MAX_POOL_2D's op data.
struct PoolOpData {
  PoolParams params;
  const PoolS8Variant* s8 = nullptr;  // int8: the chosen variant
  const void* packed = nullptr;       // its packed constants
  int32_t scratch_index = -1;         // its scratch
};

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> pooling_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_POOLING_POOLING_H_
