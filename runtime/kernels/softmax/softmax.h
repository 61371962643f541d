// SOFTMAX over the last dimension: float32, int8 -> int8, int8 -> int16 and
// int16 -> int16, bit-exact with TFLite's reference kernels.
#ifndef MOTE_KERNELS_SOFTMAX_SOFTMAX_H_
#define MOTE_KERNELS_SOFTMAX_SOFTMAX_H_

#include <cstdint>

#include "mote/kernel.h"

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

// Fills a 513-entry int16 table of func on [input_min, input_max] with
// outputs in [output_min, output_max], as TFLite's int16 LUT generator does.
void SoftmaxGenerateLut(float (*func)(float), float input_min, float input_max, float output_min,
                        float output_max, int16_t* lut);
// Interpolated lookup in a 513-entry table.
int16_t SoftmaxLutLookup(int16_t value, const int16_t* lut);

namespace ops {
Span<const OpKernel* const> softmax_kernels();
const OpKernel& Softmax();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_SOFTMAX_SOFTMAX_H_
