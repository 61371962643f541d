#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/fully_connected/fully_connected.h"
#include "mote/op_resolver.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr uint8_t kFullyConnectedOptions = 8;

// A single FULLY_CONNECTED model; every part can be overridden by a test.
struct FcSpec {
  DataType type = DataType::kInt8;
  DataType weights_type = DataType::kInt8;
  DataType bias_type = DataType::kInt32;
  std::vector<int32_t> input_shape = {2, 4};
  std::vector<int32_t> weights_shape = {2, 4};
  std::vector<int32_t> output_shape = {2, 2};
  std::vector<uint8_t> weights;  // raw bytes
  std::vector<uint8_t> bias;     // raw bytes; empty = no bias (-1)
  int32_t bias_elements = 2;
  QuantParams input_q{{0.5f}, {1}};
  QuantParams weights_q{{0.25f}, {0}};
  QuantParams bias_q{{0.125f}, {0}};
  QuantParams output_q{{1.0f}, {-2}};
  int8_t activation = 0;
  int8_t weights_format = 0;
  bool keep_num_dims = false;
};

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& v) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(v.data());
  return std::vector<uint8_t>(p, p + v.size() * sizeof(T));
}

std::vector<uint8_t> Build(const FcSpec& s) {
  ModelBuilder b;
  const bool quant = s.type != DataType::kFloat32;
  int in = b.AddTensor(s.type, s.input_shape, quant ? s.input_q : QuantParams{});
  int w = b.AddConstTensor(s.weights_type, s.weights_shape, s.weights.data(), s.weights.size(),
                           quant ? s.weights_q : QuantParams{});
  int bias = -1;
  if (!s.bias.empty()) {
    bias = b.AddConstTensor(s.bias_type, {s.bias_elements}, s.bias.data(), s.bias.size(),
                            quant ? s.bias_q : QuantParams{});
  }
  int out = b.AddTensor(s.type, s.output_shape, quant ? s.output_q : QuantParams{});
  b.AddOperator(BuiltinOp::kFullyConnected, {in, w, bias}, {out},
                Options(kFullyConnectedOptions)
                    .Int8(0, s.activation)
                    .Int8(1, s.weights_format)
                    .Bool(2, s.keep_num_dims));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

const OpResolver& Resolver() {
  static OpResolverN<1> resolver;
  static bool init = resolver.Add(ops::FullyConnected()).ok();
  (void)init;
  return resolver;
}

// weights [2, 4]: {1, 2, 3, 4}, {-1, 0, 1, -2}.
FcSpec Int8Spec() {
  FcSpec s;
  s.weights = Bytes(std::vector<int8_t>{1, 2, 3, 4, -1, 0, 1, -2});
  s.bias = Bytes(std::vector<int32_t>{4, -4});
  return s;
}

StatusCode PrepareCode(const FcSpec& s) {
  testing::ModelRunner runner(Build(s));
  return runner.Init(Resolver()).code();
}

TEST(FullyConnected, Float32WithBiasAndRelu) {
  FcSpec s;
  s.type = s.weights_type = s.bias_type = DataType::kFloat32;
  s.input_shape = {1, 3};
  s.weights_shape = {2, 3};
  s.output_shape = {1, 2};
  s.weights = Bytes(std::vector<float>{1.0f, 2.0f, 3.0f, -1.0f, 0.5f, -2.0f});
  s.bias = Bytes(std::vector<float>{0.5f, 1.0f});
  s.activation = 1;  // RELU
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<float>(0, {1.0f, -1.0f, 2.0f});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  // 1 - 2 + 6 + 0.5 = 5.5;  -1 - 0.5 - 4 + 1 = -4.5 -> 0.
  EXPECT_EQ(runner.Output<float>(0), (std::vector<float>{5.5f, 0.0f}));
}

TEST(FullyConnected, Float32KeepNumDimsWithoutBias) {
  FcSpec s;
  s.type = s.weights_type = DataType::kFloat32;
  s.input_shape = {1, 2, 2};
  s.weights_shape = {3, 2};
  s.output_shape = {1, 2, 3};
  s.keep_num_dims = true;
  s.weights = Bytes(std::vector<float>{1.0f, 0.0f, 0.0f, 1.0f, 1.0f, 1.0f});
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<float>(0, {2.0f, 3.0f, -1.0f, 4.0f});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<float>(0), (std::vector<float>{2.0f, 3.0f, 5.0f, -1.0f, 4.0f, 3.0f}));
}

TEST(FullyConnected, Int8PerTensor) {
  FcSpec s = Int8Spec();
  s.activation = 1;  // RELU: output >= zero point -2
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // Batch 0: input - zp = {2, 0, -2, 4}: acc {12, -12} + bias {4, -4} = {16, -16};
  // x 0.125 = {2, -2}; + zp -2 = {0, -4} -> RELU {0, -2}.
  // Batch 1: input - zp = 0: acc = bias {4, -4} -> {1, -1} (0.5 rounds away from 0)
  // -> {-1, -3} -> RELU {-1, -2}.
  runner.SetInput<int8_t>(0, {3, 1, -1, 5, 1, 1, 1, 1});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{0, -2, -1, -2}));
}

TEST(FullyConnected, Int8PerChannel) {
  FcSpec s = Int8Spec();
  s.weights_q = QuantParams{{0.25f, 0.5f}, {0, 0}, 0};
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // acc {16, -16}; multipliers {0.125, 0.25} -> {2, -4}; + zp -2.
  runner.SetInput<int8_t>(0, {3, 1, -1, 5, 1, 1, 1, 1});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{0, -6, -1, -3}));
}

TEST(FullyConnected, Int8OutputSaturates) {
  FcSpec s = Int8Spec();
  s.output_q = QuantParams{{0.01f}, {0}};
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<int8_t>(0, {3, 1, -1, 5, 1, 1, 1, 1});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  // Batch 1: bias only: {4, -4} x 12.5 = {50, -50}.
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{127, -128, 50, -50}));
}

TEST(FullyConnected, Int16KeepNumDims) {
  FcSpec s = Int8Spec();
  s.type = DataType::kInt16;
  s.bias_type = DataType::kInt64;
  s.input_shape = {1, 2, 4};
  s.output_shape = {1, 2, 2};
  s.keep_num_dims = true;
  s.bias = Bytes(std::vector<int64_t>{100, -100});
  s.input_q = QuantParams{{0.5f}, {0}};
  s.output_q = QuantParams{{0.125f}, {0}};  // multiplier exactly 1
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<int16_t>(0, {2, 0, -2, 4, 1000, 0, 0, 0});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int16_t>(0), (std::vector<int16_t>{112, -112, 1100, -1100}));
}

TEST(FullyConnected, Int16Saturates) {
  FcSpec s = Int8Spec();
  s.type = DataType::kInt16;
  s.bias_type = DataType::kInt64;
  s.bias = Bytes(std::vector<int64_t>{0, 0});
  s.input_q = QuantParams{{0.5f}, {0}};
  s.output_q = QuantParams{{0.125f}, {0}};
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<int16_t>(0, {32767, 32767, 32767, 32767, -32768, 0, 0, 0});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int16_t>(0), (std::vector<int16_t>{32767, -32768, -32768, 32767}));
}

TEST(FullyConnectedPrepare, RejectsBiasOfWrongLength) {
  FcSpec s = Int8Spec();
  s.bias = Bytes(std::vector<int32_t>{1, 2, 3});
  s.bias_elements = 3;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsBiasOfWrongType) {
  FcSpec s = Int8Spec();
  s.bias_type = DataType::kInt64;
  s.bias = Bytes(std::vector<int64_t>{1, 2});
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(FullyConnectedPrepare, RejectsWeightsOfRank3) {
  FcSpec s = Int8Spec();
  s.weights_shape = {2, 2, 2};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsInputSizeMismatch) {
  FcSpec s = Int8Spec();
  s.input_shape = {2, 5};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsOutputUnitsMismatch) {
  FcSpec s = Int8Spec();
  s.output_shape = {1, 4};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsKeepNumDimsWithOtherLeadingDims) {
  FcSpec s = Int8Spec();
  s.input_shape = {2, 4};
  s.output_shape = {1, 2, 2};
  s.keep_num_dims = true;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsFloatInputWithInt8Weights) {
  FcSpec s = Int8Spec();
  s.type = DataType::kFloat32;
  s.bias.clear();
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(FullyConnectedPrepare, RejectsShuffledWeights) {
  FcSpec s = Int8Spec();
  s.weights_format = 1;
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(FullyConnectedPrepare, RejectsTanhOnInt8) {
  FcSpec s = Int8Spec();
  s.activation = 4;
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(FullyConnectedPrepare, RejectsInt16WithZeroPoint) {
  FcSpec s = Int8Spec();
  s.type = DataType::kInt16;
  s.bias_type = DataType::kInt64;
  s.bias = Bytes(std::vector<int64_t>{0, 0});
  s.input_q = QuantParams{{0.5f}, {3}};
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(FullyConnectedPrepare, RejectsWrongPerChannelScaleCount) {
  FcSpec s = Int8Spec();
  s.weights_q = QuantParams{{0.25f, 0.5f, 1.0f}, {0, 0, 0}, 0};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsMissingQuantization) {
  FcSpec s = Int8Spec();
  s.input_q = QuantParams{};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsMismatchedBiasScale) {
  FcSpec s = Int8Spec();
  s.bias_q = QuantParams{{0.5f}, {0}};  // input x weights = 0.125
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(FullyConnectedPrepare, RejectsOutputTypeMismatch) {
  FcSpec s = Int8Spec();
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {1, 4}, s.input_q);
  int w = b.AddConstTensor(DataType::kInt8, {2, 4}, s.weights.data(), s.weights.size(),
                           s.weights_q);
  int out = b.AddTensor(DataType::kInt16, {1, 2}, QuantParams{{1.0f}, {0}});
  b.AddOperator(BuiltinOp::kFullyConnected, {in, w, -1}, {out}, Options(kFullyConnectedOptions));
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::ModelRunner runner(b.Build());
  EXPECT_EQ(runner.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

// Every FULLY_CONNECTED layer of the shared models against TFLM's outputs.
TEST(FullyConnectedGolden, MatchesTflmOnSharedModels) {
  if (testing::ConformanceDir().empty()) {
    GTEST_SKIP() << "../shared/conformance not found; golden checks skipped";
  }
  const char* models[] = {"kws_ref_model",     "pretrainedResnet_quant", "pretrainedResnet",
                          "micro_speech_quantized", "hello_world_int8", "hello_world_float",
                          "ad01_int8",         "ad01_fp32",              "keyword_scrambled_8bit",
                          "trained_lstm_int8"};
  for (const char* model : models) {
    for (const char* input : {"in0", "in1"}) {
      const auto report = testing::CheckLayers(model, input, Resolver(), /*stub_missing=*/true);
      ASSERT_TRUE(report.error.empty()) << model << " " << input << ": " << report.error;
      int checked = 0;
      for (const auto& l : report.layers) {
        if (!l.implemented) continue;
        ++checked;
        EXPECT_EQ(l.mismatched, 0u) << model << " " << input << " op " << l.op_index;
      }
      EXPECT_GT(checked, 0) << model << " has no FULLY_CONNECTED layer";
    }
  }
}

}  // namespace
}  // namespace mote
