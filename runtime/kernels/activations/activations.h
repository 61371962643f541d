// Element-wise activations: RELU, RELU6, LEAKY_RELU, LOGISTIC, TANH and
// HARD_SWISH, bit-exact with TFLite Micro's reference kernels.
#ifndef MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_H_
#define MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_H_

#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// RELU (quantized): requantize to the output scale, then clamp to [act_min, act_max].
struct ReluParams {
  uint32_t size = 0;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t act_min = 0;
  int32_t act_max = 0;
};
void ReluF32(const ReluParams& p, const float* in, float* out);
void ReluS8(const ReluParams& p, const int8_t* in, int8_t* out);
void ReluS16(const ReluParams& p, const int16_t* in, int16_t* out);

// RELU6 (quantized): clamps the input values to [zero, six] (the input's
// quantization of 0 and 6; the output is assumed to share it, as in TFLite).
struct Relu6Params {
  uint32_t size = 0;
  int32_t zero = 0;
  int32_t six = 0;
};
void Relu6F32(const Relu6Params& p, const float* in, float* out);
void Relu6S8(const Relu6Params& p, const int8_t* in, int8_t* out);
void Relu6S16(const Relu6Params& p, const int16_t* in, int16_t* out);

// LEAKY_RELU: x >= 0 ? x : alpha * x, each branch with its own multiplier.
struct LeakyReluParams {
  uint32_t size = 0;
  float alpha = 0.0f;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier_identity = 0;
  int shift_identity = 0;
  int32_t multiplier_alpha = 0;  // negative for alpha < 0
  int shift_alpha = 0;
};
void LeakyReluF32(const LeakyReluParams& p, const float* in, float* out);
void LeakyReluS8(const LeakyReluParams& p, const int8_t* in, int8_t* out);
void LeakyReluS16(const LeakyReluParams& p, const int16_t* in, int16_t* out);

// LOGISTIC / TANH int8: the input (minus zero point) is scaled to Q4.27 and
// fed to the fixed-point function; inputs beyond +-range_radius saturate.
// LOGISTIC output: scale 1/256, zero point -128; TANH output: scale 1/128, 0.
struct SigmoidParams {
  uint32_t size = 0;
  int32_t input_zero_point = 0;
  int32_t input_range_radius = 0;
  int32_t input_multiplier = 0;
  int input_left_shift = 0;
};
void LogisticF32(const SigmoidParams& p, const float* in, float* out);
void LogisticS8(const SigmoidParams& p, const int8_t* in, int8_t* out);
void TanhF32(const SigmoidParams& p, const float* in, float* out);
void TanhS8(const SigmoidParams& p, const int8_t* in, int8_t* out);

// LOGISTIC / TANH int16 (zero points 0, output scale 2^-15): the input times
// `multiplier`, rounded right by `right_shift`, is the lookup-table input (3 *
// 4096 per unit), interpolated in the same 256-entry sigmoid table as the int16
// LSTM gates (kernels/lstm/lstm_gates.h).
struct SigmoidS16Params {
  uint32_t size = 0;
  int32_t multiplier = 0;  // 1..32767
  int right_shift = 0;     // 0..31
};
void LogisticS16(const SigmoidS16Params& p, const int16_t* in, int16_t* out);
void TanhS16(const SigmoidS16Params& p, const int16_t* in, int16_t* out);

// HARD_SWISH: x * relu6(x + 3) / 6. The int8 path works in 16-bit fixed point:
// x - zero_point is scaled by 128 ("hires"), multiplied by output_multiplier (Q15,
// exponent <= 0 applied last) and by a gate relu6(x + 3) / 6 computed with
// reluish_multiplier (Q15) * 2^reluish_exponent.
struct HardSwishParams {
  uint32_t size = 0;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
  int16_t reluish_multiplier = 0;
  int reluish_exponent = 0;  // -31..30
  int16_t output_multiplier = 0;
  int output_exponent = 0;  // -31..0
};
void HardSwishF32(const HardSwishParams& p, const float* in, float* out);
void HardSwishS8(const HardSwishParams& p, const int8_t* in, int8_t* out);

namespace ops {
Span<const OpKernel* const> activations_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_ACTIVATIONS_ACTIVATIONS_H_
