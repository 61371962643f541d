// TRANSPOSE_CONV: the gradient of CONV_2D with respect to its input (a
// "deconvolution"). Inputs: 0 output_shape (int32[4], ignored at run time: the
// output tensor's declared shape is used, as in TFLM), 1 filter
// [out_depth, filter_h, filter_w, in_depth], 2 input [batch, h, w, in_depth],
// 3 optional bias [out_depth].
//
// Every input element is scattered into the output window it influences; the
// sums are kept in an accumulator scratch buffer (int32 for int8, int64 for
// int16 activations), then bias, requantization and clamping are applied.
// Types: float32; int8 x int8 (per-channel) with int32 bias; int16 x int8 with
// int64 (or int16) bias.
#ifndef MOTE_KERNELS_TRANSPOSE_CONV_TRANSPOSE_CONV_H_
#define MOTE_KERNELS_TRANSPOSE_CONV_TRANSPOSE_CONV_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct TransposeConvParams {
  int32_t batches;
  int32_t input_height;
  int32_t input_width;
  int32_t input_depth;
  int32_t filter_height;
  int32_t filter_width;
  int32_t output_height;
  int32_t output_width;
  int32_t output_depth;
  int32_t stride_height;
  int32_t stride_width;
  int32_t pad_height;  // padding before the first output row
  int32_t pad_width;
  // Quantized only.
  int32_t input_offset;   // -input zero point (int8; 0 for int16)
  int32_t output_offset;  // output zero point (int8; 0 for int16)
  int32_t activation_min;
  int32_t activation_max;
  const int32_t* output_multiplier;  // [output_depth]
  const int32_t* output_shift;       // [output_depth]
  // Float only.
  float float_activation_min;
  float float_activation_max;
};

// Reference kernels. `bias` may be null. `output` (float) or `accumulator`
// (quantized, output_elements entries) is overwritten.
// What Prepare computes (the op data).
struct TransposeConvOpData {
  TransposeConvParams params;
  int scratch_index;
  bool has_bias;
  // int16 activations: the bias as aligned int64 (converted from int16 or
  // copied from a constant int64 tensor whose data may be misaligned).
  const int64_t* bias64;
};

void TransposeConvF32(const TransposeConvParams& params, const float* input, const float* filter,
                      const float* bias, float* output);
void TransposeConvS8(const TransposeConvParams& params, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int32_t* accumulator, int8_t* output);
void TransposeConvS16(const TransposeConvParams& params, const int16_t* input, const int8_t* filter,
                      const int64_t* bias, int64_t* accumulator, int16_t* output);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> transpose_conv_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_TRANSPOSE_CONV_TRANSPOSE_CONV_H_
