// Element types and builtin operator codes, numbered as in the .tflite format.
#ifndef MOTE_TYPES_H_
#define MOTE_TYPES_H_

#include <cstddef>
#include <cstdint>

namespace mote {

// Tensor element types. The numbering is the .tflite TensorType's.
enum class DataType : int8_t {
  kFloat32 = 0,
  kFloat16 = 1,
  kInt32 = 2,
  kUInt8 = 3,
  kInt64 = 4,
  kString = 5,
  kBool = 6,
  kInt16 = 7,
  kComplex64 = 8,
  kInt8 = 9,
  kFloat64 = 10,
  kComplex128 = 11,
  kUInt64 = 12,
  kResource = 13,
  kVariant = 14,
  kUInt32 = 15,
  kUInt16 = 16,
  kInt4 = 17,
};

// DataTypeOf<T>::matches(type): true if C++ type T holds elements of `type`
// (TensorRef::data_as checks it in debug builds). void and (u)int8_t/char
// views of raw bytes match every type.
template <typename T>
struct DataTypeOf {
  static constexpr bool matches(DataType) { return false; }
};
template <typename T>
struct DataTypeOf<const T> : DataTypeOf<T> {};
template <>
struct DataTypeOf<void> {
  static constexpr bool matches(DataType) { return true; }
};
template <>
struct DataTypeOf<uint8_t> {
  static constexpr bool matches(DataType) { return true; }
};
template <>
struct DataTypeOf<char> {
  static constexpr bool matches(DataType) { return true; }
};
template <>
struct DataTypeOf<float> {
  static constexpr bool matches(DataType t) { return t == DataType::kFloat32; }
};
template <>
struct DataTypeOf<double> {
  static constexpr bool matches(DataType t) { return t == DataType::kFloat64; }
};
template <>
struct DataTypeOf<int8_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kInt8; }
};
template <>
struct DataTypeOf<int16_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kInt16; }
};
template <>
struct DataTypeOf<uint16_t> {
  static constexpr bool matches(DataType t) {
    return t == DataType::kUInt16 || t == DataType::kFloat16;
  }
};
template <>
struct DataTypeOf<int32_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kInt32; }
};
template <>
struct DataTypeOf<uint32_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kUInt32; }
};
template <>
struct DataTypeOf<int64_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kInt64; }
};
template <>
struct DataTypeOf<uint64_t> {
  static constexpr bool matches(DataType t) { return t == DataType::kUInt64; }
};
template <>
struct DataTypeOf<bool> {
  static constexpr bool matches(DataType t) { return t == DataType::kBool; }
};

// Bytes per element; 0 for types whose size is not fixed (string, resource,
// variant, int4) or unknown codes.
size_t DataTypeSize(DataType type);
const char* DataTypeName(DataType type);

// Builtin operator codes, numbered as in the .tflite BuiltinOperator enum.
// Only the codes Mote refers to by name are listed; any int32 code may appear
// in a model and BuiltinOpName() names all of them.
enum class BuiltinOp : int32_t {
  kAdd = 0,
  kAveragePool2D = 1,
  kConcatenation = 2,
  kConv2D = 3,
  kDepthwiseConv2D = 4,
  kDequantize = 6,
  kFloor = 8,
  kFullyConnected = 9,
  kLogistic = 14,
  kMaxPool2D = 17,
  kMul = 18,
  kRelu = 19,
  kReluN1To1 = 20,
  kRelu6 = 21,
  kReshape = 22,
  kSoftmax = 25,
  kSvdf = 27,
  kTanh = 28,
  kCustom = 32,
  kPad = 34,
  kGather = 36,
  kTranspose = 39,
  kMean = 40,
  kSub = 41,
  kDiv = 42,
  kSqueeze = 43,
  kUnidirectionalSequenceLstm = 44,
  kStridedSlice = 45,
  kExp = 47,
  kSplit = 49,
  kCast = 53,
  kPrelu = 54,
  kMaximum = 55,
  kArgMax = 56,
  kMinimum = 57,
  kLess = 58,
  kNeg = 59,
  kGreater = 61,
  kGreaterEqual = 62,
  kLessEqual = 63,
  kSlice = 65,
  kSin = 66,
  kTransposeConv = 67,
  kExpandDims = 70,
  kEqual = 71,
  kNotEqual = 72,
  kLog = 73,
  kSum = 74,
  kSqrt = 75,
  kRsqrt = 76,
  kShape = 77,
  kReduceMax = 82,
  kPack = 83,
  kLogicalOr = 84,
  kLogicalAnd = 86,
  kLogicalNot = 87,
  kUnpack = 88,
  kSquare = 92,
  kZerosLike = 93,
  kFill = 94,
  kResizeNearestNeighbor = 97,
  kLeakyRelu = 98,
  kSquaredDifference = 99,
  kAbs = 101,
  kSplitV = 102,
  kCeil = 104,
  kCos = 108,
  kElu = 111,
  kQuantize = 114,
  kRound = 116,
  kHardSwish = 117,
  kSelectV2 = 123,
  kPlaceholderForGreaterOpCodes = 127,
};

// "CONV_2D", "ADD", ...; "BUILTIN_<n>" for codes newer than Mote's table.
// Never returns null. `buffer` (>= 16 bytes) is used only for unknown codes.
const char* BuiltinOpName(int32_t code, char* buffer, size_t buffer_size);
// As above for the codes Mote knows by name; unknown codes give "UNKNOWN".
const char* BuiltinOpName(BuiltinOp op);

// Fused activation functions, numbered as in .tflite ActivationFunctionType.
enum class FusedActivation : int8_t {
  kNone = 0,
  kRelu = 1,
  kReluN1To1 = 2,
  kRelu6 = 3,
  kTanh = 4,
  kSignBit = 5,
};

enum class Padding : int8_t { kSame = 0, kValid = 1 };

}  // namespace mote

#endif  // MOTE_TYPES_H_
