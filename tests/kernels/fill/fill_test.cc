// SHAPE, FILL, ZEROS_LIKE: values written by hand, every supported type,
// malformed models rejected by Prepare with a message.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/fill/fill.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using D = DataType;

OpResolverN<4> Resolver() {
  OpResolverN<4> r;
  for (const OpKernel* k : ops::fill_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

std::vector<uint8_t> ShapeModel(D in_type, const std::vector<int32_t>& in_shape, D out_type,
                                const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  const int in = b.AddTensor(in_type, in_shape);
  const int out = b.AddTensor(out_type, out_shape);
  b.AddOperator(BuiltinOp::kShape, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

TEST(Shape, Int32AndInt64Outputs) {
  {
    testing::ModelRunner r(ShapeModel(D::kInt8, {2, 3, 5}, D::kInt32, {3}));
    ASSERT_TRUE(r.Init(Resolver()).ok());
    ASSERT_TRUE(r.interpreter().Invoke().ok());
    EXPECT_EQ(r.Output<int32_t>(0), (std::vector<int32_t>{2, 3, 5}));
  }
  testing::ModelRunner r(ShapeModel(D::kFloat32, {7, 1, 4, 0}, D::kInt64, {4}));
  ASSERT_TRUE(r.Init(Resolver()).ok());
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int64_t>(0), (std::vector<int64_t>{7, 1, 4, 0}));
}

TEST(Shape, RejectsBadOutput) {
  testing::ModelRunner wrong_len(ShapeModel(D::kInt8, {2, 3}, D::kInt32, {3}));
  EXPECT_EQ(wrong_len.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner wrong_type(ShapeModel(D::kInt8, {2, 3}, D::kFloat32, {2}));
  const Status s = wrong_type.Init(Resolver());
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(s.message()).find("int32 or int64"), std::string::npos) << s.message();
}

// FILL with constant int32 dims and a runtime scalar value.
template <typename T>
std::vector<T> RunFill(D type, const std::vector<int32_t>& shape, T value) {
  ModelBuilder b;
  const int dims =
      b.AddConstTensor<int32_t>(D::kInt32, {static_cast<int32_t>(shape.size())}, shape);
  const int v = b.AddTensor(type, {});
  const int out = b.AddTensor(type, shape);
  b.AddOperator(BuiltinOp::kFill, {dims, v}, {out});
  b.SetInputs({v});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  const Status s = r.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, {value});
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

TEST(Fill, EveryType) {
  EXPECT_EQ(RunFill<float>(D::kFloat32, {2, 3}, -1.5f), std::vector<float>(6, -1.5f));
  EXPECT_EQ(RunFill<int32_t>(D::kInt32, {4}, 123456), std::vector<int32_t>(4, 123456));
  EXPECT_EQ(RunFill<int64_t>(D::kInt64, {1, 3}, -(int64_t{1} << 40)),
            std::vector<int64_t>(3, -(int64_t{1} << 40)));
  EXPECT_EQ(RunFill<int8_t>(D::kInt8, {5}, int8_t{-128}), std::vector<int8_t>(5, -128));
  EXPECT_EQ(RunFill<int16_t>(D::kInt16, {2, 2}, int16_t{300}), std::vector<int16_t>(4, 300));
  EXPECT_EQ(RunFill<uint8_t>(D::kBool, {3}, uint8_t{1}), std::vector<uint8_t>(3, 1));
  EXPECT_TRUE(RunFill<float>(D::kFloat32, {0, 4}, 2.f).empty());
}

TEST(Fill, Int64DimsAndConstantValue) {
  ModelBuilder b;
  const int dims = b.AddConstTensor<int64_t>(D::kInt64, {2}, {2, 2});
  const int v = b.AddConstTensor<int16_t>(D::kInt16, {}, {-7});
  const int x = b.AddTensor(D::kInt16, {1});  // an unused model input
  const int out = b.AddTensor(D::kInt16, {2, 2});
  b.AddOperator(BuiltinOp::kFill, {dims, v}, {out});
  b.SetInputs({x});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  const Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  ASSERT_TRUE(r.interpreter().Invoke().ok());
  EXPECT_EQ(r.Output<int16_t>(0), std::vector<int16_t>(4, -7));
}

StatusCode FillInit(D dims_type, const std::vector<int32_t>& dims_values, D value_type,
                    const std::vector<int32_t>& value_shape, D out_type,
                    const std::vector<int32_t>& out_shape) {
  ModelBuilder b;
  const int dims =
      b.AddConstTensor<int32_t>(dims_type, {static_cast<int32_t>(dims_values.size())}, dims_values);
  const int v = b.AddTensor(value_type, value_shape);
  const int out = b.AddTensor(out_type, out_shape);
  b.AddOperator(BuiltinOp::kFill, {dims, v}, {out});
  b.SetInputs({v});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  return r.Init(Resolver()).code();
}

TEST(Fill, RejectsMalformed) {
  // dims disagree with the output's shape.
  EXPECT_EQ(FillInit(D::kInt32, {2, 4}, D::kFloat32, {}, D::kFloat32, {2, 3}),
            StatusCode::kInvalidModel);
  EXPECT_EQ(FillInit(D::kInt32, {6}, D::kFloat32, {}, D::kFloat32, {2, 3}),
            StatusCode::kInvalidModel);
  // value not a scalar, or of another type than the output.
  EXPECT_EQ(FillInit(D::kInt32, {2}, D::kFloat32, {1}, D::kFloat32, {2}),
            StatusCode::kInvalidModel);
  EXPECT_EQ(FillInit(D::kInt32, {2}, D::kInt32, {}, D::kFloat32, {2}), StatusCode::kInvalidModel);
  // dims of a float type; unsupported element type.
  EXPECT_EQ(FillInit(D::kFloat32, {2}, D::kFloat32, {}, D::kFloat32, {2}),
            StatusCode::kInvalidModel);
  EXPECT_EQ(FillInit(D::kInt32, {2}, D::kUInt32, {}, D::kUInt32, {2}), StatusCode::kUnsupported);
}

template <typename T>
std::vector<T> RunZerosLike(D type, const std::vector<T>& x) {
  ModelBuilder b;
  const int in = b.AddTensor(type, {static_cast<int32_t>(x.size())}, {{0.5f}, {3}});
  const int out = b.AddTensor(type, {static_cast<int32_t>(x.size())}, {{0.5f}, {3}});
  b.AddOperator(BuiltinOp::kZerosLike, {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  const Status s = r.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, x);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

TEST(ZerosLike, EveryTypeWritesRawZeros) {
  EXPECT_EQ(RunZerosLike<float>(D::kFloat32, {1.f, -2.f, 3.f}), std::vector<float>(3, 0.f));
  EXPECT_EQ(RunZerosLike<int32_t>(D::kInt32, {5, 6}), std::vector<int32_t>(2, 0));
  EXPECT_EQ(RunZerosLike<int64_t>(D::kInt64, {5, 6}), std::vector<int64_t>(2, 0));
  // Quantized: the raw value 0, not the zero point (as TFLM).
  EXPECT_EQ(RunZerosLike<int8_t>(D::kInt8, {5, 6, 7}), std::vector<int8_t>(3, 0));
  EXPECT_EQ(RunZerosLike<int16_t>(D::kInt16, {-5}), std::vector<int16_t>(1, 0));
}

TEST(ZerosLike, RejectsTypeAndShapeMismatch) {
  auto init = [](D in_type, const std::vector<int32_t>& in_shape, D out_type,
                 const std::vector<int32_t>& out_shape) {
    ModelBuilder b;
    const int in = b.AddTensor(in_type, in_shape);
    const int out = b.AddTensor(out_type, out_shape);
    b.AddOperator(BuiltinOp::kZerosLike, {in}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    testing::ModelRunner r(b.Build());
    return r.Init(Resolver()).code();
  };
  EXPECT_EQ(init(D::kFloat32, {2, 3}, D::kInt32, {2, 3}), StatusCode::kUnsupported);
  EXPECT_EQ(init(D::kBool, {2}, D::kBool, {2}), StatusCode::kUnsupported);
  EXPECT_EQ(init(D::kFloat32, {2, 3}, D::kFloat32, {3, 2}), StatusCode::kInvalidModel);
  EXPECT_EQ(init(D::kFloat32, {6}, D::kFloat32, {2, 3}), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
