// CONV_2D: hand-computed cases per dtype, padding arithmetic, Prepare
// rejections, and TFLM goldens (shared per-layer models and seanet_conv*).
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "kernels/conv2d/conv2d.h"
#include "kernels/conv2d/padding.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  if (!v.empty()) std::memcpy(b.data(), v.data(), b.size());
  return b;
}

// A single CONV_2D model; every field can be broken by a test.
struct ConvModel {
  DataType type = DataType::kInt8;
  DataType filter_type = DataType::kInt8;
  DataType bias_type = DataType::kInt32;
  std::vector<int32_t> input{1, 3, 3, 2}, filter{2, 2, 2, 2}, output{1, 2, 2, 2};
  int8_t padding = 1;  // VALID
  int32_t stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1;
  int8_t activation = 0;
  bool has_bias = true;
  QuantParams input_q{{0.5f}, {0}, 0};
  QuantParams output_q{{1.0f}, {0}, 0};
  QuantParams filter_q{{0.5f, 0.25f}, {0, 0}, 0};
  std::vector<uint8_t> filter_data;  // zeros of the right size if empty
  std::vector<uint8_t> bias_data;

  std::vector<uint8_t> Build() const {
    ModelBuilder b;
    const bool quant = type != DataType::kFloat32;
    const int in = b.AddTensor(type, input, quant ? input_q : QuantParams{});
    size_t filter_elems = 1;
    for (int32_t d : filter) filter_elems *= static_cast<size_t>(d > 0 ? d : 0);
    std::vector<uint8_t> fd = filter_data;
    if (fd.empty()) fd.assign(filter_elems * DataTypeSize(filter_type), 0);
    const int f = b.AddConstTensor(filter_type, filter, fd.data(), fd.size(),
                                   quant ? filter_q : QuantParams{});
    int bias = -1;
    if (has_bias) {
      const int32_t channels = filter.empty() ? 1 : filter[0];
      std::vector<uint8_t> bd = bias_data;
      if (bd.empty()) bd.assign(static_cast<size_t>(channels) * DataTypeSize(bias_type), 0);
      const auto n = static_cast<int32_t>(bd.size() / DataTypeSize(bias_type));
      bias = b.AddConstTensor(bias_type, {n}, bd.data(), bd.size());
    }
    const int out = b.AddTensor(type, output, quant ? output_q : QuantParams{});
    b.AddOperator(BuiltinOp::kConv2D, {in, f, bias}, {out},
                  Options(1)
                      .Int8(0, padding)
                      .Int32(1, stride_w)
                      .Int32(2, stride_h)
                      .Int8(3, activation)
                      .Int32(4, dilation_w)
                      .Int32(5, dilation_h));
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  }
};

const OpResolver& Resolver() {
  static OpResolverN<1>* resolver = [] {
    auto* r = new OpResolverN<1>();
    if (!r->Add(ops::Conv2D()).ok()) abort();
    return r;
  }();
  return *resolver;
}

template <typename T>
std::vector<T> RunConv(const ConvModel& m, const std::vector<T>& input) {
  testing::ModelRunner runner(m.Build());
  const Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  runner.SetInput<T>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<T>(0);
}

StatusCode PrepareCode(const ConvModel& m) {
  testing::ModelRunner runner(m.Build());
  return runner.Init(Resolver()).code();
}

std::vector<float> Iota(int n) {
  std::vector<float> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = static_cast<float>(i + 1);
  return v;
}

TEST(Conv2DPadding, MatchesTfliteFormulas) {
  // SAME: ceil(in / stride); total padding split with the odd one after.
  EXPECT_EQ(WindowedOutputSize(Padding::kSame, 5, 3, 2, 1), 3);
  EXPECT_EQ(PaddingBefore(5, 3, 2, 1, 3), 1);
  EXPECT_EQ(WindowedOutputSize(Padding::kSame, 4, 2, 1, 1), 4);
  EXPECT_EQ(PaddingBefore(4, 2, 1, 1, 4), 0);  // total 1: all after
  EXPECT_EQ(WindowedOutputSize(Padding::kSame, 49, 10, 2, 1), 25);
  EXPECT_EQ(PaddingBefore(49, 10, 2, 1, 25), 4);  // total 9
  // VALID with dilation: effective filter (3 - 1) * 2 + 1 = 5.
  EXPECT_EQ(WindowedOutputSize(Padding::kValid, 7, 3, 1, 2), 3);
  EXPECT_EQ(PaddingBefore(7, 3, 1, 2, 3), 0);
  EXPECT_EQ(WindowedOutputSize(Padding::kValid, 3, 5, 2, 1), 0);  // window larger than input
  EXPECT_FALSE(ComputeWindowAxis(Padding::kValid, 3, 5, 2, 1, "h").ok());
  EXPECT_FALSE(ComputeWindowAxis(Padding::kSame, 3, 1, 0, 1, "h").ok());
  EXPECT_FALSE(ComputeWindowAxis(Padding::kSame, 3, 1, 1, 0, "h").ok());
  EXPECT_FALSE(ComputeWindowAxis(static_cast<Padding>(7), 3, 1, 1, 1, "h").ok());
  EXPECT_FALSE(ComputeWindowAxis(Padding::kValid, 4, 3, 1, 0x40000000, "h").ok());
}

TEST(Conv2DF32, ValidWithBiasTwoChannels) {
  ConvModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 3, 3, 1};
  m.filter = {2, 2, 2, 1};
  m.output = {1, 2, 2, 2};
  m.filter_data = Bytes<float>({1, 2, 3, 4, -1, 0, 0, 0});
  m.bias_data = Bytes<float>({1, 0});
  EXPECT_EQ(RunConv<float>(m, Iota(9)), (std::vector<float>{38, -1, 48, -2, 68, -4, 78, -5}));
}

TEST(Conv2DF32, Relu6AndNoBias) {
  ConvModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 3, 3, 1};
  m.filter = {2, 2, 2, 1};
  m.output = {1, 2, 2, 2};
  m.has_bias = false;
  m.activation = 3;  // RELU6
  m.filter_data = Bytes<float>({1, 2, 3, 4, -1, 0, 0, 0});
  EXPECT_EQ(RunConv<float>(m, Iota(9)), (std::vector<float>{6, 0, 6, 0, 6, 0, 6, 0}));
}

TEST(Conv2DF32, SameStride2PadsOneEachSide) {
  ConvModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 5, 5, 1};
  m.filter = {1, 3, 3, 1};
  m.output = {1, 3, 3, 1};
  m.padding = 0;
  m.stride_w = m.stride_h = 2;
  m.filter_data = Bytes<float>(std::vector<float>(9, 1.0f));
  const std::vector<float> out = RunConv<float>(m, Iota(25));
  ASSERT_EQ(out.size(), 9u);
  EXPECT_EQ(out[0], 1 + 2 + 6 + 7);
  EXPECT_EQ(out[1], 2 + 3 + 4 + 7 + 8 + 9);
  EXPECT_EQ(out[4], 7 + 8 + 9 + 12 + 13 + 14 + 17 + 18 + 19);
  EXPECT_EQ(out[8], 19 + 20 + 24 + 25);
}

TEST(Conv2DF32, SameOddPaddingGoesAfter) {
  ConvModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 4, 4, 1};
  m.filter = {1, 2, 2, 1};
  m.output = {1, 4, 4, 1};
  m.padding = 0;
  m.has_bias = false;
  m.filter_data = Bytes<float>({1, 1, 1, 1});
  const std::vector<float> out = RunConv<float>(m, Iota(16));
  ASSERT_EQ(out.size(), 16u);
  EXPECT_EQ(out[0], 1 + 2 + 5 + 6);
  EXPECT_EQ(out[3], 4 + 8);
  EXPECT_EQ(out[15], 16);
}

TEST(Conv2DF32, DilationAndGroups) {
  ConvModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 5, 5, 1};
  m.filter = {1, 2, 2, 1};
  m.output = {1, 3, 3, 1};
  m.dilation_w = m.dilation_h = 2;
  m.has_bias = false;
  m.filter_data = Bytes<float>({1, 1, 1, 1});
  const std::vector<float> out = RunConv<float>(m, Iota(25));
  ASSERT_EQ(out.size(), 9u);
  EXPECT_EQ(out[0], 1 + 3 + 11 + 13);
  EXPECT_EQ(out[8], 13 + 15 + 23 + 25);

  // Two groups of one channel: output channel g reads only input channel g.
  ConvModel g;
  g.type = g.filter_type = g.bias_type = DataType::kFloat32;
  g.input = {1, 1, 1, 2};
  g.filter = {2, 1, 1, 1};
  g.output = {1, 1, 1, 2};
  g.filter_data = Bytes<float>({10, 100});
  g.bias_data = Bytes<float>({0.5f, 0.25f});
  EXPECT_EQ(RunConv<float>(g, {3, 4}), (std::vector<float>{30.5f, 400.25f}));
}

ConvModel SmallS8() {
  ConvModel m;
  m.input = {1, 2, 2, 1};
  m.filter = {2, 2, 2, 1};
  m.output = {1, 1, 1, 2};
  m.input_q = {{0.5f}, {-1}, 0};
  m.output_q = {{1.0f}, {3}, 0};
  m.filter_q = {{0.5f, 0.25f}, {0, 0}, 0};  // multipliers 0.25 and 0.125
  m.filter_data = Bytes<int8_t>({1, 2, 3, 4, -1, -1, -1, -1});
  m.bias_data = Bytes<int32_t>({4, 0});
  return m;
}

TEST(Conv2DS8, PerChannelWithOffsetsAndRounding) {
  // (q - zp) = 2, 4, 6, 8. ch0: 60 + 4 = 64, * 0.25 = 16, + 3 = 19.
  // ch1: -20 * 0.125 = -2.5 rounds away from zero to -3, + 3 = 0.
  EXPECT_EQ(RunConv<int8_t>(SmallS8(), {1, 3, 5, 7}), (std::vector<int8_t>{19, 0}));
}

TEST(Conv2DS8, ReluClampsAtZeroPoint) {
  ConvModel m = SmallS8();
  m.activation = 1;
  EXPECT_EQ(RunConv<int8_t>(m, {1, 3, 5, 7}), (std::vector<int8_t>{19, 3}));
}

TEST(Conv2DS8, PerTensorFilterAndSaturation) {
  ConvModel m = SmallS8();
  m.filter_q = {{0.5f}, {0}, 0};
  m.filter_data = Bytes<int8_t>({127, 127, 127, 127, -128, -128, -128, -128});
  m.bias_data = Bytes<int32_t>({0, 0});
  EXPECT_EQ(RunConv<int8_t>(m, {127, 127, 127, 127}), (std::vector<int8_t>{127, -128}));
}

TEST(Conv2DS16, Int64BiasRoundingAndSaturation) {
  ConvModel m;
  m.type = DataType::kInt16;
  m.bias_type = DataType::kInt64;
  m.input = {1, 1, 2, 1};
  m.filter = {4, 1, 2, 1};
  m.output = {1, 1, 1, 4};
  m.input_q = {{1.0f}, {0}, 0};
  m.output_q = {{2.0f}, {0}, 0};
  m.filter_q = {{1.0f}, {0}, 0};  // multiplier 0.5
  m.filter_data = Bytes<int8_t>({1, 1, 100, -50, -2, -1, 0, 0});
  m.bias_data = Bytes<int64_t>({-49999, 0, 0, -3});
  // ch0: 50000 - 49999 = 1 -> 0.5 rounds up to 1; ch1: 1e6 saturates;
  // ch2: -40000 saturates; ch3: -3 -> -1.5 rounds up to -1.
  EXPECT_EQ(RunConv<int16_t>(m, {30000, 20000}), (std::vector<int16_t>{1, 32767, -32768, -1}));
}

TEST(Conv2DPrepare, RejectsBadModels) {
  EXPECT_EQ(PrepareCode(ConvModel()), StatusCode::kOk);
  {
    ConvModel m;
    m.stride_w = 0;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.dilation_h = -1;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.padding = 4;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.output = {1, 3, 3, 2};  // VALID gives 2x2
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.filter = {2, 4, 4, 2};  // larger than the 3x3 input
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.filter = {2, 2, 2, 3};  // 2 input channels are not a multiple of 3
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.input = {1, 3, 3, 4};
    m.filter = {3, 2, 2, 2};  // 2 groups, 3 filters
    m.output = {1, 2, 2, 3};
    m.filter_q = {{0.5f}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.input = {1, 3, 3};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.filter_q = {{0.5f, 0.5f, 0.5f}, {0, 0, 0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    // TFLM reads per-channel scales by count, whatever quantized_dimension says.
    ConvModel m;
    m.filter_q.quantized_dimension = 3;
    EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
  }
  {
    // A zero scale (an all-zero channel): multiplier 0, as in TFLM.
    ConvModel m;
    m.filter_q = {{0.5f, 0.0f}, {0, 0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
  }
  {
    ConvModel m;
    m.filter_q = {{0.5f, -0.5f}, {0, 0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.filter_q = {{0.5f, 0.5f}, {0, 1}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;
    m.input_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.bias_type = DataType::kInt64;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;
    m.bias_data = Bytes<int32_t>({1, 2, 3});
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    ConvModel m;
    m.activation = 4;  // TANH
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;
    m.filter_type = DataType::kFloat32;  // hybrid
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;
    m.type = DataType::kUInt8;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;
    m.type = DataType::kInt16;
    m.bias_type = DataType::kInt64;
    EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
    m.input_q = {{0.5f}, {2}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;  // int16 bias too large for the 64-bit requantization
    m.type = DataType::kInt16;
    m.bias_type = DataType::kInt64;
    m.bias_data = Bytes<int64_t>({int64_t{1} << 50, 0});
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    ConvModel m;  // int16 multiplier 2^20 cannot be applied
    m.type = DataType::kInt16;
    m.bias_type = DataType::kInt64;
    m.input_q = {{1024.0f}, {0}, 0};
    m.filter_q = {{1024.0f}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
}

// Every CONV_2D layer of the shared models against TFLM's output.
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

TEST(Conv2DGolden, KwsRefModel) {
  ExpectLayersExact("kws_ref_model", "in0");
  ExpectLayersExact("kws_ref_model", "in1");
}
TEST(Conv2DGolden, ResnetQuant) {
  ExpectLayersExact("pretrainedResnet_quant", "in0");
  ExpectLayersExact("pretrainedResnet_quant", "in1");
}
TEST(Conv2DGolden, ResnetFloat) {
  ExpectLayersExact("pretrainedResnet", "in0");
  ExpectLayersExact("pretrainedResnet", "in1");
}

// seanet_conv*: int16 x int8 single-op models, whole-model goldens.
class SeanetConv : public ::testing::TestWithParam<int> {};

TEST_P(SeanetConv, MatchesTflmByteForByte) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  const std::string name = "seanet_conv" + std::to_string(GetParam());
  std::vector<uint8_t> model = testing::ReadFile(dir + "/models/" + name + ".tflite");
  ASSERT_FALSE(model.empty()) << name;
  for (const char* sample : {"0", "1", "2", "_csv"}) {
    const std::string golden = dir + "/golden/" + name + "/";
    const std::vector<uint8_t> in = testing::ReadFile(golden + "in" + sample + ".bin");
    const std::vector<uint8_t> want = testing::ReadFile(golden + "out" + sample + ".bin");
    ASSERT_FALSE(in.empty() || want.empty()) << name << " sample " << sample;
    testing::ModelRunner runner(model);
    const Status s = runner.Init(Resolver());
    ASSERT_TRUE(s.ok()) << name << ": " << s.message();
    ASSERT_EQ(runner.interpreter().input(0).bytes, in.size());
    runner.SetInputBytes(0, in.data(), in.size());
    ASSERT_TRUE(runner.interpreter().Invoke().ok());
    EXPECT_EQ(runner.Output<uint8_t>(0), want) << name << " sample " << sample;
  }
}

INSTANTIATE_TEST_SUITE_P(AllModels, SeanetConv,
                         ::testing::Values(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20));

}  // namespace
}  // namespace mote
