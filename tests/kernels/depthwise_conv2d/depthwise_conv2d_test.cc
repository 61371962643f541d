// DEPTHWISE_CONV_2D: hand-computed cases per dtype, Prepare rejections, and
// TFLM per-layer goldens (kws_ref_model, micro_speech_quantized).
#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
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

// A single DEPTHWISE_CONV_2D model; every field can be broken by a test.
struct DwModel {
  DataType type = DataType::kInt8;
  DataType filter_type = DataType::kInt8;
  DataType bias_type = DataType::kInt32;
  std::vector<int32_t> input{1, 3, 3, 2}, filter{1, 2, 2, 4}, output{1, 2, 2, 4};
  int8_t padding = 1;  // VALID
  int32_t stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1;
  int32_t depth_multiplier = 2;
  int8_t activation = 0;
  bool has_bias = true;
  QuantParams input_q{{0.5f}, {0}, 0};
  QuantParams output_q{{1.0f}, {0}, 0};
  QuantParams filter_q{{0.5f, 0.25f, 0.5f, 0.25f}, {0, 0, 0, 0}, 3};
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
      const int32_t channels = filter.size() == 4 ? filter[3] : 1;
      std::vector<uint8_t> bd = bias_data;
      if (bd.empty()) bd.assign(static_cast<size_t>(channels) * DataTypeSize(bias_type), 0);
      const auto n = static_cast<int32_t>(bd.size() / DataTypeSize(bias_type));
      bias = b.AddConstTensor(bias_type, {n}, bd.data(), bd.size());
    }
    const int out = b.AddTensor(type, output, quant ? output_q : QuantParams{});
    b.AddOperator(BuiltinOp::kDepthwiseConv2D, {in, f, bias}, {out},
                  Options(2)
                      .Int8(0, padding)
                      .Int32(1, stride_w)
                      .Int32(2, stride_h)
                      .Int32(3, depth_multiplier)
                      .Int8(4, activation)
                      .Int32(5, dilation_w)
                      .Int32(6, dilation_h));
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  }
};

const OpResolver& Resolver() {
  static OpResolverN<1>* resolver = [] {
    auto* r = new OpResolverN<1>();
    if (!r->Add(ops::DepthwiseConv2D()).ok()) std::abort();
    return r;
  }();
  return *resolver;
}

template <typename T>
std::vector<T> RunDw(const DwModel& m, const std::vector<T>& input) {
  testing::ModelRunner runner(m.Build());
  const Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  runner.SetInput<T>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<T>(0);
}

StatusCode PrepareCode(const DwModel& m) {
  testing::ModelRunner runner(m.Build());
  return runner.Init(Resolver()).code();
}

TEST(DepthwiseF32, MultiplierTwoValidWithBias) {
  DwModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 2, 2, 2};
  m.filter = {1, 2, 2, 4};
  m.output = {1, 1, 1, 4};
  // Input channels: c0 = 1, 2, 3, 4 and c1 = 10, 20, 30, 40 (NHWC interleaved).
  // Output channel oc = ic * 2 + m; filter [1, h, w, oc].
  m.filter_data = Bytes<float>({1, 0, 1, 1,  //
                                1, 0, 0, 1,  //
                                1, 0, 0, 1,  //
                                1, -1, 0, 1});
  m.bias_data = Bytes<float>({0.5f, 0, 0, -100});
  // oc0: c0 sum = 10.5; oc1: -c0[3] = -4; oc2: c1[0] = 10; oc3: sum c1 - 100 = 0.
  EXPECT_EQ(RunDw<float>(m, {1, 10, 2, 20, 3, 30, 4, 40}), (std::vector<float>{10.5f, -4, 10, 0}));
}

TEST(DepthwiseF32, SameStride2AndRelu) {
  DwModel m;
  m.type = m.filter_type = m.bias_type = DataType::kFloat32;
  m.input = {1, 3, 3, 1};
  m.filter = {1, 3, 3, 1};
  m.output = {1, 2, 2, 1};
  m.padding = 0;
  m.stride_w = m.stride_h = 2;
  m.depth_multiplier = 1;
  m.activation = 1;  // RELU
  m.has_bias = false;
  // SAME, in 3, stride 2 -> out 2; total padding (2-1)*2+3-3 = 2 -> 1 before.
  m.filter_data = Bytes<float>({1, 1, 1, 1, 1, 1, 1, 1, -100});
  // out(0,0) sees in(0..1, 0..1) and its -100 tap hits in(1,1); the others miss it.
  const std::vector<float> out = RunDw<float>(m, {1, 2, 3, 4, 5, 6, 7, 8, 9});
  EXPECT_EQ(out, (std::vector<float>{0, 2 + 3 + 5 + 6, 4 + 5 + 7 + 8, 5 + 6 + 8 + 9}));
}

TEST(DepthwiseS8, PerChannelOffsetsRounding) {
  DwModel m;
  m.input = {1, 1, 2, 1};
  m.filter = {1, 1, 2, 2};
  m.output = {1, 1, 1, 2};
  m.depth_multiplier = 2;
  m.input_q = {{0.5f}, {-1}, 0};
  m.output_q = {{1.0f}, {3}, 0};
  m.filter_q = {{0.5f, 0.25f}, {0, 0}, 3};  // multipliers 0.25, 0.125
  m.filter_data = Bytes<int8_t>({4, -1, 6, -2});
  m.bias_data = Bytes<int32_t>({2, 0});
  // (q - zp) = 4, 6. oc0: 16 + 36 + 2 = 54 * 0.25 = 13.5 -> 14, + 3 = 17.
  // oc1: -4 - 12 = -16 * 0.125 = -2, + 3 = 1.
  EXPECT_EQ(RunDw<int8_t>(m, {3, 5}), (std::vector<int8_t>{17, 1}));
  m.activation = 3;  // RELU6: [zp + 0, zp + 6] = [3, 9]
  EXPECT_EQ(RunDw<int8_t>(m, {3, 5}), (std::vector<int8_t>{9, 3}));
}

TEST(DepthwiseS16, Int64Bias) {
  DwModel m;
  m.type = DataType::kInt16;
  m.bias_type = DataType::kInt64;
  m.input = {1, 1, 2, 2};
  m.filter = {1, 1, 2, 2};
  m.output = {1, 1, 1, 2};
  m.depth_multiplier = 1;
  m.input_q = {{1.0f}, {0}, 0};
  m.output_q = {{2.0f}, {0}, 0};
  m.filter_q = {{1.0f}, {0}, 0};  // multiplier 0.5
  m.filter_data = Bytes<int8_t>({1, 100, 1, 100});
  m.bias_data = Bytes<int64_t>({-3, -1999999});
  // oc0: 1 + 2 - 3 = 0 -> 0; oc1: 100 * (10000 + 10000) - 1999999 = 1 -> 0.5 -> 1.
  EXPECT_EQ(RunDw<int16_t>(m, {1, 10000, 2, 10000}), (std::vector<int16_t>{0, 1}));
}

TEST(DepthwisePrepare, RejectsBadModels) {
  EXPECT_EQ(PrepareCode(DwModel()), StatusCode::kOk);
  {
    DwModel m;  // 0 means "derive from the shapes"
    m.depth_multiplier = 0;
    EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
  }
  {
    DwModel m;
    m.depth_multiplier = 3;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.filter = {1, 2, 2, 3};  // not a multiple of 2 input channels
    m.output = {1, 2, 2, 3};
    m.filter_q = {{0.5f}, {0}, 3};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.filter = {2, 2, 2, 4};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.output = {1, 2, 2, 2};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.output = {1, 3, 3, 4};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.stride_h = 0;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    // TFLM reads per-channel scales by count, whatever quantized_dimension says.
    DwModel m;
    m.filter_q.quantized_dimension = 0;
    EXPECT_EQ(PrepareCode(m), StatusCode::kOk);
  }
  {
    DwModel m;
    m.filter_q = {{0.5f, 0.5f}, {0, 0}, 3};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.output_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    DwModel m;
    m.bias_type = DataType::kFloat32;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    DwModel m;
    m.activation = 5;  // SIGN_BIT
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    DwModel m;
    m.type = DataType::kInt16;  // int16 needs an int64 bias
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    DwModel m;
    m.filter_type = DataType::kInt16;
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

TEST(DepthwiseGolden, KwsRefModel) {
  ExpectLayersExact("kws_ref_model", "in0");
  ExpectLayersExact("kws_ref_model", "in1");
}
TEST(DepthwiseGolden, MicroSpeech) {
  ExpectLayersExact("micro_speech_quantized", "in0");
  ExpectLayersExact("micro_speech_quantized", "in1");
}

}  // namespace
}  // namespace mote
