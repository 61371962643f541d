// CONV_2D: 2-D convolution over NHWC tensors, with the arithmetic of TFLite's
// reference kernels (reference/conv.h, reference/integer_ops/conv.h):
//   float32 x float32 (+ float32 bias)
//   int8    x int8 per-channel (+ int32 bias), 32-bit accumulator
//   int16   x int8 per-channel (+ int64 bias), 64-bit accumulator
// Filter layout [out_channels, filter_h, filter_w, in_channels / groups].
// Padding/output sizes: kernels/conv2d/padding.h.
#ifndef MOTE_KERNELS_CONV2D_CONV2D_H_
#define MOTE_KERNELS_CONV2D_CONV2D_H_

#include <cstdint>

#include "mote/kernel.h"

namespace mote {

struct ConvParams {
  // Shapes (all > 0, validated by Prepare).
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w, filter_c;  // filter_c = input_c / groups
  int32_t output_h, output_w, output_c;
  int32_t filters_per_group;             // output_c / groups
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
void ConvF32(const ConvParams& p, const float* input, const float* filter, const float* bias,
             float* output);
void ConvS8(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
            int8_t* output);
void ConvS16(const ConvParams& p, const int16_t* input, const int8_t* filter,
             const int64_t* bias, int16_t* output);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> conv2d_kernels();
const OpKernel& Conv2D();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_CONV2D_H_
