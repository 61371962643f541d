#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/svdf/svdf.h"
#include "mote/op_resolver.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr uint8_t kSvdfOptions = 6;

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& v) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(v.data());
  return std::vector<uint8_t>(p, p + v.size() * sizeof(T));
}

// One SVDF op: batch 1, input_size 2, 2 filters, memory 2.
struct SvdfSpec {
  DataType type = DataType::kInt8;
  DataType time_type = DataType::kInt16;
  DataType state_type = DataType::kInt16;
  int32_t rank = 2;
  int32_t num_units = 1;
  std::vector<int32_t> state_shape = {1, 4};
  bool state_variable = true;
  std::vector<uint8_t> feature;  // [2, 2]
  std::vector<uint8_t> time;     // [2, 2]
  std::vector<uint8_t> bias;     // [num_units]; empty = omitted
  DataType bias_type = DataType::kInt32;
  QuantParams input_q{{0.5f}, {2}};
  QuantParams feature_q{{0.5f}, {0}};
  QuantParams time_q{{0.5f}, {0}};
  QuantParams state_q{{0.25f}, {0}};
  QuantParams bias_q{{0.125f}, {0}};
  QuantParams output_q{{0.5f}, {-1}};
  int8_t activation = 0;
  bool omit_state_input = false;
};

// Integer model: wf = {{1, 2}, {3, -1}}, wt = {{2, 4}, {-2, 6}}, bias {6}.
SvdfSpec IntSpec() {
  SvdfSpec s;
  s.feature = Bytes(std::vector<int8_t>{1, 2, 3, -1});
  s.time = Bytes(std::vector<int16_t>{2, 4, -2, 6});
  s.bias = Bytes(std::vector<int32_t>{6});
  return s;
}

SvdfSpec FloatSpec() {
  SvdfSpec s;
  s.type = s.time_type = s.state_type = s.bias_type = DataType::kFloat32;
  s.rank = 1;
  s.num_units = 2;
  s.feature = Bytes(std::vector<float>{1.0f, 2.0f, 0.5f, -1.0f});
  s.time = Bytes(std::vector<float>{1.0f, 10.0f, 2.0f, 3.0f});
  s.bias = Bytes(std::vector<float>{0.5f, -1.0f});
  return s;
}

std::vector<uint8_t> Build(const SvdfSpec& s) {
  ModelBuilder b;
  const bool quant = s.type != DataType::kFloat32;
  auto q = [&](const QuantParams& p) { return quant ? p : QuantParams{}; };
  int in = b.AddTensor(s.type, {1, 2}, q(s.input_q));
  int wf = b.AddConstTensor(s.type, {2, 2}, s.feature.data(), s.feature.size(), q(s.feature_q));
  int wt = b.AddConstTensor(s.time_type, {2, 2}, s.time.data(), s.time.size(), q(s.time_q));
  int bias = -1;
  if (!s.bias.empty()) {
    bias = b.AddConstTensor(s.bias_type, {s.num_units}, s.bias.data(), s.bias.size(),
                            q(s.bias_q));
  }
  int state = b.AddTensor(s.state_type, s.state_shape, q(s.state_q), "state", s.state_variable);
  int out = b.AddTensor(s.type, {1, s.num_units}, q(s.output_q));
  std::vector<int32_t> inputs = {in, wf, wt, bias, state};
  if (s.omit_state_input) inputs.pop_back();
  b.AddOperator(BuiltinOp::kSvdf, inputs, {out},
                Options(kSvdfOptions).Int32(0, s.rank).Int8(1, s.activation));
  b.SetInputs(s.state_variable ? std::vector<int32_t>{in} : std::vector<int32_t>{in, state});
  b.SetOutputs({out});
  return b.Build();
}

const OpResolver& Resolver() {
  static OpResolverN<1> resolver;
  static bool init = resolver.Add(ops::Svdf()).ok();
  (void)init;
  return resolver;
}

StatusCode PrepareCode(const SvdfSpec& s) {
  testing::ModelRunner runner(Build(s));
  return runner.Init(Resolver()).code();
}

TEST(Svdf, Float32StateCarriesAcrossInvocations) {
  testing::ModelRunner runner(Build(FloatSpec()));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // Step 1: features {3, -0.5}; memory f0 {0, 3}, f1 {0, -0.5};
  // time {30, -1.5}; + bias {0.5, -1}.
  runner.SetInput<float>(0, {1.0f, 1.0f});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<float>(0), (std::vector<float>{30.5f, -2.5f}));
  // Step 2: features {2, 1}; memory f0 {3, 2}, f1 {-0.5, 1}; time {23, 2}.
  runner.SetInput<float>(0, {2.0f, 0.0f});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<float>(0), (std::vector<float>{23.5f, 1.0f}));
}

TEST(Svdf, Float32AppliesActivationWithoutBias) {
  SvdfSpec s = FloatSpec();
  s.bias.clear();
  s.activation = 1;  // RELU
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  runner.SetInput<float>(0, {1.0f, 1.0f});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<float>(0), (std::vector<float>{30.0f, 0.0f}));
}

TEST(Svdf, Int8WithInt16State) {
  testing::ModelRunner runner(Build(IntSpec()));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // Step 1: input - zp = {2, 1}; features {4, 5} (scale 1); memory f0 {0, 4}, f1 {0, 5};
  // time {16, 30}; rank-sum + bias = 52; x 0.25 = 13; + zp -1 = 12.
  runner.SetInput<int8_t>(0, {4, 3});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{12}));
  // Step 2: input - zp = {0, 4}; features {8, -4}; memory f0 {4, 8}, f1 {5, -4};
  // time {40, -34}; sum 12; x 0.25 = 3; + zp = 2.
  runner.SetInput<int8_t>(0, {2, 6});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{2}));
}

TEST(Svdf, Int8WithInt8StateAndZeroPoint) {
  SvdfSpec s = IntSpec();
  s.time_type = s.state_type = DataType::kInt8;
  s.time = Bytes(std::vector<int8_t>{2, 4, -2, 6});
  s.state_q = QuantParams{{0.25f}, {3}};
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // The state starts at its zero point (real 0), so the results equal the int16 case.
  runner.SetInput<int8_t>(0, {4, 3});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{12}));
  runner.SetInput<int8_t>(0, {2, 6});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{2}));
}

TEST(Svdf, Int8IgnoresFusedActivationAndSaturates) {
  SvdfSpec s = IntSpec();
  s.activation = 1;  // RELU: TFLM's integer SVDF does not apply it
  s.bias = Bytes(std::vector<int32_t>{-1000});
  testing::ModelRunner runner(Build(s));
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  // 16 + 30 - 1000 = -954 -> x 0.25 = -238.5 -> saturates to -128.
  runner.SetInput<int8_t>(0, {4, 3});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{-128}));
}

TEST(SvdfPrepare, RejectsRankZero) {
  SvdfSpec s = IntSpec();
  s.rank = 0;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsFiltersNotMultipleOfRank) {
  SvdfSpec s = IntSpec();
  s.rank = 3;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsNonVariableState) {
  SvdfSpec s = IntSpec();
  s.state_variable = false;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsWrongStateShape) {
  SvdfSpec s = IntSpec();
  s.state_shape = {1, 6};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsWrongOutputShape) {
  SvdfSpec s = IntSpec();
  s.rank = 1;  // 2 units, but the output and bias have 1
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsTimeWeightsOfOtherTypeThanState) {
  SvdfSpec s = IntSpec();
  s.time_type = DataType::kInt8;
  s.time = Bytes(std::vector<int8_t>{2, 4, -2, 6});
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(SvdfPrepare, RejectsInt16StateWithZeroPoint) {
  SvdfSpec s = IntSpec();
  s.state_q = QuantParams{{0.25f}, {5}};
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(SvdfPrepare, RejectsMismatchedBiasScale) {
  SvdfSpec s = IntSpec();
  s.bias_q = QuantParams{{0.5f}, {0}};  // state x weights_time = 0.125
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsFloatBiasOnInt8) {
  SvdfSpec s = IntSpec();
  s.bias_type = DataType::kFloat32;
  s.bias = Bytes(std::vector<float>{6.0f});
  EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported);
}

TEST(SvdfPrepare, RejectsMissingStateInput) {
  SvdfSpec s = IntSpec();
  s.omit_state_input = true;
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

TEST(SvdfPrepare, RejectsUnquantizedInput) {
  SvdfSpec s = IntSpec();
  s.input_q = QuantParams{};
  EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel);
}

// Every SVDF layer of keyword_scrambled_8bit against TFLM's outputs.
TEST(SvdfGolden, MatchesTflmOnKeywordScrambled) {
  if (testing::ConformanceDir().empty()) {
    GTEST_SKIP() << "../shared/conformance not found; golden checks skipped";
  }
  for (const char* input : {"in0", "in1"}) {
    const auto report =
        testing::CheckLayers("keyword_scrambled_8bit", input, Resolver(), /*stub_missing=*/true);
    ASSERT_TRUE(report.error.empty()) << input << ": " << report.error;
    int checked = 0;
    for (const auto& l : report.layers) {
      if (!l.implemented) continue;
      ++checked;
      EXPECT_EQ(l.mismatched, 0u) << input << " op " << l.op_index;
    }
    EXPECT_EQ(checked, 7) << "keyword_scrambled_8bit has 7 SVDF layers";
  }
}

}  // namespace
}  // namespace mote
