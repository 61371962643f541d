#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "elementwise_test_util.h"

namespace mote {
namespace {

using namespace elementwise_test;  // NOLINT

Operand Q(DataType t, std::vector<int32_t> shape, float scale = 0.5f, int64_t zp = -1) {
  return {t, shape, {{scale}, {zp}}};
}
Operand Plain(DataType t, std::vector<int32_t> shape) { return {t, shape, {}}; }

TEST(Maximum, Float32Broadcast) {
  auto m = BinaryModel(BuiltinOp::kMaximum, Plain(DataType::kFloat32, {2, 2}),
                       Plain(DataType::kFloat32, {2, 1}), Plain(DataType::kFloat32, {2, 2}));
  EXPECT_EQ(RunOp<float>(m, {1, 5, -3, -1}, {2, -2}), (std::vector<float>{2, 5, -2, -1}));
}

TEST(Minimum, Float32Broadcast) {
  auto m = BinaryModel(BuiltinOp::kMinimum, Plain(DataType::kFloat32, {3}),
                       Plain(DataType::kFloat32, {}), Plain(DataType::kFloat32, {3}));
  EXPECT_EQ(RunOp<float>(m, {1, 5, -3}, {2}), (std::vector<float>{1, 2, -3}));
}

TEST(Maximum, NanFollowsTflmOrder) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  auto m = BinaryModel(BuiltinOp::kMaximum, Plain(DataType::kFloat32, {2}),
                       Plain(DataType::kFloat32, {2}), Plain(DataType::kFloat32, {2}));
  const std::vector<float> out = RunOp<float>(m, {nan, 1.f}, {1.f, nan});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0], 1.f);           // NaN > 1 is false: the second input wins
  EXPECT_TRUE(std::isnan(out[1]));  // 1 > NaN is false: NaN
}

TEST(Maximum, Int8SharedQuantization) {
  auto m = BinaryModel(BuiltinOp::kMaximum, Q(DataType::kInt8, {1, 2, 2}), Q(DataType::kInt8, {2}),
                       Q(DataType::kInt8, {1, 2, 2}));
  EXPECT_EQ(RunOp<int8_t>(m, {-128, 127, 0, -5}, {-1, 3}), (std::vector<int8_t>{-1, 127, 0, 3}));
}

TEST(Minimum, Int16) {
  auto m = BinaryModel(BuiltinOp::kMinimum, Q(DataType::kInt16, {3}, 0.25f, 0),
                       Q(DataType::kInt16, {3}, 0.25f, 0), Q(DataType::kInt16, {3}, 0.25f, 0));
  EXPECT_EQ(RunOp<int16_t>(m, {-32768, 100, 7}, {0, 32767, 7}),
            (std::vector<int16_t>{-32768, 100, 7}));
}

TEST(MinimumMaximum, Int32AndInt64SixDims) {
  auto mx = BinaryModel(BuiltinOp::kMaximum, Plain(DataType::kInt32, {1, 1, 1, 1, 2, 1}),
                        Plain(DataType::kInt32, {3}), Plain(DataType::kInt32, {1, 1, 1, 1, 2, 3}));
  EXPECT_EQ(RunOp<int32_t>(mx, {0, 10}, {-1, 5, 20}), (std::vector<int32_t>{0, 5, 20, 10, 10, 20}));
  auto mn = BinaryModel(BuiltinOp::kMinimum, Plain(DataType::kInt64, {2}),
                        Plain(DataType::kInt64, {2}), Plain(DataType::kInt64, {2}));
  EXPECT_EQ(RunOp<int64_t>(mn, {int64_t{1} << 40, -3}, {5, -(int64_t{1} << 40)}),
            (std::vector<int64_t>{5, -(int64_t{1} << 40)}));
}

TEST(MinimumMaximum, RejectsDifferentQuantization) {
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kMaximum, Q(DataType::kInt8, {2}, 0.5f, 0),
                           Q(DataType::kInt8, {2}, 0.25f, 0), Q(DataType::kInt8, {2}, 0.5f, 0))),
      StatusCode::kUnsupported);
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kMinimum, Q(DataType::kInt8, {2}, 0.5f, 0),
                           Q(DataType::kInt8, {2}, 0.5f, 0), Q(DataType::kInt8, {2}, 0.5f, 3))),
      StatusCode::kUnsupported);
}

TEST(MinimumMaximum, RejectsShapesAndTypes) {
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kMaximum, Plain(DataType::kFloat32, {2, 3}),
                           Plain(DataType::kFloat32, {2}), Plain(DataType::kFloat32, {2, 3}))),
      StatusCode::kInvalidModel);
  EXPECT_EQ(
      InitCode(BinaryModel(BuiltinOp::kMinimum, Plain(DataType::kFloat32, {2}),
                           Plain(DataType::kFloat32, {2}), Plain(DataType::kFloat32, {2, 2}))),
      StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMinimum, Plain(DataType::kFloat32, {2}),
                                 Plain(DataType::kInt32, {2}), Plain(DataType::kFloat32, {2}))),
            StatusCode::kInvalidModel);
  EXPECT_EQ(InitCode(BinaryModel(BuiltinOp::kMaximum, Q(DataType::kUInt8, {2}),
                                 Q(DataType::kUInt8, {2}), Q(DataType::kUInt8, {2}))),
            StatusCode::kUnsupported);
}

}  // namespace
}  // namespace mote
