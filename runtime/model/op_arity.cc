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
    {BuiltinOp::kSlice, {3, 3, 1, 1}},
    {BuiltinOp::kSplitV, {3, 3, 1, kMany}},
    {BuiltinOp::kShape, {1, 1, 1, 1}},
    {BuiltinOp::kFill, {2, 2, 1, 1}},
    {BuiltinOp::kZerosLike, {1, 1, 1, 1}},
    {BuiltinOp::kSelectV2, {3, 3, 1, 1}},
    {BuiltinOp::kAbs, {1, 1, 1, 1}},
    {BuiltinOp::kNeg, {1, 1, 1, 1}},
    {BuiltinOp::kCeil, {1, 1, 1, 1}},
    {BuiltinOp::kRound, {1, 1, 1, 1}},
    {BuiltinOp::kSqrt, {1, 1, 1, 1}},
    {BuiltinOp::kRsqrt, {1, 1, 1, 1}},
    {BuiltinOp::kSquare, {1, 1, 1, 1}},
    {BuiltinOp::kSin, {1, 1, 1, 1}},
    {BuiltinOp::kCos, {1, 1, 1, 1}},
    {BuiltinOp::kExp, {1, 1, 1, 1}},
    {BuiltinOp::kLog, {1, 1, 1, 1}},
    {BuiltinOp::kEqual, {2, 2, 1, 1}},
    {BuiltinOp::kNotEqual, {2, 2, 1, 1}},
    {BuiltinOp::kGreater, {2, 2, 1, 1}},
    {BuiltinOp::kGreaterEqual, {2, 2, 1, 1}},
    {BuiltinOp::kLess, {2, 2, 1, 1}},
    {BuiltinOp::kLessEqual, {2, 2, 1, 1}},
    {BuiltinOp::kLogicalAnd, {2, 2, 1, 1}},
    {BuiltinOp::kLogicalOr, {2, 2, 1, 1}},
    {BuiltinOp::kLogicalNot, {1, 1, 1, 1}},
    {BuiltinOp::kElu, {1, 1, 1, 1}},
    {BuiltinOp::kPrelu, {2, 2, 1, 1}},
    {BuiltinOp::kSquaredDifference, {2, 2, 1, 1}},
    {BuiltinOp::kSum, {2, 2, 1, 1}},
    {BuiltinOp::kReduceMax, {2, 2, 1, 1}},
};

// BuiltinOptions union code each op's options table must have (.tflite schema),
// for the ops whose options Mote reads. An options table of another type is
// rejected at load instead of being read with the wrong field meanings.
struct OptionsEntry {
  BuiltinOp op;
  uint8_t options_type;
};

constexpr OptionsEntry kOptionsTypes[] = {
    {BuiltinOp::kAdd, 11},
    {BuiltinOp::kSub, 28},
    {BuiltinOp::kMul, 21},
    {BuiltinOp::kDiv, 29},
    {BuiltinOp::kMinimum, 39},
    {BuiltinOp::kMaximum, 39},
    {BuiltinOp::kAveragePool2D, 5},
    {BuiltinOp::kMaxPool2D, 5},
    {BuiltinOp::kConcatenation, 10},
    {BuiltinOp::kConv2D, 1},
    {BuiltinOp::kDepthwiseConv2D, 2},
    {BuiltinOp::kTransposeConv, 49},
    {BuiltinOp::kFullyConnected, 8},
    {BuiltinOp::kSoftmax, 9},
    {BuiltinOp::kLeakyRelu, 75},
    {BuiltinOp::kReshape, 17},
    {BuiltinOp::kSqueeze, 30},
    {BuiltinOp::kExpandDims, 52},
    {BuiltinOp::kPad, 22},
    {BuiltinOp::kStridedSlice, 32},
    {BuiltinOp::kSvdf, 6},
    {BuiltinOp::kUnidirectionalSequenceLstm, 71},
    {BuiltinOp::kMean, 27},
    {BuiltinOp::kArgMax, 40},
    {BuiltinOp::kTranspose, 26},
    {BuiltinOp::kGather, 23},
    {BuiltinOp::kResizeNearestNeighbor, 74},
    {BuiltinOp::kSplit, 35},
    {BuiltinOp::kPack, 59},
    {BuiltinOp::kUnpack, 64},
    {BuiltinOp::kSplitV, 79},
    {BuiltinOp::kSum, 27},
    {BuiltinOp::kReduceMax, 27},
};

}  // namespace

bool LookupOptionsType(int32_t builtin_code, uint8_t* options_type) {
  for (const OptionsEntry& e : kOptionsTypes) {
    if (static_cast<int32_t>(e.op) == builtin_code) {
      *options_type = e.options_type;
      return true;
    }
  }
  return false;
}

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
