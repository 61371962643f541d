#include "model/op_arity.h"

#include "mote/types.h"

namespace mote {
namespace {

constexpr uint16_t kMany = 0xffff;

struct Entry {
  BuiltinOp op;
  OpArity arity;
};

constexpr Entry kArities[] = {
    {BuiltinOp::kAdd, {2, 2, 1, 1}},
    {BuiltinOp::kSub, {2, 2, 1, 1}},
    {BuiltinOp::kMul, {2, 2, 1, 1}},
    {BuiltinOp::kDiv, {2, 2, 1, 1}},
    {BuiltinOp::kMinimum, {2, 2, 1, 1}},
    {BuiltinOp::kMaximum, {2, 2, 1, 1}},
    {BuiltinOp::kAveragePool2D, {1, 1, 1, 1}},
    {BuiltinOp::kMaxPool2D, {1, 1, 1, 1}},
    {BuiltinOp::kConcatenation, {1, kMany, 1, 1}},
    {BuiltinOp::kConv2D, {2, 3, 1, 1}},
    {BuiltinOp::kDepthwiseConv2D, {2, 3, 1, 1}},
    {BuiltinOp::kTransposeConv, {3, 4, 1, 1}},
    {BuiltinOp::kFullyConnected, {2, 3, 1, 2}},
    {BuiltinOp::kSoftmax, {1, 1, 1, 1}},
    {BuiltinOp::kLogistic, {1, 1, 1, 1}},
    {BuiltinOp::kTanh, {1, 1, 1, 1}},
    {BuiltinOp::kRelu, {1, 1, 1, 1}},
    {BuiltinOp::kRelu6, {1, 1, 1, 1}},
    {BuiltinOp::kReluN1To1, {1, 1, 1, 1}},
    {BuiltinOp::kHardSwish, {1, 1, 1, 1}},
    {BuiltinOp::kLeakyRelu, {1, 1, 1, 1}},
    {BuiltinOp::kQuantize, {1, 1, 1, 1}},
    {BuiltinOp::kDequantize, {1, 1, 1, 1}},
    {BuiltinOp::kCast, {1, 1, 1, 1}},
    {BuiltinOp::kFloor, {1, 1, 1, 1}},
    {BuiltinOp::kReshape, {1, 2, 1, 1}},
    {BuiltinOp::kSqueeze, {1, 1, 1, 1}},
    {BuiltinOp::kExpandDims, {2, 2, 1, 1}},
    {BuiltinOp::kPad, {2, 2, 1, 1}},
    {BuiltinOp::kStridedSlice, {3, 4, 1, 1}},
    {BuiltinOp::kSvdf, {5, 5, 1, 1}},
    {BuiltinOp::kUnidirectionalSequenceLstm, {20, 24, 1, 1}},
    {BuiltinOp::kMean, {2, 2, 1, 1}},
    {BuiltinOp::kArgMax, {2, 2, 1, 1}},
    {BuiltinOp::kTranspose, {2, 2, 1, 1}},
    {BuiltinOp::kGather, {2, 2, 1, 1}},
    {BuiltinOp::kResizeNearestNeighbor, {2, 2, 1, 1}},
    {BuiltinOp::kSplit, {2, 2, 1, kMany}},
    {BuiltinOp::kPack, {1, kMany, 1, 1}},
    {BuiltinOp::kUnpack, {1, 1, 1, kMany}},
};

}  // namespace

bool LookupOpArity(int32_t builtin_code, OpArity* arity) {
  for (const Entry& e : kArities) {
    if (static_cast<int32_t>(e.op) == builtin_code) {
      *arity = e.arity;
      return true;
    }
  }
  return false;
}

}  // namespace mote
