// Float32 unary math: each op's values computed independently here (exact
// expectations, special values included), shapes and types checked.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "kernels/math/math.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;

OpResolverN<16> Resolver() {
  OpResolverN<16> r;
  for (const OpKernel* k : ops::math_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

std::vector<uint8_t> UnaryModel(BuiltinOp op, DataType in_type, DataType out_type,
                                const std::vector<int32_t>& in_shape,
                                const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, in_shape);
  const int out = b.AddTensor(out_type, out_shape);
  b.AddOperator(op, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<float> RunUnary(BuiltinOp op, const std::vector<float>& x) {
  testing::ModelRunner r(UnaryModel(op, DataType::kFloat32, DataType::kFloat32,
                                    {1, static_cast<int32_t>(x.size())},
                                    {1, static_cast<int32_t>(x.size())}));
  const Status s = r.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<float>(0, x);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<float>(0);
}

// Bit-for-bit equality (NaN equal to NaN of the same bits, -0 distinct from 0).
void ExpectBits(const std::vector<float>& got, const std::vector<float>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    uint32_t a, b;
    std::memcpy(&a, &got[i], 4);
    std::memcpy(&b, &want[i], 4);
    if (std::isnan(got[i]) && std::isnan(want[i])) continue;
    EXPECT_EQ(a, b) << "element " << i << ": " << got[i] << " vs " << want[i];
  }
}

constexpr float kInf = std::numeric_limits<float>::infinity();

TEST(UnaryMath, ExactValues) {
  ExpectBits(RunUnary(BuiltinOp::kAbs, {-2.5f, 0.f, 3.f, -kInf}), {2.5f, 0.f, 3.f, kInf});
  ExpectBits(RunUnary(BuiltinOp::kNeg, {-2.5f, 0.f, 3.f, kInf}), {2.5f, -0.f, -3.f, -kInf});
  ExpectBits(RunUnary(BuiltinOp::kFloor, {-2.5f, -0.5f, 1.75f, 3.f}), {-3.f, -1.f, 1.f, 3.f});
  ExpectBits(RunUnary(BuiltinOp::kCeil, {-2.5f, -0.5f, 1.25f, 3.f}), {-2.f, -0.f, 2.f, 3.f});
  ExpectBits(RunUnary(BuiltinOp::kSqrt, {0.f, 4.f, 2.25f, 1e6f}), {0.f, 2.f, 1.5f, 1000.f});
  ExpectBits(RunUnary(BuiltinOp::kRsqrt, {4.f, 0.25f, 16.f, 0.f}), {0.5f, 2.f, 0.25f, kInf});
  ExpectBits(RunUnary(BuiltinOp::kSquare, {-3.f, 0.5f, 1e20f, 0.f}), {9.f, 0.25f, kInf, 0.f});
  ExpectBits(RunUnary(BuiltinOp::kExp, {0.f, -kInf, 1000.f}), {1.f, 0.f, kInf});
  ExpectBits(RunUnary(BuiltinOp::kLog, {1.f, 0.f, kInf}), {0.f, -kInf, kInf});
  ExpectBits(RunUnary(BuiltinOp::kSin, {0.f, -0.f}), {0.f, -0.f});
  ExpectBits(RunUnary(BuiltinOp::kCos, {0.f}), {1.f});
  EXPECT_TRUE(std::isnan(RunUnary(BuiltinOp::kSqrt, {-1.f})[0]));
  EXPECT_TRUE(std::isnan(RunUnary(BuiltinOp::kLog, {-1.f})[0]));
}

TEST(UnaryMath, EluIsExpm1BelowZero) {
  const std::vector<float> x = {-3.f, -0.5f, -1e-8f, 0.f, 2.5f, -kInf};
  std::vector<float> want;
  for (float v : x) want.push_back(v < 0.f ? std::expm1(v) : v);
  ExpectBits(RunUnary(BuiltinOp::kElu, x), want);
  EXPECT_EQ(RunUnary(BuiltinOp::kElu, {-kInf})[0], -1.f);
  EXPECT_EQ(RunUnary(BuiltinOp::kElu, {2.5f})[0], 2.5f);
  EXPECT_NEAR(RunUnary(BuiltinOp::kElu, {-1.f})[0], -0.63212055f, 1e-7f);
}

TEST(UnaryMath, RoundHalfToEven) {
  ExpectBits(RunUnary(BuiltinOp::kRound,
                      {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, -2.5f, 2.4f, 2.6f, -2.6f, 8388609.f, 3.f}),
             {0.f, 2.f, 2.f, 0.f, -2.f, -2.f, 2.f, 3.f, -3.f, 8388609.f, 3.f});
}

TEST(UnaryMath, TranscendentalMatchesLibm) {
  const std::vector<float> x = {-7.5f, -1.f, -0.25f, 0.3f, 1.f, 2.f, 6.28f, 40.f};
  std::vector<float> sin_want, cos_want, exp_want, log_want;
  for (float v : x) {
    sin_want.push_back(std::sin(v));
    cos_want.push_back(std::cos(v));
    exp_want.push_back(std::exp(v));
    log_want.push_back(std::log(std::fabs(v)));
  }
  ExpectBits(RunUnary(BuiltinOp::kSin, x), sin_want);
  ExpectBits(RunUnary(BuiltinOp::kCos, x), cos_want);
  ExpectBits(RunUnary(BuiltinOp::kExp, x), exp_want);
  std::vector<float> ax;
  for (float v : x) ax.push_back(std::fabs(v));
  ExpectBits(RunUnary(BuiltinOp::kLog, ax), log_want);
  // Spot values that do not depend on libm's last bit.
  EXPECT_NEAR(RunUnary(BuiltinOp::kSin, {1.5707964f})[0], 1.f, 1e-7f);
  EXPECT_NEAR(RunUnary(BuiltinOp::kExp, {1.f})[0], 2.7182817f, 1e-6f);
}

TEST(UnaryMath, EmptyTensor) {
  testing::ModelRunner r(
      UnaryModel(BuiltinOp::kAbs, DataType::kFloat32, DataType::kFloat32, {0, 3}, {0, 3}));
  const Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(r.interpreter().Invoke().ok());
}

TEST(UnaryMath, RejectsOtherTypesAndShapes) {
  for (BuiltinOp op : {BuiltinOp::kAbs, BuiltinOp::kNeg, BuiltinOp::kExp, BuiltinOp::kRound}) {
    testing::ModelRunner int8(UnaryModel(op, DataType::kInt8, DataType::kInt8, {4}, {4}));
    const Status s = int8.Init(Resolver());
    EXPECT_EQ(s.code(), StatusCode::kUnsupported);
    EXPECT_NE(std::string(s.message()).find("float32"), std::string::npos) << s.message();
    testing::ModelRunner mixed(UnaryModel(op, DataType::kFloat32, DataType::kInt32, {4}, {4}));
    EXPECT_EQ(mixed.Init(Resolver()).code(), StatusCode::kUnsupported);
    testing::ModelRunner shape(UnaryModel(op, DataType::kFloat32, DataType::kFloat32, {4}, {2, 2}));
    EXPECT_EQ(shape.Init(Resolver()).code(), StatusCode::kInvalidModel);
    testing::ModelRunner size(UnaryModel(op, DataType::kFloat32, DataType::kFloat32, {4}, {5}));
    EXPECT_EQ(size.Init(Resolver()).code(), StatusCode::kInvalidModel);
  }
}

}  // namespace
}  // namespace mote
