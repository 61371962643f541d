#include "kernels/lstm/lstm_quant.h"

#include <algorithm>
#include <cmath>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// Gate pre-activations are int16 Q3.12; gate outputs (sigmoid/tanh) Q0.15.
constexpr float kGateInputScale = 0.000244140625f;      // 2^-12
constexpr float kGateOutputScale = 0.000030517578125f;  // 2^-15

// The FC multiplier as TFLite's GetQuantizedConvolutionMultipler: the product
// of the input and weight scales is formed in float, the division in double.
LstmFcParams GateFc(float input_scale, int32_t input_zero_point, float weight_scale,
                    int32_t weight_zero_point) {
  volatile float product = input_scale * weight_scale;  // keep float rounding
  const double real = static_cast<double>(product) / static_cast<double>(kGateInputScale);
  LstmFcParams fc{};
  fc.input_offset = -input_zero_point;
  fc.weights_offset = -weight_zero_point;
  QuantizeMultiplier(real, &fc.multiplier, &fc.shift);
  return fc;
}

// Element-wise product of two symmetric inputs rescaled into `output_scale`
// (all in double, as TFLM's CreateInterGateMulParams).
LstmMulParams InterGateMul(float scale1, float scale2, float output_scale, int32_t output_offset,
                           int32_t output_min, int32_t output_max) {
  const double real =
      static_cast<double>(scale1) * static_cast<double>(scale2) / static_cast<double>(output_scale);
  LstmMulParams mul{};
  QuantizeMultiplier(real, &mul.multiplier, &mul.shift);
  mul.output_offset = output_offset;
  mul.output_min = output_min;
  mul.output_max = output_max;
  return mul;
}

}  // namespace

bool LstmCheckedLog2(float scale, int32_t* log2_result) {
  const float log2 = std::log(scale) * (1.0f / std::log(2.0f));
  const float rounded = std::round(log2);
  if (!std::isfinite(rounded) || std::fabs(rounded) > 1000.0f) return false;
  *log2_result = static_cast<int32_t>(rounded);
  return std::fabs(log2 - rounded) < 1e-3f;
}

Status ComputeLstmS8Quantization(const LstmQuantSpec& spec, LstmS8Params* params) {
  int32_t power = 0;
  if (!(spec.cell_scale > 0.0f) || !LstmCheckedLog2(spec.cell_scale, &power)) {
    return Status::Error(StatusCode::kUnsupported, "cell state scale %g is not a power of two",
                         static_cast<double>(spec.cell_scale));
  }
  if (power < -30 || power > 2) {
    return Status::Error(StatusCode::kUnsupported, "cell state scale 2^%d is outside 2^-30..2^2",
                         static_cast<int>(power));
  }
  params->cell_scale_power = power;

  for (int g = 0; g < kLstmNumGates; ++g) {
    params->input_fc[g] = GateFc(spec.input_scale, spec.input_zero_point,
                                 spec.input_weight_scale[g], spec.input_weight_zero_point[g]);
    params->recurrent_fc[g] =
        GateFc(spec.hidden_scale, spec.hidden_zero_point, spec.recurrent_weight_scale[g],
               spec.recurrent_weight_zero_point[g]);
  }

  params->forget_times_cell =
      InterGateMul(kGateOutputScale, spec.cell_scale, spec.cell_scale, 0, -32768, 32767);
  params->input_times_cell_gate =
      InterGateMul(kGateOutputScale, kGateOutputScale, spec.cell_scale, 0, -32768, 32767);
  params->hidden = InterGateMul(kGateOutputScale, kGateOutputScale, spec.hidden_scale,
                                spec.hidden_zero_point, -128, 127);

  params->clip_cell = spec.cell_clip > 0.0f;
  if (params->clip_cell) {
    const double clip = static_cast<double>(spec.cell_clip) / static_cast<double>(spec.cell_scale);
    params->quantized_cell_clip = static_cast<int16_t>(std::min(std::max(clip, -32768.0), 32767.0));
  } else {
    params->quantized_cell_clip = 0;
  }
  return Status::Ok();
}

}  // namespace mote
