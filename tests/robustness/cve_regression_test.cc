// One named regression test per class of TFLite CVE that came from crafted
// models. Each builds a valid model with host::ModelBuilder, applies the
// attack and checks Mote rejects it with a message naming the problem (and,
// under -DMOTE_SANITIZE=ON, that nothing is read or written out of bounds).
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "robustness/builder_models.h"
#include "robustness/robust_support.h"

namespace mote {
namespace robustness {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

const QuantParams kQ{{0.5f}, {0}};

void ExpectRejected(const std::vector<uint8_t>& bytes, Stage stage, const char* needle) {
  std::vector<uint8_t> arena(64 * 1024);
  const Outcome o = RunBytes(bytes, arena, false);
  EXPECT_EQ(o.stage, stage) << o.status.message();
  EXPECT_TRUE(Contains(o.status, needle))
      << "expected '" << needle << "' in: " << o.status.message();
}

// A two-input ADD whose operator inputs/outputs and subgraph inputs are given.
std::vector<uint8_t> Add(std::vector<int32_t> op_inputs, std::vector<int32_t> op_outputs,
                         std::vector<int32_t> graph_inputs = {0, 1}) {
  ModelBuilder b;
  b.AddTensor(DataType::kInt8, {1, 4}, kQ);
  b.AddTensor(DataType::kInt8, {1, 4}, kQ);
  b.AddTensor(DataType::kInt8, {1, 4}, kQ);
  b.AddOperator(BuiltinOp::kAdd, op_inputs, op_outputs, Options(11));
  b.SetInputs(graph_inputs);
  b.SetOutputs({2});
  return b.Build();
}

// CVE-2020-15211: TFLite used -1 ("optional tensor") and other negative
// indices unchecked as array indices -> out-of-bounds read/write. Mote checks
// every index at load; -1 is accepted only as an omitted optional input, and a
// kernel whose required input is omitted fails Prepare.
TEST(CveRegression, Cve2020_15211_OptionalTensorIndexUsedAsRequired) {
  ExpectRejected(Add({0, 1}, {-1}), Stage::kLoad, "out of range");          // output -1
  ExpectRejected(Add({0, 1}, {2}, {-1, 1}), Stage::kLoad, "out of range");  // graph input -1
  ExpectRejected(Add({0, -1}, {2}), Stage::kAllocate, "");                  // required input -1
  ConvSpec conv;
  // conv with an omitted filter: the builder writes -1 where the filter index goes.
  {
    ModelBuilder b;
    const int in = b.AddTensor(DataType::kInt8, {1, 4, 4, 2}, kQ);
    const int out = b.AddTensor(DataType::kInt8, {1, 3, 3, 3}, kQ);
    b.AddOperator(BuiltinOp::kConv2D, {in, -1, -1}, {out},
                  Options(1).Int8(0, 1).Int32(1, 1).Int32(2, 1));
    b.SetInputs({in});
    b.SetOutputs({out});
    ExpectRejected(b.Build(), Stage::kAllocate, "needs input, filter");
  }
  // The legitimate use (omitted optional bias) still works.
  conv.with_bias = false;
  std::vector<uint8_t> arena(64 * 1024);
  EXPECT_EQ(RunBytes(BuildConv(conv), arena, true).stage, Stage::kAccepted);
}

// CVE-2020-15212 / CVE-2020-15207: negative indices (segment ids, tensor
// indices) reached array accesses. Every negative tensor index other than -1
// and every index past the end is rejected at load, wherever it appears.
TEST(CveRegression, Cve2020_15212_15207_NegativeIndices) {
  const int32_t kMin = std::numeric_limits<int32_t>::min();
  ExpectRejected(Add({0, -2}, {2}), Stage::kLoad, "input 1 refers to tensor -2, out of range");
  ExpectRejected(Add({kMin, 1}, {2}), Stage::kLoad, "out of range");
  ExpectRejected(Add({0, 3}, {2}), Stage::kLoad, "out of range");
  ExpectRejected(Add({0, 1}, {-7}), Stage::kLoad, "out of range");
  ExpectRejected(Add({0, 1}, {2}, {0, kMin}), Stage::kLoad, "out of range");
  // Negative data indices: GATHER with constant indices outside the params.
  for (int32_t index : {-1, 5, kMin}) {
    ModelBuilder b;
    const int params = b.AddTensor(DataType::kInt8, {5}, kQ);
    const int idx = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, std::vector<int32_t>{index});
    const int out = b.AddTensor(DataType::kInt8, {1}, kQ);
    b.AddOperator(BuiltinOp::kGather, {params, idx}, {out}, Options(23).Int32(0, 0));
    b.SetInputs({params});
    b.SetOutputs({out});
    std::vector<uint8_t> arena(64 * 1024);
    // Either rejected in Prepare or clamped safely at Invoke: never out of bounds.
    const Outcome o = RunBytes(b.Build(), arena, true);
    if (o.stage != Stage::kAccepted) {
      EXPECT_NE(o.status.message()[0], '\0');
    }
  }
}

// CVE-2022-23558: integer overflow computing tensor sizes at load -> an
// undersized allocation. Mote checks the byte size after every dimension
// (in 64 bits) against a 2 GB limit, so no product can wrap.
TEST(CveRegression, Cve2022_23558_ShapeProductOverflow) {
  for (const std::vector<int32_t>& shape :
       std::vector<std::vector<int32_t>>{{65536, 65536},     // 2^32: wraps 32 bits to 0
                                         {65536, 65536, 4},  // 2^34
                                         {0x7fffffff, 0x7fffffff, 0x7fffffff, 4},  // > 2^64
                                         {1 << 30, 4}}) {  // 2^32 bytes of int8
    ModelBuilder b;
    const int in = b.AddTensor(DataType::kInt8, shape, kQ);
    const int out = b.AddTensor(DataType::kInt8, shape, kQ);
    b.AddOperator(BuiltinOp::kRelu, {in}, {out});
    b.SetInputs({in});
    b.SetOutputs({out});
    ExpectRejected(b.Build(), Stage::kLoad, "shape is too large");
  }
}

// CVE-2022-23561: an op writing into memory it does not own (a constant
// tensor's buffer, another op's output) corrupted the allocator. Mote rejects
// outputs that are constants, graph inputs or produced twice, and never lets
// the plan exceed the arena.
TEST(CveRegression, Cve2022_23561_OutputIntoConstantOrSharedMemory) {
  {
    ModelBuilder b;
    const int in = b.AddTensor(DataType::kInt8, {1, 4}, kQ);
    const int c =
        b.AddConstTensor<int8_t>(DataType::kInt8, {1, 4}, std::vector<int8_t>{1, 2, 3, 4}, kQ);
    b.AddOperator(BuiltinOp::kRelu, {in}, {c});
    b.SetInputs({in});
    b.SetOutputs({c});
    ExpectRejected(b.Build(), Stage::kLoad, "is a constant, an input");
  }
  ExpectRejected(Add({0, 1}, {0}), Stage::kLoad, "is a constant, an input");  // writes its input
  {
    ModelBuilder b;
    const int x = b.AddTensor(DataType::kInt8, {1, 4}, kQ);
    const int y = b.AddTensor(DataType::kInt8, {1, 4}, kQ);
    b.AddOperator(BuiltinOp::kRelu, {x}, {y});
    b.AddOperator(BuiltinOp::kRelu, {x}, {y});  // second producer of y
    b.SetInputs({x});
    b.SetOutputs({y});
    ExpectRejected(b.Build(), Stage::kLoad, "already produced");
  }
  std::vector<uint8_t> tiny(256);
  const Outcome o = RunBytes(BuildConv(ConvSpec()), tiny, false);
  EXPECT_EQ(o.status.code(), StatusCode::kResourceExhausted) << o.status.message();
  EXPECT_TRUE(Contains(o.status, "needs at least")) << o.status.message();
}

// CVE-2023-27579: a filter shape with 0 channels led to a division by zero.
// Zero or negative filter dimensions, stride 0 and dilation 0 are rejected in
// Prepare with a message (the reference code divides by all of them).
TEST(CveRegression, Cve2023_27579_ZeroFilterChannelsDivision) {
  // A constant filter with a zero dimension has no data: an unwritten
  // activation (as in TFLM), refused by Prepare; so is one given as a graph input.
  ConvSpec zero_channels;
  zero_channels.filter = {3, 2, 2, 0};
  ExpectRejected(BuildConv(zero_channels), Stage::kAllocate, "filter");
  for (const std::vector<int32_t>& filter :
       std::vector<std::vector<int32_t>>{{3, 2, 2, 0}, {0, 2, 2, 2}, {3, 0, 2, 2}}) {
    ModelBuilder b;
    const int in = b.AddTensor(DataType::kInt8, {1, 4, 4, 2}, kQ);
    const int f = b.AddTensor(DataType::kInt8, filter, QuantParams{{0.25f}, {0}});
    const int out = b.AddTensor(DataType::kInt8, {1, 3, 3, 3}, kQ);
    b.AddOperator(BuiltinOp::kConv2D, {in, f, -1}, {out},
                  Options(1).Int8(0, 1).Int32(1, 1).Int32(2, 1));
    b.SetInputs({in, f});
    b.SetOutputs({out});
    ExpectRejected(b.Build(), Stage::kAllocate, "filter");
  }
  ConvSpec stride0;
  stride0.stride_h = 0;
  ExpectRejected(BuildConv(stride0), Stage::kAllocate, "stride");
  ConvSpec dilation0;
  dilation0.dilation_w = 0;
  ExpectRejected(BuildConv(dilation0), Stage::kAllocate, "dilation");
  ConvSpec negative_stride;
  negative_stride.stride_w = -1;
  ExpectRejected(BuildConv(negative_stride), Stage::kAllocate, "stride");
}

}  // namespace
}  // namespace robustness
}  // namespace mote
