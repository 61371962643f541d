// Internal: the subset of the .tflite flatbuffer schema (version 3) that Mote
// reads, written by hand as accessors over flatbuffers::Table. Field numbers
// follow the public schema; a union field takes two numbers (type, value).
// Flatbuffer types never leave runtime/model/.
#ifndef MOTE_MODEL_SCHEMA_H_
#define MOTE_MODEL_SCHEMA_H_

#include <cstdint>

#include "flatbuffers/flatbuffers.h"

namespace mote {
namespace tfl {

// vtable offset of field number n.
constexpr flatbuffers::voffset_t Field(int n) {
  return static_cast<flatbuffers::voffset_t>(4 + 2 * n);
}

template <typename T>
using Vec = flatbuffers::Vector<T>;
template <typename T>
using TableVec = flatbuffers::Vector<flatbuffers::Offset<T>>;
using String = flatbuffers::String;

struct QuantizationParameters : private flatbuffers::Table {
  enum : int { kMin = 0, kMax = 1, kScale = 2, kZeroPoint = 3, kDetailsType = 4, kDetails = 5,
               kQuantizedDimension = 6 };
  const Vec<float>* scale() const { return GetPointer<const Vec<float>*>(Field(kScale)); }
  const Vec<int64_t>* zero_point() const {
    return GetPointer<const Vec<int64_t>*>(Field(kZeroPoint));
  }
  uint8_t details_type() const { return GetField<uint8_t>(Field(kDetailsType), 0); }
  int32_t quantized_dimension() const {
    return GetField<int32_t>(Field(kQuantizedDimension), 0);
  }
  bool Verify(flatbuffers::Verifier& v) const {
    return VerifyTableStart(v) && VerifyOffset(v, Field(kMin)) &&
           v.VerifyVector(GetPointer<const Vec<float>*>(Field(kMin))) &&
           VerifyOffset(v, Field(kMax)) &&
           v.VerifyVector(GetPointer<const Vec<float>*>(Field(kMax))) &&
           VerifyOffset(v, Field(kScale)) && v.VerifyVector(scale()) &&
           VerifyOffset(v, Field(kZeroPoint)) && v.VerifyVector(zero_point()) &&
           VerifyField<uint8_t>(v, Field(kDetailsType), 1) &&
           VerifyOffset(v, Field(kDetails)) &&
           VerifyField<int32_t>(v, Field(kQuantizedDimension), 4) && v.EndTable();
  }
};

struct Tensor : private flatbuffers::Table {
  enum : int { kShape = 0, kType = 1, kBuffer = 2, kName = 3, kQuantization = 4,
               kIsVariable = 5, kSparsity = 6, kShapeSignature = 7, kHasRank = 8,
               kVariantTensors = 9 };
  const Vec<int32_t>* shape() const { return GetPointer<const Vec<int32_t>*>(Field(kShape)); }
  int8_t type() const { return GetField<int8_t>(Field(kType), 0); }
  uint32_t buffer() const { return GetField<uint32_t>(Field(kBuffer), 0); }
  const String* name() const { return GetPointer<const String*>(Field(kName)); }
  const QuantizationParameters* quantization() const {
    return GetPointer<const QuantizationParameters*>(Field(kQuantization));
  }
  bool is_variable() const { return GetField<uint8_t>(Field(kIsVariable), 0) != 0; }
  bool has_sparsity() const { return CheckField(Field(kSparsity)); }
  bool Verify(flatbuffers::Verifier& v) const {
    // Sparsity and variant subtypes are not read; their presence is rejected
    // by the semantic checks, so their contents need no verification.
    return VerifyTableStart(v) && VerifyOffset(v, Field(kShape)) && v.VerifyVector(shape()) &&
           VerifyField<int8_t>(v, Field(kType), 1) &&
           VerifyField<uint32_t>(v, Field(kBuffer), 4) && VerifyOffset(v, Field(kName)) &&
           v.VerifyString(name()) && VerifyOffset(v, Field(kQuantization)) &&
           v.VerifyTable(quantization()) && VerifyField<uint8_t>(v, Field(kIsVariable), 1) &&
           VerifyOffset(v, Field(kShapeSignature)) &&
           v.VerifyVector(GetPointer<const Vec<int32_t>*>(Field(kShapeSignature))) &&
           VerifyField<uint8_t>(v, Field(kHasRank), 1) && v.EndTable();
  }
};

// Any options table: verified as a table whose vtable and inline fields lie in
// the buffer; individual fields are bounds-checked when read (OptionsView).
struct AnyTable : private flatbuffers::Table {
  bool Verify(flatbuffers::Verifier& v) const { return VerifyTableStart(v) && v.EndTable(); }
  template <typename T>
  const Vec<T>* VectorField(int n) const { return GetPointer<const Vec<T>*>(Field(n)); }
  bool VerifyVectorField(flatbuffers::Verifier& v, int n, size_t elem_size) const {
    if (!VerifyOffset(v, Field(n))) return false;
    const uint8_t* p = GetPointer<const uint8_t*>(Field(n));
    return p == nullptr || v.VerifyVectorOrString(p, elem_size);
  }
};

struct Operator : private flatbuffers::Table {
  enum : int { kOpcodeIndex = 0, kInputs = 1, kOutputs = 2, kBuiltinOptionsType = 3,
               kBuiltinOptions = 4, kCustomOptions = 5, kCustomOptionsFormat = 6,
               kMutatingVariableInputs = 7, kIntermediates = 8, kLargeCustomOptionsOffset = 9,
               kLargeCustomOptionsSize = 10, kBuiltinOptions2Type = 11, kBuiltinOptions2 = 12 };
  uint32_t opcode_index() const { return GetField<uint32_t>(Field(kOpcodeIndex), 0); }
  const Vec<int32_t>* inputs() const { return GetPointer<const Vec<int32_t>*>(Field(kInputs)); }
  const Vec<int32_t>* outputs() const { return GetPointer<const Vec<int32_t>*>(Field(kOutputs)); }
  const Vec<int32_t>* intermediates() const {
    return GetPointer<const Vec<int32_t>*>(Field(kIntermediates));
  }
  uint8_t builtin_options_type() const {
    return GetField<uint8_t>(Field(kBuiltinOptionsType), 0);
  }
  const AnyTable* builtin_options() const {
    return GetPointer<const AnyTable*>(Field(kBuiltinOptions));
  }
  const Vec<uint8_t>* custom_options() const {
    return GetPointer<const Vec<uint8_t>*>(Field(kCustomOptions));
  }
  uint64_t large_custom_options_offset() const {
    return GetField<uint64_t>(Field(kLargeCustomOptionsOffset), 0);
  }
  bool Verify(flatbuffers::Verifier& v) const {
    return VerifyTableStart(v) && VerifyField<uint32_t>(v, Field(kOpcodeIndex), 4) &&
           VerifyOffset(v, Field(kInputs)) && v.VerifyVector(inputs()) &&
           VerifyOffset(v, Field(kOutputs)) && v.VerifyVector(outputs()) &&
           VerifyField<uint8_t>(v, Field(kBuiltinOptionsType), 1) &&
           VerifyOffset(v, Field(kBuiltinOptions)) && v.VerifyTable(builtin_options()) &&
           VerifyOffset(v, Field(kCustomOptions)) && v.VerifyVector(custom_options()) &&
           VerifyField<int8_t>(v, Field(kCustomOptionsFormat), 1) &&
           VerifyOffset(v, Field(kMutatingVariableInputs)) &&
           v.VerifyVector(GetPointer<const Vec<uint8_t>*>(Field(kMutatingVariableInputs))) &&
           VerifyOffset(v, Field(kIntermediates)) && v.VerifyVector(intermediates()) &&
           VerifyField<uint64_t>(v, Field(kLargeCustomOptionsOffset), 8) &&
           VerifyField<uint64_t>(v, Field(kLargeCustomOptionsSize), 8) &&
           VerifyField<uint8_t>(v, Field(kBuiltinOptions2Type), 1) &&
           VerifyOffset(v, Field(kBuiltinOptions2)) &&
           v.VerifyTable(GetPointer<const AnyTable*>(Field(kBuiltinOptions2))) && v.EndTable();
  }
};

struct SubGraph : private flatbuffers::Table {
  enum : int { kTensors = 0, kInputs = 1, kOutputs = 2, kOperators = 3, kName = 4 };
  const TableVec<Tensor>* tensors() const {
    return GetPointer<const TableVec<Tensor>*>(Field(kTensors));
  }
  const Vec<int32_t>* inputs() const { return GetPointer<const Vec<int32_t>*>(Field(kInputs)); }
  const Vec<int32_t>* outputs() const { return GetPointer<const Vec<int32_t>*>(Field(kOutputs)); }
  const TableVec<Operator>* operators() const {
    return GetPointer<const TableVec<Operator>*>(Field(kOperators));
  }
  const String* name() const { return GetPointer<const String*>(Field(kName)); }
  // Shallow: verifies this table and its vectors; elements are verified one by
  // one by the model verifier so that errors can name them.
  bool VerifyShallow(flatbuffers::Verifier& v) const {
    return VerifyTableStart(v) && VerifyOffset(v, Field(kTensors)) && v.VerifyVector(tensors()) &&
           VerifyOffset(v, Field(kInputs)) && v.VerifyVector(inputs()) &&
           VerifyOffset(v, Field(kOutputs)) && v.VerifyVector(outputs()) &&
           VerifyOffset(v, Field(kOperators)) && v.VerifyVector(operators()) &&
           VerifyOffset(v, Field(kName)) && v.VerifyString(name()) && v.EndTable();
  }
};

struct OperatorCode : private flatbuffers::Table {
  enum : int { kDeprecatedBuiltinCode = 0, kCustomCode = 1, kVersion = 2, kBuiltinCode = 3 };
  int8_t deprecated_builtin_code() const {
    return GetField<int8_t>(Field(kDeprecatedBuiltinCode), 0);
  }
  const String* custom_code() const { return GetPointer<const String*>(Field(kCustomCode)); }
  int32_t version() const { return GetField<int32_t>(Field(kVersion), 1); }
  int32_t builtin_code() const { return GetField<int32_t>(Field(kBuiltinCode), 0); }
  bool Verify(flatbuffers::Verifier& v) const {
    return VerifyTableStart(v) && VerifyField<int8_t>(v, Field(kDeprecatedBuiltinCode), 1) &&
           VerifyOffset(v, Field(kCustomCode)) && v.VerifyString(custom_code()) &&
           VerifyField<int32_t>(v, Field(kVersion), 4) &&
           VerifyField<int32_t>(v, Field(kBuiltinCode), 4) && v.EndTable();
  }
};

struct Buffer : private flatbuffers::Table {
  enum : int { kData = 0, kOffset = 1, kSize = 2 };
  const Vec<uint8_t>* data() const { return GetPointer<const Vec<uint8_t>*>(Field(kData)); }
  uint64_t offset() const { return GetField<uint64_t>(Field(kOffset), 0); }
  uint64_t size() const { return GetField<uint64_t>(Field(kSize), 0); }
  bool Verify(flatbuffers::Verifier& v) const {
    return VerifyTableStart(v) && VerifyOffset(v, Field(kData)) && v.VerifyVector(data()) &&
           VerifyField<uint64_t>(v, Field(kOffset), 8) &&
           VerifyField<uint64_t>(v, Field(kSize), 8) && v.EndTable();
  }
};

struct Model : private flatbuffers::Table {
  enum : int { kVersion = 0, kOperatorCodes = 1, kSubgraphs = 2, kDescription = 3,
               kBuffers = 4, kMetadataBuffer = 5, kMetadata = 6, kSignatureDefs = 7 };
  uint32_t version() const { return GetField<uint32_t>(Field(kVersion), 0); }
  const TableVec<OperatorCode>* operator_codes() const {
    return GetPointer<const TableVec<OperatorCode>*>(Field(kOperatorCodes));
  }
  const TableVec<SubGraph>* subgraphs() const {
    return GetPointer<const TableVec<SubGraph>*>(Field(kSubgraphs));
  }
  const String* description() const { return GetPointer<const String*>(Field(kDescription)); }
  const TableVec<Buffer>* buffers() const {
    return GetPointer<const TableVec<Buffer>*>(Field(kBuffers));
  }
  bool VerifyShallow(flatbuffers::Verifier& v) const {
    // Metadata and signature defs are never read, so they are not verified.
    return VerifyTableStart(v) && VerifyField<uint32_t>(v, Field(kVersion), 4) &&
           VerifyOffset(v, Field(kOperatorCodes)) && v.VerifyVector(operator_codes()) &&
           VerifyOffset(v, Field(kSubgraphs)) && v.VerifyVector(subgraphs()) &&
           VerifyOffset(v, Field(kDescription)) && v.VerifyString(description()) &&
           VerifyOffset(v, Field(kBuffers)) && v.VerifyVector(buffers()) && v.EndTable();
  }
};

inline const Model* GetModel(const uint8_t* buf) { return flatbuffers::GetRoot<Model>(buf); }

// BuiltinOptions union codes Mote verifies vector fields of.
enum OptionsType : uint8_t {
  kReshapeOptions = 17,
  kSqueezeOptions = 30,
};

}  // namespace tfl
}  // namespace mote

#endif  // MOTE_MODEL_SCHEMA_H_
