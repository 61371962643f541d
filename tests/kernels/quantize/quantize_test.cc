// QUANTIZE / DEQUANTIZE / CAST: hand cases, Prepare rejections, TFLM goldens
// (seanet_quantize0 whole model; per-layer keyword_scrambled_8bit and the
// audio preprocessors' CAST layers).
#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "kernels/quantize/quantize.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

const OpResolver& Resolver() {
  static OpResolverN<3>* resolver = [] {
    auto* r = new OpResolverN<3>();
    if (!r->Add(ops::Quantize()).ok() || !r->Add(ops::Dequantize()).ok() ||
        !r->Add(ops::Cast()).ok()) {
      abort();
    }
    return r;
  }();
  return *resolver;
}

struct UnaryModel {
  BuiltinOp op = BuiltinOp::kQuantize;
  DataType in_type = DataType::kFloat32;
  DataType out_type = DataType::kInt8;
  std::vector<int32_t> in_shape{4}, out_shape{4};
  QuantParams in_q, out_q{{0.5f}, {1}, 0};
  std::vector<uint8_t> Build() const {
    ModelBuilder b;
    const int in = b.AddTensor(in_type, in_shape, in_q);
    const int out = b.AddTensor(out_type, out_shape, out_q);
    b.AddOperator(op, {in}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  }
};

template <typename In, typename Out>
std::vector<Out> RunUnary(const UnaryModel& m, const std::vector<In>& input) {
  testing::ModelRunner runner(m.Build());
  const Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  runner.SetInput<In>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<Out>(0);
}

StatusCode PrepareCode(const UnaryModel& m) {
  testing::ModelRunner runner(m.Build());
  return runner.Init(Resolver()).code();
}

TEST(Quantize, FloatToInt8RoundsHalfAwayAndClamps) {
  UnaryModel m;  // scale 0.5, zero point 1
  EXPECT_EQ((RunUnary<float, int8_t>(m, {0.25f, -0.25f, 100.0f, -100.0f})),
            (std::vector<int8_t>{2, 0, 127, -128}));
}

TEST(Quantize, FloatToInt16) {
  UnaryModel m;
  m.out_type = DataType::kInt16;
  m.out_q = {{0.001f}, {0}, 0};
  EXPECT_EQ((RunUnary<float, int16_t>(m, {1.0f, -1.0f, 40.0f, 0.0014f})),
            (std::vector<int16_t>{1000, -1000, 32767, 1}));
}

TEST(Quantize, Int8Requantize) {
  UnaryModel m;  // in scale 1 zp 0 -> out scale 0.5 zp 1: q_out = 2 q + 1
  m.in_type = DataType::kInt8;
  m.in_q = {{1.0f}, {0}, 0};
  EXPECT_EQ((RunUnary<int8_t, int8_t>(m, {0, 3, -3, 100})), (std::vector<int8_t>{1, 7, -5, 127}));
}

TEST(Quantize, Int16ToInt8AndInt32) {
  UnaryModel m;  // scale ratio 1/256
  m.in_type = DataType::kInt16;
  m.in_q = {{1.0f / 256}, {0}, 0};
  m.out_q = {{1.0f}, {-10}, 0};
  EXPECT_EQ((RunUnary<int16_t, int8_t>(m, {256, 128, -384, 32767})),
            (std::vector<int8_t>{-9, -9, -12, 118}));
  m.out_type = DataType::kInt32;
  m.out_q = {{1.0f / 512}, {0}, 0};
  EXPECT_EQ((RunUnary<int16_t, int32_t>(m, {1, -7, 32767, 0})),
            (std::vector<int32_t>{2, -14, 65534, 0}));
}

TEST(Dequantize, Int8AndInt16) {
  UnaryModel m;
  m.op = BuiltinOp::kDequantize;
  m.in_type = DataType::kInt8;
  m.out_type = DataType::kFloat32;
  m.in_q = {{0.5f}, {-2}, 0};
  m.out_q = {};
  EXPECT_EQ((RunUnary<int8_t, float>(m, {-2, 0, 127, -128})),
            (std::vector<float>{0.0f, 1.0f, 64.5f, -63.0f}));
  m.in_type = DataType::kInt16;
  m.in_q = {{0.25f}, {0}, 0};
  EXPECT_EQ((RunUnary<int16_t, float>(m, {4, -4, 32767, 0})),
            (std::vector<float>{1.0f, -1.0f, 8191.75f, 0.0f}));
}

TEST(Cast, Conversions) {
  UnaryModel m;
  m.op = BuiltinOp::kCast;
  m.in_q = m.out_q = {};
  m.in_type = DataType::kFloat32;
  m.out_type = DataType::kInt32;
  EXPECT_EQ((RunUnary<float, int32_t>(m, {1.9f, -1.9f, 3e9f, 0.0f})),
            (std::vector<int32_t>{1, -1, std::numeric_limits<int32_t>::min(), 0}));
  m.out_type = DataType::kInt8;
  EXPECT_EQ((RunUnary<float, int8_t>(m, {1.9f, -1.9f, 300.0f, 0.0f})),
            (std::vector<int8_t>{1, -1, 44, 0}));  // 300 wraps to 44
  m.in_type = DataType::kInt16;
  m.out_type = DataType::kFloat32;
  EXPECT_EQ((RunUnary<int16_t, float>(m, {-3, 0, 32767, 1})),
            (std::vector<float>{-3.0f, 0.0f, 32767.0f, 1.0f}));
  m.in_type = DataType::kInt32;
  m.out_type = DataType::kBool;
  EXPECT_EQ((RunUnary<int32_t, uint8_t>(m, {0, 5, -1, 0})), (std::vector<uint8_t>{0, 1, 1, 0}));
  m.in_type = DataType::kBool;
  m.out_type = DataType::kInt16;
  EXPECT_EQ((RunUnary<uint8_t, int16_t>(m, {0, 1, 2, 0})), (std::vector<int16_t>{0, 1, 1, 0}));
}

TEST(QuantizePrepare, RejectsBadModels) {
  {
    UnaryModel m;  // float -> int32 is not a TFLite Micro variant
    m.out_type = DataType::kInt32;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // output not quantized
    m.out_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // per-channel output
    m.in_shape = m.out_shape = {2};
    m.out_q = {{0.5f, 0.25f}, {0, 0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // element count mismatch
    m.out_shape = {5};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // int8 input without quantization
    m.in_type = DataType::kInt8;
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // zero point out of range
    m.out_q = {{0.5f}, {300}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // DEQUANTIZE to int8
    m.op = BuiltinOp::kDequantize;
    m.in_type = DataType::kInt8;
    m.in_q = {{0.5f}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // CAST from uint16
    m.op = BuiltinOp::kCast;
    m.in_type = DataType::kUInt16;
    m.out_type = DataType::kInt32;
    m.in_q = m.out_q = {};
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

TEST(QuantizeGolden, KeywordScrambled) {
  ExpectLayersExact("keyword_scrambled_8bit", "in0");
  ExpectLayersExact("keyword_scrambled_8bit", "in1");
}
TEST(QuantizeGolden, AudioPreprocessorCasts) {
  ExpectLayersExact("audio_preprocessor_int8", "in0");
  ExpectLayersExact("audio_preprocessor_int8", "in1");
  ExpectLayersExact("audio_preprocessor_float", "in0");
  ExpectLayersExact("audio_preprocessor_float", "in1");
}

TEST(QuantizeGolden, SeanetQuantize0ByteForByte) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  const std::string name = "seanet_quantize0";
  std::vector<uint8_t> model = testing::ReadFile(dir + "/models/" + name + ".tflite");
  ASSERT_FALSE(model.empty());
  for (const char* sample : {"0", "1", "2", "_csv"}) {
    const std::string golden = dir + "/golden/" + name + "/";
    const std::vector<uint8_t> in = testing::ReadFile(golden + "in" + sample + ".bin");
    const std::vector<uint8_t> want = testing::ReadFile(golden + "out" + sample + ".bin");
    ASSERT_FALSE(in.empty() || want.empty()) << sample;
    testing::ModelRunner runner(model);
    const Status s = runner.Init(Resolver());
    ASSERT_TRUE(s.ok()) << s.message();
    ASSERT_EQ(runner.interpreter().input(0).bytes, in.size());
    runner.SetInputBytes(0, in.data(), in.size());
    ASSERT_TRUE(runner.interpreter().Invoke().ok());
    EXPECT_EQ(runner.Output<uint8_t>(0), want) << sample;
  }
}

}  // namespace
}  // namespace mote
