// SUM and REDUCE_MAX: values by hand, keep_dims, negative and repeated axes,
// empty reductions, NaN order, int8 quantization checks.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernels/reduce/reduce.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;
using D = DataType;

OpResolverN<2> SumMaxResolver() {
  OpResolverN<2> r;
  EXPECT_TRUE(r.Add(ops::Sum()).ok());
  EXPECT_TRUE(r.Add(ops::ReduceMax()).ok());
  return r;
}

std::vector<uint8_t> ReduceModel(BuiltinOp op, D type, const std::vector<int32_t>& in_shape,
                                 const std::vector<int32_t>& axes, bool keep,
                                 const std::vector<int32_t>& out_shape, const QuantParams& qi = {},
                                 const QuantParams& qo = {}) {
  ModelBuilder b;
  const int in = b.AddTensor(type, in_shape, qi);
  const int ax = b.AddConstTensor<int32_t>(D::kInt32, {static_cast<int32_t>(axes.size())}, axes);
  const int out = b.AddTensor(type, out_shape, qo);
  b.AddOperator(op, {in, ax}, {out}, Options(27).Bool(0, keep));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

template <typename T>
std::vector<T> RunReduce(const std::vector<uint8_t>& model, const std::vector<T>& x) {
  testing::ModelRunner r(model);
  const Status s = r.Init(SumMaxResolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, x);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

// [2, 3]: {{1, 2, 3}, {4, 5, 6}}.
const std::vector<float> kX = {1.f, 2.f, 3.f, 4.f, 5.f, 6.f};

TEST(Sum, AxesKeepDimsAndNegativeAxis) {
  EXPECT_EQ(
      RunReduce<float>(ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 3}, {0}, false, {3}), kX),
      (std::vector<float>{5.f, 7.f, 9.f}));
  EXPECT_EQ(
      RunReduce<float>(ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 3}, {-1}, true, {2, 1}), kX),
      (std::vector<float>{6.f, 15.f}));
  // Both axes, one of them twice.
  EXPECT_EQ(RunReduce<float>(
                ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 3}, {0, 1, -1}, false, {}), kX),
            (std::vector<float>{21.f}));
  // Summed in input order: 1e8 + 1 + 1 - 1e8 is 0 in float, not 2.
  EXPECT_EQ(RunReduce<float>(ReduceModel(BuiltinOp::kSum, D::kFloat32, {4}, {0}, false, {}),
                             {1e8f, 1.f, 1.f, -1e8f}),
            (std::vector<float>{0.f}));
  // An empty reduced axis gives 0.
  EXPECT_EQ(
      RunReduce<float>(ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 0}, {1}, false, {2}), {}),
      (std::vector<float>{0.f, 0.f}));
}

TEST(ReduceMax, FloatNanAndEmpty) {
  EXPECT_EQ(RunReduce<float>(
                ReduceModel(BuiltinOp::kReduceMax, D::kFloat32, {2, 3}, {1}, false, {2}), kX),
            (std::vector<float>{3.f, 6.f}));
  const float nan = std::numeric_limits<float>::quiet_NaN();
  // A NaN never replaces the running maximum (TFLM's `in > current`).
  EXPECT_EQ(RunReduce<float>(ReduceModel(BuiltinOp::kReduceMax, D::kFloat32, {3}, {0}, false, {}),
                             {-1.f, nan, -2.f}),
            (std::vector<float>{-1.f}));
  EXPECT_EQ(RunReduce<float>(
                ReduceModel(BuiltinOp::kReduceMax, D::kFloat32, {1, 0}, {1}, false, {1}), {}),
            (std::vector<float>{std::numeric_limits<float>::lowest()}));
}

TEST(ReduceMax, Int8SharedQuantization) {
  const QuantParams q{{0.5f}, {-3}};
  const auto m =
      ReduceModel(BuiltinOp::kReduceMax, D::kInt8, {2, 2, 2}, {0, 2}, true, {1, 2, 1}, q, q);
  EXPECT_EQ(RunReduce<int8_t>(m, {-128, -100, 5, 7, -127, -128, 8, -1}),
            (std::vector<int8_t>{-100, 8}));
}

TEST(SumMax, RejectsMalformed) {
  auto code = [](const std::vector<uint8_t>& m) {
    testing::ModelRunner r(m);
    return r.Init(SumMaxResolver()).code();
  };
  const QuantParams q1{{0.5f}, {0}}, q2{{0.25f}, {0}};
  EXPECT_EQ(code(ReduceModel(BuiltinOp::kReduceMax, D::kInt8, {4}, {0}, false, {}, q1, q2)),
            StatusCode::kUnsupported);
  EXPECT_EQ(code(ReduceModel(BuiltinOp::kSum, D::kInt8, {4}, {0}, false, {}, q1, q1)),
            StatusCode::kUnsupported);
  EXPECT_EQ(code(ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 3}, {2}, false, {2})),
            StatusCode::kInvalidModel);
  EXPECT_EQ(code(ReduceModel(BuiltinOp::kSum, D::kFloat32, {2, 3}, {1}, false, {2, 1})),
            StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
