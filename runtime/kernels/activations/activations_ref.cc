// Reference arithmetic of the element-wise activations (see activations.h).
#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/activations/activations.h"
#include "kernels/common/quantization.h"
#include "kernels/lstm/lstm_gates.h"
#include "kernels/softmax/fixed_point_math.h"

namespace mote {
namespace {

template <typename T>
void ReluQuantized(const ReluParams& p, const T* in, T* out) {
  for (uint32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(in[i]) - p.input_zero_point;
    int32_t v = p.output_zero_point + MultiplyByQuantizedMultiplier(x, p.multiplier, p.shift);
    v = std::min(std::max(v, p.act_min), p.act_max);
    out[i] = static_cast<T>(v);
  }
}

template <typename T>
void Relu6Quantized(const Relu6Params& p, const T* in, T* out) {
  const T lower = static_cast<T>(p.zero);
  const T upper = static_cast<T>(p.six);
  for (uint32_t i = 0; i < p.size; ++i) {
    const T v = in[i];
    out[i] = v > upper ? upper : (v < lower ? lower : v);
  }
}

template <typename T>
void LeakyReluQuantized(const LeakyReluParams& p, const T* in, T* out) {
  constexpr int32_t kMin = std::numeric_limits<T>::min();
  constexpr int32_t kMax = std::numeric_limits<T>::max();
  for (uint32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(in[i]) - p.input_zero_point;
    const int32_t scaled =
        x >= 0 ? MultiplyByQuantizedMultiplier(x, p.multiplier_identity, p.shift_identity)
               : MultiplyByQuantizedMultiplier(x, p.multiplier_alpha, p.shift_alpha);
    const int32_t v = p.output_zero_point + scaled;
    out[i] = static_cast<T>(std::min(kMax, std::max(kMin, v)));
  }
}

}  // namespace

void ReluF32(const ReluParams& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) out[i] = in[i] < 0.0f ? 0.0f : in[i];
}
void ReluS8(const ReluParams& p, const int8_t* in, int8_t* out) { ReluQuantized(p, in, out); }
void ReluS16(const ReluParams& p, const int16_t* in, int16_t* out) { ReluQuantized(p, in, out); }

void Relu6F32(const Relu6Params& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) {
    const float v = in[i];
    out[i] = v > 6.0f ? 6.0f : (v < 0.0f ? 0.0f : v);
  }
}
void Relu6S8(const Relu6Params& p, const int8_t* in, int8_t* out) { Relu6Quantized(p, in, out); }
void Relu6S16(const Relu6Params& p, const int16_t* in, int16_t* out) {
  Relu6Quantized(p, in, out);
}

void LeakyReluF32(const LeakyReluParams& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) {
    const float v = in[i];
    out[i] = v > 0 ? v : v * p.alpha;
  }
}
void LeakyReluS8(const LeakyReluParams& p, const int8_t* in, int8_t* out) {
  LeakyReluQuantized(p, in, out);
}
void LeakyReluS16(const LeakyReluParams& p, const int16_t* in, int16_t* out) {
  LeakyReluQuantized(p, in, out);
}

void LogisticF32(const SigmoidParams& p, const float* in, float* out) {
  const float kCutoffUpper = 16.619047164916992188f;
  const float kCutoffLower = -9.0f;
  for (uint32_t i = 0; i < p.size; ++i) {
    const float v = in[i];
    float r;
    if (v > kCutoffUpper) {
      r = 1.0f;
    } else if (v < kCutoffLower) {
      r = std::exp(v);
    } else {
      r = 1.0f / (1.0f + std::exp(-v));
    }
    out[i] = r;
  }
}

void TanhF32(const SigmoidParams& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) out[i] = std::tanh(in[i]);
}

namespace {

constexpr int kSigmoidInputIntegerBits = 4;

// Q4.27 input for the fixed-point functions, or saturation (-1 / +1).
template <typename Fn>
void SigmoidS8(const SigmoidParams& p, const int8_t* in, int8_t* out, Fn fn) {
  for (uint32_t i = 0; i < p.size; ++i) {
    const int32_t x = static_cast<int32_t>(in[i]) - p.input_zero_point;
    if (x <= -p.input_range_radius) {
      out[i] = std::numeric_limits<int8_t>::min();
    } else if (x >= p.input_range_radius) {
      out[i] = std::numeric_limits<int8_t>::max();
    } else {
      const int32_t q4 = MultiplyByQuantizedMultiplier(x, p.input_multiplier, p.input_left_shift);
      out[i] = static_cast<int8_t>(fn(q4));
    }
  }
}

}  // namespace

void LogisticS8(const SigmoidParams& p, const int8_t* in, int8_t* out) {
  SigmoidS8(p, in, out, [](int32_t q4) {
    const int32_t q0 = fixedpoint::Logistic(q4, kSigmoidInputIntegerBits);
    const int32_t v = RoundingDivideByPOT(q0, 31 - 8) - 128;  // scale 1/256, zero point -128
    return std::min(std::max(v, int32_t{-128}), int32_t{127});
  });
}

void TanhS8(const SigmoidParams& p, const int8_t* in, int8_t* out) {
  SigmoidS8(p, in, out, [](int32_t q4) {
    const int32_t q0 = fixedpoint::Tanh(q4, kSigmoidInputIntegerBits);
    const int32_t v = RoundingDivideByPOT(q0, 31 - 7);  // scale 1/128
    return std::min(std::max(v, int32_t{-128}), int32_t{127});
  });
}

// TFLM's int16 LOGISTIC/TANH and the int16 LSTM gates run the same lookup
// arithmetic; only the input scaling differs, so the LSTM code is reused.
void LogisticS16(const SigmoidS16Params& p, const int16_t* in, int16_t* out) {
  LstmSigmoidS16(LstmActivationScale{p.multiplier, p.right_shift}, in, out,
                 static_cast<int>(p.size));
}

void TanhS16(const SigmoidS16Params& p, const int16_t* in, int16_t* out) {
  LstmTanhS16(LstmActivationScale{p.multiplier, p.right_shift}, in, out, static_cast<int>(p.size));
}

void HardSwishF32(const HardSwishParams& p, const float* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) {
    const float v = in[i];
    out[i] = v * std::min(6.0f, std::max(0.0f, v + 3.0f)) / 6.0f;
  }
}

}  // namespace mote
