#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/pooling/pooling.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr uint8_t kPool2DOptions = 5;

OpResolverN<2> Resolver() {
  OpResolverN<2> r;
  EXPECT_TRUE(r.Add(ops::AveragePool2D()).ok());
  EXPECT_TRUE(r.Add(ops::MaxPool2D()).ok());
  return r;
}

struct Spec {
  BuiltinOp op = BuiltinOp::kAveragePool2D;
  DataType type = DataType::kFloat32;
  std::vector<int32_t> in_shape{1, 3, 3, 1};
  std::vector<int32_t> out_shape{1, 2, 2, 1};
  QuantParams in_q, out_q;
  int padding = 0;  // SAME
  int stride_w = 2, stride_h = 2, filter_w = 2, filter_h = 2;
  int activation = 0;
};

std::vector<uint8_t> Build(const Spec& s) {
  ModelBuilder b;
  const int in = b.AddTensor(s.type, s.in_shape, s.in_q);
  const int out = b.AddTensor(s.type, s.out_shape, s.out_q);
  b.AddOperator(s.op, {in}, {out},
                Options(kPool2DOptions)
                    .Int8(0, static_cast<int8_t>(s.padding))
                    .Int32(1, s.stride_w)
                    .Int32(2, s.stride_h)
                    .Int32(3, s.filter_w)
                    .Int32(4, s.filter_h)
                    .Int8(5, static_cast<int8_t>(s.activation)));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

template <typename T>
std::vector<T> RunOp(const Spec& s, const std::vector<T>& input) {
  testing::ModelRunner runner(Build(s));
  const auto resolver = Resolver();
  const Status st = runner.Init(resolver);
  EXPECT_TRUE(st.ok()) << st.message();
  if (!st.ok()) return {};
  runner.SetInput<T>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<T>(0);
}

StatusCode PrepareCode(const Spec& s) {
  testing::ModelRunner runner(Build(s));
  const auto resolver = Resolver();
  return runner.Init(resolver).code();
}

Spec Quantized(DataType type, BuiltinOp op) {
  Spec s;
  s.op = op;
  s.type = type;
  s.in_q = {{0.5f}, {0}};
  s.out_q = {{0.5f}, {0}};
  return s;
}

// 3x3 input, 2x2 window, stride 2, SAME: windows clipped to 2x2, 2x1, 1x2, 1x1
// (SAME padding puts the odd extra row/column after the input).
TEST(AveragePoolF32, SamePaddingClipsWindows) {
  const Spec s;
  EXPECT_EQ(RunOp<float>(s, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
            (std::vector<float>{3.0f, 4.5f, 7.5f, 9.0f}));
}

TEST(AveragePoolF32, ValidAndRelu6) {
  Spec s;
  s.padding = 1;
  s.in_shape = {1, 2, 4, 2};
  s.out_shape = {1, 1, 2, 2};
  s.activation = 3;
  // channel 0: windows {1,2,5,6} -> 3.5, {3,4,7,8} -> 5.5; channel 1 = 10x -> clamped to 6.
  EXPECT_EQ(RunOp<float>(s, {1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70, 8, 80}),
            (std::vector<float>{3.5f, 6.0f, 5.5f, 6.0f}));
}

TEST(MaxPoolF32, SamePadding) {
  Spec s;
  s.op = BuiltinOp::kMaxPool2D;
  EXPECT_EQ(RunOp<float>(s, {1, -2, 3, -4, 5, -6, 7, -8, -9}),
            (std::vector<float>{5, 3, 7, -9}));
}

TEST(AveragePoolS8, RoundsHalfAwayFromZero) {
  Spec s = Quantized(DataType::kInt8, BuiltinOp::kAveragePool2D);
  s.in_shape = {1, 2, 2, 4};
  s.out_shape = {1, 1, 1, 4};
  s.padding = 1;
  // Per channel sums: 2 (0.5 -> 1), -2 (-0.5 -> -1), 5 (1.25 -> 1), -6 (-1.5 -> -2).
  EXPECT_EQ(RunOp<int8_t>(s, {1, -1, 2, -3, 1, -1, 1, -1, 0, 0, 1, -1, 0, 0, 1, -1}),
            (std::vector<int8_t>{1, -1, 1, -2}));
}

TEST(AveragePoolS8, ReluClampsAtZeroPoint) {
  Spec s = Quantized(DataType::kInt8, BuiltinOp::kAveragePool2D);
  s.in_q = s.out_q = {{0.5f}, {-10}};
  s.activation = 1;
  // Averages 3, -7.5 -> -8, -90, 9 clamped below at -10.
  EXPECT_EQ(RunOp<int8_t>(s, {1, 2, -10, 3, 5, -5, -90, -100, 9}),
            (std::vector<int8_t>{3, -8, -10, 9}));
}

TEST(AveragePoolS16, ExtremeValuesRoundAwayFromZero) {
  Spec s = Quantized(DataType::kInt16, BuiltinOp::kAveragePool2D);
  EXPECT_EQ(RunOp<int16_t>(s, {32767, 32767, 1, 32767, 32767, 1, -32768, -32767, -5}),
            (std::vector<int16_t>{32767, 1, -32768, -5}));
}

TEST(MaxPoolS8, PicksMaximum) {
  Spec s = Quantized(DataType::kInt8, BuiltinOp::kMaxPool2D);
  EXPECT_EQ(RunOp<int8_t>(s, {-128, -127, 5, -100, -128, 6, 0, 1, -128}),
            (std::vector<int8_t>{-100, 6, 1, -128}));
}

TEST(MaxPoolS16, Relu6Clamp) {
  Spec s = Quantized(DataType::kInt16, BuiltinOp::kMaxPool2D);
  s.activation = 3;  // relu6 -> [0, 12] at scale 0.5
  EXPECT_EQ(RunOp<int16_t>(s, {-5, -7, 300, -6, -8, 11, 13, 1, -1}),
            (std::vector<int16_t>{0, 12, 12, 0}));
}

TEST(PoolingPrepare, RejectsBadModels) {
  {
    Spec s;
    s.stride_h = 0;
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "stride 0";
  }
  {
    Spec s;
    s.filter_w = 0;
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "filter 0";
  }
  {
    Spec s;
    s.padding = 3;
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "padding code";
  }
  {
    Spec s;
    s.out_shape = {1, 3, 2, 1};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "declared output height";
  }
  {
    Spec s;
    s.padding = 1;
    s.filter_h = 5;  // VALID window taller than the input
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "window larger than input";
  }
  {
    Spec s;
    s.out_shape = {1, 2, 2, 2};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "depth mismatch";
  }
  {
    Spec s;
    s.in_shape = {1, 9};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "rank";
  }
  {
    Spec s = Quantized(DataType::kInt8, BuiltinOp::kMaxPool2D);
    s.out_q = {{0.25f}, {0}};
    EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported) << "requantizing pool";
  }
  {
    Spec s = Quantized(DataType::kInt8, BuiltinOp::kAveragePool2D);
    s.in_q = {};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "unquantized input";
  }
  {
    Spec s;
    s.type = DataType::kInt32;
    EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported) << "int32";
  }
}

// TFLM per-layer goldens: every AVERAGE_POOL_2D layer must match exactly.
void CheckModel(const std::string& model) {
  if (testing::ConformanceDir().empty()) GTEST_SKIP() << "../shared/conformance is absent";
  const auto resolver = Resolver();
  for (const char* input : {"in0", "in1"}) {
    const auto report = testing::CheckLayers(model, input, resolver, /*stub_missing=*/true);
    ASSERT_TRUE(report.error.empty()) << model << ": " << report.error;
    int checked = 0;
    for (const auto& l : report.layers) {
      if (!l.implemented) continue;
      ++checked;
      EXPECT_EQ(l.mismatched, 0u) << model << " " << input << " op " << l.op_index << " "
                                  << l.op_name << " max diff " << l.max_abs_diff;
    }
    EXPECT_GT(checked, 0) << model << " has no pooling layer";
  }
}

TEST(PoolingGolden, KwsRefModel) { CheckModel("kws_ref_model"); }
TEST(PoolingGolden, ResnetQuant) { CheckModel("pretrainedResnet_quant"); }
TEST(PoolingGolden, ResnetFloat) { CheckModel("pretrainedResnet"); }

}  // namespace
}  // namespace mote
