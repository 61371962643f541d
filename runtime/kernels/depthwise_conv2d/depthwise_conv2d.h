// DEPTHWISE_CONV_2D over NHWC tensors, with the arithmetic of TFLite's
// reference kernels (reference/depthwiseconv_float.h,
// reference/integer_ops/depthwise_conv.h):
//   float32 x float32 (+ float32 bias)
//   int8    x int8 per-channel (+ int32 bias), 32-bit accumulator
//   int16   x int8 per-channel (+ int64 bias), 64-bit accumulator
// Filter layout [1, filter_h, filter_w, output_c]; output channel
// ic * depth_multiplier + m reads input channel ic.
#ifndef MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_H_
#define MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_H_

#include <cstdint>

#include "mote/kernel.h"

namespace mote {

struct DepthwiseParams {
  // Shapes (all > 0, validated by Prepare); output_c = input_c * depth_multiplier.
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w;
  int32_t output_h, output_w, output_c;
  int32_t depth_multiplier;
  int32_t stride_h, stride_w;
  int32_t dilation_h, dilation_w;
  int32_t pad_h, pad_w;  // padding before the first row / column
  bool has_bias;
  // Quantized ops only.
  int32_t input_offset;       // -input zero point (int8)
  int32_t output_offset;      // output zero point (int8)
  const int32_t* multiplier;  // [output_c]
  const int32_t* shift;       // [output_c]
  int32_t act_min, act_max;
  // Float ops only.
  float float_min, float_max;
};

// Reference kernels. `bias` may be null (no bias).
void DepthwiseConvF32(const DepthwiseParams& p, const float* input, const float* filter,
                      const float* bias, float* output);
void DepthwiseConvS8(const DepthwiseParams& p, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int8_t* output);
void DepthwiseConvS16(const DepthwiseParams& p, const int16_t* input, const int8_t* filter,
                      const int64_t* bias, int16_t* output);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> depthwise_conv2d_kernels();
const OpKernel& DepthwiseConv2D();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_H_
