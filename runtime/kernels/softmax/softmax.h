// SOFTMAX over the last dimension: float32, int8 -> int8, int8 -> int16 and
// int16 -> int16, bit-exact with TFLite's reference kernels.
#ifndef MOTE_KERNELS_SOFTMAX_SOFTMAX_H_
#define MOTE_KERNELS_SOFTMAX_SOFTMAX_H_

#include <cstdint>

#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// Entries of the int16 lookup tables (512 segments + one for the last slope).
constexpr int kSoftmaxLutSize = 513;

struct SoftmaxParams {
  int32_t outer_size = 0;  // product of all but the last dimension
  int32_t depth = 0;       // last dimension
  float beta = 1.0f;       // float path
  // int8 input: input differences are scaled to Q5.26 by multiplier/left_shift;
  // differences below diff_min contribute nothing.
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
  int32_t diff_min = 0;
  // int16 input: tables of exp(x) on [-10, 0] and 1/(1+x) on [0, 1] (Q0.15).
  const int16_t* exp_lut = nullptr;
  const int16_t* one_over_one_plus_x_lut = nullptr;
};

void SoftmaxF32(const SoftmaxParams& params, const float* input, float* output);
void SoftmaxS8(const SoftmaxParams& params, const int8_t* input, int8_t* output);
void SoftmaxS8S16(const SoftmaxParams& params, const int8_t* input, int16_t* output);
// Uses `output` as scratch for the row's exp values (input and output must not alias).
void SoftmaxS16(const SoftmaxParams& params, const int16_t* input, int16_t* output);

// int8 -> int8 variants (kernels/common/kernel_variant.h): SoftmaxS8's
// pointers plus the variant's packed constants and scratch. Only the
// reference so far: softmax is a few thousand instructions in the models
// measured (docs/performance.md), too little for an optimized variant to pay.
struct SoftmaxS8Args {
  const int8_t* input;
  int8_t* output;
  const void* packed;  // SoftmaxS8Variant::pack's output, or null
  void* scratch;       // SoftmaxS8Variant::scratch_bytes bytes, or null
};
using SoftmaxS8Variant = KernelVariant<SoftmaxParams, SoftmaxS8Args>;

// Every int8 variant compiled into this build, the reference
// (softmax_s8__ref) last (softmax_variants.cc).
Span<const SoftmaxS8Variant* const> SoftmaxS8Variants();
void softmax_s8__ref(const SoftmaxParams& p, const SoftmaxS8Args& a);

// SOFTMAX's op data.
struct SoftmaxOpData {
  SoftmaxParams params;
  const SoftmaxS8Variant* s8 = nullptr;  // int8 -> int8: the chosen variant
  const void* packed = nullptr;          // its packed constants
  int32_t scratch_index = -1;            // its scratch
};

// Fills a 513-entry int16 table of func on [input_min, input_max] with
// outputs in [output_min, output_max], as TFLite's int16 LUT generator does.
void SoftmaxGenerateLut(float (*func)(float), float input_min, float input_max, float output_min,
                        float output_max, int16_t* lut);
// Interpolated lookup in a 513-entry table.
int16_t SoftmaxLutLookup(int16_t value, const int16_t* lut);

namespace ops {
Span<const OpKernel* const> softmax_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_SOFTMAX_SOFTMAX_H_
