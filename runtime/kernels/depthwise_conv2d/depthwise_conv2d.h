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

#include "kernels/common/banded_prepare.h"
#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/ops.h"

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

// int8 variants (kernels/common/kernel_variant.h): DepthwiseConvS8's pointers
// plus the variant's packed constants and scratch.
struct DepthwiseS8Args {
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // may be null
  int8_t* output;
  const void* packed;  // DepthwiseS8Variant::pack's output, or null
  void* scratch;       // DepthwiseS8Variant::scratch_bytes bytes, or null
};
using DepthwiseS8Variant = KernelVariant<DepthwiseParams, DepthwiseS8Args>;

// Every int8 variant compiled into this build, most specialised first, the
// reference (depthwise_conv2d_s8__ref) last (depthwise_conv2d_variants.cc).
Span<const DepthwiseS8Variant* const> DepthwiseS8Variants();
// The same without the variants only the AOT compiler can use (weights
// re-laid-out ahead of time, too large for the arena): what the per-type
// registration (ops::...Int8()) picks from, so that firmware does not link them.
// Keep in sync with the list above (tests/unit/ops_test.cc checks it).
Span<const DepthwiseS8Variant* const> DepthwiseS8InterpreterVariants();

// Variant functions, named as their DepthwiseS8Variant::name.
void depthwise_conv2d_s8__ref(const DepthwiseParams& p, const DepthwiseS8Args& a);
// Armv7E-M DSP: 3x3 with depth multiplier 1, stride 1 or 2 and dilation 1, weights
// pre-widened in the packed constants (for the AOT compiler's flash) or into
// scratch (depthwise_conv2d_s8_3x3__armv7em_dsp.cc); any shape
// (depthwise_conv2d_s8__armv7em_dsp.cc).
// One input channel (the depth multiplier is the output depth), any filter:
// weights pre-widened ahead of time, or int8 in place with channels a multiple
// of 4 (depthwise_conv2d_s8_1ch__armv7em_dsp.cc).
void depthwise_conv2d_s8_1ch_w16__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a);
void depthwise_conv2d_s8_1ch__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a);
extern const DepthwiseS8Variant kDepthwiseConv2dS8_1chW16ArmV7emDsp;
extern const DepthwiseS8Variant kDepthwiseConv2dS8_1chArmV7emDsp;
void depthwise_conv2d_s8_3x3_packed__armv7em_dsp(const DepthwiseParams& p,
                                                 const DepthwiseS8Args& a);
void depthwise_conv2d_s8_3x3__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a);
void depthwise_conv2d_s8__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a);
extern const DepthwiseS8Variant kDepthwiseConv2dS8_3x3PackedArmV7emDsp;
extern const DepthwiseS8Variant kDepthwiseConv2dS8_3x3ArmV7emDsp;
extern const DepthwiseS8Variant kDepthwiseConv2dS8ArmV7emDsp;
// x86-64 AVX2 (depthwise_conv2d_s8__x86_avx2.cc, x86-64 builds only): depth
// multiplier 1, >= 8 channels, any filter, stride, dilation, padding.
void depthwise_conv2d_s8__x86_avx2(const DepthwiseParams& p, const DepthwiseS8Args& a);
extern const DepthwiseS8Variant kDepthwiseConv2dS8X86Avx2;

// DEPTHWISE_CONV_2D's op data.
struct DepthwiseOpData {
  DepthwiseParams params;
  const DepthwiseS8Variant* s8 = nullptr;  // int8: the chosen variant
  const void* packed = nullptr;            // its packed constants
  int32_t scratch_index = -1;              // its scratch
  InPlaceBands bands;                      // output over input, in bands (kernels/common/banded.h)
};

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> depthwise_conv2d_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_H_
