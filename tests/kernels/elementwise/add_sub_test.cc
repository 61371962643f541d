#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "elementwise_test_util.h"

namespace mote {
namespace {

using namespace elementwise_test;  // NOLINT

Operand S8(std::vector<int32_t> shape, float scale, int64_t zp) {
  return {DataType::kInt8, shape, {{scale}, {zp}}};
}
Operand S16(std::vector<int32_t> shape, float scale) {
  return {DataType::kInt16, shape, {{scale}, {0}}};
}
Operand F32(std::vector<int32_t> shape) { return {DataType::kFloat32, shape, {}}; }
Operand S32(std::vector<int32_t> shape) { return {DataType::kInt32, shape, {}}; }

TEST(Add, Int8RoundsHalfAwayFromZero) {
  // 0.5 * q1 + 0.5 * q2 on an output scale of 1: 0.5 + 1.0 = 1.5 -> 2, -1.5 -> -2.
  auto m = BinaryModel(BuiltinOp::kAdd, S8({4}, 0.5f, 0), S8({4}, 0.5f, 0), S8({4}, 1.f, 0));
  EXPECT_EQ(RunOp<int8_t>(m, {4, 1, -1, 127}, {6, 2, -2, 127}),
            (std::vector<int8_t>{5, 2, -2, 127}));
}

TEST(Add, Int8ZeroPointsAndSaturation) {
  // real = 0.25 * (q1 - 4) + 0.5 * (q2 + 2); out = real / 0.25 - 3.
  auto m = BinaryModel(BuiltinOp::kAdd, S8({3}, 0.25f, 4), S8({3}, 0.5f, -2), S8({3}, 0.25f, -3));
  EXPECT_EQ(RunOp<int8_t>(m, {4, 8, 127}, {-2, 0, 127}), (std::vector<int8_t>{-3, 5, 127}));
}

TEST(Add, Int8Relu6) {
  // Output scale 0.1, zero point -10: RELU6 clamps to [-10, 50].
  auto m = BinaryModel(BuiltinOp::kAdd, S8({3}, 0.1f, 0), S8({3}, 0.1f, 0), S8({3}, 0.1f, -10),
                       FusedActivation::kRelu6);
  EXPECT_EQ(RunOp<int8_t>(m, {-30, 10, 40}, {0, 5, 40}), (std::vector<int8_t>{-10, 5, 50}));
}

TEST(Add, Int16GeneralScales) {
  // 0.5 * 3 + 0.25 * 3 = 2.25 -> 4.5 output steps -> 5 (and -5).
  auto m = BinaryModel(BuiltinOp::kAdd, S16({1, 3}, 0.5f), S16({1, 3}, 0.25f), S16({1, 3}, 0.5f));
  EXPECT_EQ(RunOp<int16_t>(m, {3, -3, 32767}, {3, -3, 32767}),
            (std::vector<int16_t>{5, -5, 32767}));
}

TEST(Add, Int16PotScaleOptionStillUsesGeneralPath) {
  // TFLM runs the general rescaling whatever pot_scale_int16 says.
  ModelBuilder b;
  const int x = b.AddTensor(DataType::kInt16, {2}, {{0.5f}, {0}});
  const int y = b.AddTensor(DataType::kInt16, {2}, {{0.25f}, {0}});
  const int out = b.AddTensor(DataType::kInt16, {2}, {{0.5f}, {0}});
  b.AddOperator(BuiltinOp::kAdd, {x, y}, {out},
                host::Options(kAddOptions).Int8(0, 0).Bool(1, true));
  b.SetInputs({x, y});
  b.SetOutputs({out});
  EXPECT_EQ(RunOp<int16_t>(b.Build(), {3, -3}, {3, -3}), (std::vector<int16_t>{5, -5}));
}

TEST(Add, Int8BroadcastsChannelVector) {
  auto m = BinaryModel(BuiltinOp::kAdd, S8({1, 2, 2, 2}, 1.f, 0), S8({2}, 1.f, 0),
                       S8({1, 2, 2, 2}, 1.f, 0));
  EXPECT_EQ(RunOp<int8_t>(m, {0, 1, 2, 3, 4, 5, 6, 7}, {10, -10}),
            (std::vector<int8_t>{10, -9, 12, -7, 14, -5, 16, -3}));
}

TEST(Add, Float32BroadcastBothWays) {
  auto m = BinaryModel(BuiltinOp::kAdd, F32({2, 1, 3}), F32({2, 1}), F32({2, 2, 3}));
  EXPECT_EQ(RunOp<float>(m, {1, 2, 3, 10, 20, 30}, {100, 200}),
            (std::vector<float>{101, 102, 103, 201, 202, 203, 110, 120, 130, 210, 220, 230}));
}

TEST(Add, Float32Relu) {
  auto m = BinaryModel(BuiltinOp::kAdd, F32({3}), F32({3}), F32({3}), FusedActivation::kRelu);
  EXPECT_EQ(RunOp<float>(m, {1.5f, -2.f, 0.25f}, {1.f, 1.f, 0.5f}),
            (std::vector<float>{2.5f, 0.f, 0.75f}));
}

TEST(Add, Int32WrapsAndIgnoresActivationLikeTflm) {
  auto m = BinaryModel(BuiltinOp::kAdd, S32({3}), S32({3}), S32({3}), FusedActivation::kRelu);
  EXPECT_EQ(RunOp<int32_t>(m, {5, -7, 2147483647}, {1, 2, 1}),
            (std::vector<int32_t>{6, -5, -2147483647 - 1}));
}

TEST(Sub, Int8) {
  // 0.5 * q1 - 0.25 * (q2 - 1), output scale 0.25 zero point 1.
  auto m = BinaryModel(BuiltinOp::kSub, S8({3}, 0.5f, 0), S8({3}, 0.25f, 1), S8({3}, 0.25f, 1));
  EXPECT_EQ(RunOp<int8_t>(m, {2, 0, -60}, {1, 9, 127}), (std::vector<int8_t>{5, -7, -128}));
}

TEST(Sub, Int16BroadcastScalarLike) {
  auto m = BinaryModel(BuiltinOp::kSub, S16({2, 2}, 0.5f), S16({1}, 0.5f), S16({2, 2}, 0.5f));
  EXPECT_EQ(RunOp<int16_t>(m, {10, 20, -30, 32767}, {-3}),
            (std::vector<int16_t>{13, 23, -27, 32767}));
}

TEST(Sub, Float32Relu6) {
  auto m = BinaryModel(BuiltinOp::kSub, F32({3}), F32({3}), F32({3}), FusedActivation::kRelu6);
  EXPECT_EQ(RunOp<float>(m, {10.f, 1.f, -1.f}, {1.f, 0.5f, 0.f}),
            (std::vector<float>{6.f, 0.5f, 0.f}));
}

TEST(Sub, Int32FiveDimsWithActivation) {
  auto m = BinaryModel(BuiltinOp::kSub, S32({2, 1, 1, 1, 2}), S32({1, 1, 1, 3, 1}),
                       S32({2, 1, 1, 3, 2}));
  EXPECT_EQ(RunOp<int32_t>(m, {10, 20, 30, 40}, {1, 2, 3}),
            (std::vector<int32_t>{9, 19, 8, 18, 7, 17, 29, 39, 28, 38, 27, 37}));
  auto relu = BinaryModel(BuiltinOp::kSub, S32({2}), S32({2}), S32({2}), FusedActivation::kRelu);
  EXPECT_EQ(RunOp<int32_t>(relu, {1, 5}, {3, 2}), (std::vector<int32_t>{0, 3}));
}

TEST(AddSub, RejectsUnbroadcastableShapes) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, F32({2, 3}), F32({3, 2}), F32({2, 3}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kSub, F32({2, 3}), F32({2}), F32({2, 3}))),
            StatusCode::kInvalidModel);
}

TEST(AddSub, RejectsOutputShapeMismatch) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, F32({2, 3}), F32({2, 3}), F32({3, 2}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, F32({2, 1}), F32({1, 3}), F32({2, 1}))),
            StatusCode::kInvalidModel);
}

TEST(AddSub, RejectsTypeMismatchAndUnsupportedTypes) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, S8({2}, 1.f, 0), S16({2}, 1.f), S8({2}, 1.f, 0))),
            StatusCode::kInvalidModel);
  Operand u8{DataType::kUInt8, {2}, {{1.f}, {0}}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, u8, u8, u8)), StatusCode::kUnsupported);
  Operand i64{DataType::kInt64, {2}, {}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kSub, i64, i64, i64)), StatusCode::kUnsupported);
}

TEST(AddSub, RejectsBadQuantization) {
  Operand unquantized{DataType::kInt8, {2}, {}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, unquantized, S8({2}, 1.f, 0), S8({2}, 1.f, 0))),
            StatusCode::kInvalidModel);
  Operand per_channel{DataType::kInt8, {2}, {{1.f, 2.f}, {0, 0}, 0}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, per_channel, S8({2}, 1.f, 0), S8({2}, 1.f, 0))),
            StatusCode::kUnsupported);
  // Output multiplier 2 * 1 / (2^20 * 1e-7) >= 1: TFLM cannot represent it.
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kAdd, S8({2}, 1.f, 0), S8({2}, 1.f, 0), S8({2}, 1e-7f, 0))),
      StatusCode::kUnsupported);
  Operand q32{DataType::kInt32, {2}, {{1.f}, {0}}};
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, q32, S32({2}), S32({2}))),
            StatusCode::kUnsupported);
}

TEST(AddSub, RejectsBadActivationAndArity) {
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kAdd, S8({2}, 1.f, 0), S8({2}, 1.f, 0), S8({2}, 1.f, 0),
                                 FusedActivation::kTanh)),
            StatusCode::kUnsupported);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kSub, F32({2}), F32({2}), F32({2}),
                                 static_cast<FusedActivation>(9))),
            StatusCode::kInvalidModel);
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kFloat32, {2});
  const int out = b.AddTensor(DataType::kFloat32, {2});
  b.AddOperator(BuiltinOp::kAdd, {in}, {out}, host::Options(kAddOptions));
  b.SetInputs({in});
  b.SetOutputs({out});
  EXPECT_EQ(InitCode(b.Build()), StatusCode::kInvalidModel);
}

// Options of another op's type are absent, as in TFLM (docs/robustness.md):
// the ADD runs with its defaults (no fused activation).
TEST(AddSub, WrongOptionsTypeMeansDefaults) {
  ModelBuilder b;
  const int x = b.AddTensor(DataType::kFloat32, {2});
  const int y = b.AddTensor(DataType::kFloat32, {2});
  const int out = b.AddTensor(DataType::kFloat32, {2});
  b.AddOperator(BuiltinOp::kAdd, {x, y}, {out}, host::Options(kMulOptions).Int8(0, 0));
  b.SetInputs({x, y});
  b.SetOutputs({out});
  EXPECT_EQ(InitCode(b.Build()), StatusCode::kOk);
}

// TFLM's seanet ADD/SUB integration models (int16, general scales; SUB
// broadcasts a channel vector): every golden input, byte for byte.
void CheckSeanet(const std::string& name) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  const std::vector<uint8_t> model = testing::ReadFile(dir + "/models/" + name + ".tflite");
  ASSERT_FALSE(model.empty()) << name;
  for (const char* k : {"0", "1", "2", "_csv"}) {
    const std::vector<uint8_t> in = testing::ReadFile(dir + "/golden/" + name + "/in" + k + ".bin");
    const std::vector<uint8_t> want =
        testing::ReadFile(dir + "/golden/" + name + "/out" + k + ".bin");
    ASSERT_FALSE(in.empty() || want.empty()) << name << " " << k;
    testing::ModelRunner r(model);
    const Status s = r.Init(Resolver());
    ASSERT_TRUE(s.ok()) << name << ": " << s.message();
    const size_t first = r.interpreter().input(0).bytes;
    ASSERT_EQ(first + r.interpreter().input(1).bytes, in.size()) << name;
    r.SetInputBytes(0, in.data(), first);
    r.SetInputBytes(1, in.data() + first, in.size() - first);
    ASSERT_TRUE(r.interpreter().Invoke().ok());
    EXPECT_EQ(r.Output<uint8_t>(0), want) << name << " in" << k;
  }
}

TEST(AddGolden, Seanet) {
  for (int m = 0; m <= 16; m += 2) CheckSeanet("seanet_add" + std::to_string(m));
}
TEST(SubGolden, Seanet) {
  for (int m = 0; m <= 4; m += 2) CheckSeanet("seanet_sub" + std::to_string(m));
}

TEST(AddGolden, ResnetQuant) {
  ExpectLayersExact("pretrainedResnet_quant", "in0");
  ExpectLayersExact("pretrainedResnet_quant", "in1");
}
TEST(AddGolden, ResnetFloat) {
  ExpectLayersExact("pretrainedResnet", "in0");
  ExpectLayersExact("pretrainedResnet", "in1");
}
TEST(AddGolden, SimpleAddModel) {
  ExpectLayersExact("simple_add_model", "in0");
  ExpectLayersExact("simple_add_model", "in1");
}

}  // namespace
}  // namespace mote
