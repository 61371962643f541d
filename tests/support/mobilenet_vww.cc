#include "support/mobilenet_vww.h"

#include <cmath>
#include <random>

#include "tflite_builder/model_builder.h"

namespace mote {
namespace testing {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr int8_t kSame = 0, kValid = 1;  // Padding
constexpr int8_t kRelu = 1;              // FusedActivation

// Input: [0, 1) (pixels / 255), zero point -128, as the MLPerf Tiny model's.
const QuantParams kInputQuant{{1.0f / 255}, {-128}, 0};
constexpr float kInputMeanSquare = 1.0f / 3;  // uniform random input
// A ReLU output whose pre-activation is N(0, 2^2): E[x^2] is about half the variance.
constexpr float kReluMeanSquare = 2.0f;
constexpr float kPreActivationStd = 2.0f;

// Weight scales: int8 weights uniform in [-127, 127] have E[q^2] = 127^2 / 3,
// so a scale s gives a pre-activation variance fan_in * E[x^2] * s^2 * 127^2 / 3.
// Aim it at kPreActivationStd^2, given the input's mean square.
float WeightScale(int32_t fan_in, float input_mean_square) {
  return kPreActivationStd /
         (127.0f * std::sqrt(static_cast<float>(fan_in) * input_mean_square / 3.0f));
}

// The share of each pointwise conv's output channels that are dead (weights
// all near zero), about as in the trained MLPerf Tiny model: none early, most
// in the 6x6 and 3x3 layers.
constexpr float kDeadShare[13] = {0,     0,    0,    0,    0.06f, 0.16f, 0.55f,
                                  0.75f, 0.8f, 0.8f, 0.8f, 0.85f, 0.85f};

class Builder {
 public:
  explicit Builder(uint32_t seed) : rng_(seed) {}

  // CONV_2D (depthwise = false; filter [out_c, k, k, in_c]) or
  // DEPTHWISE_CONV_2D (multiplier 1; filter [1, k, k, in_c]), fused ReLU, SAME
  // padding, parameters drawn like TFLite's converter writes them:
  // - symmetric int8 weights, per-channel scales (max |w| / 127: every
  //   channel reaches +-127) spread over a factor of ~8 between channels;
  // - int32 biases, quantized with scale input * weight scale;
  // - a channel is dead (weights all near zero, `dead_share` of them) as in
  //   a trained network: its weight scale is 1e-9..1e-6 of a live one's, so
  //   its bias does not fit and the converter clamps it to +-2^30 (stored via
  //   float: 2^30 or 2^30 + 128), and its multiplier is about 2^-28 or below
  //   (0 under 2^-32);
  // - asymmetric activations: ReLU outputs, zero point -128, a scale per
  //   layer (0.028..0.045: 4-6 sigma of the pre-activation at 127).
  // `in_mean_square` is the input's E[x^2] over its live channels, `in_alive`
  // their share.
  int Conv(int in, const QuantParams& in_quant, float in_mean_square, float in_alive, int32_t size,
           int32_t in_c, int32_t out_c, int32_t kernel, int32_t stride, bool depthwise,
           float dead_share, QuantParams* out_quant) {
    const int32_t taps = depthwise ? kernel * kernel : kernel * kernel * in_c;
    const float base = WeightScale(taps, in_mean_square * (depthwise ? 1.0f : in_alive));
    QuantParams wq{{}, {}, depthwise ? 3 : 0};
    QuantParams bq;
    std::vector<int32_t> bias(static_cast<size_t>(out_c));
    std::vector<int8_t> weights(static_cast<size_t>(out_c) * taps);
    for (int32_t c = 0; c < out_c; ++c) {
      const bool dead = Real(0.0f, 1.0f) < dead_share;
      const float scale = dead ? base * std::exp(Real(std::log(1e-9f), std::log(1e-6f)))
                               : base * std::exp(Real(std::log(0.35f), std::log(2.8f)));
      wq.scale.push_back(scale);
      wq.zero_point.push_back(0);
      const double bias_scale = static_cast<double>(in_quant.scale[0]) * scale;
      bq.scale.push_back(static_cast<float>(bias_scale));
      bq.zero_point.push_back(0);
      // A small bias, slightly positive on average (keeps ReLU units alive),
      // quantized as the converter does (clamped through float).
      const double q = std::round(Real(-0.3f, 0.5f) / bias_scale);
      const double limit = static_cast<double>(1 << 30);
      const float clamped = static_cast<float>(q < -limit ? -limit : q > limit ? limit : q);
      bias[static_cast<size_t>(c)] =
          dead ? (q < 0 ? -1 : 1) * ((1 << 30) + (Int(0, 1) == 0 ? 0 : 128))
               : static_cast<int32_t>(clamped);
      // Uniform weights; one of them at +-127 (the scale is the channel's max).
      for (int32_t k = 0; k < taps; ++k) {
        const size_t i =
            depthwise ? static_cast<size_t>(k) * out_c + c : static_cast<size_t>(c) * taps + k;
        weights[i] = static_cast<int8_t>(Int(-127, 127));
      }
      const int32_t k = Int(0, taps - 1);
      weights[depthwise ? static_cast<size_t>(k) * out_c + c : static_cast<size_t>(c) * taps + k] =
          static_cast<int8_t>(Int(0, 1) == 0 ? -127 : 127);
    }
    const std::vector<int32_t> filter_shape =
        depthwise ? std::vector<int32_t>{1, kernel, kernel, out_c}
                  : std::vector<int32_t>{out_c, kernel, kernel, in_c};
    const int f = b_.AddConstTensor(DataType::kInt8, filter_shape, weights, wq);
    const int bi = b_.AddConstTensor(DataType::kInt32, {out_c}, bias, bq);
    const int32_t out_size = (size + stride - 1) / stride;  // SAME
    *out_quant = QuantParams{{Real(0.028f, 0.045f)}, {-128}, 0};
    const int out = b_.AddTensor(DataType::kInt8, {1, out_size, out_size, out_c}, *out_quant);
    if (depthwise) {
      b_.AddOperator(
          BuiltinOp::kDepthwiseConv2D, {in, f, bi}, {out},
          Options(2).Int8(0, kSame).Int32(1, stride).Int32(2, stride).Int32(3, 1).Int8(4, kRelu));
    } else {
      b_.AddOperator(BuiltinOp::kConv2D, {in, f, bi}, {out},
                     Options(1).Int8(0, kSame).Int32(1, stride).Int32(2, stride).Int8(3, kRelu));
    }
    return out;
  }

  std::vector<uint8_t> Build() {
    const int input = b_.AddTensor(DataType::kInt8, {1, 96, 96, 3}, kInputQuant, "input");
    QuantParams q;
    int x = Conv(input, kInputQuant, kInputMeanSquare, 1.0f, 96, 3, 8, 3, 2, false, 0.0f, &q);
    int32_t size = 48, channels = 8;
    float alive = 1.0f;
    const int32_t out_channels[13] = {16, 32, 32, 64, 64, 128, 128, 128, 128, 128, 128, 256, 256};
    const int32_t strides[13] = {1, 2, 1, 2, 1, 2, 1, 1, 1, 1, 1, 2, 1};
    for (int i = 0; i < 13; ++i) {
      const QuantParams in_q = q;
      x = Conv(x, in_q, kReluMeanSquare, alive, size, channels, channels, 3, strides[i], true, 0.0f,
               &q);
      size = (size + strides[i] - 1) / strides[i];
      const QuantParams dw_q = q;
      x = Conv(x, dw_q, kReluMeanSquare, alive, size, channels, out_channels[i], 1, 1, false,
               kDeadShare[i], &q);
      channels = out_channels[i];
      alive = 1.0f - kDeadShare[i];
    }
    // size 3, channels 256.
    const int pooled = b_.AddTensor(DataType::kInt8, {1, 1, 1, channels}, q);
    b_.AddOperator(
        BuiltinOp::kAveragePool2D, {x}, {pooled},
        Options(5).Int8(0, kValid).Int32(1, 1).Int32(2, 1).Int32(3, size).Int32(4, size));
    const int shape =
        b_.AddConstTensor<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{1, channels});
    const int flat = b_.AddTensor(DataType::kInt8, {1, channels}, q);
    b_.AddOperator(BuiltinOp::kReshape, {pooled, shape}, {flat},
                   Options(17).Int32Vector(0, {1, channels}));

    // Per-tensor weights, as TFLite's converter writes for FULLY_CONNECTED;
    // logits of a few units, in [-8, 8).
    const float w_scale = WeightScale(channels, kReluMeanSquare * alive);
    std::vector<int8_t> weights(static_cast<size_t>(kMobileNetVwwClasses) * channels);
    for (int8_t& w : weights) w = static_cast<int8_t>(Int(-127, 127));
    const int32_t classes = static_cast<int32_t>(kMobileNetVwwClasses);
    const int wt = b_.AddConstTensor(DataType::kInt8, {classes, channels}, weights,
                                     QuantParams{{w_scale}, {0}, 0});
    const float bias_scale = q.scale[0] * w_scale;
    std::vector<int32_t> bias(kMobileNetVwwClasses);
    for (int32_t& v : bias) v = static_cast<int32_t>(std::lround(Real(-0.5f, 0.5f) / bias_scale));
    const int bi =
        b_.AddConstTensor(DataType::kInt32, {classes}, bias, QuantParams{{bias_scale}, {0}, 0});
    const int logits =
        b_.AddTensor(DataType::kInt8, {1, classes}, QuantParams{{1.0f / 16}, {0}, 0});
    b_.AddOperator(BuiltinOp::kFullyConnected, {flat, wt, bi}, {logits}, Options(8).Int8(0, 0));
    const int probs = b_.AddTensor(DataType::kInt8, {1, classes},
                                   QuantParams{{1.0f / 256}, {-128}, 0}, "probabilities");
    b_.AddOperator(BuiltinOp::kSoftmax, {logits}, {probs}, Options(9).Float(0, 1.0f));
    b_.SetInputs({input});
    b_.SetOutputs({probs});
    b_.SetDescription("MobileNet v1 0.25 96x96 (MLPerf Tiny VWW shapes), synthetic weights");
    return b_.Build();
  }

 private:
  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  float Real(float lo, float hi) { return std::uniform_real_distribution<float>(lo, hi)(rng_); }

  std::mt19937 rng_;
  ModelBuilder b_;
};

}  // namespace

std::vector<uint8_t> BuildMobileNetVww(uint32_t seed) { return Builder(seed).Build(); }

}  // namespace testing
}  // namespace mote
