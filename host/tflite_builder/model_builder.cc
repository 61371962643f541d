#include "tflite_builder/model_builder.h"

#include "flatbuffers/flatbuffers.h"

namespace mote {
namespace host {
namespace {

using flatbuffers::FlatBufferBuilder;
using flatbuffers::Offset;
using flatbuffers::uoffset_t;

constexpr flatbuffers::voffset_t F(int n) { return static_cast<flatbuffers::voffset_t>(4 + 2 * n); }

}  // namespace

Options& Options::Int32Vector(int field, const std::vector<int32_t>& v) {
  Field f{field, Kind::kInt32Vector, {0, 0, 0, 0}, v};
  fields_.push_back(f);
  return *this;
}

int ModelBuilder::AddBuffer(const void* data, size_t bytes) {
  const auto* p = static_cast<const uint8_t*>(data);
  buffers_.emplace_back(p, p + bytes);
  return static_cast<int>(buffers_.size() - 1);
}

int ModelBuilder::AddTensor(DataType type, const std::vector<int32_t>& shape,
                            const QuantParams& quant, const std::string& name, bool is_variable) {
  tensors_.push_back(Tensor{type, shape, 0, quant, name, is_variable});
  return static_cast<int>(tensors_.size() - 1);
}

int ModelBuilder::AddConstTensor(DataType type, const std::vector<int32_t>& shape, const void* data,
                                 size_t bytes, const QuantParams& quant, const std::string& name) {
  const int buffer = AddBuffer(data, bytes);
  tensors_.push_back(Tensor{type, shape, buffer, quant, name, false});
  return static_cast<int>(tensors_.size() - 1);
}

int ModelBuilder::OpCodeIndex(int32_t builtin, const std::string& custom, int version) {
  for (size_t i = 0; i < opcodes_.size(); ++i) {
    if (opcodes_[i].builtin == builtin && opcodes_[i].custom == custom &&
        opcodes_[i].version == version) {
      return static_cast<int>(i);
    }
  }
  opcodes_.push_back(OpCode{builtin, custom, version});
  return static_cast<int>(opcodes_.size() - 1);
}

int ModelBuilder::AddOperator(BuiltinOp op, const std::vector<int32_t>& inputs,
                              const std::vector<int32_t>& outputs, const Options& options,
                              int version) {
  ops_.push_back(Op{OpCodeIndex(static_cast<int32_t>(op), "", version), inputs, outputs, options, {}});
  return static_cast<int>(ops_.size() - 1);
}

int ModelBuilder::AddCustomOperator(const std::string& name, const std::vector<int32_t>& inputs,
                                    const std::vector<int32_t>& outputs,
                                    const std::vector<uint8_t>& custom_options) {
  ops_.push_back(Op{OpCodeIndex(static_cast<int32_t>(BuiltinOp::kCustom), name, 1), inputs, outputs,
                    Options(), custom_options});
  return static_cast<int>(ops_.size() - 1);
}

std::vector<uint8_t> ModelBuilder::Build() const {
  FlatBufferBuilder fbb(1024);
  fbb.ForceDefaults(true);

  // Buffers (data 16-byte aligned, as the schema asks).
  std::vector<Offset<void>> buffers;
  for (const auto& data : buffers_) {
    Offset<flatbuffers::Vector<uint8_t>> vec;
    if (!data.empty()) {
      fbb.ForceVectorAlignment(data.size(), 1, 16);
      vec = fbb.CreateVector(data);
    }
    const uoffset_t start = fbb.StartTable();
    if (!data.empty()) fbb.AddOffset(F(0), vec);
    buffers.push_back(Offset<void>(fbb.EndTable(start)));
  }

  // Tensors.
  std::vector<Offset<void>> tensors;
  for (const Tensor& t : tensors_) {
    auto shape = fbb.CreateVector(t.shape);
    auto name = fbb.CreateString(t.name);
    Offset<void> quant;
    const bool has_quant = !t.quant.scale.empty() || !t.quant.zero_point.empty();
    if (has_quant) {
      auto scale = fbb.CreateVector(t.quant.scale);
      auto zp = fbb.CreateVector(t.quant.zero_point);
      const uoffset_t qs = fbb.StartTable();
      fbb.AddOffset(F(2), scale);
      fbb.AddOffset(F(3), zp);
      fbb.AddElement<int32_t>(F(6), t.quant.quantized_dimension, 0);
      quant = Offset<void>(fbb.EndTable(qs));
    }
    const uoffset_t start = fbb.StartTable();
    fbb.AddOffset(F(0), shape);
    fbb.AddElement<int8_t>(F(1), static_cast<int8_t>(t.type), 0);
    fbb.AddElement<uint32_t>(F(2), static_cast<uint32_t>(t.buffer), 0);
    fbb.AddOffset(F(3), name);
    if (has_quant) fbb.AddOffset(F(4), quant);
    if (t.is_variable) fbb.AddElement<uint8_t>(F(5), 1, 0);
    tensors.push_back(Offset<void>(fbb.EndTable(start)));
  }

  // Operators.
  std::vector<Offset<void>> ops;
  for (const Op& op : ops_) {
    auto inputs = fbb.CreateVector(op.inputs);
    auto outputs = fbb.CreateVector(op.outputs);
    Offset<void> options;
    const bool has_options = op.options.type() != 0;
    if (has_options) {
      std::vector<std::pair<int, Offset<flatbuffers::Vector<int32_t>>>> vectors;
      for (const auto& f : op.options.fields()) {
        if (f.kind == Options::Kind::kInt32Vector) vectors.emplace_back(f.field, fbb.CreateVector(f.vec));
      }
      const uoffset_t os = fbb.StartTable();
      for (const auto& f : op.options.fields()) {
        switch (f.kind) {
          case Options::Kind::kInt32: {
            int32_t v;
            std::memcpy(&v, f.scalar, 4);
            fbb.AddElement<int32_t>(F(f.field), v, 0);
            break;
          }
          case Options::Kind::kFloat: {
            float v;
            std::memcpy(&v, f.scalar, 4);
            fbb.AddElement<float>(F(f.field), v, 0.0f);
            break;
          }
          case Options::Kind::kInt8:
            fbb.AddElement<int8_t>(F(f.field), static_cast<int8_t>(f.scalar[0]), 0);
            break;
          case Options::Kind::kInt32Vector:
            break;
        }
      }
      for (const auto& v : vectors) fbb.AddOffset(F(v.first), v.second);
      options = Offset<void>(fbb.EndTable(os));
    }
    Offset<flatbuffers::Vector<uint8_t>> custom;
    if (!op.custom_options.empty()) custom = fbb.CreateVector(op.custom_options);
    const uoffset_t start = fbb.StartTable();
    fbb.AddElement<uint32_t>(F(0), static_cast<uint32_t>(op.opcode), 0);
    fbb.AddOffset(F(1), inputs);
    fbb.AddOffset(F(2), outputs);
    if (has_options) {
      fbb.AddElement<uint8_t>(F(3), op.options.type(), 0);
      fbb.AddOffset(F(4), options);
    }
    if (!op.custom_options.empty()) fbb.AddOffset(F(5), custom);
    ops.push_back(Offset<void>(fbb.EndTable(start)));
  }

  // Subgraph.
  auto tensors_vec = fbb.CreateVector(tensors);
  auto inputs_vec = fbb.CreateVector(inputs_);
  auto outputs_vec = fbb.CreateVector(outputs_);
  auto ops_vec = fbb.CreateVector(ops);
  auto sg_name = fbb.CreateString("main");
  const uoffset_t sgs = fbb.StartTable();
  fbb.AddOffset(F(0), tensors_vec);
  fbb.AddOffset(F(1), inputs_vec);
  fbb.AddOffset(F(2), outputs_vec);
  fbb.AddOffset(F(3), ops_vec);
  fbb.AddOffset(F(4), sg_name);
  std::vector<Offset<void>> subgraphs{Offset<void>(fbb.EndTable(sgs))};

  // Operator codes.
  std::vector<Offset<void>> codes;
  for (const OpCode& c : opcodes_) {
    Offset<flatbuffers::String> custom;
    if (!c.custom.empty()) custom = fbb.CreateString(c.custom);
    const uoffset_t cs = fbb.StartTable();
    fbb.AddElement<int8_t>(F(0), static_cast<int8_t>(c.builtin < 127 ? c.builtin : 127), 0);
    if (!c.custom.empty()) fbb.AddOffset(F(1), custom);
    fbb.AddElement<int32_t>(F(2), c.version, 1);
    fbb.AddElement<int32_t>(F(3), c.builtin, 0);
    codes.push_back(Offset<void>(fbb.EndTable(cs)));
  }

  auto codes_vec = fbb.CreateVector(codes);
  auto subgraphs_vec = fbb.CreateVector(subgraphs);
  auto description = fbb.CreateString(description_);
  auto buffers_vec = fbb.CreateVector(buffers);
  const uoffset_t ms = fbb.StartTable();
  fbb.AddElement<uint32_t>(F(0), 3, 0);
  fbb.AddOffset(F(1), codes_vec);
  fbb.AddOffset(F(2), subgraphs_vec);
  fbb.AddOffset(F(3), description);
  fbb.AddOffset(F(4), buffers_vec);
  fbb.Finish(Offset<void>(fbb.EndTable(ms)), "TFL3");
  return std::vector<uint8_t>(fbb.GetBufferPointer(), fbb.GetBufferPointer() + fbb.GetSize());
}

}  // namespace host
}  // namespace mote
