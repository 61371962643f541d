// Accessors of the Model views. Everything here runs on a buffer that
// Model::Load (model_verify.cc) has verified.
#include <cstring>

#include "model/op_arity.h"
#include "model/schema.h"
#include "mote/model.h"

namespace mote {
namespace {

#if !FLATBUFFERS_LITTLEENDIAN
#error "Mote reads .tflite data in place and needs a little-endian target."
#endif

template <typename T>
Span<const T> AsSpan(const tfl::Vec<T>* v) {
  if (v == nullptr) return Span<const T>();
  return Span<const T>(v->data(), v->size());
}

const tfl::Tensor* AsTensor(const uint8_t* t) { return reinterpret_cast<const tfl::Tensor*>(t); }
const tfl::Operator* AsOp(const uint8_t* t) { return reinterpret_cast<const tfl::Operator*>(t); }
const tfl::SubGraph* AsSubgraph(const uint8_t* t) {
  return reinterpret_cast<const tfl::SubGraph*>(t);
}
const tfl::OperatorCode* AsOpCode(const uint8_t* t) {
  return reinterpret_cast<const tfl::OperatorCode*>(t);
}

}  // namespace

// ---- Model ----

uint32_t Model::schema_version() const { return tfl::GetModel(bytes_.data())->version(); }

size_t Model::num_subgraphs() const {
  const auto* v = tfl::GetModel(bytes_.data())->subgraphs();
  return v == nullptr ? 0 : v->size();
}

SubgraphView Model::subgraph(size_t index) const {
  const auto* sg = tfl::GetModel(bytes_.data())->subgraphs()->Get(static_cast<uint32_t>(index));
  return SubgraphView(this, reinterpret_cast<const uint8_t*>(sg));
}

const char* Model::description() const {
  const auto* s = tfl::GetModel(bytes_.data())->description();
  return s == nullptr ? "" : s->c_str();
}

Span<const uint8_t> Model::BufferData(uint32_t buffer_index) const {
  const auto* buffers = tfl::GetModel(bytes_.data())->buffers();
  if (buffers == nullptr || buffer_index >= buffers->size()) return Span<const uint8_t>();
  const tfl::Buffer* b = buffers->Get(buffer_index);
  if (b->offset() > 1) {  // data stored after the flatbuffer (models > 2 GB)
    return Span<const uint8_t>(bytes_.data() + b->offset(), static_cast<size_t>(b->size()));
  }
  return AsSpan(b->data());
}

const uint8_t* Model::OpCodeTable(uint32_t index) const {
  return reinterpret_cast<const uint8_t*>(
      tfl::GetModel(bytes_.data())->operator_codes()->Get(index));
}

// ---- SubgraphView ----

size_t SubgraphView::num_tensors() const {
  const auto* v = AsSubgraph(table_)->tensors();
  return v == nullptr ? 0 : v->size();
}

TensorView SubgraphView::tensor(size_t index) const {
  return TensorView(model_, reinterpret_cast<const uint8_t*>(
                                AsSubgraph(table_)->tensors()->Get(static_cast<uint32_t>(index))));
}

size_t SubgraphView::num_operators() const {
  const auto* v = AsSubgraph(table_)->operators();
  return v == nullptr ? 0 : v->size();
}

OperatorView SubgraphView::op(size_t index) const {
  return OperatorView(model_, reinterpret_cast<const uint8_t*>(AsSubgraph(table_)->operators()->Get(
                                  static_cast<uint32_t>(index))));
}

Span<const int32_t> SubgraphView::inputs() const { return AsSpan(AsSubgraph(table_)->inputs()); }
Span<const int32_t> SubgraphView::outputs() const { return AsSpan(AsSubgraph(table_)->outputs()); }
const char* SubgraphView::name() const {
  const auto* s = AsSubgraph(table_)->name();
  return s == nullptr ? "" : s->c_str();
}

// ---- TensorView ----

DataType TensorView::type() const { return static_cast<DataType>(AsTensor(table_)->type()); }
Span<const int32_t> TensorView::shape() const { return AsSpan(AsTensor(table_)->shape()); }
const char* TensorView::name() const {
  const auto* s = AsTensor(table_)->name();
  return s == nullptr ? "" : s->c_str();
}
bool TensorView::is_variable() const { return AsTensor(table_)->is_variable(); }
Span<const uint8_t> TensorView::data() const {
  // A variable's buffer is ignored (as in TFLM): its state lives in the arena.
  if (is_variable()) return Span<const uint8_t>();
  const Span<const uint8_t> data = model_->BufferData(AsTensor(table_)->buffer());
  // A buffer may be longer than the shape needs (verified not shorter).
  return data.empty() ? data : Span<const uint8_t>(data.data(), bytes());
}

QuantizationView TensorView::quantization() const {
  QuantizationView q;
  const auto* qp = AsTensor(table_)->quantization();
  if (qp == nullptr) return q;
  q.scale = AsSpan(qp->scale());
  q.zero_point = AsSpan(qp->zero_point());
  // As TFLM reads them: zero points that do not match the scales one for one
  // are one zero point for every channel (a converter's space saving).
  if (q.zero_point.size() > 1 && q.zero_point.size() != q.scale.size()) {
    q.zero_point = Span<const int64_t>(q.zero_point.data(), 1);
  }
  q.quantized_dimension = qp->quantized_dimension();
  return q;
}

uint32_t TensorView::num_elements() const {
  uint32_t n = 1;
  for (int32_t d : shape()) n *= static_cast<uint32_t>(d);  // verified not to overflow
  return n;
}

uint32_t TensorView::bytes() const {
  return num_elements() * static_cast<uint32_t>(DataTypeSize(type()));
}

// ---- OperatorView ----

int32_t OperatorView::builtin_code() const {
  const auto* code = AsOpCode(model_->OpCodeTable(AsOp(table_)->opcode_index()));
  // The extended field wins; the deprecated byte field holds codes < 127.
  const int32_t extended = code->builtin_code();
  const int32_t deprecated = code->deprecated_builtin_code();
  return extended > deprecated ? extended : deprecated;
}

const char* OperatorView::custom_name() const {
  const auto* code = AsOpCode(model_->OpCodeTable(AsOp(table_)->opcode_index()));
  return code->custom_code() == nullptr ? "" : code->custom_code()->c_str();
}

int32_t OperatorView::version() const {
  return AsOpCode(model_->OpCodeTable(AsOp(table_)->opcode_index()))->version();
}

const char* OperatorView::name(char* buffer, size_t size) const {
  if (builtin() == BuiltinOp::kCustom) return custom_name();
  return BuiltinOpName(builtin_code(), buffer, size);
}

Span<const int32_t> OperatorView::inputs() const { return AsSpan(AsOp(table_)->inputs()); }
Span<const int32_t> OperatorView::outputs() const { return AsSpan(AsOp(table_)->outputs()); }
Span<const int32_t> OperatorView::intermediates() const {
  return AsSpan(AsOp(table_)->intermediates());
}

OptionsView OperatorView::options() const {
  const auto* op = AsOp(table_);
  // Options of another type than the op's are absent, as in TFLM: the op's
  // Prepare sees its defaults (and validates them) instead of fields of
  // another table read with the wrong meanings.
  uint8_t expected = 0;
  if (op->builtin_options_type() != 0 && LookupOptionsType(builtin_code(), &expected) &&
      op->builtin_options_type() != expected) {
    return OptionsView();
  }
  return OptionsView(reinterpret_cast<const uint8_t*>(op->builtin_options()),
                     op->builtin_options_type());
}

Span<const uint8_t> OperatorView::custom_options() const {
  return AsSpan(AsOp(table_)->custom_options());
}

// ---- OptionsView ----

// Pointer to field `field` if present and `size` bytes of it lie inside the
// table's inline data (whose extent the verified vtable gives).
const uint8_t* OptionsView::FieldData(int field, size_t size) const {
  if (table_ == nullptr || field < 0 || field > 1000) return nullptr;
  int32_t vtable_rel;
  std::memcpy(&vtable_rel, table_, sizeof(vtable_rel));
  const uint8_t* vtable = table_ - vtable_rel;
  uint16_t vtable_size, table_size;
  std::memcpy(&vtable_size, vtable, 2);
  std::memcpy(&table_size, vtable + 2, 2);
  const size_t slot = 4 + 2 * static_cast<size_t>(field);
  if (slot + 2 > vtable_size) return nullptr;
  uint16_t offset;
  std::memcpy(&offset, vtable + slot, 2);
  if (offset == 0 || offset + size > table_size) return nullptr;
  return table_ + offset;
}

int32_t OptionsView::GetInt32(int field, int32_t default_value) const {
  const uint8_t* p = FieldData(field, 4);
  if (p == nullptr) return default_value;
  int32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

int8_t OptionsView::GetInt8(int field, int8_t default_value) const {
  const uint8_t* p = FieldData(field, 1);
  return p == nullptr ? default_value : static_cast<int8_t>(*p);
}

bool OptionsView::GetBool(int field, bool default_value) const {
  const uint8_t* p = FieldData(field, 1);
  return p == nullptr ? default_value : *p != 0;
}

float OptionsView::GetFloat(int field, float default_value) const {
  const uint8_t* p = FieldData(field, 4);
  if (p == nullptr) return default_value;
  float v;
  std::memcpy(&v, p, 4);
  return v;
}

Span<const int32_t> OptionsView::GetInt32Vector(int field) const {
  // Only option types whose vectors Load() verified may be read this way.
  if (field != 0 || (type_ != tfl::kReshapeOptions && type_ != tfl::kSqueezeOptions)) {
    return Span<const int32_t>();
  }
  if (FieldData(field, 4) == nullptr) return Span<const int32_t>();
  return AsSpan(reinterpret_cast<const tfl::AnyTable*>(table_)->VectorField<int32_t>(field));
}

}  // namespace mote
