// ModelBuilder: writes .tflite flatbuffers from C++ (host only). Used by tests
// to build single-op models, by the example generator, and later by the
// trainer and quantizer to export models.
//
//   mote::host::ModelBuilder b;
//   int in  = b.AddTensor(DataType::kInt8, {1, 4}, {{0.5f}, {-3}});
//   int out = b.AddTensor(DataType::kInt8, {1, 4}, {{0.5f}, {-3}});
//   b.AddOperator(BuiltinOp::kRelu, {in}, {out});
//   b.SetInputs({in}); b.SetOutputs({out});
//   std::vector<uint8_t> bytes = b.Build();
#ifndef MOTE_HOST_TFLITE_BUILDER_MODEL_BUILDER_H_
#define MOTE_HOST_TFLITE_BUILDER_MODEL_BUILDER_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "mote/types.h"

namespace mote {
namespace host {

struct QuantParams {
  std::vector<float> scale;
  std::vector<int64_t> zero_point;
  int32_t quantized_dimension = 0;
};

// A builtin options table, written field by field (field numbers as in the
// .tflite schema). `type` is the BuiltinOptions union code (e.g. 1 = Conv2DOptions).
class Options {
 public:
  Options() = default;
  explicit Options(uint8_t type) : type_(type) {}
  Options& Int32(int field, int32_t v) { return Add(field, Kind::kInt32, &v, 4); }
  Options& Int8(int field, int8_t v) { return Add(field, Kind::kInt8, &v, 1); }
  Options& Bool(int field, bool v) {
    uint8_t b = v ? 1 : 0;
    return Add(field, Kind::kInt8, &b, 1);
  }
  Options& Float(int field, float v) { return Add(field, Kind::kFloat, &v, 4); }
  Options& Int32Vector(int field, const std::vector<int32_t>& v);
  uint8_t type() const { return type_; }

  enum class Kind { kInt32, kInt8, kFloat, kInt32Vector };
  struct Field {
    int field;
    Kind kind;
    uint8_t scalar[4];
    std::vector<int32_t> vec;
  };
  const std::vector<Field>& fields() const { return fields_; }

 private:
  Options& Add(int field, Kind kind, const void* v, size_t n) {
    Field f{field, kind, {0, 0, 0, 0}, {}};
    std::memcpy(f.scalar, v, n);
    fields_.push_back(f);
    return *this;
  }
  uint8_t type_ = 0;
  std::vector<Field> fields_;
};

class ModelBuilder {
 public:
  // Adds a constant buffer; returns its index (buffer 0 is the empty sentinel).
  int AddBuffer(const void* data, size_t bytes);

  // Activation (or variable) tensor; returns its index in the subgraph.
  int AddTensor(DataType type, const std::vector<int32_t>& shape, const QuantParams& quant = {},
                const std::string& name = "", bool is_variable = false);
  // Constant tensor with raw little-endian data.
  int AddConstTensor(DataType type, const std::vector<int32_t>& shape, const void* data,
                     size_t bytes, const QuantParams& quant = {}, const std::string& name = "");
  template <typename T>
  int AddConstTensor(DataType type, const std::vector<int32_t>& shape, const std::vector<T>& data,
                     const QuantParams& quant = {}, const std::string& name = "") {
    return AddConstTensor(type, shape, data.data(), data.size() * sizeof(T), quant, name);
  }

  // Returns the operator's index. Use -1 in inputs for an omitted optional input.
  int AddOperator(BuiltinOp op, const std::vector<int32_t>& inputs,
                  const std::vector<int32_t>& outputs, const Options& options = Options(),
                  int version = 1);
  int AddCustomOperator(const std::string& name, const std::vector<int32_t>& inputs,
                        const std::vector<int32_t>& outputs,
                        const std::vector<uint8_t>& custom_options = {});

  // Marks a tensor as a variable (state), e.g. a constant one: TFLM ignores a
  // variable's buffer, and so does Mote.
  void SetVariable(int tensor) { tensors_.at(static_cast<size_t>(tensor)).is_variable = true; }

  void SetInputs(const std::vector<int32_t>& inputs) { inputs_ = inputs; }
  void SetOutputs(const std::vector<int32_t>& outputs) { outputs_ = outputs; }
  void SetDescription(const std::string& d) { description_ = d; }

  // Serializes the model (schema version 3, identifier "TFL3").
  std::vector<uint8_t> Build() const;

 private:
  struct Tensor {
    DataType type;
    std::vector<int32_t> shape;
    int buffer;
    QuantParams quant;
    std::string name;
    bool is_variable;
  };
  struct OpCode {
    int32_t builtin;
    std::string custom;
    int version;
  };
  struct Op {
    int opcode;
    std::vector<int32_t> inputs, outputs;
    Options options;
    std::vector<uint8_t> custom_options;
  };
  int OpCodeIndex(int32_t builtin, const std::string& custom, int version);

  std::vector<std::vector<uint8_t>> buffers_{std::vector<uint8_t>()};
  std::vector<Tensor> tensors_;
  std::vector<OpCode> opcodes_;
  std::vector<Op> ops_;
  std::vector<int32_t> inputs_, outputs_;
  std::string description_ = "built by mote::host::ModelBuilder";
};

}  // namespace host
}  // namespace mote

#endif  // MOTE_HOST_TFLITE_BUILDER_MODEL_BUILDER_H_
