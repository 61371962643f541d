#include "compiler/emitter.h"

#include <algorithm>
#include <cctype>

namespace mote {
namespace aot {

std::string OpEmitContext::stem() const {
  // Custom op names are CamelCase already (SignalRfft).
  if (op_.builtin == BuiltinOp::kCustom) return Identifier(op_.name) + std::to_string(op_.index);
  std::string lower = op_.name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return CamelCase(lower) + std::to_string(op_.index);
}

std::string OpEmitContext::TensorPointer(int32_t index, bool is_const, const std::string& role) {
  if (index < 0) return "nullptr";
  const AotTensor& t = model_.tensors[static_cast<size_t>(index)];
  const char* ctype = CTypeOf(t.type);
  const std::string type = std::string(is_const ? "const " : "") + (ctype ? ctype : "uint8_t");
  switch (t.storage) {
    case Storage::kConstant: {
      auto it = state_->constants.find(t.index);
      if (it == state_->constants.end()) {
        const std::string name =
            "k" + stem() + (role.empty() ? "T" + std::to_string(t.index) : role);
        it = state_->constants.emplace(t.index, name).first;
      }
      return "data::" + it->second;
    }
    case Storage::kVariable: {
      // Mutable even as an input: kernels update state in place.
      auto it = state_->variables.find(t.index);
      if (it == state_->variables.end()) {
        // As the interpreter: zero, except int8 state starts at its zero point.
        const int fill = t.type == DataType::kInt8 ? t.zero_point : 0;
        const size_t offset =
            state_->AddState(t.bytes, fill,
                             "state tensor " + std::to_string(t.index) + " \"" + t.name + "\" " +
                                 DataTypeName(t.type) + ShapeText(t.shape));
        it = state_->variables.emplace(t.index, offset).first;
      }
      return StatePointer(ctype ? ctype : "uint8_t", it->second);
    }
    case Storage::kArena:
      return "At<" + type + ">(arena, " + std::to_string(t.offset) + ")";
    case Storage::kNone:
      break;
  }
  return "nullptr";
}

std::string OpEmitContext::In(size_t i, const std::string& role) {
  if (!has_input(i)) return "nullptr";
  return TensorPointer(op_.inputs[i], true, role);
}

std::string OpEmitContext::Out(size_t i) { return TensorPointer(op_.outputs[i], false, ""); }

std::string OpEmitContext::Packed(const void* data, size_t bytes, const std::string& variant) {
  if (data == nullptr || bytes == 0) return "nullptr";
  const std::string name = "k" + stem() + "Packed";
  state_->packed_declarations +=
      "extern const uint8_t " + name + "[" + std::to_string(bytes) + "];  // for " + variant + "\n";
  state_->packed_arrays += "// " + op_.name + " " + std::to_string(op_.index) +
                           ": constants packed ahead of time for " + variant + "\n" +
                           ArrayDefinition("alignas(16) extern", DataType::kUInt8, name,
                                           static_cast<const uint8_t*>(data), bytes) +
                           "\n";
  state_->packed_bytes += bytes;
  return "data::" + name;
}

std::string OpEmitContext::Scratch(int i, size_t bytes, const char* ctype) {
  const size_t offset = op_.scratch_offsets.at(static_cast<size_t>(i));
  state_->scratch_end = std::max(state_->scratch_end, offset + bytes);
  ++state_->scratch_calls;
  return "At<" + std::string(ctype) + ">(arena, " + std::to_string(offset) + ")";
}

std::string OpEmitContext::State(const char* ctype, size_t count, size_t element_bytes,
                                 const std::string& comment) {
  return StatePointer(ctype, state_->AddState(count * element_bytes, 0, comment));
}

size_t EmitState::AddState(size_t bytes, int fill, const std::string& comment) {
  StateBlock b;
  b.offset = state_bytes;
  b.bytes = bytes;
  b.fill = fill;
  b.comment = comment;
  state_blocks.push_back(b);
  state_bytes += (bytes + 15) / 16 * 16;
  return b.offset;
}

std::string StatePointer(const std::string& ctype, size_t offset) {
  return "At<" + ctype + ">(arena, kStateOffset + " + std::to_string(offset) + ")";
}

namespace {

struct EmitterEntry {
  BuiltinOp op;
  EmitFn fn;
};

constexpr EmitterEntry kEmitters[] = {
    {BuiltinOp::kConv2D, &EmitConv2D},
    {BuiltinOp::kDepthwiseConv2D, &EmitDepthwiseConv2D},
    {BuiltinOp::kFullyConnected, &EmitFullyConnected},
    {BuiltinOp::kAveragePool2D, &EmitPooling},
    {BuiltinOp::kMaxPool2D, &EmitPooling},
    {BuiltinOp::kSoftmax, &EmitSoftmax},
    {BuiltinOp::kReshape, &EmitReshape},
    {BuiltinOp::kSqueeze, &EmitReshape},
    {BuiltinOp::kExpandDims, &EmitReshape},
    {BuiltinOp::kAdd, &EmitAddSub},
    {BuiltinOp::kSub, &EmitAddSub},
    {BuiltinOp::kQuantize, &EmitQuantize},
    {BuiltinOp::kSvdf, &EmitSvdf},
    {BuiltinOp::kRelu, &EmitActivation},
    {BuiltinOp::kRelu6, &EmitActivation},
    {BuiltinOp::kLeakyRelu, &EmitActivation},
    {BuiltinOp::kLogistic, &EmitActivation},
    {BuiltinOp::kTanh, &EmitActivation},
    {BuiltinOp::kHardSwish, &EmitActivation},
    {BuiltinOp::kPad, &EmitPad},
    {static_cast<BuiltinOp>(60), &EmitPad},  // PADV2
    {BuiltinOp::kStridedSlice, &EmitStridedSlice},
    {BuiltinOp::kTransposeConv, &EmitTransposeConv},
    {BuiltinOp::kUnidirectionalSequenceLstm, &EmitLstm},
    {BuiltinOp::kMean, &EmitMean},
    {BuiltinOp::kArgMax, &EmitArgMax},
    {BuiltinOp::kDequantize, &EmitDequantize},
    {BuiltinOp::kCast, &EmitCast},
    {BuiltinOp::kMul, &EmitMul},
    {BuiltinOp::kDiv, &EmitDiv},
    {BuiltinOp::kMinimum, &EmitMinimumMaximum},
    {BuiltinOp::kMaximum, &EmitMinimumMaximum},
    {BuiltinOp::kConcatenation, &EmitJoin},
    {BuiltinOp::kPack, &EmitJoin},
    {BuiltinOp::kSplit, &EmitSplit},
    {BuiltinOp::kUnpack, &EmitSplit},
    {BuiltinOp::kTranspose, &EmitTranspose},
    {BuiltinOp::kGather, &EmitGather},
    {BuiltinOp::kResizeNearestNeighbor, &EmitResizeNearest},
    {BuiltinOp::kSlice, &EmitStridedSlice},  // same params as STRIDED_SLICE
    {BuiltinOp::kSplitV, &EmitSplit},
    {BuiltinOp::kShape, &EmitShape},
    {BuiltinOp::kFill, &EmitFill},
    {BuiltinOp::kZerosLike, &EmitZerosLike},
    {BuiltinOp::kSelectV2, &EmitSelectV2},
    {BuiltinOp::kAbs, &EmitUnaryMath},
    {BuiltinOp::kNeg, &EmitUnaryMath},
    {BuiltinOp::kFloor, &EmitUnaryMath},
    {BuiltinOp::kCeil, &EmitUnaryMath},
    {BuiltinOp::kRound, &EmitUnaryMath},
    {BuiltinOp::kSqrt, &EmitUnaryMath},
    {BuiltinOp::kRsqrt, &EmitUnaryMath},
    {BuiltinOp::kSquare, &EmitUnaryMath},
    {BuiltinOp::kSin, &EmitUnaryMath},
    {BuiltinOp::kCos, &EmitUnaryMath},
    {BuiltinOp::kExp, &EmitUnaryMath},
    {BuiltinOp::kLog, &EmitUnaryMath},
    {BuiltinOp::kElu, &EmitUnaryMath},
    {BuiltinOp::kPrelu, &EmitFloatBinary},
    {BuiltinOp::kSquaredDifference, &EmitFloatBinary},
    {BuiltinOp::kSum, &EmitSumMax},
    {BuiltinOp::kReduceMax, &EmitSumMax},
    {BuiltinOp::kEqual, &EmitComparison},
    {BuiltinOp::kNotEqual, &EmitComparison},
    {BuiltinOp::kGreater, &EmitComparison},
    {BuiltinOp::kGreaterEqual, &EmitComparison},
    {BuiltinOp::kLess, &EmitComparison},
    {BuiltinOp::kLessEqual, &EmitComparison},
    {BuiltinOp::kLogicalAnd, &EmitLogical},
    {BuiltinOp::kLogicalOr, &EmitLogical},
    {BuiltinOp::kLogicalNot, &EmitLogical},
};

struct CustomEmitterEntry {
  const char* name;
  EmitFn fn;
};

constexpr CustomEmitterEntry kCustomEmitters[] = {
    {"SignalWindow", &EmitSignalWindow},
    {"SignalFftAutoScale", &EmitSignalFftAutoScale},
    {"SignalRfft", &EmitSignalRfft},
    {"SignalEnergy", &EmitSignalEnergy},
    {"SignalFilterBank", &EmitSignalFilterBank},
    {"SignalFilterBankSquareRoot", &EmitSignalFilterBankSquareRoot},
    {"SignalFilterBankSpectralSubtraction", &EmitSignalSpectralSubtraction},
    {"SignalPCAN", &EmitSignalPcan},
    {"SignalFilterBankLog", &EmitSignalFilterBankLog},
};

}  // namespace

EmitFn FindEmitter(const AotOp& op) {
  if (op.builtin == BuiltinOp::kCustom) {
    for (const CustomEmitterEntry& e : kCustomEmitters) {
      if (op.name == e.name) return e.fn;
    }
    return nullptr;
  }
  for (const EmitterEntry& e : kEmitters) {
    if (e.op == op.builtin) return e.fn;
  }
  return nullptr;
}

std::string SupportedOpNames() {
  std::string s;
  for (const EmitterEntry& e : kEmitters) {
    s += (s.empty() ? "" : ", ");
    s += BuiltinOpName(e.op);
  }
  for (const CustomEmitterEntry& e : kCustomEmitters) s += std::string(", CUSTOM:") + e.name;
  return s;
}

}  // namespace aot
}  // namespace mote
