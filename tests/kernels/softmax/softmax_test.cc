// SOFTMAX: fixed-point helpers against gemmlowp (test-only oracle), hand
// cases per dtype, Prepare rejections, and TFLM per-layer goldens.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include <gemmlowp/fixedpoint/fixedpoint.h>

#include "kernels/softmax/fixed_point_math.h"
#include "kernels/softmax/softmax.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr int32_t kMaxInt32() { return std::numeric_limits<int32_t>::max(); }
constexpr int32_t kMinInt32() { return std::numeric_limits<int32_t>::min(); }

// Deterministic spread of raw int32 values (small, large, and edge values).
std::vector<int32_t> RawSamples() {
  std::vector<int32_t> v = {0, 1, -1, 2, -2, kMaxInt32(), kMinInt32(), kMinInt32() + 1,
                            1 << 30, -(1 << 30), 1 << 26, -(1 << 26)};
  uint32_t s = 12345;
  for (int i = 0; i < 20000; ++i) {
    s = s * 1664525u + 1013904223u;
    int32_t r = static_cast<int32_t>(s);
    v.push_back(r >> (i % 31));
  }
  return v;
}

TEST(SoftmaxFixedPoint, ExpOnNegativeValuesMatchesGemmlowp) {
  for (int32_t raw : RawSamples()) {
    const int32_t a = raw > 0 ? -raw : raw;  // <= 0
    using F5 = gemmlowp::FixedPoint<int32_t, 5>;
    using F4 = gemmlowp::FixedPoint<int32_t, 4>;
    using F12 = gemmlowp::FixedPoint<int32_t, 12>;
    ASSERT_EQ(fixedpoint::ExpOnNegativeValues(a, 5),
              gemmlowp::exp_on_negative_values(F5::FromRaw(a)).raw())
        << a;
    ASSERT_EQ(fixedpoint::ExpOnNegativeValues(a, 4),
              gemmlowp::exp_on_negative_values(F4::FromRaw(a)).raw())
        << a;
    ASSERT_EQ(fixedpoint::ExpOnNegativeValues(a, 12),
              gemmlowp::exp_on_negative_values(F12::FromRaw(a)).raw())
        << a;
  }
}

TEST(SoftmaxFixedPoint, ReciprocalLogisticTanhMatchGemmlowp) {
  using F0 = gemmlowp::FixedPoint<int32_t, 0>;
  using F4 = gemmlowp::FixedPoint<int32_t, 4>;
  for (int32_t raw : RawSamples()) {
    const int32_t x01 = raw < 0 ? (raw == kMinInt32() ? 0 : -raw) : raw;  // [0, 1)
    ASSERT_EQ(fixedpoint::OneOverOnePlusX(x01),
              gemmlowp::one_over_one_plus_x_for_x_in_0_1(F0::FromRaw(x01)).raw())
        << x01;
    ASSERT_EQ(fixedpoint::Logistic(raw, 4), gemmlowp::logistic(F4::FromRaw(raw)).raw()) << raw;
    ASSERT_EQ(fixedpoint::Tanh(raw, 4), gemmlowp::tanh(F4::FromRaw(raw)).raw()) << raw;
  }
}

// One SOFTMAX model.
struct SoftmaxModel {
  DataType in_type = DataType::kInt8;
  DataType out_type = DataType::kInt8;
  std::vector<int32_t> in_shape{1, 4}, out_shape{1, 4};
  QuantParams in_q{{0.1f}, {0}, 0};
  QuantParams out_q{{1.0f / 256}, {-128}, 0};
  float beta = 1.0f;

  std::vector<uint8_t> Build() const {
    ModelBuilder b;
    const bool quant = in_type != DataType::kFloat32;
    const int in = b.AddTensor(in_type, in_shape, quant ? in_q : QuantParams{});
    const int out = b.AddTensor(out_type, out_shape, quant ? out_q : QuantParams{});
    b.AddOperator(BuiltinOp::kSoftmax, {in}, {out}, Options(9).Float(0, beta));
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  }
};

const OpResolver& Resolver() {
  static OpResolverN<1>* resolver = [] {
    auto* r = new OpResolverN<1>();
    if (!r->Add(ops::Softmax()).ok()) abort();
    return r;
  }();
  return *resolver;
}

template <typename In, typename Out>
std::vector<Out> RunSoftmax(const SoftmaxModel& m, const std::vector<In>& input) {
  testing::ModelRunner runner(m.Build());
  const Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  runner.SetInput<In>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<Out>(0);
}

StatusCode PrepareCode(const SoftmaxModel& m) {
  testing::ModelRunner runner(m.Build());
  return runner.Init(Resolver()).code();
}

TEST(SoftmaxF32, TwoRows) {
  SoftmaxModel m;
  m.in_type = m.out_type = DataType::kFloat32;
  m.in_shape = m.out_shape = {2, 2};
  const std::vector<float> out = RunSoftmax<float, float>(m, {0.0f, 0.0f, std::log(3.0f), 0.0f});
  ASSERT_EQ(out.size(), 4u);
  EXPECT_FLOAT_EQ(out[0], 0.5f);
  EXPECT_FLOAT_EQ(out[1], 0.5f);
  EXPECT_FLOAT_EQ(out[2], 0.75f);
  EXPECT_FLOAT_EQ(out[3], 0.25f);
}

TEST(SoftmaxS8, HandComputed) {
  // Scale 0.1: inputs 0 and -69 (diff 6.9 -> exp ~0.001) and two equal maxima.
  SoftmaxModel m;
  // Equal inputs: 1/4 each = 64/256 -> -128 + 64 = -64.
  EXPECT_EQ((RunSoftmax<int8_t, int8_t>(m, {5, 5, 5, 5})), (std::vector<int8_t>{-64, -64, -64, -64}));
  // One dominant input (diff 12.8): ~1.0 -> 127 (saturated); others ~0 -> -128.
  EXPECT_EQ((RunSoftmax<int8_t, int8_t>(m, {100, -28, -28, -28})),
            (std::vector<int8_t>{127, -128, -128, -128}));
  // Two equal maxima: 1/2 each -> 0; diff 10 (exp(-1)) vs two of 0: e^-1/(2+e^-1)/... checked
  // against the float value within one step.
  const std::vector<int8_t> out = RunSoftmax<int8_t, int8_t>(m, {10, 0, 0, -128});
  const double e = std::exp(-1.0);
  const double denom = 1.0 + 2 * e + std::exp(-13.8);
  EXPECT_NEAR(out[0], std::round(256.0 / denom) - 128, 1);
  EXPECT_NEAR(out[1], std::round(256.0 * e / denom) - 128, 1);
  EXPECT_EQ(out[1], out[2]);
  EXPECT_EQ(out[3], -128);
}

TEST(SoftmaxS8S16, HandComputed) {
  SoftmaxModel m;
  m.out_type = DataType::kInt16;
  m.out_q = {{1.0f / 65536}, {-32768}, 0};
  const std::vector<int16_t> out = RunSoftmax<int8_t, int16_t>(m, {5, 5, 5, 5});
  // 1/4 = 16384/65536 -> -32768 + 16384.
  EXPECT_EQ(out, (std::vector<int16_t>{-16384, -16384, -16384, -16384}));
}

TEST(SoftmaxS16, HandComputed) {
  SoftmaxModel m;
  m.in_type = m.out_type = DataType::kInt16;
  m.in_q = {{10.0f / 32768}, {0}, 0};
  m.out_q = {{1.0f / 32768}, {0}, 0};
  // Equal inputs: 1/4 -> 8192 within the tables' precision.
  const std::vector<int16_t> eq = RunSoftmax<int16_t, int16_t>(m, {100, 100, 100, 100});
  for (int16_t v : eq) EXPECT_NEAR(v, 8192, 2);
  EXPECT_EQ(eq[0], eq[3]);
  // One large input: ~1.0 (32767) and others ~0.
  const std::vector<int16_t> big = RunSoftmax<int16_t, int16_t>(m, {32767, -32768, -32768, -32768});
  EXPECT_NEAR(big[0], 32767, 8);
  EXPECT_LE(big[1], 2);  // exp(-10) floor of the table, ~0
}

TEST(SoftmaxLut, ExpTableEndpoints) {
  int16_t lut[kSoftmaxLutSize];
  SoftmaxGenerateLut([](float x) { return std::exp(x); }, -10.0f, 0.0f, -1.0f, 1.0f, lut);
  EXPECT_EQ(lut[kSoftmaxLutSize - 1], 32767);  // exp(0) * 32768, clamped
  EXPECT_GE(lut[0], 1);  // exp(-10) * 32768 = 1.49, plus the midpoint bias
  EXPECT_LE(lut[0], 2);
  EXPECT_NEAR(SoftmaxLutLookup(32767, lut), 32767, 8);  // interpolated below the last entry
  EXPECT_EQ(SoftmaxLutLookup(-32768, lut), lut[0]);
}

TEST(SoftmaxPrepare, RejectsBadModels) {
  {
    SoftmaxModel m;  // int8 output with the wrong scale
    m.out_q = {{1.0f / 128}, {-128}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // int8 output with the wrong zero point
    m.out_q = {{1.0f / 256}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // shape mismatch
    m.out_shape = {1, 5};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    SoftmaxModel m;  // rank mismatch
    m.out_shape = {4};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    SoftmaxModel m;  // int16 -> int8 is not a TFLite variant
    m.in_type = DataType::kInt16;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // float -> int8
    m.in_type = DataType::kFloat32;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // beta 0
    m.beta = 0.0f;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // input not quantized
    m.in_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    SoftmaxModel m;  // int16 output scale wrong
    m.in_type = m.out_type = DataType::kInt16;
    m.out_q = {{1.0f / 256}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    SoftmaxModel m;  // int16 depth too large for the int32 sum
    m.in_type = m.out_type = DataType::kInt16;
    m.out_q = {{1.0f / 32768}, {0}, 0};
    m.in_shape = m.out_shape = {1, 70000};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
}

void ExpectLayersExact(const std::string& model, const std::string& input) {
  if (testing::ConformanceDir().empty()) GTEST_SKIP() << "../shared/conformance not found";
  const testing::LayerCheckReport report =
      testing::CheckLayers(model, input, Resolver(), /*stub_missing=*/true);
  ASSERT_TRUE(report.error.empty()) << report.error;
  int checked = 0;
  for (const auto& l : report.layers) {
    if (!l.implemented) continue;
    ++checked;
    EXPECT_EQ(l.mismatched, 0u) << model << " " << input << " op " << l.op_index;
  }
  EXPECT_GT(checked, 0) << model;
}

class SoftmaxGolden : public ::testing::TestWithParam<const char*> {};

TEST_P(SoftmaxGolden, LayersExact) {
  ExpectLayersExact(GetParam(), "in0");
  ExpectLayersExact(GetParam(), "in1");
}

INSTANTIATE_TEST_SUITE_P(SharedModels, SoftmaxGolden,
                         ::testing::Values("kws_ref_model", "pretrainedResnet_quant",
                                           "pretrainedResnet", "micro_speech_quantized",
                                           "keyword_scrambled_8bit", "trained_lstm_int8"));

}  // namespace
}  // namespace mote
