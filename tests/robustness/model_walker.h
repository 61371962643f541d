// Internal to the malformed-model generator: a bounds-checked walk over a
// .tflite flatbuffer that records where every table, field, offset and vector
// of the parts Mote reads lives, so that bytes can be patched in place.
#ifndef MOTE_TESTS_ROBUSTNESS_MODEL_WALKER_H_
#define MOTE_TESTS_ROBUSTNESS_MODEL_WALKER_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <utility>
#include <vector>

namespace mote {
namespace robustness {

// Raw reader over the flatbuffer bytes: every read is bounds-checked (reads
// outside give 0), since the walker runs on valid models only but must not
// itself misbehave if a table is odd.
class Fb {
 public:
  explicit Fb(const std::vector<uint8_t>& b) : b_(b) {}
  uint32_t U32(size_t p) const { return Read<uint32_t>(p); }
  int32_t I32(size_t p) const { return Read<int32_t>(p); }
  uint16_t U16(size_t p) const { return Read<uint16_t>(p); }
  size_t size() const { return b_.size(); }
  // Position of field n's value in the table at t, or 0 if absent.
  size_t Field(size_t t, int n) const {
    const size_t vt = static_cast<size_t>(static_cast<int64_t>(t) - I32(t));
    const size_t vo = 4 + 2 * static_cast<size_t>(n);
    if (vo + 2 > U16(vt)) return 0;
    const uint16_t off = U16(vt + vo);
    return off == 0 ? 0 : t + off;
  }
  size_t Deref(size_t p) const { return p + U32(p); }
  // Position of the length word of vector field n, or 0 if absent.
  size_t VecField(size_t t, int n) const {
    const size_t p = Field(t, n);
    return p == 0 ? 0 : Deref(p);
  }
  uint32_t Len(size_t vec) const { return vec == 0 ? 0 : U32(vec); }

 private:
  template <typename T>
  T Read(size_t p) const {
    T v{};
    if (p + sizeof(T) <= b_.size()) std::memcpy(&v, b_.data() + p, sizeof(T));
    return v;
  }
  const std::vector<uint8_t>& b_;
};

struct TensorInfo {
  size_t table = 0, shape = 0, type_pos = 0, buffer_pos = 0, quant = 0;
  int8_t type = 0;
  uint32_t buffer = 0;
  bool constant = false;
};
struct OpInfo {
  size_t table = 0, opcode_pos = 0, inputs = 0, outputs = 0, options_type_pos = 0, options = 0;
  int32_t builtin = 0;
  uint8_t options_type = 0;
};
struct SubgraphInfo {
  size_t table = 0, tensors = 0, inputs = 0, outputs = 0, operators = 0;
  std::vector<TensorInfo> tensors_info;
  std::vector<OpInfo> ops;
};
struct ModelInfo {
  size_t root = 0;
  std::vector<size_t> opcodes, buffers, buffer_data;
  std::vector<int32_t> opcode_builtin;
  std::vector<SubgraphInfo> subgraphs;
  std::vector<size_t> offset_fields;               // positions holding a uoffset
  std::vector<std::pair<size_t, size_t>> vectors;  // (length word position, element size)
  std::vector<size_t> tables;
  std::vector<bool> opcode_used;
  size_t extent = 0;  // end of the last byte any walked table, vtable or vector uses
};

class Walker {
 public:
  explicit Walker(const std::vector<uint8_t>& b) : fb_(b) {}

  ModelInfo Walk() {
    m_.root = fb_.U32(0);
    m_.offset_fields.push_back(0);
    Table(m_.root);
    for (int f : {1, 2, 3, 4}) Offset(m_.root, f);
    for (size_t oc : TableVector(m_.root, 1)) {
      m_.opcodes.push_back(oc);
      Table(oc);
      Offset(oc, 1);
      Vec(oc, 1, 1);
      const size_t d = fb_.Field(oc, 0), c = fb_.Field(oc, 3);
      const int32_t dep = d ? static_cast<int8_t>(fb_.U32(d) & 0xff) : 0;
      const int32_t code = c ? fb_.I32(c) : 0;
      m_.opcode_builtin.push_back(std::max(dep, code));
    }
    for (size_t b : TableVector(m_.root, 4)) {
      m_.buffers.push_back(b);
      Table(b);
      Offset(b, 0);
      const size_t data = Vec(b, 0, 1);
      m_.buffer_data.push_back(data);
    }
    m_.opcode_used.assign(m_.opcodes.size(), false);
    for (size_t sg : TableVector(m_.root, 2)) m_.subgraphs.push_back(Subgraph(sg));
    return m_;
  }

 private:
  void Table(size_t t) {
    m_.tables.push_back(t);
    const size_t vt = static_cast<size_t>(static_cast<int64_t>(t) - fb_.I32(t));
    Extent(t + fb_.U16(vt + 2));
    Extent(vt + fb_.U16(vt));
  }
  void Extent(size_t end) { m_.extent = std::max(m_.extent, end); }
  void Offset(size_t t, int n) {
    if (const size_t p = fb_.Field(t, n)) m_.offset_fields.push_back(p);
  }
  size_t Vec(size_t t, int n, size_t elem) {
    const size_t v = fb_.VecField(t, n);
    if (v) {
      m_.vectors.push_back({v, elem});
      Extent(v + 4 + fb_.Len(v) * elem + (elem == 1 ? 1 : 0));  // strings end with a NUL
    }
    return v;
  }
  std::vector<size_t> TableVector(size_t t, int n) {
    std::vector<size_t> out;
    const size_t v = Vec(t, n, 4);
    for (uint32_t i = 0; i < fb_.Len(v); ++i) {
      const size_t e = v + 4 + 4 * static_cast<size_t>(i);
      m_.offset_fields.push_back(e);
      out.push_back(fb_.Deref(e));
    }
    return out;
  }
  SubgraphInfo Subgraph(size_t sg) {
    SubgraphInfo s;
    s.table = sg;
    Table(sg);
    for (int f : {0, 1, 2, 3, 4}) Offset(sg, f);
    Vec(sg, 4, 1);
    s.inputs = Vec(sg, 1, 4);
    s.outputs = Vec(sg, 2, 4);
    for (size_t t : TableVector(sg, 0)) {
      TensorInfo ti;
      ti.table = t;
      Table(t);
      for (int f : {0, 3, 4}) Offset(t, f);
      Vec(t, 3, 1);
      ti.shape = Vec(t, 0, 4);
      ti.type_pos = fb_.Field(t, 1);
      ti.type = ti.type_pos ? static_cast<int8_t>(fb_.U32(ti.type_pos) & 0xff) : 0;
      ti.buffer_pos = fb_.Field(t, 2);
      ti.buffer = ti.buffer_pos ? fb_.U32(ti.buffer_pos) : 0;
      ti.constant = ti.buffer < m_.buffer_data.size() && fb_.Len(m_.buffer_data[ti.buffer]) != 0;
      if (const size_t q = fb_.Field(t, 4)) {
        ti.quant = fb_.Deref(q);
        Table(ti.quant);
        for (int f : {0, 1, 2, 3}) Offset(ti.quant, f);
        Vec(ti.quant, 0, 4);
        Vec(ti.quant, 1, 4);
        Vec(ti.quant, 2, 4);
        Vec(ti.quant, 3, 8);
      }
      s.tensors_info.push_back(ti);
    }
    s.tensors = fb_.VecField(sg, 0);
    s.operators = fb_.VecField(sg, 3);
    for (size_t o : TableVector(sg, 3)) {
      OpInfo op;
      op.table = o;
      Table(o);
      for (int f : {1, 2, 4, 5, 8}) Offset(o, f);
      op.opcode_pos = fb_.Field(o, 0);
      const uint32_t opcode = op.opcode_pos ? fb_.U32(op.opcode_pos) : 0;
      op.builtin = opcode < m_.opcode_builtin.size() ? m_.opcode_builtin[opcode] : -1;
      if (opcode < m_.opcode_used.size()) m_.opcode_used[opcode] = true;
      op.inputs = Vec(o, 1, 4);
      op.outputs = Vec(o, 2, 4);
      Vec(o, 5, 1);
      Vec(o, 8, 4);
      op.options_type_pos = fb_.Field(o, 3);
      op.options_type =
          op.options_type_pos ? static_cast<uint8_t>(fb_.U32(op.options_type_pos)) : 0;
      if (const size_t p = fb_.Field(o, 4)) {
        op.options = fb_.Deref(p);
        Table(op.options);
      }
      s.ops.push_back(op);
    }
    return s;
  }

  Fb fb_;
  ModelInfo m_;
};

}  // namespace robustness
}  // namespace mote

#endif  // MOTE_TESTS_ROBUSTNESS_MODEL_WALKER_H_
