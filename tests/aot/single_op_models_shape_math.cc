// Single-op models for SLICE, SPLIT_V, SHAPE, FILL, ZEROS_LIKE, SELECT_V2, the
// float32 unary math ops, comparisons and logical ops (part of SingleOpCases(),
// single_op_models.cc).
#include "single_op_models.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace testing {
namespace {

using host::Options;
using D = DataType;

// One op whose non-constant inputs are the model inputs.
struct OpModel {
  host::ModelBuilder b;
  std::vector<int32_t> inputs, outputs;
  int In(D type, const std::vector<int32_t>& shape) {
    inputs.push_back(b.AddTensor(type, shape));
    return inputs.back();
  }
  int Out(D type, const std::vector<int32_t>& shape) {
    outputs.push_back(b.AddTensor(type, shape));
    return outputs.back();
  }
  std::vector<uint8_t> Op(BuiltinOp op, const std::vector<int32_t>& in,
                          const Options& options = Options()) {
    b.AddOperator(op, in, outputs, options);
    b.SetInputs(inputs);
    b.SetOutputs(outputs);
    return b.Build();
  }
};

std::vector<uint8_t> Unary(BuiltinOp op) {
  OpModel m;
  const int in = m.In(D::kFloat32, {2, 3, 4});
  m.Out(D::kFloat32, {2, 3, 4});
  return m.Op(op, {in});
}

// A comparison or logical op with a bool output of the broadcast shape.
std::vector<uint8_t> Binary(BuiltinOp op, D type, const std::vector<int32_t>& a,
                            const std::vector<int32_t>& b) {
  OpModel m;
  const int x = m.In(type, a);
  const int y = m.In(type, b);
  std::vector<int32_t> out = a.size() >= b.size() ? a : b;
  const size_t offset_a = out.size() - a.size(), offset_b = out.size() - b.size();
  for (size_t d = 0; d < out.size(); ++d) {
    if (d >= offset_a && a[d - offset_a] != 1) out[d] = a[d - offset_a];
    if (d >= offset_b && b[d - offset_b] != 1) out[d] = b[d - offset_b];
  }
  m.Out(D::kBool, out);
  return m.Op(op, {x, y});
}

}  // namespace

void AddShapeAndMathCases(std::vector<SingleOpCase>* cases) {
  {
    OpModel m;
    const int in = m.In(D::kInt8, {2, 3, 4});
    const int begin = m.b.AddConstTensor<int32_t>(D::kInt32, {3}, {1, 0, 1});
    const int size = m.b.AddConstTensor<int32_t>(D::kInt32, {3}, {1, -1, 2});
    m.Out(D::kInt8, {1, 3, 2});
    cases->push_back({"slice_s8_minus_one", m.Op(BuiltinOp::kSlice, {in, begin, size}), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kFloat32, {2, 2, 3, 2, 2});
    const int begin = m.b.AddConstTensor<int64_t>(D::kInt64, {5}, {0, 1, 1, 0, 1});
    const int size = m.b.AddConstTensor<int64_t>(D::kInt64, {5}, {2, 1, 2, 2, 1});
    m.Out(D::kFloat32, {2, 1, 2, 2, 1});
    cases->push_back({"slice_f32_5d", m.Op(BuiltinOp::kSlice, {in, begin, size}), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kInt16, {3, 7});
    const int sizes = m.b.AddConstTensor<int32_t>(D::kInt32, {3}, {2, -1, 1});
    const int axis = m.b.AddConstTensor<int32_t>(D::kInt32, {}, {-1});
    m.Out(D::kInt16, {3, 2});
    m.Out(D::kInt16, {3, 4});
    m.Out(D::kInt16, {3, 1});
    cases->push_back(
        {"split_v_s16", m.Op(BuiltinOp::kSplitV, {in, sizes, axis}, Options(79).Int32(0, 3)), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kFloat32, {2, 5, 3});
    m.Out(D::kInt32, {3});
    cases->push_back({"shape_s32", m.Op(BuiltinOp::kShape, {in}), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kInt8, {4, 1});
    m.Out(D::kInt64, {2});
    cases->push_back({"shape_s64", m.Op(BuiltinOp::kShape, {in}), {}});
  }
  {
    OpModel m;
    const int dims = m.b.AddConstTensor<int32_t>(D::kInt32, {2}, {3, 4});
    const int value = m.In(D::kFloat32, {});
    m.Out(D::kFloat32, {3, 4});
    cases->push_back({"fill_f32", m.Op(BuiltinOp::kFill, {dims, value}), {}});
  }
  {
    OpModel m;
    const int dims = m.b.AddConstTensor<int64_t>(D::kInt64, {1}, {5});
    const int value = m.In(D::kInt64, {});
    m.Out(D::kInt64, {5});
    cases->push_back({"fill_s64", m.Op(BuiltinOp::kFill, {dims, value}), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kInt16, {2, 6});
    m.Out(D::kInt16, {2, 6});
    cases->push_back({"zeros_like_s16", m.Op(BuiltinOp::kZerosLike, {in}), {}});
  }
  {
    OpModel m;
    const int cond = m.In(D::kBool, {2, 1, 3});
    const int x = m.In(D::kFloat32, {4, 1});
    const int y = m.In(D::kFloat32, {2, 4, 3});
    m.Out(D::kFloat32, {2, 4, 3});
    cases->push_back({"select_v2_f32_broadcast", m.Op(BuiltinOp::kSelectV2, {cond, x, y}), {}});
  }
  {
    OpModel m;
    const int cond = m.In(D::kBool, {6});
    const int x = m.In(D::kInt8, {6});
    const int y = m.In(D::kInt8, {1});
    m.Out(D::kInt8, {6});
    cases->push_back({"select_v2_s8", m.Op(BuiltinOp::kSelectV2, {cond, x, y}), {}});
  }
  const struct {
    const char* name;
    BuiltinOp op;
  } kUnary[] = {
      {"abs_f32", BuiltinOp::kAbs},     {"neg_f32", BuiltinOp::kNeg},
      {"floor_f32", BuiltinOp::kFloor}, {"ceil_f32", BuiltinOp::kCeil},
      {"round_f32", BuiltinOp::kRound}, {"sqrt_f32", BuiltinOp::kSqrt},
      {"rsqrt_f32", BuiltinOp::kRsqrt}, {"square_f32", BuiltinOp::kSquare},
      {"sin_f32", BuiltinOp::kSin},     {"cos_f32", BuiltinOp::kCos},
      {"exp_f32", BuiltinOp::kExp},     {"log_f32", BuiltinOp::kLog},
      {"elu_f32", BuiltinOp::kElu},
  };
  for (const auto& u : kUnary) cases->push_back({u.name, Unary(u.op), {}});
  // Comparisons (small integer ranges so that equal values occur) and logical ops.
  cases->push_back({"less_s32_broadcast",
                    Binary(BuiltinOp::kLess, D::kInt32, {2, 3}, {3}),
                    {{0, {-2, 2}}, {1, {-2, 2}}}});
  cases->push_back(
      {"equal_s64", Binary(BuiltinOp::kEqual, D::kInt64, {6}, {6}), {{0, {0, 2}}, {1, {0, 2}}}});
  cases->push_back(
      {"greater_equal_f32", Binary(BuiltinOp::kGreaterEqual, D::kFloat32, {4, 1}, {1, 3}), {}});
  cases->push_back({"not_equal_bool", Binary(BuiltinOp::kNotEqual, D::kBool, {5}, {5}), {}});
  cases->push_back({"greater_f32", Binary(BuiltinOp::kGreater, D::kFloat32, {5}, {1}), {}});
  cases->push_back({"less_equal_s32",
                    Binary(BuiltinOp::kLessEqual, D::kInt32, {5}, {5}),
                    {{0, {-2, 2}}, {1, {-2, 2}}}});
  cases->push_back(
      {"logical_and_broadcast", Binary(BuiltinOp::kLogicalAnd, D::kBool, {2, 3}, {3}), {}});
  cases->push_back({"logical_or", Binary(BuiltinOp::kLogicalOr, D::kBool, {6}, {6}), {}});
  {
    OpModel m;
    const int x = m.In(D::kFloat32, {2, 3, 4});
    const int alpha = m.b.AddConstTensor<float>(D::kFloat32, {4}, {0.5f, -1.f, 0.f, 0.125f});
    m.Out(D::kFloat32, {2, 3, 4});
    cases->push_back({"prelu_f32_const_alpha", m.Op(BuiltinOp::kPrelu, {x, alpha}), {}});
  }
  {
    OpModel m;
    const int x = m.In(D::kFloat32, {3, 1});
    const int y = m.In(D::kFloat32, {1, 4});
    m.Out(D::kFloat32, {3, 4});
    cases->push_back({"squared_difference_f32", m.Op(BuiltinOp::kSquaredDifference, {x, y}), {}});
  }
  const struct {
    const char* name;
    BuiltinOp op;
    D type;
  } kReduce[] = {{"sum_f32", BuiltinOp::kSum, D::kFloat32},
                 {"reduce_max_f32", BuiltinOp::kReduceMax, D::kFloat32},
                 {"reduce_max_s8", BuiltinOp::kReduceMax, D::kInt8}};
  for (const auto& r : kReduce) {
    OpModel m;
    const host::QuantParams q =
        r.type == D::kInt8 ? host::QuantParams{{0.5f}, {2}} : host::QuantParams{};
    m.inputs.push_back(m.b.AddTensor(r.type, {2, 3, 4}, q));
    const int axes = m.b.AddConstTensor<int32_t>(D::kInt32, {2}, {0, -1});
    m.outputs.push_back(m.b.AddTensor(r.type, {1, 3, 1}, q));
    cases->push_back({r.name, m.Op(r.op, {m.inputs[0], axes}, Options(27).Bool(0, true)), {}});
  }
  {
    OpModel m;
    const int in = m.In(D::kBool, {7});
    m.Out(D::kBool, {7});
    cases->push_back({"logical_not", m.Op(BuiltinOp::kLogicalNot, {in}), {}});
  }
}

}  // namespace testing
}  // namespace mote
