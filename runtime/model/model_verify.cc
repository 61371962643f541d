// Model::Load: verifies a .tflite buffer completely before anything reads it.
//
// Layer 1 (structure): every table, vector and string lies inside the buffer,
// checked with flatbuffers::Verifier table by table so errors can say where.
// Layer 2 (meaning): indices in range, shapes and sizes sane, quantization
// consistent, operator arities right, graph in topological order.
#include <cmath>
#include <cstdint>

#include "model/op_arity.h"
#include "model/schema.h"
#include "mote/model.h"

namespace mote {
namespace {

// Largest subgraph Load accepts: the graph-order check keeps one bit per
// tensor on the stack (no heap), 3 x 512 bytes at this size.
#ifndef MOTE_MAX_TENSORS_PER_SUBGRAPH
#define MOTE_MAX_TENSORS_PER_SUBGRAPH 4096
#endif
constexpr size_t kMaxTensors = MOTE_MAX_TENSORS_PER_SUBGRAPH;

constexpr uint32_t kSchemaVersion = 3;

class BitSet {
 public:
  BitSet() {
    for (uint32_t& w : words_) w = 0;
  }
  bool get(size_t i) const { return (words_[i / 32] >> (i % 32)) & 1u; }
  void set(size_t i) { words_[i / 32] |= 1u << (i % 32); }

 private:
  uint32_t words_[(kMaxTensors + 31) / 32];
};

// An kInvalidModel error (a macro so the compiler checks the format string).
#define Bad(...) Status::Error(StatusCode::kInvalidModel, __VA_ARGS__)

template <typename V>
size_t SizeOf(const V* v) {
  return v == nullptr ? 0 : v->size();
}

Status VerifyStructure(flatbuffers::Verifier& v, const tfl::Model* model) {
  if (!model->VerifyShallow(v)) {
    return Bad("model table is malformed (a field, vector or string lies outside the buffer)");
  }
  for (uint32_t i = 0; i < SizeOf(model->operator_codes()); ++i) {
    if (!v.VerifyTable(model->operator_codes()->Get(i))) {
      return Bad("operator code %u is malformed (outside the buffer)", i);
    }
  }
  for (uint32_t i = 0; i < SizeOf(model->buffers()); ++i) {
    if (!v.VerifyTable(model->buffers()->Get(i))) {
      return Bad("buffer %u is malformed (outside the buffer)", i);
    }
  }
  for (uint32_t s = 0; s < SizeOf(model->subgraphs()); ++s) {
    const tfl::SubGraph* sg = model->subgraphs()->Get(s);
    if (sg == nullptr || !sg->VerifyShallow(v)) {
      return Bad("subgraph %u is malformed (a field, vector or string lies outside the buffer)", s);
    }
    for (uint32_t t = 0; t < SizeOf(sg->tensors()); ++t) {
      if (!v.VerifyTable(sg->tensors()->Get(t))) {
        return Bad("subgraph %u, tensor %u: table is malformed (outside the buffer)", s, t);
      }
    }
    for (uint32_t o = 0; o < SizeOf(sg->operators()); ++o) {
      const tfl::Operator* op = sg->operators()->Get(o);
      if (!v.VerifyTable(op)) {
        return Bad("subgraph %u, operator %u: table is malformed (outside the buffer)", s, o);
      }
      const uint8_t type = op->builtin_options_type();
      const tfl::AnyTable* options = op->builtin_options();
      if (options != nullptr && (type == tfl::kReshapeOptions || type == tfl::kSqueezeOptions) &&
          !options->VerifyVectorField(v, 0, sizeof(int32_t))) {
        return Bad("subgraph %u, operator %u: options vector lies outside the buffer", s, o);
      }
    }
  }
  return Status::Ok();
}

Status CheckTensor(const Model& m, uint32_t s, uint32_t t, const tfl::Tensor* tensor,
                   size_t num_buffers) {
  const auto type = static_cast<DataType>(tensor->type());
  if (tensor->type() < 0 || tensor->type() > static_cast<int8_t>(DataType::kInt4)) {
    return Bad("subgraph %u, tensor %u: unknown type code %d", s, t, tensor->type());
  }
  const size_t elem = DataTypeSize(type);
  if (elem == 0) {
    return Status::Error(StatusCode::kUnsupported,
                         "subgraph %u, tensor %u: type %s is not supported by Mote", s, t,
                         DataTypeName(type));
  }
  if (tensor->has_sparsity()) {
    return Status::Error(StatusCode::kUnsupported,
                         "subgraph %u, tensor %u: sparse tensors are not supported", s, t);
  }
  const auto* shape = tensor->shape();
  const size_t rank = SizeOf(shape);
  if (rank > static_cast<size_t>(kMaxRank)) {
    return Status::Error(StatusCode::kUnsupported,
                         "subgraph %u, tensor %u: rank %zu exceeds Mote's maximum of %d", s, t,
                         rank, kMaxRank);
  }
  uint64_t bytes = elem;
  for (uint32_t d = 0; d < rank; ++d) {
    const int32_t dim = shape->Get(d);
    if (dim < 0) {
      return Bad(
          "subgraph %u, tensor %u: dimension %u is negative (%d); dynamic shapes are "
          "not supported",
          s, t, d, static_cast<int>(dim));
    }
    bytes *= static_cast<uint64_t>(dim);
    if (bytes > kMaxTensorBytes) {
      return Bad("subgraph %u, tensor %u: shape is too large (more than %llu bytes)", s, t,
                 static_cast<unsigned long long>(kMaxTensorBytes));
    }
  }
  if (tensor->buffer() >= num_buffers) {
    return Bad("subgraph %u, tensor %u: buffer index %u out of range (model has %zu buffers)", s, t,
               tensor->buffer(), num_buffers);
  }
  const tfl::Buffer* buffer = tfl::GetModel(m.bytes().data())->buffers()->Get(tensor->buffer());
  if (buffer->offset() > 1) {
    const uint64_t end = buffer->offset() + buffer->size();
    if (end < buffer->offset() || end > m.bytes().size()) {
      return Bad(
          "subgraph %u, tensor %u: external buffer %u (offset %llu, size %llu) lies "
          "outside the %zu-byte model",
          s, t, tensor->buffer(), static_cast<unsigned long long>(buffer->offset()),
          static_cast<unsigned long long>(buffer->size()), m.bytes().size());
    }
  }
  // A variable's buffer is ignored, as in TFLM: variables live in the arena
  // and start at their zero point (TensorView::data() is empty for them).
  const size_t data_size =
      tensor->is_variable()
          ? 0
          : (buffer->offset() > 1 ? static_cast<size_t>(buffer->size()) : SizeOf(buffer->data()));
  // Kernels read `bytes` from constant data: a shorter buffer would be read
  // past its end. A longer one is harmless and TFLite accepts it.
  if (data_size != 0 && data_size < bytes) {
    return Bad("subgraph %u, tensor %u: buffer %u holds %zu bytes but shape and type need %llu", s,
               t, tensor->buffer(), data_size, static_cast<unsigned long long>(bytes));
  }
  if (data_size != 0) {
    // Prepare reads constant data (shapes, paddings, biases) as its type: it
    // must be aligned for it (an unaligned load is undefined, and LDM/LDRD
    // fault on Cortex-M). Data inside the flatbuffer always is (a vector's
    // length word is 4-byte aligned); this catches external buffers at odd
    // offsets. Up to 4 bytes: converters leave some int64 buffers 4-aligned,
    // and the interpreter copies those to aligned memory.
    const uint8_t* data =
        buffer->offset() > 1 ? m.bytes().data() + buffer->offset() : buffer->data()->data();
    const size_t align = elem > 4 ? 4 : elem;
    if (reinterpret_cast<uintptr_t>(data) % align != 0) {
      return Bad("subgraph %u, tensor %u: buffer %u data is not %zu-byte aligned for %s", s, t,
                 tensor->buffer(), align, DataTypeName(type));
    }
  }
  const tfl::QuantizationParameters* q = tensor->quantization();
  if (q != nullptr) {
    const size_t n_scale = SizeOf(q->scale());
    const size_t n_zp = SizeOf(q->zero_point());
    if (q->details_type() != 0) {
      return Status::Error(StatusCode::kUnsupported,
                           "subgraph %u, tensor %u: custom quantization details are not supported",
                           s, t);
    }
    if (n_zp != 0 && reinterpret_cast<uintptr_t>(q->zero_point()->data()) % 8 != 0) {
      return Bad("subgraph %u, tensor %u: quantization zero points are not 8-byte aligned", s, t);
    }
    // Not checked, as TFLM does not: the zero point count (one zero point may
    // stand for every channel; TensorView::quantization() then gives that one) and
    // quantized_dimension (meaningless with one scale; converters leave stale
    // values, e.g. 3 on a rank-1 bias). Kernels check the scale count they
    // index against their channel count in Prepare.
    // Scales must be finite and not negative (a float-to-int conversion of a
    // non-finite multiplier is undefined). Zero is legal here: an all-zero
    // weight channel has scale 0 (multiplier 0); kernels that divide by an
    // activation scale require it to be > 0 in Prepare.
    for (uint32_t i = 0; i < n_scale; ++i) {
      const float sc = q->scale()->Get(i);
      if (!std::isfinite(sc) || sc < 0.0f) {
        return Bad("subgraph %u, tensor %u: invalid quantization scale %g at index %u", s, t,
                   static_cast<double>(sc), i);
      }
    }
  }
  return Status::Ok();
}

bool InRange(int32_t index, size_t count) {
  return index >= 0 && static_cast<size_t>(index) < count;
}

Status CheckSubgraph(const Model& m, uint32_t s) {
  const tfl::Model* model = tfl::GetModel(m.bytes().data());
  const tfl::SubGraph* sg = model->subgraphs()->Get(s);
  const size_t num_tensors = SizeOf(sg->tensors());
  const size_t num_buffers = SizeOf(model->buffers());
  const size_t num_opcodes = SizeOf(model->operator_codes());
  if (num_tensors > kMaxTensors) {
    return Status::Error(StatusCode::kUnsupported,
                         "subgraph %u has %zu tensors; Mote supports at most %zu", s, num_tensors,
                         kMaxTensors);
  }
  for (uint32_t t = 0; t < num_tensors; ++t) {
    MOTE_TRY(CheckTensor(m, s, t, sg->tensors()->Get(t), num_buffers));
  }

  BitSet available;  // constants, subgraph inputs, variables, and outputs produced so far
  BitSet produced;
  // Outputs of any operator. A tensor no operator writes may still be read:
  // TFLM plans it as an uninitialised activation (Vela's Ethos-U scratch
  // tensors), and so does Mote; one read before its writer runs is refused.
  BitSet written;
  for (uint32_t o = 0; o < SizeOf(sg->operators()); ++o) {
    const tfl::Operator* op = sg->operators()->Get(o);
    for (uint32_t i = 0; i < SizeOf(op->outputs()); ++i) {
      const int32_t t = op->outputs()->Get(i);
      if (InRange(t, num_tensors)) written.set(static_cast<size_t>(t));
    }
  }
  for (uint32_t t = 0; t < num_tensors; ++t) {
    const tfl::Tensor* tensor = sg->tensors()->Get(t);
    const auto* b = model->buffers()->Get(tensor->buffer());
    if (SizeOf(b->data()) != 0 || b->offset() > 1 || tensor->is_variable()) available.set(t);
  }
  for (uint32_t i = 0; i < SizeOf(sg->inputs()); ++i) {
    const int32_t t = sg->inputs()->Get(i);
    if (!InRange(t, num_tensors)) {
      return Bad("subgraph %u: input %u refers to tensor %d, out of range (%zu tensors)", s, i,
                 static_cast<int>(t), num_tensors);
    }
    available.set(static_cast<size_t>(t));
  }

  for (uint32_t o = 0; o < SizeOf(sg->operators()); ++o) {
    const tfl::Operator* op = sg->operators()->Get(o);
    if (op->opcode_index() >= num_opcodes) {
      return Bad("subgraph %u, operator %u: opcode index %u out of range (%zu operator codes)", s,
                 o, op->opcode_index(), num_opcodes);
    }
    const tfl::OperatorCode* code = model->operator_codes()->Get(op->opcode_index());
    const int32_t builtin = code->builtin_code() > code->deprecated_builtin_code()
                                ? code->builtin_code()
                                : code->deprecated_builtin_code();
    char name_buf[24];
    const char* name = builtin == static_cast<int32_t>(BuiltinOp::kCustom)
                           ? (code->custom_code() ? code->custom_code()->c_str() : "CUSTOM")
                           : BuiltinOpName(builtin, name_buf, sizeof(name_buf));
    if (builtin < 0) {
      return Bad("subgraph %u, operator %u: negative builtin code %d", s, o,
                 static_cast<int>(builtin));
    }
    if (builtin == static_cast<int32_t>(BuiltinOp::kCustom) && code->custom_code() == nullptr) {
      return Bad("subgraph %u, operator %u: custom operator without a name", s, o);
    }
    if (op->large_custom_options_offset() > 1) {
      return Status::Error(StatusCode::kUnsupported,
                           "subgraph %u, operator %u (%s): external custom options are not "
                           "supported",
                           s, o, name);
    }
    const size_t n_in = SizeOf(op->inputs());
    const size_t n_out = SizeOf(op->outputs());
    OpArity arity;
    if (LookupOpArity(builtin, &arity)) {
      if (n_in < arity.min_inputs || n_in > arity.max_inputs) {
        return Bad("subgraph %u, operator %u (%s): has %zu inputs, expected %u..%u", s, o, name,
                   n_in, arity.min_inputs, arity.max_inputs);
      }
      if (n_out < arity.min_outputs || n_out > arity.max_outputs) {
        return Bad("subgraph %u, operator %u (%s): has %zu outputs, expected %u..%u", s, o, name,
                   n_out, arity.min_outputs, arity.max_outputs);
      }
    }
    for (uint32_t i = 0; i < n_in; ++i) {
      const int32_t t = op->inputs()->Get(i);
      if (t == -1) continue;  // omitted optional input
      if (!InRange(t, num_tensors)) {
        return Bad(
            "subgraph %u, operator %u (%s): input %u refers to tensor %d, out of range "
            "(%zu tensors)",
            s, o, name, i, static_cast<int>(t), num_tensors);
      }
      if (!available.get(static_cast<size_t>(t)) && written.get(static_cast<size_t>(t))) {
        return Bad(
            "subgraph %u, operator %u (%s): input %u (tensor %d) is used before any "
            "operator produces it (graph out of order or cyclic)",
            s, o, name, i, static_cast<int>(t));
      }
    }
    for (uint32_t i = 0; i < n_out; ++i) {
      const int32_t t = op->outputs()->Get(i);
      if (!InRange(t, num_tensors)) {
        return Bad(
            "subgraph %u, operator %u (%s): output %u refers to tensor %d, out of range "
            "(%zu tensors)",
            s, o, name, i, static_cast<int>(t), num_tensors);
      }
      if (available.get(static_cast<size_t>(t)) || produced.get(static_cast<size_t>(t))) {
        return Bad(
            "subgraph %u, operator %u (%s): output %u (tensor %d) is a constant, an "
            "input, a variable or already produced by another operator",
            s, o, name, i, static_cast<int>(t));
      }
      produced.set(static_cast<size_t>(t));
    }
    for (uint32_t i = 0; i < n_out; ++i) available.set(static_cast<size_t>(op->outputs()->Get(i)));
    for (uint32_t i = 0; i < SizeOf(op->intermediates()); ++i) {
      const int32_t t = op->intermediates()->Get(i);
      if (!InRange(t, num_tensors)) {
        return Bad(
            "subgraph %u, operator %u (%s): intermediate %u refers to tensor %d, out of "
            "range",
            s, o, name, i, static_cast<int>(t));
      }
    }
  }
  for (uint32_t i = 0; i < SizeOf(sg->outputs()); ++i) {
    const int32_t t = sg->outputs()->Get(i);
    if (!InRange(t, num_tensors)) {
      return Bad("subgraph %u: output %u refers to tensor %d, out of range (%zu tensors)", s, i,
                 static_cast<int>(t), num_tensors);
    }
    if (!available.get(static_cast<size_t>(t))) {
      return Bad("subgraph %u: output %u (tensor %d) is never produced", s, i, static_cast<int>(t));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<Model> Model::Load(Span<const uint8_t> bytes) {
  if (bytes.data() == nullptr || bytes.size() < 16) {
    return Bad("model is %zu bytes, too small to be a .tflite file", bytes.size());
  }
  if (bytes.size() >= FLATBUFFERS_MAX_BUFFER_SIZE) {
    return Status::Error(StatusCode::kUnsupported, "model is %zu bytes; at most 2 GB supported",
                         bytes.size());
  }
  if (reinterpret_cast<uintptr_t>(bytes.data()) % 8 != 0) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "model bytes must be 8-byte aligned (16 recommended: alignas(16))");
  }
  flatbuffers::Verifier::Options options;
  options.max_depth = 16;        // Mote reads nothing nested deeper than 5
  options.max_tables = 1000000;  // bounds verification time
  options.check_alignment = true;
  flatbuffers::Verifier verifier(bytes.data(), bytes.size(), options);
  if (verifier.VerifyOffset(0) == 0) {
    return Bad("root offset points outside the %zu-byte buffer", bytes.size());
  }
  const tfl::Model* root = tfl::GetModel(bytes.data());
  MOTE_TRY(VerifyStructure(verifier, root));

  Model model;
  model.bytes_ = bytes;
  model.root_ = reinterpret_cast<const uint8_t*>(root);
  if (root->version() != kSchemaVersion) {
    return Status::Error(StatusCode::kUnsupported,
                         "schema version %u is not supported (expected %u)", root->version(),
                         kSchemaVersion);
  }
  const size_t num_subgraphs = SizeOf(root->subgraphs());
  if (num_subgraphs == 0) return Bad("model has no subgraphs");
  if (SizeOf(root->buffers()) == 0) return Bad("model has no buffers table");
  for (uint32_t s = 0; s < num_subgraphs; ++s) MOTE_TRY(CheckSubgraph(model, s));
  return model;
}

}  // namespace mote
