#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "kernels/pad/pad.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::QuantParams;

OpResolverN<2> Resolver() {
  OpResolverN<2> r;
  EXPECT_TRUE(r.Add(ops::Pad()).ok());
  EXPECT_TRUE(r.Add(ops::PadV2()).ok());
  return r;
}

std::vector<uint8_t> PadModel(DataType type, const std::vector<int32_t>& in_shape,
                              const std::vector<int32_t>& paddings,
                              const std::vector<int32_t>& out_shape, const QuantParams& q = {}) {
  ModelBuilder b;
  int in = b.AddTensor(type, in_shape, q);
  const int rank = static_cast<int>(paddings.size() / 2);
  int pad = b.AddConstTensor<int32_t>(DataType::kInt32, {rank, 2}, paddings);
  int out = b.AddTensor(type, out_shape, q);
  b.AddOperator(BuiltinOp::kPad, {in, pad}, {out}, host::Options(22));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

TEST(Pad, Int8PadsWithOutputZeroPoint) {
  testing::ModelRunner r(PadModel(DataType::kInt8, {1, 2, 2, 1}, {0, 0, 1, 0, 0, 1, 0, 0},
                                  {1, 3, 3, 1}, {{0.5f}, {-3}}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int8_t>(0, {1, 2, 3, 4});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-3, -3, -3, 1, 2, -3, 3, 4, -3}));
}

TEST(Pad, Int16PadsWithZero) {
  testing::ModelRunner r(
      PadModel(DataType::kInt16, {2, 2}, {1, 1, 0, 2}, {4, 4}, {{0.25f}, {0}}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int16_t>(0, {-1000, 2, 3, 32767});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{0, 0, 0, 0, -1000, 2, 0, 0, 3, 32767, 0,
                                                         0, 0, 0, 0, 0}));
}

TEST(Pad, Float32ThreeDims) {
  testing::ModelRunner r(PadModel(DataType::kFloat32, {1, 1, 2}, {1, 0, 0, 0, 0, 1}, {2, 1, 3}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1.5f, -2.f});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 0, 0, 1.5f, -2.f, 0}));
}

TEST(Pad, Int32FiveDims) {
  testing::ModelRunner r(
      PadModel(DataType::kInt32, {1, 1, 1, 1, 2}, {0, 0, 0, 0, 0, 0, 0, 1, 1, 0}, {1, 1, 1, 2, 3}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int32_t>(0, {7, 8});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{0, 7, 8, 0, 0, 0}));
}

TEST(Pad, Int64PaddingsAccepted) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {3}, {{1.f}, {5}});
  int pad = b.AddConstTensor<int64_t>(DataType::kInt64, {1, 2}, {2, 1});
  int out = b.AddTensor(DataType::kInt8, {6}, {{1.f}, {5}});
  b.AddOperator(BuiltinOp::kPad, {in, pad}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int8_t>(0, {1, 2, 3});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{5, 5, 1, 2, 3, 5}));
}

TEST(PadV2, UsesConstantValuesInput) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {2}, {{1.f}, {0}});
  int pad = b.AddConstTensor<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
  int value = b.AddConstTensor<int8_t>(DataType::kInt8, {1}, {-9}, {{1.f}, {0}});
  int out = b.AddTensor(DataType::kInt8, {4}, {{1.f}, {0}});
  b.AddOperator(static_cast<BuiltinOp>(60), {in, pad, value}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  r.SetInput<int8_t>(0, {4, 6});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{-9, 4, 6, -9}));
}

TEST(Pad, RejectsOutputShapeMismatch) {
  testing::ModelRunner r(PadModel(DataType::kInt8, {2, 2}, {1, 1, 0, 0}, {4, 3}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(Pad, RejectsNegativePadding) {
  testing::ModelRunner r(PadModel(DataType::kInt8, {2, 2}, {0, 0, -1, 0}, {2, 1}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kUnsupported);
}

TEST(Pad, RejectsWrongPaddingsShape) {
  testing::ModelRunner r(PadModel(DataType::kInt8, {2, 2}, {0, 0}, {2, 2}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(Pad, RejectsNonConstantPaddings) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {2}, {{1.f}, {0}});
  int pad = b.AddTensor(DataType::kInt32, {1, 2});
  int out = b.AddTensor(DataType::kInt8, {4}, {{1.f}, {0}});
  b.AddOperator(BuiltinOp::kPad, {in, pad}, {out});
  b.SetInputs({in, pad});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kUnsupported);
}

TEST(Pad, RejectsTypeMismatchAndUnsupportedType) {
  {
    ModelBuilder b;
    int in = b.AddTensor(DataType::kInt8, {2}, {{1.f}, {0}});
    int pad = b.AddConstTensor<int32_t>(DataType::kInt32, {1, 2}, {1, 1});
    int out = b.AddTensor(DataType::kInt16, {4}, {{1.f}, {0}});
    b.AddOperator(BuiltinOp::kPad, {in, pad}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    testing::ModelRunner r(b.Build());
    EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
  }
  testing::ModelRunner r(PadModel(DataType::kUInt8, {2}, {1, 1}, {4}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kUnsupported);
}

// TFLM's seanet PAD models (int16): every golden input, byte for byte.
TEST(Pad, SeanetGoldens) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  int checked = 0;
  for (int m = 0; m <= 18; m += 2) {
    const std::string name = "seanet_pad" + std::to_string(m);
    std::vector<uint8_t> model = testing::ReadFile(dir + "/models/" + name + ".tflite");
    ASSERT_FALSE(model.empty()) << name;
    for (const char* k : {"0", "1", "2", "_csv"}) {
      const std::vector<uint8_t> in = testing::ReadFile(dir + "/golden/" + name + "/in" + k + ".bin");
      const std::vector<uint8_t> want =
          testing::ReadFile(dir + "/golden/" + name + "/out" + k + ".bin");
      ASSERT_FALSE(in.empty() || want.empty()) << name << " " << k;
      testing::ModelRunner r(model);
      Status s = r.Init(Resolver());
      ASSERT_TRUE(s.ok()) << name << ": " << s.message();
      r.SetInputBytes(0, in.data(), in.size());
      ASSERT_TRUE(r.interpreter().Invoke().ok());
      EXPECT_EQ(r.Output<uint8_t>(0), want) << name << " in" << k;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 40);
}

}  // namespace
}  // namespace mote
