#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "kernels/transpose_conv/transpose_conv.h"
#include "mote/interpreter.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr uint8_t kTransposeConvOptions = 49;

OpResolverN<1> Resolver() {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::TransposeConv()).ok());
  return r;
}

// A single TRANSPOSE_CONV model. Empty bias vector = no bias input.
struct Spec {
  DataType type = DataType::kFloat32;
  DataType filter_type = DataType::kFloat32;
  DataType bias_type = DataType::kFloat32;
  std::vector<int32_t> in_shape{1, 2, 2, 1};
  std::vector<int32_t> filter_shape{1, 2, 2, 1};
  std::vector<int32_t> out_shape{1, 4, 4, 1};
  std::vector<uint8_t> filter;  // raw bytes
  std::vector<uint8_t> bias;    // raw bytes
  QuantParams in_q, filter_q, out_q;
  int padding = 1;  // VALID
  int stride_w = 2, stride_h = 2;
  int activation = 0;
  std::vector<int32_t> const_output_shape;  // constant output_shape input if non-empty
};

template <typename T>
std::vector<uint8_t> Bytes(const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  std::memcpy(b.data(), v.data(), b.size());
  return b;
}

std::vector<uint8_t> Build(const Spec& s) {
  ModelBuilder b;
  int shape;
  if (s.const_output_shape.empty()) {
    shape = b.AddTensor(DataType::kInt32, {4});
  } else {
    shape = b.AddConstTensor(DataType::kInt32, {4}, s.const_output_shape);
  }
  const int filter = b.AddConstTensor(s.filter_type, s.filter_shape, s.filter.data(),
                                      s.filter.size(), s.filter_q);
  const int in = b.AddTensor(s.type, s.in_shape, s.in_q);
  std::vector<int32_t> inputs{shape, filter, in};
  if (!s.bias.empty()) {
    const size_t esize = DataTypeSize(s.bias_type);
    inputs.push_back(b.AddConstTensor(s.bias_type, {static_cast<int32_t>(s.bias.size() / esize)},
                                      s.bias.data(), s.bias.size()));
  }
  const int out = b.AddTensor(s.type, s.out_shape, s.out_q);
  b.AddOperator(BuiltinOp::kTransposeConv, inputs, {out},
                Options(kTransposeConvOptions)
                    .Int8(0, static_cast<int8_t>(s.padding))
                    .Int32(1, s.stride_w)
                    .Int32(2, s.stride_h)
                    .Int8(3, static_cast<int8_t>(s.activation)));
  if (s.const_output_shape.empty()) {
    b.SetInputs({shape, in});
  } else {
    b.SetInputs({in});
  }
  b.SetOutputs({out});
  return b.Build();
}

// Runs `s` on `input` (the data input; the output_shape input gets out_shape).
template <typename T, typename O>
std::vector<O> RunOp(const Spec& s, const std::vector<T>& input) {
  testing::ModelRunner runner(Build(s));
  const auto resolver = Resolver();
  const Status st = runner.Init(resolver);
  EXPECT_TRUE(st.ok()) << st.message();
  if (!st.ok()) return {};
  size_t data_index = 0;
  if (s.const_output_shape.empty()) {
    runner.SetInput<int32_t>(0, s.out_shape);
    data_index = 1;
  }
  runner.SetInput<T>(data_index, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<O>(0);
}

StatusCode PrepareCode(const Spec& s) {
  testing::ModelRunner runner(Build(s));
  const auto resolver = Resolver();
  return runner.Init(resolver).code();
}

Spec FloatSame3x3() {
  Spec s;
  s.in_shape = {1, 2, 2, 1};
  s.filter_shape = {1, 3, 3, 1};
  s.out_shape = {1, 2, 2, 1};
  s.filter = Bytes(std::vector<float>{1, 2, 3, 4, 5, 6, 7, 8, 9});
  s.padding = 0;  // SAME: padding 1 on each side
  s.stride_w = s.stride_h = 1;
  return s;
}

TEST(TransposeConvF32, SameStride1Overlapping) {
  const Spec s = FloatSame3x3();
  EXPECT_EQ((RunOp<float, float>(s, {1, 2, 3, 4})), (std::vector<float>{23, 33, 53, 63}));
}

TEST(TransposeConvF32, BiasAndRelu6) {
  Spec s = FloatSame3x3();
  s.bias = Bytes(std::vector<float>{-30.5f});
  EXPECT_EQ((RunOp<float, float>(s, {1, 2, 3, 4})), (std::vector<float>{-7.5f, 2.5f, 22.5f, 32.5f}));
  s.activation = 3;  // RELU6
  EXPECT_EQ((RunOp<float, float>(s, {1, 2, 3, 4})), (std::vector<float>{0, 2.5f, 6, 6}));
}

TEST(TransposeConvF32, ValidStride2ScattersBlocks) {
  Spec s;
  s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
  s.const_output_shape = {1, 4, 4, 1};
  const std::vector<float> expected{1, 2, 2,  4,  3, 4, 6,  8,
                                    3, 6, 4,  8,  9, 12, 12, 16};
  EXPECT_EQ((RunOp<float, float>(s, {1, 2, 3, 4})), expected);
}

// in(y/2, x/2) * f(y%2, x%2) + 1 for the 2x2 input [1 2; 3 4] and filter [1 2; 3 4].
std::vector<int> BlockProductsPlusOne() {
  std::vector<int> v;
  const int in[2][2] = {{1, 2}, {3, 4}};
  const int f[2][2] = {{1, 2}, {3, 4}};
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 4; ++x) v.push_back(in[y / 2][x / 2] * f[y % 2][x % 2] + 1);
  }
  return v;
}

TEST(TransposeConvS8, PerChannelWithBias) {
  Spec s;
  s.type = s.filter_type = DataType::kInt8;
  s.bias_type = DataType::kInt32;
  s.filter_shape = {2, 2, 2, 1};
  s.out_shape = {1, 4, 4, 2};
  s.filter = Bytes(std::vector<int8_t>{1, 2, 3, 4, 2, 4, 6, 8});
  s.filter_q = {{1.0f, 0.5f}, {0, 0}, 0};
  s.bias = Bytes(std::vector<int32_t>{2, 4});  // real 1.0 in both channels
  s.in_q = {{0.5f}, {1}};
  s.out_q = {{1.0f}, {-2}};
  // Input reals 1, 2, 3, 4.
  const auto out = RunOp<int8_t, int8_t>(s, {3, 5, 7, 9});
  std::vector<int8_t> expected;
  for (int v : BlockProductsPlusOne()) {
    expected.push_back(static_cast<int8_t>(v - 2));
    expected.push_back(static_cast<int8_t>(v - 2));
  }
  EXPECT_EQ(out, expected);
}

TEST(TransposeConvS8, ClampsToInt8) {
  Spec s;
  s.type = s.filter_type = DataType::kInt8;
  s.filter = Bytes(std::vector<int8_t>{127, -128, 1, 0});
  s.filter_q = {{1.0f}, {0}};
  s.in_q = {{1.0f}, {0}};
  s.out_q = {{1.0f}, {0}};
  const auto out = RunOp<int8_t, int8_t>(s, {100, 0, 0, -1});
  ASSERT_EQ(out.size(), 16u);
  EXPECT_EQ(out[0], 127);    // 12700
  EXPECT_EQ(out[1], -128);   // -12800
  EXPECT_EQ(out[4], 100);    // 100 * 1
  EXPECT_EQ(out[10], -127);  // -1 * 127
  EXPECT_EQ(out[11], 127);   // -1 * -128 = 128, clamped
}

Spec Int16Spec(DataType bias_type) {
  Spec s;
  s.type = DataType::kInt16;
  s.filter_type = DataType::kInt8;
  s.bias_type = bias_type;
  s.filter = Bytes(std::vector<int8_t>{1, 2, 3, 4});
  s.filter_q = {{1.0f}, {0}};
  s.in_q = {{0.5f}, {0}};
  s.out_q = {{0.25f}, {0}};
  if (bias_type == DataType::kInt64) {
    s.bias = Bytes(std::vector<int64_t>{4});  // real 2.0
  } else {
    s.bias = Bytes(std::vector<int16_t>{4});
  }
  return s;
}

std::vector<int16_t> Int16Expected() {
  std::vector<int16_t> v;
  for (int p : BlockProductsPlusOne()) v.push_back(static_cast<int16_t>(4 * (p - 1) + 8));
  return v;
}

TEST(TransposeConvS16, Int64Bias) {
  EXPECT_EQ((RunOp<int16_t, int16_t>(Int16Spec(DataType::kInt64), {2, 4, 6, 8})), Int16Expected());
}

TEST(TransposeConvS16, Int16BiasIsWidened) {
  EXPECT_EQ((RunOp<int16_t, int16_t>(Int16Spec(DataType::kInt16), {2, 4, 6, 8})), Int16Expected());
}

TEST(TransposeConvS16, NoBias) {
  Spec s = Int16Spec(DataType::kInt64);
  s.bias.clear();
  std::vector<int16_t> expected = Int16Expected();
  for (auto& v : expected) v = static_cast<int16_t>(v - 8);
  EXPECT_EQ((RunOp<int16_t, int16_t>(s, {2, 4, 6, 8})), expected);
}

TEST(TransposeConvPrepare, RejectsBadModels) {
  {
    Spec s;
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    s.stride_w = 0;
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "stride 0";
  }
  {
    Spec s;
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    s.padding = 7;
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "padding code";
  }
  {
    Spec s;
    s.filter_shape = {1, 2, 1, 2};  // depth 2 vs input depth 1
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "depth mismatch";
  }
  {
    Spec s;
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    s.bias = Bytes(std::vector<float>{1, 2});
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "bias size";
  }
  {
    Spec s;
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    s.const_output_shape = {1, 4, 5, 1};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "output_shape mismatch";
  }
  {
    Spec s;
    s.out_shape = {1, 4, 4};
    s.filter = Bytes(std::vector<float>{1, 2, 3, 4});
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "rank";
  }
}

TEST(TransposeConvPrepare, RejectsBadQuantization) {
  Spec base;
  base.type = base.filter_type = DataType::kInt8;
  base.filter = Bytes(std::vector<int8_t>{1, 2, 3, 4});
  base.filter_q = {{1.0f}, {0}};
  base.in_q = {{1.0f}, {0}};
  base.out_q = {{1.0f}, {0}};
  ASSERT_EQ(PrepareCode(base), StatusCode::kOk);
  {
    Spec s = base;
    s.filter_q = {{1.0f}, {3}};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "filter zero point";
  }
  {
    Spec s = base;
    s.filter_q = {{1.0f, 1.0f, 1.0f}, {0, 0, 0}};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "per-channel count";
  }
  {
    Spec s = base;
    s.out_q = {};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "unquantized output";
  }
  {
    Spec s = base;
    s.bias_type = DataType::kInt64;
    s.bias = Bytes(std::vector<int64_t>{0});
    EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported) << "int64 bias with int8";
  }
  {
    Spec s = base;
    s.type = DataType::kUInt8;
    s.filter_type = DataType::kUInt8;
    EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported) << "uint8";
  }
  {
    Spec s = Int16Spec(DataType::kInt64);
    s.in_q = {{0.5f}, {3}};
    EXPECT_EQ(PrepareCode(s), StatusCode::kInvalidModel) << "int16 zero point";
  }
  {
    Spec s = Int16Spec(DataType::kInt32);
    s.bias = Bytes(std::vector<int32_t>{4});
    EXPECT_EQ(PrepareCode(s), StatusCode::kUnsupported) << "int32 bias with int16";
  }
}

// --- TFLM goldens: seanet_transpose_conv{0,2,4} (int16 x int8, int64 bias) ---

// These .tflite files store the int64 bias 4 bytes off an 8-byte boundary,
// which Mote's loader rejects. Rebuild the single-op model with ModelBuilder
// (16-byte aligned buffers); tensors, quantization, data and options are copied.
std::vector<uint8_t> Realign(const std::vector<uint8_t>& bytes, std::string* error) {
  std::vector<uint8_t> aligned(bytes.size() + 16);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(aligned.data()) % 16) % 16;
  std::memcpy(aligned.data() + pad, bytes.data(), bytes.size());
  Result<Model> m = Model::Load(Span<const uint8_t>(aligned.data() + pad, bytes.size()));
  if (!m.ok()) {
    *error = m.status().message();
    return {};
  }
  const SubgraphView g = m.value().main_subgraph();
  ModelBuilder b;
  for (size_t t = 0; t < g.num_tensors(); ++t) {
    const TensorView tv = g.tensor(t);
    QuantParams q;
    const QuantizationView qv = tv.quantization();
    q.scale.assign(qv.scale.begin(), qv.scale.end());
    q.zero_point.assign(qv.zero_point.begin(), qv.zero_point.end());
    q.quantized_dimension = qv.quantized_dimension;
    const std::vector<int32_t> shape(tv.shape().begin(), tv.shape().end());
    if (tv.is_constant()) {
      b.AddConstTensor(tv.type(), shape, tv.data().data(), tv.data().size(), q, tv.name());
    } else {
      b.AddTensor(tv.type(), shape, q, tv.name());
    }
  }
  if (g.num_operators() != 1 || g.op(0).builtin() != BuiltinOp::kTransposeConv) {
    *error = "expected a single TRANSPOSE_CONV";
    return {};
  }
  const OperatorView op = g.op(0);
  const OptionsView o = op.options();
  b.AddOperator(BuiltinOp::kTransposeConv,
                std::vector<int32_t>(op.inputs().begin(), op.inputs().end()),
                std::vector<int32_t>(op.outputs().begin(), op.outputs().end()),
                Options(kTransposeConvOptions)
                    .Int8(0, o.GetInt8(0, 0))
                    .Int32(1, o.GetInt32(1, 0))
                    .Int32(2, o.GetInt32(2, 0))
                    .Int8(3, o.GetInt8(3, 0)),
                op.version());
  b.SetInputs(std::vector<int32_t>(g.inputs().begin(), g.inputs().end()));
  b.SetOutputs(std::vector<int32_t>(g.outputs().begin(), g.outputs().end()));
  return b.Build();
}

void CheckSeanet(const std::string& model) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance is absent";
  const auto bytes = testing::ReadFile(dir + "/models/" + model + ".tflite");
  ASSERT_FALSE(bytes.empty()) << model;
  const auto resolver = Resolver();
  std::string error;
  const auto model_bytes = Realign(bytes, &error);
  ASSERT_FALSE(model_bytes.empty()) << model << ": " << error;
  for (const std::string sample : {"0", "1", "2", "_csv"}) {
    const auto in = testing::ReadFile(dir + "/golden/" + model + "/in" + sample + ".bin");
    const auto want = testing::ReadFile(dir + "/golden/" + model + "/out" + sample + ".bin");
    ASSERT_FALSE(in.empty() || want.empty()) << model << " sample " << sample;
    testing::ModelRunner runner(model_bytes);
    const Status st = runner.Init(resolver);
    ASSERT_TRUE(st.ok()) << model << ": " << st.message();
    Interpreter* interpreter = &runner.interpreter();
    size_t offset = 0;
    for (size_t i = 0; i < interpreter->num_inputs(); ++i) {
      TensorRef t = interpreter->input(i);
      ASSERT_LE(offset + t.bytes, in.size());
      std::memcpy(t.data, in.data() + offset, t.bytes);
      offset += t.bytes;
    }
    ASSERT_EQ(offset, in.size());
    ASSERT_TRUE(interpreter->Invoke().ok());
    TensorRef out = interpreter->output(0);
    ASSERT_EQ(out.bytes, want.size());
    const auto* got = static_cast<const uint8_t*>(out.data);
    size_t mismatched = 0;
    for (size_t i = 0; i < want.size(); i += 2) {
      if (std::memcmp(got + i, want.data() + i, 2) != 0) ++mismatched;
    }
    EXPECT_EQ(mismatched, 0u) << model << " sample " << sample << " of " << want.size() / 2;
  }
}

TEST(TransposeConvGolden, Seanet0) { CheckSeanet("seanet_transpose_conv0"); }
TEST(TransposeConvGolden, Seanet2) { CheckSeanet("seanet_transpose_conv2"); }
TEST(TransposeConvGolden, Seanet4) { CheckSeanet("seanet_transpose_conv4"); }

}  // namespace
}  // namespace mote
