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

#include "kernels/common/banded_prepare.h"
#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct ConvParams {
  // Shapes (all > 0, validated by Prepare).
  int32_t batches;
  int32_t input_h, input_w, input_c;
  int32_t filter_h, filter_w, filter_c;  // filter_c = input_c / groups
  int32_t output_h, output_w, output_c;
  int32_t filters_per_group;  // output_c / groups
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
void ConvS16(const ConvParams& p, const int16_t* input, const int8_t* filter, const int64_t* bias,
             int16_t* output);

// int8 variants (kernels/common/kernel_variant.h): ConvS8's pointers plus the
// variant's packed constants and scratch.
struct ConvS8Args {
  const int8_t* input;
  const int8_t* filter;
  const int32_t* bias;  // may be null
  int8_t* output;
  const void* packed;  // ConvS8Variant::pack's output, or null
  void* scratch;       // ConvS8Variant::scratch_bytes bytes, or null
};
using ConvS8Variant = KernelVariant<ConvParams, ConvS8Args>;

// Every int8 variant compiled into this build, most specialised first, the
// reference (conv2d_s8__ref) last (conv2d_variants.cc).
Span<const ConvS8Variant* const> ConvS8Variants();
// The same without the variants only the AOT compiler can use (weights
// re-laid-out ahead of time, too large for the arena): what the per-type
// registration (ops::...Int8()) picks from, so that firmware does not link them.
// Keep in sync with the list above (tests/unit/ops_test.cc checks it).
Span<const ConvS8Variant* const> ConvS8InterpreterVariants();

// Variant functions, named as their ConvS8Variant::name.
void conv2d_s8__ref(const ConvParams& p, const ConvS8Args& a);
// Armv7E-M DSP (conv2d_s8__armv7em_dsp.cc), groups == 1: any filter with
// int16-widened packed weights (ahead of time), 1x1 filters, any filter.
void conv2d_s8_w16__armv7em_dsp(const ConvParams& p, const ConvS8Args& a);
void conv2d_s8_1x1__armv7em_dsp(const ConvParams& p, const ConvS8Args& a);
void conv2d_s8__armv7em_dsp(const ConvParams& p, const ConvS8Args& a);
extern const ConvS8Variant kConv2dS8W16ArmV7emDsp;
extern const ConvS8Variant kConv2dS8_1x1ArmV7emDsp;
extern const ConvS8Variant kConv2dS8ArmV7emDsp;
// x86-64 AVX2 (conv2d_s8__x86_avx2.cc, x86-64 builds only): 1x1 filters, and
// any filter; groups == 1, depth (filter_h * filter_w * input_c) >= 8.
void conv2d_s8_1x1__x86_avx2(const ConvParams& p, const ConvS8Args& a);
void conv2d_s8__x86_avx2(const ConvParams& p, const ConvS8Args& a);
extern const ConvS8Variant kConv2dS8_1x1X86Avx2;
extern const ConvS8Variant kConv2dS8X86Avx2;

// CONV_2D's op data.
struct ConvOpData {
  ConvParams params;
  const ConvS8Variant* s8 = nullptr;  // int8: the chosen variant
  const void* packed = nullptr;       // its packed constants
  int32_t scratch_index = -1;         // its scratch
  InPlaceBands bands;                 // output over input, in bands (kernels/common/banded.h)
};

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> conv2d_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_CONV2D_H_
