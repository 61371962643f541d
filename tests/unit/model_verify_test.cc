// Model::Load rejects malformed models with a message naming what is wrong.
#include <algorithm>
#include <cstring>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "mote/model.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::QuantParams;

struct Aligned {
  explicit Aligned(const std::vector<uint8_t>& b) : storage(b.size() + 16) {
    pad = (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
    size = b.size();
    if (size != 0) std::copy(b.begin(), b.end(), storage.begin() + static_cast<long>(pad));
  }
  Span<const uint8_t> span(size_t n) const { return Span<const uint8_t>(storage.data() + pad, n); }
  Span<const uint8_t> span() const { return span(size); }
  std::vector<uint8_t> storage;
  size_t pad, size;
};

Status LoadStatus(const std::vector<uint8_t>& bytes) {
  Aligned a(bytes);
  return Model::Load(a.span()).status();
}

void ExpectRejected(const std::vector<uint8_t>& bytes, const char* needle) {
  const Status s = LoadStatus(bytes);
  EXPECT_FALSE(s.ok());
  EXPECT_NE(std::string(s.message()).find(needle), std::string::npos) << s.message();
}

std::vector<uint8_t> Valid() {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {1, 4}, {{0.5f}, {0}});
  int y = b.AddTensor(DataType::kInt8, {4}, {{0.5f}, {0}});
  b.AddOperator(BuiltinOp::kReshape, {x}, {y});
  b.SetInputs({x});
  b.SetOutputs({y});
  return b.Build();
}

TEST(ModelVerify, AcceptsValidModel) {
  Aligned a(Valid());
  Result<Model> m = Model::Load(a.span());
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->main_subgraph().num_operators(), 1u);
  EXPECT_EQ(m->main_subgraph().op(0).builtin(), BuiltinOp::kReshape);
}

TEST(ModelVerify, EveryTruncationRejected) {
  const auto bytes = Valid();
  Aligned a(bytes);
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(Model::Load(a.span(n)).ok()) << "truncated to " << n;
  }
}

TEST(ModelVerify, EverySingleByteCorruptionIsSafe) {
  // Flipping any byte must give a clean result (ok or error), never a crash;
  // run under ASan/UBSan this also proves no out-of-bounds read.
  const auto bytes = Valid();
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t v : {0x00, 0xff, 0x80, 0x7f}) {
      auto copy = bytes;
      copy[i] = v;
      Aligned a(copy);
      Result<Model> m = Model::Load(a.span());
      if (m.ok()) {
        const SubgraphView sg = m->main_subgraph();
        for (size_t t = 0; t < sg.num_tensors(); ++t) (void)sg.tensor(t).bytes();
      }
    }
  }
}

TEST(ModelVerify, MisalignedBufferRejected) {
  const auto bytes = Valid();
  std::vector<uint8_t> storage(bytes.size() + 32);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16 + 1;
  std::memcpy(storage.data() + pad, bytes.data(), bytes.size());
  const Status s = Model::Load(Span<const uint8_t>(storage.data() + pad, bytes.size())).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.message();
}

TEST(ModelVerify, TensorIndexOutOfRange) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {7}, {y});
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "input 0 refers to tensor 7, out of range");
}

TEST(ModelVerify, NegativeTensorIndex) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {x}, {-2});
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "output 0 refers to tensor -2");
}

TEST(ModelVerify, NegativeDimension) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {1, -4});
  b.SetInputs({x});
  b.SetOutputs({x});
  ExpectRejected(b.Build(), "dimension 1 is negative");
}

TEST(ModelVerify, ShapeProductOverflow) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kFloat32, {65536, 65536, 65536});
  b.SetInputs({x});
  b.SetOutputs({x});
  ExpectRejected(b.Build(), "shape is too large");
}

TEST(ModelVerify, BufferShorterThanShape) {
  ModelBuilder b;
  std::vector<int8_t> w(3);
  int c = b.AddConstTensor(DataType::kInt8, {4}, w);
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {c}, {y});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "holds 3 bytes but shape and type need 4");
}

// Not load errors, as in TFLM (tests/unit/verifier_relaxed_test.cc runs such
// models): a per-channel count that does not match quantized_dimension's size,
// zero point counts other than the scale count, a zero scale, and a
// quantized_dimension beyond the rank.
TEST(ModelVerify, QuantizationTflmAcceptsLoads) {
  const std::vector<QuantParams> accepted = {
      {{0.1f, 0.2f}, {0, 0}, 1},  // 2 scales, dimension 1 has size 3
      {{0.1f}, {0, 0}, 0},        // 1 scale, 2 zero points
      {{0.1f, 0.2f, 0.3f}, {0}, 0},
      {{0.1f}, {}, 0},            // no zero points: 0
      {{0.0f}, {0}, 0},           // zero scale
      {{0.1f, 0.2f}, {0, 0}, 3},  // quantized_dimension beyond the rank
  };
  for (const QuantParams& q : accepted) {
    ModelBuilder b;
    int x = b.AddTensor(DataType::kInt8, {3, 2}, q);
    b.SetInputs({x});
    b.SetOutputs({x});
    EXPECT_TRUE(LoadStatus(b.Build()).ok()) << LoadStatus(b.Build()).message();
  }
}

TEST(ModelVerify, NegativeOrNonFiniteScaleRejected) {
  for (float bad :
       {-0.5f, std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity()}) {
    ModelBuilder b;
    int x = b.AddTensor(DataType::kInt8, {2}, {{bad}, {0}});
    b.SetInputs({x});
    b.SetOutputs({x});
    ExpectRejected(b.Build(), "invalid quantization scale");
  }
}

TEST(ModelVerify, UseBeforeDefine) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int m = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {m}, {y});  // m is produced only by the next op
  b.AddOperator(BuiltinOp::kReshape, {x}, {m});
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "used before any operator produces it");
}

TEST(ModelVerify, CycleRejected) {
  ModelBuilder b;
  int a = b.AddTensor(DataType::kInt8, {4});
  int c = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {c}, {a});
  b.AddOperator(BuiltinOp::kReshape, {a}, {c});
  b.SetOutputs({c});
  ExpectRejected(b.Build(), "used before any operator produces it");
}

TEST(ModelVerify, TensorProducedTwice) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kReshape, {x}, {y});
  b.AddOperator(BuiltinOp::kReshape, {x}, {y});
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "already produced");
}

TEST(ModelVerify, WrongArity) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(BuiltinOp::kAdd, {x}, {y});  // ADD takes two inputs
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "ADD): has 1 inputs, expected 2..2");
}

TEST(ModelVerify, GraphOutputNeverProduced) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.SetInputs({x});
  b.SetOutputs({y});
  ExpectRejected(b.Build(), "output 0 (tensor 1) is never produced");
}

TEST(ModelVerify, UnsupportedTypeIsUnsupported) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kString, {4});
  b.SetInputs({x});
  b.SetOutputs({x});
  const Status s = LoadStatus(b.Build());
  EXPECT_EQ(s.code(), StatusCode::kUnsupported) << s.message();
}

TEST(ModelVerify, UnknownBuiltinLoadsButNamesItself) {
  ModelBuilder b;
  int x = b.AddTensor(DataType::kInt8, {4});
  int y = b.AddTensor(DataType::kInt8, {4});
  b.AddOperator(static_cast<BuiltinOp>(400), {x}, {y});
  b.SetInputs({x});
  b.SetOutputs({y});
  Aligned a(b.Build());
  Result<Model> m = Model::Load(a.span());
  ASSERT_TRUE(m.ok()) << m.status().message();
  char buf[24];
  EXPECT_STREQ(m->main_subgraph().op(0).name(buf, sizeof(buf)), "BUILTIN_400");
}

}  // namespace
}  // namespace mote
