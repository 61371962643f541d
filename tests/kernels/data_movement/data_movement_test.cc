#include <gtest/gtest.h>

#include <vector>

#include "kernels/data_movement/data_movement.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;

OpResolverN<8> Resolver() {
  OpResolverN<8> r;
  for (const OpKernel* k : ops::data_movement_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

const host::QuantParams kQ{{0.5f}, {1}};

std::vector<int32_t> Iota(int n, int from = 0) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = from + i;
  return v;
}

TEST(Concatenation, Axis1Int8AndNegativeAxisInt32) {
  {
    ModelBuilder b;
    int a = b.AddTensor(DataType::kInt8, {2, 1}, kQ);
    int c = b.AddTensor(DataType::kInt8, {2, 2}, kQ);
    int out = b.AddTensor(DataType::kInt8, {2, 3}, kQ);
    b.AddOperator(BuiltinOp::kConcatenation, {a, c}, {out}, Options(10).Int32(0, 1));
    b.SetInputs({a, c});
    b.SetOutputs({out});
    testing::ModelRunner r(b.Build());
    ASSERT_TRUE(r.Init(Resolver()).ok());
    r.SetInput<int8_t>(0, {1, 2});
    r.SetInput<int8_t>(1, {10, 11, 20, 21});
    ASSERT_TRUE(r.interpreter().Invoke().ok());
    EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 10, 11, 2, 20, 21}));
  }
  ModelBuilder b;
  int a = b.AddTensor(DataType::kInt32, {1, 2});
  int c = b.AddTensor(DataType::kInt32, {2, 2});
  int out = b.AddTensor(DataType::kInt32, {3, 2});
  b.AddOperator(BuiltinOp::kConcatenation, {a, c}, {out}, Options(10).Int32(0, -2));
  b.SetInputs({a, c});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int32_t>(0, {1, 2});
  r.SetInput<int32_t>(1, {3, 4, 5, 6});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), Iota(6, 1));
}

TEST(Concatenation, RejectsBadAxisShapeAndActivation) {
  auto build = [](int axis, int out_cols, int act) {
    ModelBuilder b;
    int a = b.AddTensor(DataType::kFloat32, {2, 1});
    int c = b.AddTensor(DataType::kFloat32, {2, 2});
    int out = b.AddTensor(DataType::kFloat32, {2, out_cols});
    b.AddOperator(BuiltinOp::kConcatenation, {a, c}, {out},
                  Options(10).Int32(0, axis).Int8(1, static_cast<int8_t>(act)));
    b.SetInputs({a, c});
    b.SetOutputs({out});
    return b.Build();
  };
  testing::ModelRunner ok(build(1, 3, 0));
  EXPECT_TRUE(ok.Init(Resolver()).ok());
  testing::ModelRunner bad_axis(build(2, 3, 0));
  EXPECT_EQ(bad_axis.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner bad_shape(build(1, 4, 0));
  EXPECT_EQ(bad_shape.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner relu(build(1, 3, 1));
  EXPECT_EQ(relu.Init(Resolver()).code(), StatusCode::kUnsupported);
}

TEST(Pack, Axis1AndRejectsMismatch) {
  auto build = [](int out_rows) {
    ModelBuilder b;
    int a = b.AddTensor(DataType::kInt16, {2}, kQ);
    int c = b.AddTensor(DataType::kInt16, {2}, kQ);
    int out = b.AddTensor(DataType::kInt16, {out_rows, 2}, kQ);
    b.AddOperator(BuiltinOp::kPack, {a, c}, {out}, Options(59).Int32(0, 2).Int32(1, 1));
    b.SetInputs({a, c});
    b.SetOutputs({out});
    return b.Build();
  };
  testing::ModelRunner r(build(2));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int16_t>(0, {1, 2});
  r.SetInput<int16_t>(1, {3, 4});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), (std::vector<int16_t>{1, 3, 2, 4}));
  testing::ModelRunner bad(build(3));
  EXPECT_EQ(bad.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(Unpack, Axis0) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kFloat32, {2, 3});
  int o0 = b.AddTensor(DataType::kFloat32, {3});
  int o1 = b.AddTensor(DataType::kFloat32, {3});
  b.AddOperator(BuiltinOp::kUnpack, {in}, {o0, o1}, Options(64).Int32(0, 2).Int32(1, 0));
  b.SetInputs({in});
  b.SetOutputs({o0, o1});
  testing::ModelRunner r(b.Build());
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{1, 2, 3}));
  EXPECT_EQ(r.Output<float>(1), (std::vector<float>{4, 5, 6}));
}

TEST(Unpack, RejectsWrongNum) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kFloat32, {3, 2});
  int o0 = b.AddTensor(DataType::kFloat32, {2});
  int o1 = b.AddTensor(DataType::kFloat32, {2});
  b.AddOperator(BuiltinOp::kUnpack, {in}, {o0, o1}, Options(64).Int32(0, 2).Int32(1, 0));
  b.SetInputs({in});
  b.SetOutputs({o0, o1});
  testing::ModelRunner r(b.Build());
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

std::vector<uint8_t> SplitModel(int axis, int rows_out) {
  ModelBuilder b;
  int ax = b.AddConstTensor<int32_t>(DataType::kInt32, {}, {axis});
  int in = b.AddTensor(DataType::kInt8, {2, 4}, kQ);
  int o0 = b.AddTensor(DataType::kInt8, {rows_out, 2}, kQ);
  int o1 = b.AddTensor(DataType::kInt8, {rows_out, 2}, kQ);
  b.AddOperator(BuiltinOp::kSplit, {ax, in}, {o0, o1}, Options(35).Int32(0, 2));
  b.SetInputs({in});
  b.SetOutputs({o0, o1});
  return b.Build();
}

TEST(Split, NegativeAxis) {
  testing::ModelRunner r(SplitModel(-1, 2));
  Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  r.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6, 7, 8});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{1, 2, 5, 6}));
  EXPECT_EQ(r.Output<int8_t>(1), (std::vector<int8_t>{3, 4, 7, 8}));
}

TEST(Split, RejectsBadAxisAndShape) {
  testing::ModelRunner a(SplitModel(2, 2));
  EXPECT_EQ(a.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner b(SplitModel(1, 1));
  EXPECT_EQ(b.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

std::vector<uint8_t> TransposeModel(const std::vector<int32_t>& in_shape,
                                    const std::vector<int32_t>& perm,
                                    const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt32, in_shape);
  int p = b.AddConstTensor<int32_t>(DataType::kInt32, {static_cast<int>(perm.size())}, perm);
  int out = b.AddTensor(DataType::kInt32, out_shape);
  b.AddOperator(BuiltinOp::kTranspose, {in, p}, {out}, Options(26));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

TEST(Transpose, ThreeDims) {
  // [2, 3, 2] with perm {2, 0, 1}: out[k][i][j] = in[i][j][k].
  testing::ModelRunner r(TransposeModel({2, 3, 2}, {2, 0, 1}, {2, 2, 3}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int32_t>(0, Iota(12));
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0),
            (std::vector<int32_t>{0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11}));
}

TEST(Transpose, SixDimsReversed) {
  testing::ModelRunner r(
      TransposeModel({1, 2, 1, 1, 1, 3}, {5, 4, 3, 2, 1, 0}, {3, 1, 1, 1, 2, 1}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<int32_t>(0, Iota(6));
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{0, 3, 1, 4, 2, 5}));
}

TEST(Transpose, RejectsBadPerm) {
  testing::ModelRunner dup(TransposeModel({2, 3}, {0, 0}, {2, 2}));
  EXPECT_EQ(dup.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner range(TransposeModel({2, 3}, {0, 2}, {2, 3}));
  EXPECT_EQ(range.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner shape(TransposeModel({2, 3}, {1, 0}, {2, 3}));
  EXPECT_EQ(shape.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(Gather, Axis1WithRuntimeIndicesZeroFillsOutOfRange) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kFloat32, {2, 3});
  int idx = b.AddTensor(DataType::kInt32, {3});
  int out = b.AddTensor(DataType::kFloat32, {2, 3});
  b.AddOperator(BuiltinOp::kGather, {in, idx}, {out}, Options(23).Int32(0, 1));
  b.SetInputs({in, idx});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  ASSERT_TRUE(r.Init(Resolver()).ok());
  r.SetInput<float>(0, {1, 2, 3, 4, 5, 6});
  r.SetInput<int32_t>(1, {2, 0, 7});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{3, 1, 0, 6, 4, 0}));
  r.SetInput<int32_t>(1, {-1, 1, 1});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<float>(0), (std::vector<float>{0, 2, 2, 0, 5, 5}));
}

TEST(Gather, BatchDimsInt8) {
  // params [2, 3], indices [2, 2] with batch_dims 1, axis 1: out[b][i] = in[b][idx[b][i]].
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {2, 3}, kQ);
  int idx = b.AddConstTensor<int32_t>(DataType::kInt32, {2, 2}, {2, 2, 0, 1});
  int out = b.AddTensor(DataType::kInt8, {2, 2}, kQ);
  b.AddOperator(BuiltinOp::kGather, {in, idx}, {out}, Options(23).Int32(0, 1).Int32(1, 1));
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  r.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int8_t>(0), (std::vector<int8_t>{3, 3, 4, 5}));
}

TEST(Gather, RejectsConstantOutOfRangeIndexAndBadAxis) {
  auto build = [](int32_t index, int axis) {
    ModelBuilder b;
    int in = b.AddTensor(DataType::kInt32, {3, 2});
    int idx = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, {index});
    int out = b.AddTensor(DataType::kInt32, {1, 2});
    b.AddOperator(BuiltinOp::kGather, {in, idx}, {out}, Options(23).Int32(0, axis));
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  };
  testing::ModelRunner ok(build(2, 0));
  EXPECT_TRUE(ok.Init(Resolver()).ok());
  testing::ModelRunner index(build(3, 0));
  EXPECT_EQ(index.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner axis(build(0, 2));
  EXPECT_EQ(axis.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
