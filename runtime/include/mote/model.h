// Model: a verified, read-only view of a .tflite flatbuffer held in caller-owned
// memory (RAM or flash). Nothing is copied: weights are read where they are.
//
//   auto model = mote::Model::Load(mote::Span<const uint8_t>(bytes, size));
//   if (!model.ok()) { puts(model.status().message()); return; }
//
// Load() verifies the whole structure before anything is used (every offset and
// vector inside the buffer, every index in range, shapes and byte sizes without
// overflow, quantization array lengths, operator arities, graph order). After a
// successful Load every accessor below is safe to call with in-range indices.
// The bytes must stay alive and unchanged while the Model or anything made from
// it is used. The buffer must be 4-byte aligned (16 recommended).
#ifndef MOTE_MODEL_H_
#define MOTE_MODEL_H_

#include <cstddef>
#include <cstdint>

#include "mote/span.h"
#include "mote/status.h"
#include "mote/types.h"

namespace mote {

// Largest tensor rank Mote accepts.
constexpr int kMaxRank = 6;
// Largest tensor Mote accepts, in bytes (keeps all size arithmetic in 32 bits).
constexpr uint64_t kMaxTensorBytes = 0x7fffffffu;

class Model;

struct QuantizationView {
  Span<const float> scale;
  Span<const int64_t> zero_point;
  int32_t quantized_dimension = 0;
  bool per_channel() const { return scale.size() > 1; }
  bool empty() const { return scale.empty(); }
};

class TensorView {
 public:
  TensorView() = default;
  DataType type() const;
  Span<const int32_t> shape() const;
  int rank() const { return static_cast<int>(shape().size()); }
  int32_t dim(int i) const { return shape()[static_cast<size_t>(i)]; }
  const char* name() const;  // never null ("" if absent)
  bool is_variable() const;
  // Constant data (weights), empty for activations.
  Span<const uint8_t> data() const;
  bool is_constant() const { return !data().empty(); }
  QuantizationView quantization() const;
  // Element count and byte size (verified to fit kMaxTensorBytes).
  uint32_t num_elements() const;
  uint32_t bytes() const;
  bool valid() const { return table_ != nullptr; }

 private:
  friend class SubgraphView;
  friend class Model;
  TensorView(const Model* model, const uint8_t* table) : model_(model), table_(table) {}
  const Model* model_ = nullptr;
  const uint8_t* table_ = nullptr;
};

// Read access to an operator's builtin options table by field number (the
// .tflite schema's field order). Out-of-range or absent fields give the default.
// Each op's options are decoded into a plain struct next to its kernel.
class OptionsView {
 public:
  OptionsView() = default;
  // The BuiltinOptions union type code (0 = none).
  uint8_t type() const { return type_; }
  bool present() const { return table_ != nullptr; }
  int32_t GetInt32(int field, int32_t default_value) const;
  int8_t GetInt8(int field, int8_t default_value) const;
  bool GetBool(int field, bool default_value) const;
  float GetFloat(int field, float default_value) const;
  // A [int] vector field; empty if absent. Verified at load for known option types.
  Span<const int32_t> GetInt32Vector(int field) const;

 private:
  friend class OperatorView;
  OptionsView(const uint8_t* table, uint8_t type) : table_(table), type_(type) {}
  const uint8_t* FieldData(int field, size_t size) const;
  const uint8_t* table_ = nullptr;
  uint8_t type_ = 0;
};

class OperatorView {
 public:
  OperatorView() = default;
  // Builtin code (already resolved from the deprecated and extended fields);
  // BuiltinOp::kCustom for custom ops.
  int32_t builtin_code() const;
  BuiltinOp builtin() const { return static_cast<BuiltinOp>(builtin_code()); }
  const char* custom_name() const;  // "" for builtins
  int32_t version() const;
  // Name for messages: "CONV_2D", or the custom op's name.
  const char* name(char* buffer, size_t size) const;
  Span<const int32_t> inputs() const;  // -1 marks an omitted optional input
  Span<const int32_t> outputs() const;
  Span<const int32_t> intermediates() const;
  OptionsView options() const;
  Span<const uint8_t> custom_options() const;

 private:
  friend class SubgraphView;
  OperatorView(const Model* model, const uint8_t* table) : model_(model), table_(table) {}
  const Model* model_ = nullptr;
  const uint8_t* table_ = nullptr;
};

class SubgraphView {
 public:
  SubgraphView() = default;
  size_t num_tensors() const;
  TensorView tensor(size_t index) const;
  size_t num_operators() const;
  OperatorView op(size_t index) const;
  Span<const int32_t> inputs() const;
  Span<const int32_t> outputs() const;
  const char* name() const;

 private:
  friend class Model;
  SubgraphView(const Model* model, const uint8_t* table) : model_(model), table_(table) {}
  const Model* model_ = nullptr;
  const uint8_t* table_ = nullptr;
};

class Model {
 public:
  // An empty model (what a failed Load's Result holds): loaded() is false and
  // nothing else may be called on it.
  Model() = default;
  bool loaded() const { return root_ != nullptr; }
  // Verifies `bytes` and returns a Model over them (zero-copy).
  static Result<Model> Load(Span<const uint8_t> bytes);

  uint32_t schema_version() const;
  size_t num_subgraphs() const;
  SubgraphView subgraph(size_t index) const;
  SubgraphView main_subgraph() const { return subgraph(0); }
  const char* description() const;
  Span<const uint8_t> bytes() const { return bytes_; }

 private:
  friend class TensorView;
  friend class OperatorView;
  Span<const uint8_t> BufferData(uint32_t buffer_index) const;
  const uint8_t* OpCodeTable(uint32_t index) const;
  Span<const uint8_t> bytes_;
  const uint8_t* root_ = nullptr;
};

}  // namespace mote

#endif  // MOTE_MODEL_H_
