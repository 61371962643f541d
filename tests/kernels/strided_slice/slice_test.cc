// SLICE: begin/size (int32 or int64, size -1 = to the end) on 1-D to 5-D
// inputs; expected values indexed by hand; malformed specs rejected.
#include <gtest/gtest.h>

#include <vector>

#include "kernels/strided_slice/strided_slice.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using D = DataType;

OpResolverN<1> SliceResolver() {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::Slice()).ok());
  return r;
}

template <typename I>
std::vector<uint8_t> SliceModel(D type, const std::vector<int32_t>& in_shape, D index_type,
                                const std::vector<I>& begin, const std::vector<I>& size,
                                const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape);
  const int32_t n = static_cast<int32_t>(begin.size());
  const int bt = b.AddConstTensor<I>(index_type, {n}, begin);
  const int st = b.AddConstTensor<I>(index_type, {static_cast<int32_t>(size.size())}, size);
  const int out = b.AddTensor(type, out_shape);
  b.AddOperator(BuiltinOp::kSlice, {in, bt, st}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<int32_t> Iota(int n) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

template <typename T>
std::vector<T> RunSlice(const std::vector<uint8_t>& model, const std::vector<T>& x) {
  testing::ModelRunner r(model);
  const Status s = r.Init(SliceResolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, x);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

TEST(Slice, TwoDimsInt32Index) {
  // [[0 1 2 3] [4 5 6 7] [8 9 10 11]] rows 1..2, cols 1..3.
  const auto m = SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {1, 1}, {2, 3}, {2, 3});
  EXPECT_EQ(RunSlice<int32_t>(m, Iota(12)), (std::vector<int32_t>{5, 6, 7, 9, 10, 11}));
}

TEST(Slice, SizeMinusOneInt64IndexInt8) {
  std::vector<int8_t> x(24);
  for (int i = 0; i < 24; ++i) x[static_cast<size_t>(i)] = static_cast<int8_t>(i - 12);
  // [2, 3, 4]: batch 1, rows 1.. (-1 -> 2), cols 2..3.
  const auto m =
      SliceModel<int64_t>(D::kInt8, {2, 3, 4}, D::kInt64, {1, 1, 2}, {-1, -1, 2}, {1, 2, 2});
  // Element [b][r][c] = b*12 + r*4 + c - 12.
  EXPECT_EQ(RunSlice<int8_t>(m, x), (std::vector<int8_t>{6, 7, 10, 11}));
}

TEST(Slice, FiveDimsFloatAndEmptyResult) {
  std::vector<float> x(2 * 2 * 2 * 3 * 2);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(i);
  const auto m = SliceModel<int32_t>(D::kFloat32, {2, 2, 2, 3, 2}, D::kInt32, {1, 0, 1, 1, 1},
                                     {1, 2, 1, 2, 1}, {1, 2, 1, 2, 1});
  // Index = (((b*2 + i)*2 + j)*3 + k)*2 + l with b=1, j=1, l=1.
  std::vector<float> want;
  for (int i = 0; i < 2; ++i) {
    for (int k = 1; k < 3; ++k)
      want.push_back(static_cast<float>((((2 + i) * 2 + 1) * 3 + k) * 2 + 1));
  }
  EXPECT_EQ(RunSlice<float>(m, x), want);
  const auto empty = SliceModel<int32_t>(D::kInt16, {3, 2}, D::kInt32, {3, 0}, {0, 2}, {0, 2});
  EXPECT_TRUE(RunSlice<int16_t>(empty, std::vector<int16_t>(6, 1)).empty());
}

TEST(Slice, RejectsMalformedSpecs) {
  auto code = [](const std::vector<uint8_t>& m) {
    testing::ModelRunner r(m);
    return r.Init(SliceResolver()).code();
  };
  // Out of range: begin + size beyond the dimension, negative begin, size < -1.
  EXPECT_EQ(code(SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {2, 0}, {2, 4}, {2, 4})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(code(SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {-1, 0}, {1, 4}, {1, 4})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(code(SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {0, 0}, {-2, 4}, {3, 4})),
            StatusCode::kInvalidModel);
  // Entry count differs from the rank; output shape differs from the sizes.
  EXPECT_EQ(code(SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {0}, {1}, {1, 4})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(code(SliceModel<int32_t>(D::kInt32, {3, 4}, D::kInt32, {0, 0}, {1, 4}, {1, 3})),
            StatusCode::kInvalidModel);
  // Non-constant begin.
  ModelBuilder b;
  const int in = b.AddTensor(D::kInt32, {3});
  const int begin = b.AddTensor(D::kInt32, {1});
  const int size = b.AddConstTensor<int32_t>(D::kInt32, {1}, {1});
  const int out = b.AddTensor(D::kInt32, {1});
  b.AddOperator(BuiltinOp::kSlice, {in, begin, size}, {out});
  b.SetInputs({in, begin});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  const Status s = r.Init(SliceResolver());
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(s.message()).find("constant"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace mote
