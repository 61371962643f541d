// RELU, RELU6, LEAKY_RELU, LOGISTIC, TANH, HARD_SWISH: hand cases, Prepare
// rejections, and the seanet_leaky_relu* TFLM goldens (whole model, byte exact).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "activations_test_util.h"

namespace mote {
namespace {

using namespace activations_test;  // NOLINT

TEST(Relu, Float) {
  UnaryModel m;
  m.type = DataType::kFloat32;
  EXPECT_EQ(RunUnary<float>(m, {-1.5f, 0.0f, 2.5f, -0.0f}),
            (std::vector<float>{0.0f, 0.0f, 2.5f, -0.0f}));
}

TEST(Relu, Int8RequantizesAndClamps) {
  UnaryModel m;  // in scale 0.5 zp 0, out scale 0.25 zp -10: q_out = 2 q - 10, >= -10
  m.out_q = {{0.25f}, {-10}, 0};
  EXPECT_EQ(RunUnary<int8_t>(m, {-5, 0, 3, 100}), (std::vector<int8_t>{-10, -10, -4, 127}));
}

TEST(Relu, Int16) {
  UnaryModel m;
  m.type = DataType::kInt16;
  EXPECT_EQ(RunUnary<int16_t>(m, {-5, 0, 3, 32767}), (std::vector<int16_t>{0, 0, 3, 32767}));
}

TEST(Relu6, FloatAndInt8) {
  UnaryModel m;
  m.op = BuiltinOp::kRelu6;
  m.type = DataType::kFloat32;
  EXPECT_EQ(RunUnary<float>(m, {-1.0f, 3.0f, 6.5f, 6.0f}),
            (std::vector<float>{0.0f, 3.0f, 6.0f, 6.0f}));
  m.type = DataType::kInt8;
  m.in_q = m.out_q = {{0.1f}, {-20}, 0};  // 0 -> -20, 6 -> 40
  EXPECT_EQ(RunUnary<int8_t>(m, {-100, 0, 40, 100}), (std::vector<int8_t>{-20, 0, 40, 40}));
  m.type = DataType::kInt16;
  m.in_q = m.out_q = {{0.001f}, {0}, 0};  // 6 -> 6000
  EXPECT_EQ(RunUnary<int16_t>(m, {-100, 10, 7000, 6000}),
            (std::vector<int16_t>{0, 10, 6000, 6000}));
}

TEST(LeakyRelu, FloatAndInt8) {
  UnaryModel m;
  m.op = BuiltinOp::kLeakyRelu;
  m.options = Options(75).Float(0, 0.25f);
  m.type = DataType::kFloat32;
  EXPECT_EQ(RunUnary<float>(m, {-4.0f, 0.0f, 2.0f, -1.0f}),
            (std::vector<float>{-1.0f, 0.0f, 2.0f, -0.25f}));
  m.type = DataType::kInt8;  // same scales: q >= 0 unchanged, q < 0 times 0.25 rounded
  EXPECT_EQ(RunUnary<int8_t>(m, {-8, -6, 5, -128}), (std::vector<int8_t>{-2, -2, 5, -32}));
  m.out_q = {{0.5f}, {10}, 0};  // output zero point shifts everything, clamped
  // -2 * 0.25 = -0.5 rounds away from zero to -1.
  EXPECT_EQ(RunUnary<int8_t>(m, {-8, 0, 120, -2}), (std::vector<int8_t>{8, 10, 127, 9}));
}

TEST(LeakyRelu, NegativeAlphaInt16) {
  UnaryModel m;
  m.op = BuiltinOp::kLeakyRelu;
  m.options = Options(75).Float(0, -0.5f);
  m.type = DataType::kInt16;
  EXPECT_EQ(RunUnary<int16_t>(m, {-8, 6, -32768, 0}), (std::vector<int16_t>{4, 6, 16384, 0}));
}

TEST(Logistic, FloatAndInt8) {
  UnaryModel m;
  m.op = BuiltinOp::kLogistic;
  m.type = DataType::kFloat32;
  const std::vector<float> f = RunUnary<float>(m, {0.0f, 20.0f, -20.0f, 1.0f});
  EXPECT_EQ(f[0], 0.5f);
  EXPECT_EQ(f[1], 1.0f);
  EXPECT_FLOAT_EQ(f[2], std::exp(-20.0f));
  EXPECT_FLOAT_EQ(f[3], 1.0f / (1.0f + std::exp(-1.0f)));
  m.type = DataType::kInt8;
  m.in_q = {{0.1f}, {0}, 0};
  m.out_q = {{1.0f / 256}, {-128}, 0};
  // 0 -> 0.5 -> 0; 2.0 -> 0.8808 -> 225.5 -> 97 or 98; +-12.7 saturate.
  const std::vector<int8_t> q = RunUnary<int8_t>(m, {0, 20, 127, -128});
  EXPECT_EQ(q[0], 0);
  EXPECT_NEAR(q[1], std::round(256.0 / (1.0 + std::exp(-2.0))) - 128, 1);
  EXPECT_EQ(q[2], 127);
  EXPECT_EQ(q[3], -128);
}

TEST(Tanh, FloatAndInt8) {
  UnaryModel m;
  m.op = BuiltinOp::kTanh;
  m.type = DataType::kFloat32;
  EXPECT_EQ(RunUnary<float>(m, {0.0f, 1.0f, -1.0f, 30.0f}),
            (std::vector<float>{0.0f, std::tanh(1.0f), std::tanh(-1.0f), 1.0f}));
  m.type = DataType::kInt8;
  m.in_q = {{0.05f}, {0}, 0};
  m.out_q = {{1.0f / 128}, {0}, 0};
  const std::vector<int8_t> q = RunUnary<int8_t>(m, {0, 10, -10, 127});
  EXPECT_EQ(q[0], 0);
  EXPECT_NEAR(q[1], std::round(128.0 * std::tanh(0.5)), 1);
  EXPECT_EQ(q[2], -q[1]);
  EXPECT_NEAR(q[3], 127, 1);
}

TEST(HardSwish, Float) {
  UnaryModel m;
  m.op = BuiltinOp::kHardSwish;
  m.type = DataType::kFloat32;
  EXPECT_EQ(RunUnary<float>(m, {-4.0f, 0.0f, 3.0f, 1.0f}),
            (std::vector<float>{-0.0f, 0.0f, 3.0f, 1.0f * 4.0f / 6.0f}));
}

TEST(ActivationsPrepare, RejectsBadModels) {
  {
    UnaryModel m;  // element count mismatch
    m.out_shape = {5};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // int16 RELU with a zero point
    m.type = DataType::kInt16;
    m.in_q = {{0.5f}, {3}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // RELU int32
    m.type = DataType::kInt32;
    m.in_q = m.out_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // unquantized int8 input
    m.op = BuiltinOp::kLeakyRelu;
    m.in_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m;  // LOGISTIC int8 output zero point must be -128
    m.op = BuiltinOp::kLogistic;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m;  // TANH with an input scale too large for Q4.27
    m.op = BuiltinOp::kTanh;
    m.in_q = {{64.0f}, {0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
}

// seanet_leaky_relu*: int16 single-op models, whole-model goldens.
class SeanetLeakyRelu : public ::testing::TestWithParam<int> {};

TEST_P(SeanetLeakyRelu, MatchesTflmByteForByte) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  const std::string name = "seanet_leaky_relu" + std::to_string(GetParam());
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

INSTANTIATE_TEST_SUITE_P(AllModels, SeanetLeakyRelu,
                         ::testing::Values(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22));

}  // namespace
}  // namespace mote
