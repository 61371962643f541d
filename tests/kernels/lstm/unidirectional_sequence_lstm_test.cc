#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "kernels/common/quantization.h"
#include "kernels/lstm/lstm.h"
#include "kernels/lstm/lstm_gates.h"
#include "kernels/lstm/lstm_quant.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

// ---- gate arithmetic, values worked out by hand from the lookup table ----

TEST(LstmGates, SigmoidOfQ312) {
  // 0 -> 0.5; 1.0 (4096) -> table[24] = 47911 exactly: (47911 << 9 + 512) >> 10 = 23956.
  const int16_t in[] = {0, 4096, -4096, 32767, -32768};
  int16_t out[5];
  LstmSigmoidS16(kLstmQ312Scale, in, out, 5);
  EXPECT_EQ(out[0], 16384);
  EXPECT_EQ(out[1], 23956);
  EXPECT_EQ(out[2], 32768 - 23956);  // (2^25 - 47911 * 512 + 511) >> 10
  EXPECT_GT(out[3], 32740);          // sigmoid(8) = 0.99966
  EXPECT_LT(out[4], 30);
}

TEST(LstmGates, TanhOfQ312) {
  // 1.0 -> table[48] = 57724: (57724 << 8) - 2^23 + 128 = 6388864, >> 8 = 24956.
  const int16_t in[] = {0, 4096, -4096, 4680};
  int16_t out[4];
  LstmTanhS16(kLstmQ312Scale, in, out, 4);
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], 24956);
  EXPECT_EQ(out[2], -24956);
  // 4680 * 3 = 14040: table[54] = 59288, [55] = 59519, fraction 216:
  // 59288 * 256 + 216 * 231 = 15227624; - 2^23 + 128 = 6839144; >> 8 = 26715.
  EXPECT_EQ(out[3], 26715);
}

TEST(LstmGates, TanhScaleForCellPowers) {
  EXPECT_EQ(LstmTanhScaleFor(-12).multiplier, 3);
  EXPECT_EQ(LstmTanhScaleFor(-12).right_shift, 0);
  EXPECT_EQ(LstmTanhScaleFor(-11).multiplier, 6);
  EXPECT_EQ(LstmTanhScaleFor(-14).multiplier, 3);
  EXPECT_EQ(LstmTanhScaleFor(-14).right_shift, 2);
  // A cell at 2^-11 holding 2048 is 1.0, like 4096 at 2^-12.
  const int16_t in = 2048;
  int16_t out = 0;
  LstmTanhS16(LstmTanhScaleFor(-11), &in, &out, 1);
  EXPECT_EQ(out, 24956);
}

TEST(LstmGates, SaturatingAddAndMul) {
  const int16_t a[] = {30000, -30000, 5};
  const int16_t b[] = {30000, -30000, -7};
  int16_t sum[3];
  LstmAddSaturateS16(a, b, sum, 3);
  EXPECT_EQ(sum[0], 32767);
  EXPECT_EQ(sum[1], -32768);
  EXPECT_EQ(sum[2], -2);

  LstmS8Params p{};
  LstmQuantSpec spec{};
  spec.input_scale = spec.hidden_scale = 1.0f / 128;
  spec.cell_scale = 1.0f / 4096;
  for (int g = 0; g < kLstmNumGates; ++g) {
    spec.input_weight_scale[g] = spec.recurrent_weight_scale[g] = 1.0f / 32;
  }
  ASSERT_TRUE(ComputeLstmS8Quantization(spec, &p).ok());
  EXPECT_EQ(p.cell_scale_power, -12);
  // 0.5 (Q0.15) x 1000 -> 500, forget x cell keeps the cell's scale.
  const int16_t half[] = {16384, 16384};
  const int16_t cell[] = {1000, -1001};
  int16_t prod[2];
  LstmMulS16(p.forget_times_cell, half, cell, prod, 2);
  EXPECT_EQ(prod[0], 500);
  EXPECT_EQ(prod[1], -501);  // -500.5 rounds away from zero
}

TEST(LstmGates, FullyConnectedWithOffsetsAndBias) {
  // Unit multiplier (scale 2^-7 * 2^-5 = 2^-12): the accumulator itself.
  LstmFcParams fc{};
  fc.input_offset = 3;  // input zero point -3
  QuantizeMultiplier(1.0, &fc.multiplier, &fc.shift);
  const int8_t x[] = {1, -3, 10};
  const int8_t w[] = {1, 2, 3, -1, -1, -1};
  const int32_t bias[] = {100, 40000};
  int16_t out[2];
  LstmFullyConnectedS8ToS16(fc, 1, 3, 2, x, w, bias, out);
  EXPECT_EQ(out[0], 4 * 1 + 0 * 2 + 13 * 3 + 100);
  EXPECT_EQ(out[1], 32767);  // 40000 - 17 saturates
}

// ---- the whole op on a tiny model ----

struct LstmModel {
  int32_t batch = 1, steps = 2, in_size = 1, state = 1;
  float cell_clip = 0.0f;
  int8_t activation = 4;  // TANH
  bool time_major = false;
  float cell_scale = 1.0f / 4096;
  DataType cell_type = DataType::kInt16;
  int32_t cell_bias = 4096;  // cell gate pre-activation 1.0
  int8_t recurrent_cell_weight = 0;
  int num_inputs = 24;
  bool peephole = false;
  bool variable_cell = true;
  bool per_channel_weights = false;
  int32_t weight_rows = 0;  // 0: state
  float output_scale = 1.0f / 128;

  std::vector<uint8_t> Build() const {
    ModelBuilder b;
    const QuantParams act{{1.0f / 128}, {5}};
    const std::vector<int32_t> in_shape = time_major ? std::vector<int32_t>{steps, batch, in_size}
                                                     : std::vector<int32_t>{batch, steps, in_size};
    const std::vector<int32_t> out_shape = time_major ? std::vector<int32_t>{steps, batch, state}
                                                      : std::vector<int32_t>{batch, steps, state};
    std::vector<int32_t> inputs(24, -1);
    inputs[0] = b.AddTensor(DataType::kInt8, in_shape, {{1.0f / 128}, {0}}, "x");
    const int32_t rows = weight_rows > 0 ? weight_rows : state;
    QuantParams wq{{1.0f / 32}, {0}};
    if (per_channel_weights)
      wq = QuantParams{std::vector<float>(rows, 1.0f / 32), std::vector<int64_t>(rows, 0), 0};
    for (int g = 0; g < 4; ++g) {
      inputs[1 + g] = b.AddConstTensor<int8_t>(DataType::kInt8, {rows, in_size},
                                               std::vector<int8_t>(rows * in_size, 0), wq);
      inputs[5 + g] = b.AddConstTensor<int8_t>(
          DataType::kInt8, {state, state},
          std::vector<int8_t>(state * state, g == 2 ? recurrent_cell_weight : 0), wq);
      inputs[12 + g] = b.AddConstTensor<int32_t>(
          DataType::kInt32, {state}, std::vector<int32_t>(state, g == 2 ? cell_bias : 0),
          {{1.0f / 4096}, {0}});
    }
    if (peephole) {
      inputs[10] = b.AddConstTensor<int16_t>(DataType::kInt16, {state},
                                             std::vector<int16_t>(state, 0), {{1.0f}, {0}});
    }
    inputs[18] = b.AddTensor(DataType::kInt8, {batch, state}, act, "h", true);
    inputs[19] = b.AddTensor(cell_type, {batch, state}, {{cell_scale}, {0}}, "c", variable_cell);
    inputs.resize(static_cast<size_t>(num_inputs), -1);
    const int out = b.AddTensor(DataType::kInt8, out_shape, {{output_scale}, {5}}, "y");
    b.AddOperator(BuiltinOp::kUnidirectionalSequenceLstm, inputs, {out},
                  Options(71).Int8(0, activation).Float(1, cell_clip).Bool(3, time_major));
    b.SetInputs({inputs[0]});
    b.SetOutputs({out});
    return b.Build();
  }
};

Status InitLstm(testing::ModelRunner& runner) {
  static OpResolverN<1> resolver;
  if (resolver.num_kernels() == 0) resolver.Add(ops::UnidirectionalSequenceLstm()).IgnoreError();
  return runner.Init(resolver);
}

TEST(UnidirectionalSequenceLstmS8, TwoStepsByHand) {
  // Zero weights: forget/input/output gates = sigmoid(0) = 16384, cell gate tanh(1.0) = 24956.
  // Step 1: c = 16384 * 24956 * 2^-18 = 1559.75 -> 1560; tanh(c) = 11909;
  //         h = 11909 * 16384 * 2^-23 = 23.26 -> 23, + zero point 5 = 28.
  // Step 2: c = 780 + 1560 = 2340; tanh = 16918; h = 33.04 -> 33, + 5 = 38.
  testing::ModelRunner runner(LstmModel{}.Build());
  Status s = InitLstm(runner);
  ASSERT_TRUE(s.ok()) << s.message();
  runner.SetInput<int8_t>(0, {17, -90});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{28, 38}));
  // The state carries over into the next invocation: c = 1170 + 1560 = 2730, tanh = 19093,
  // h = 37.29 -> 42; then c = 1365 + 1560 = 2925, tanh = 20095, h = 39.25 -> 44.
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{42, 44}));
}

TEST(UnidirectionalSequenceLstmS8, RecurrentPathUsesHiddenZeroPoint) {
  // Recurrent cell weight 32 at unit multiplier: adds 32 * (h - 5) to the cell gate.
  // Step 1: h = 5 (the zero point) -> 28 as above. Step 2: 4096 + 32 * 23 = 4832,
  // tanh = 27110; c = 780 + 1694 = 2474, tanh = 17692; h = 34.55 -> 35, + 5 = 40.
  LstmModel m;
  m.recurrent_cell_weight = 32;
  testing::ModelRunner runner(m.Build());
  Status s = InitLstm(runner);
  ASSERT_TRUE(s.ok()) << s.message();
  runner.SetInput<int8_t>(0, {0, 0});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{28, 40}));
}

TEST(UnidirectionalSequenceLstmS8, CellClip) {
  // clip 0.25 -> 1024: tanh(1024 at 2^-12) = 8026; h = 15.68 -> 16, + 5 = 21 both steps.
  LstmModel m;
  m.cell_clip = 0.25f;
  testing::ModelRunner runner(m.Build());
  Status s = InitLstm(runner);
  ASSERT_TRUE(s.ok()) << s.message();
  runner.SetInput<int8_t>(0, {0, 0});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{21, 21}));
}

TEST(UnidirectionalSequenceLstmS8, BatchesAreIndependentInBothLayouts) {
  for (bool time_major : {false, true}) {
    LstmModel m;
    m.batch = 2;
    m.time_major = time_major;
    testing::ModelRunner runner(m.Build());
    Status s = InitLstm(runner);
    ASSERT_TRUE(s.ok()) << s.message();
    runner.SetInput<int8_t>(0, {1, 2, 3, 4});
    ASSERT_TRUE(runner.interpreter().Invoke().ok());
    // Batch major [b][t]: 28, 38 per batch; time major [t][b]: 28, 28, 38, 38.
    const std::vector<int8_t> want =
        time_major ? std::vector<int8_t>{28, 28, 38, 38} : std::vector<int8_t>{28, 38, 28, 38};
    EXPECT_EQ(runner.Output<int8_t>(0), want) << "time_major " << time_major;
  }
}

// ---- float32 ----

std::vector<uint8_t> FloatLstm(float cell_clip) {
  // B = 1, T = 2, I = 2, S = 1. Input weights for the cell gate [0.5, -1], bias 0.25;
  // recurrent forget weight 2; everything else zero.
  ModelBuilder b;
  std::vector<int32_t> inputs(24, -1);
  inputs[0] = b.AddTensor(DataType::kFloat32, {1, 2, 2}, {}, "x");
  for (int g = 0; g < 4; ++g) {
    inputs[1 + g] = b.AddConstTensor<float>(
        DataType::kFloat32, {1, 2},
        g == 2 ? std::vector<float>{0.5f, -1.0f} : std::vector<float>{0.0f, 0.0f});
    inputs[5 + g] = b.AddConstTensor<float>(DataType::kFloat32, {1, 1},
                                            std::vector<float>{g == 1 ? 2.0f : 0.0f});
    inputs[12 + g] =
        b.AddConstTensor<float>(DataType::kFloat32, {1}, std::vector<float>{g == 2 ? 0.25f : 0.0f});
  }
  inputs[18] = b.AddTensor(DataType::kFloat32, {1, 1}, {}, "h", true);
  inputs[19] = b.AddTensor(DataType::kFloat32, {1, 1}, {}, "c", true);
  const int out = b.AddTensor(DataType::kFloat32, {1, 2, 1}, {}, "y");
  b.AddOperator(BuiltinOp::kUnidirectionalSequenceLstm, inputs, {out},
                Options(71).Int8(0, 4).Float(1, cell_clip));
  b.SetInputs({inputs[0]});
  b.SetOutputs({out});
  return b.Build();
}

float Sigmoid(float v) { return 1.0f / (1.0f + std::exp(-v)); }

TEST(UnidirectionalSequenceLstmF32, TwoStepsMatchTheDefinition) {
  for (float clip : {0.0f, 0.3f}) {
    testing::ModelRunner runner(FloatLstm(clip));
    Status s = InitLstm(runner);
    ASSERT_TRUE(s.ok()) << s.message();
    const std::vector<float> x = {1.0f, 0.5f, -2.0f, 0.25f};
    runner.SetInput<float>(0, x);
    ASSERT_TRUE(runner.interpreter().Invoke().ok());
    float h = 0.0f, c = 0.0f;
    std::vector<float> want;
    for (int t = 0; t < 2; ++t) {
      const float f = Sigmoid(0.0f + 2.0f * h);
      const float g = std::tanh((x[2 * t] * 0.5f + x[2 * t + 1] * -1.0f) + 0.25f);
      c = f * c + 0.5f * g;
      if (clip > 0.0f) c = std::max(std::min(clip, c), -clip);
      h = std::tanh(c) * 0.5f;
      want.push_back(h);
    }
    EXPECT_EQ(runner.Output<float>(0), want) << "clip " << clip;
  }
}

// ---- Prepare rejects what it cannot run ----

StatusCode PrepareCode(const LstmModel& m) {
  testing::ModelRunner runner(m.Build());
  return InitLstm(runner).code();
}

TEST(UnidirectionalSequenceLstmPrepare, RejectsBadModels) {
  LstmModel m;
  m.num_inputs = 20;
  EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  m = LstmModel{};
  m.peephole = true;
  EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  m = LstmModel{};
  m.variable_cell = false;
  EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  m = LstmModel{};
  m.activation = 1;  // RELU
  EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  m = LstmModel{};
  m.cell_clip = -1.0f;
  EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  m = LstmModel{};
  m.cell_scale = 0.0003f;  // not a power of two
  EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  m = LstmModel{};
  m.cell_type = DataType::kInt8;
  EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  m = LstmModel{};
  m.weight_rows = 2;  // input weights [2, 1] but 1 cell
  EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  m = LstmModel{};
  m.state = 2;
  m.per_channel_weights = true;
  EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  m = LstmModel{};
  m.output_scale = 1.0f / 64;  // the output is a copy of the hidden state
  EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  m = LstmModel{};
  EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
}

// ---- TFLM goldens ----

TEST(UnidirectionalSequenceLstmS8, MatchesTflmOnTrainedLstm) {
  if (testing::ConformanceDir().empty()) GTEST_SKIP() << "../shared/conformance not present";
  OpResolverN<1> resolver;
  ASSERT_TRUE(resolver.Add(ops::UnidirectionalSequenceLstm()).ok());
  for (const char* input : {"in0", "in1"}) {
    const auto report = testing::CheckLayers("trained_lstm_int8", input, resolver, true);
    ASSERT_TRUE(report.error.empty()) << report.error;
    int checked = 0;
    for (const auto& layer : report.layers) {
      if (!layer.implemented) continue;
      ++checked;
      EXPECT_EQ(layer.mismatched, 0u) << input << " op " << layer.op_index;
    }
    EXPECT_EQ(checked, 1) << input;
  }
}

}  // namespace
}  // namespace mote
