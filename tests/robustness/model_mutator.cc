#include "robustness/model_mutator.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "model/op_arity.h"
#include "robustness/model_walker.h"

namespace mote {
namespace robustness {
namespace {

// Builds the variants; each Add* call records one.
class Generator {
 public:
  Generator(const std::vector<uint8_t>& model, size_t max_per_class)
      : model_(model), fb_(model_), max_(max_per_class) {
    info_ = Walker(model_).Walk();
  }

  std::vector<Variant> Run() {
    Truncation();
    OffsetsAndVectors();
    Tables();
    Tensors();
    Quantization();
    OperatorCodes();
    Operators();
    Graph();
    return std::move(out_);
  }

 private:
  struct Patch {
    size_t pos;
    std::vector<uint8_t> bytes;
  };
  template <typename T>
  static Patch P(size_t pos, T value) {
    Patch p{pos, std::vector<uint8_t>(sizeof(T))};
    std::memcpy(p.bytes.data(), &value, sizeof(T));
    return p;
  }

  // Candidates are collected per class, then thinned to max_ evenly.
  struct Candidate {
    std::string what;
    std::vector<Patch> patches;
    size_t truncate = 0;  // 0 = keep size
  };
  void Emit(const std::string& cls, Expect expect, const std::vector<std::string>& needles,
            const std::vector<Candidate>& cands) {
    if (cands.empty()) return;
    const size_t n = std::min(cands.size(), max_);
    for (size_t k = 0; k < n; ++k) {
      const Candidate& c = cands[k * cands.size() / n];
      Variant v;
      v.cls = cls;
      v.what = c.what;
      v.expect = expect;
      v.needles = needles;
      v.bytes = model_;
      if (c.truncate != 0 || c.what.rfind("truncate", 0) == 0) v.bytes.resize(c.truncate);
      for (const Patch& p : c.patches) {
        if (p.pos + p.bytes.size() <= v.bytes.size()) {
          std::copy(p.bytes.begin(), p.bytes.end(), v.bytes.begin() + static_cast<long>(p.pos));
        }
      }
      out_.push_back(std::move(v));
    }
  }
  static uint64_t ElementSize(int8_t type) {
    switch (type) {
      case 0:
      case 2:
      case 15:
        return 4;  // float32, int32, uint32
      case 1:
      case 7:
      case 16:
        return 2;  // float16, int16, uint16
      case 4:
      case 10:
      case 12:
        return 8;  // int64, float64, uint64
      default:
        return 1;
    }
  }
  static std::string S(size_t v) { return std::to_string(v); }
  std::string TensorName(size_t s, size_t t) const {
    return "subgraph " + S(s) + " tensor " + S(t);
  }
  std::string OpName(size_t s, size_t o) const { return "subgraph " + S(s) + " op " + S(o); }

  void Truncation() {
    std::vector<Candidate> c;
    const size_t size = model_.size();
    // Every length for small models; the thinning keeps an even spread, and
    // the last few bytes are always included.
    // Cuts into bytes the model uses must be rejected; bytes past the last
    // used one (padding, unread metadata) may go.
    const size_t extent = std::min(info_.extent, size);
    for (size_t n = 0; n < extent; ++n) c.push_back({"truncate to " + S(n), {}, n});
    Emit("truncation", Expect::kRejectAtLoad, {"outside", "too small"}, c);
    std::vector<Candidate> tail, unused;
    for (size_t n = extent > 8 ? extent - 8 : 0; n < extent; ++n) {
      tail.push_back({"truncate to " + S(n), {}, n});
    }
    Emit("truncation_tail", Expect::kRejectAtLoad, {"outside", "too small"}, tail);
    for (size_t n = extent; n < size; ++n) unused.push_back({"truncate to " + S(n), {}, n});
    Emit("truncation_unused_tail", Expect::kNoCrash, {}, unused);
  }

  void OffsetsAndVectors() {
    std::vector<Candidate> c;
    const size_t size = model_.size();
    for (size_t p : info_.offset_fields) {
      c.push_back({"offset at " + S(p) + " points past the end",
                   {P<uint32_t>(p, static_cast<uint32_t>(size - p + 4))}});
      c.push_back({"offset at " + S(p) + " = 0x7ffffff0", {P<uint32_t>(p, 0x7ffffff0u)}});
    }
    Emit("offset_outside", Expect::kRejectAtLoad, {"outside"}, c);
    std::vector<Candidate> v;
    for (const auto& [pos, elem] : info_.vectors) {
      const uint32_t past = static_cast<uint32_t>((size - pos) / elem + 1);
      v.push_back({"vector at " + S(pos) + " length " + S(past), {P<uint32_t>(pos, past)}});
      v.push_back({"vector at " + S(pos) + " length 0x3fffffff", {P<uint32_t>(pos, 0x3fffffff)}});
      v.push_back({"vector at " + S(pos) + " length 0xffffffff", {P<uint32_t>(pos, 0xffffffffu)}});
    }
    Emit("vector_length_outside", Expect::kRejectAtLoad, {"outside"}, v);
  }

  void Tables() {
    std::vector<Candidate> c, sizes;
    const size_t size = model_.size();
    for (size_t t : info_.tables) {
      c.push_back({"table at " + S(t) + ": vtable offset huge", {P<int32_t>(t, 0x7ffffff0)}});
      c.push_back({"table at " + S(t) + ": vtable past the end",
                   {P<int32_t>(t, static_cast<int32_t>(t) - static_cast<int32_t>(size) - 2)}});
      const size_t vt = static_cast<size_t>(static_cast<int64_t>(t) - fb_.I32(t));
      c.push_back({"table at " + S(t) + ": vtable size 0xfffe", {P<uint16_t>(vt, 0xfffe)}});
      // The inline-size word is not used by readers (every field is checked
      // on its own), so a wrong one may be accepted, but never crash.
      sizes.push_back({"table at " + S(t) + ": table size 0xfffe", {P<uint16_t>(vt + 2, 0xfffe)}});
    }
    Emit("table_outside", Expect::kRejectAtLoad, {"outside"}, c);
    Emit("table_size_field", Expect::kNoCrash, {}, sizes);
  }

  void Tensors() {
    std::vector<Candidate> buf, type, neg, huge, huge_fits, ovf32, ovf64, zero_const, zero_act,
        short_buf;
    const size_t num_buffers = info_.buffers.size();
    std::vector<bool> buffer_done(num_buffers, false);
    for (size_t s = 0; s < info_.subgraphs.size(); ++s) {
      const SubgraphInfo& sg = info_.subgraphs[s];
      for (size_t t = 0; t < sg.tensors_info.size(); ++t) {
        const TensorInfo& ti = sg.tensors_info[t];
        const std::string name = TensorName(s, t);
        if (ti.buffer_pos) {
          buf.push_back({name + ": buffer = " + S(num_buffers),
                         {P<uint32_t>(ti.buffer_pos, static_cast<uint32_t>(num_buffers))}});
          buf.push_back({name + ": buffer = 0xffffffff", {P<uint32_t>(ti.buffer_pos, ~0u)}});
          buf.push_back({name + ": buffer = 0x80000000 (negative as int32)",
                         {P<uint32_t>(ti.buffer_pos, 0x80000000u)}});
        }
        if (ti.type_pos) {
          type.push_back({name + ": type = 100", {P<int8_t>(ti.type_pos, 100)}});
          type.push_back({name + ": type = -1", {P<int8_t>(ti.type_pos, -1)}});
        }
        const uint32_t rank = fb_.Len(ti.shape);
        for (uint32_t d = 0; d < rank; ++d) {
          const size_t p = ti.shape + 4 + 4 * d;
          const std::string dn = name + " dim " + S(d);
          neg.push_back({dn + " = -1", {P<int32_t>(p, -1)}});
          neg.push_back(
              {dn + " = INT32_MIN", {P<int32_t>(p, std::numeric_limits<int32_t>::min())}});
          (ti.constant ? zero_const : zero_act).push_back({dn + " = 0", {P<int32_t>(p, 0)}});
          uint64_t rest = ElementSize(ti.type);
          for (uint32_t e = 0; e < rank; ++e) {
            if (e != d) rest *= static_cast<uint64_t>(std::max(fb_.I32(ti.shape + 4 + 4 * e), 0));
          }
          (rest >= 2 ? huge : huge_fits)
              .push_back({dn + " = 0x7fffffff", {P<int32_t>(p, 0x7fffffff)}});
        }
        if (rank >= 2) {
          Candidate c32{name + ": every dim = 65536 (product >= 2^32)", {}};
          Candidate c64{name + ": every dim = 0x7fffffff (product >= 2^62)", {}};
          for (uint32_t d = 0; d < rank; ++d) {
            c32.patches.push_back(P<int32_t>(ti.shape + 4 + 4 * d, 65536));
            c64.patches.push_back(P<int32_t>(ti.shape + 4 + 4 * d, 0x7fffffff));
          }
          ovf32.push_back(c32);
          ovf64.push_back(c64);
        }
        if (ti.constant && !buffer_done[ti.buffer]) {
          buffer_done[ti.buffer] = true;
          const size_t data = info_.buffer_data[ti.buffer];
          const uint32_t len = fb_.Len(data);
          short_buf.push_back({"buffer " + S(ti.buffer) + " (" + name + ") length " + S(len - 1),
                               {P<uint32_t>(data, len - 1)}});
          if (len > 4) {
            short_buf.push_back({"buffer " + S(ti.buffer) + " (" + name + ") length " + S(len / 2),
                                 {P<uint32_t>(data, len / 2)}});
          }
        }
      }
    }
    Emit("tensor_buffer_index", Expect::kRejectAtLoad, {"buffer index"}, buf);
    Emit("tensor_type", Expect::kRejectAtLoad, {"unknown type code"}, type);
    Emit("shape_negative", Expect::kRejectAtLoad, {"negative"}, neg);
    // One dimension = INT32_MAX: more than 2 GB unless the other dimensions
    // and the element size are all 1 (then it fits, and an unused tensor may
    // even be accepted: no memory is planned for it).
    Emit("shape_huge", Expect::kRejectAtLoad, {"too large"}, huge);
    Emit("shape_huge_fits_2gb", Expect::kNoCrash, {}, huge_fits);
    Emit("shape_overflow_32bit", Expect::kRejectAtLoad, {"too large"}, ovf32);
    Emit("shape_overflow_64bit", Expect::kRejectAtLoad, {"too large"}, ovf64);
    // A constant buffer longer than its (now empty) shape loads, as in TFLite;
    // the op's Prepare refuses an empty filter or shape where it matters.
    Emit("shape_zero_constant", Expect::kNoCrash, {}, zero_const);
    Emit("shape_zero_activation", Expect::kNoCrash, {}, zero_act);
    Emit("buffer_shorter_than_shape", Expect::kRejectAtLoad, {"holds"}, short_buf);
  }

  void Quantization() {
    std::vector<Candidate> zp_len, scale_len, scale_bad, scale_zero, axis;
    for (size_t s = 0; s < info_.subgraphs.size(); ++s) {
      const SubgraphInfo& sg = info_.subgraphs[s];
      for (size_t t = 0; t < sg.tensors_info.size(); ++t) {
        const TensorInfo& ti = sg.tensors_info[t];
        if (ti.quant == 0) continue;
        const std::string name = TensorName(s, t);
        const size_t scale = fb_.VecField(ti.quant, 2);
        const size_t zp = fb_.VecField(ti.quant, 3);
        const uint32_t ns = fb_.Len(scale), nz = fb_.Len(zp);
        if (ns == 0 || ns != nz) continue;
        zp_len.push_back({name + ": zero_point length " + S(nz - 1), {P<uint32_t>(zp, nz - 1)}});
        scale_len.push_back({name + ": scale length " + S(ns + 1), {P<uint32_t>(scale, ns + 1)}});
        scale_len.push_back({name + ": scale length 0", {P<uint32_t>(scale, 0)}});
        // int8 (9), uint8 (3), int16 (7): scales must be finite and not
        // negative. Zero loads (an all-zero weight channel); kernels that
        // divide by an activation scale refuse it in Prepare.
        if (ti.type == 9 || ti.type == 3 || ti.type == 7) {
          const size_t p = scale + 4 + 4 * (ns - 1);
          scale_zero.push_back({name + ": scale 0", {P<float>(p, 0.0f)}});
          scale_bad.push_back({name + ": scale -1", {P<float>(p, -1.0f)}});
          scale_bad.push_back(
              {name + ": scale NaN", {P<float>(p, std::numeric_limits<float>::quiet_NaN())}});
          scale_bad.push_back(
              {name + ": scale inf", {P<float>(p, std::numeric_limits<float>::infinity())}});
        }
        const size_t qd = fb_.Field(ti.quant, 6);
        if (qd && ns > 1) {
          const uint32_t rank = fb_.Len(ti.shape);
          axis.push_back({name + ": quantized_dimension " + S(rank),
                          {P<int32_t>(qd, static_cast<int32_t>(rank))}});
          axis.push_back({name + ": quantized_dimension -1", {P<int32_t>(qd, -1)}});
        }
      }
    }
    // Zero point counts and quantized_dimension are not load errors (TFLM
    // reads neither strictly); kernels check the scale counts they index.
    Emit("quant_zero_point_length", Expect::kNoCrash, {}, zp_len);
    Emit("quant_scale_length", Expect::kNoCrash, {}, scale_len);
    Emit("quant_bad_scale", Expect::kRejectAtLoad, {"quantization scale"}, scale_bad);
    Emit("quant_zero_scale", Expect::kNoCrash, {}, scale_zero);
    Emit("quant_axis_out_of_range", Expect::kNoCrash, {}, axis);
  }

  void OperatorCodes() {
    std::vector<Candidate> unknown, negative, custom_nameless, custom_unknown;
    for (size_t i = 0; i < info_.opcodes.size(); ++i) {
      if (!info_.opcode_used[i]) continue;  // a code no operator uses is never resolved
      const size_t oc = info_.opcodes[i];
      const std::string name = "operator code " + S(i);
      const size_t dep = fb_.Field(oc, 0), code = fb_.Field(oc, 3);
      if (code) {
        unknown.push_back({name + ": builtin_code 9999", {P<int32_t>(code, 9999)}});
        std::vector<Patch> neg{P<int32_t>(code, -5)};
        if (dep) neg.push_back(P<int8_t>(dep, -5));
        negative.push_back({name + ": builtin_code -5", neg});
        if (fb_.Field(oc, 1) == 0) {
          std::vector<Patch> p{P<int32_t>(code, 32)};
          if (dep) p.push_back(P<int8_t>(dep, 32));
          custom_nameless.push_back({name + ": CUSTOM without a name", p});
        }
      } else if (dep) {
        // 127 is the schema's placeholder, not an operator.
        unknown.push_back({name + ": deprecated_builtin_code 127", {P<int8_t>(dep, 127)}});
      }
      if (const size_t str = fb_.VecField(oc, 1); str && fb_.Len(str) > 0) {
        custom_unknown.push_back({name + ": custom name changed", {P<uint8_t>(str + 4, '~')}});
      }
    }
    Emit("unknown_builtin_op", Expect::kRejectBeforeRun, {"not supported"}, unknown);
    Emit("negative_builtin_op", Expect::kRejectAtLoad, {"negative builtin code"}, negative);
    Emit("custom_op_without_name", Expect::kRejectAtLoad, {"without a name"}, custom_nameless);
    Emit("unknown_custom_op", Expect::kRejectBeforeRun, {"not supported"}, custom_unknown);
  }

  void Operators() {
    std::vector<Candidate> opcode, in_idx, out_idx, omitted0, omitted_other, few, many, no_out,
        wrong_options, no_options, option_values;
    const uint32_t num_opcodes = static_cast<uint32_t>(info_.opcodes.size());
    for (size_t s = 0; s < info_.subgraphs.size(); ++s) {
      const SubgraphInfo& sg = info_.subgraphs[s];
      const int32_t nt = static_cast<int32_t>(sg.tensors_info.size());
      for (size_t o = 0; o < sg.ops.size(); ++o) {
        const OpInfo& op = sg.ops[o];
        const std::string name = OpName(s, o);
        if (op.opcode_pos) {
          opcode.push_back({name + ": opcode_index " + S(num_opcodes),
                            {P<uint32_t>(op.opcode_pos, num_opcodes)}});
          opcode.push_back({name + ": opcode_index 0xffffffff", {P<uint32_t>(op.opcode_pos, ~0u)}});
        }
        const uint32_t n_in = fb_.Len(op.inputs), n_out = fb_.Len(op.outputs);
        for (uint32_t i = 0; i < n_in; ++i) {
          const size_t p = op.inputs + 4 + 4 * i;
          const std::string in = name + " input " + S(i);
          in_idx.push_back({in + " = " + S(static_cast<size_t>(nt)), {P<int32_t>(p, nt)}});
          in_idx.push_back({in + " = -2", {P<int32_t>(p, -2)}});
          in_idx.push_back(
              {in + " = INT32_MIN", {P<int32_t>(p, std::numeric_limits<int32_t>::min())}});
          if (fb_.I32(p) >= 0) {
            // TRANSPOSE_CONV's input 0 (the output shape) is optional in Mote.
            const bool required = i == 0 && op.builtin != 67;
            (required ? omitted0 : omitted_other)
                .push_back({in + " = -1 (omitted)", {P<int32_t>(p, -1)}});
          }
        }
        for (uint32_t i = 0; i < n_out; ++i) {
          const size_t p = op.outputs + 4 + 4 * i;
          out_idx.push_back(
              {name + " output " + S(i) + " = " + S(static_cast<size_t>(nt)), {P<int32_t>(p, nt)}});
          out_idx.push_back({name + " output " + S(i) + " = -1", {P<int32_t>(p, -1)}});
        }
        if (n_in > 0) few.push_back({name + ": 0 inputs", {P<uint32_t>(op.inputs, 0)}});
        if (n_out > 0) no_out.push_back({name + ": 0 outputs", {P<uint32_t>(op.outputs, 0)}});
        OpArity arity;
        if (n_in > 0 && LookupOpArity(op.builtin, &arity) && arity.max_inputs < 0xffff) {
          // One more input than the op takes: the vector's last element is
          // repeated by shifting the length; the extra index is whatever
          // follows, so expect the arity error or an index error.
          many.push_back({name + ": " + S(arity.max_inputs + 1u) + " inputs",
                          {P<uint32_t>(op.inputs, arity.max_inputs + 1u)}});
        }
        uint8_t expected = 0;
        if (op.options_type_pos && op.options_type != 0 &&
            LookupOptionsType(op.builtin, &expected)) {
          const uint8_t other = expected == 1 ? 5 : 1;
          wrong_options.push_back(
              {name + ": options type " + S(other), {P<uint8_t>(op.options_type_pos, other)}});
          no_options.push_back(
              {name + ": options type 0 (none)", {P<uint8_t>(op.options_type_pos, 0)}});
        }
        if (op.options) {
          // Every scalar field of the options table set to hostile values:
          // stride/dilation 0, axis out of range, unknown padding/activation...
          const size_t vt =
              static_cast<size_t>(static_cast<int64_t>(op.options) - fb_.I32(op.options));
          const uint16_t vsize = fb_.U16(vt);
          for (size_t vo = 4; vo + 2 <= vsize; vo += 2) {
            const uint16_t off = fb_.U16(vt + vo);
            if (off == 0) continue;
            const size_t p = op.options + off;
            const std::string f = name + " options field " + S((vo - 4) / 2);
            for (int32_t v : {0, -1, 127, 0x7fffffff, std::numeric_limits<int32_t>::min()}) {
              option_values.push_back({f + " = " + std::to_string(v) + " (1 byte)",
                                       {P<int8_t>(p, static_cast<int8_t>(v))}});
              if (off % 4 == 0 && off + 4 <= fb_.U16(vt + 2)) {
                option_values.push_back(
                    {f + " = " + std::to_string(v) + " (4 bytes)", {P<int32_t>(p, v)}});
              }
            }
          }
        }
      }
    }
    Emit("opcode_index", Expect::kRejectAtLoad, {"opcode index"}, opcode);
    Emit("op_input_index", Expect::kRejectAtLoad, {"out of range"}, in_idx);
    Emit("op_output_index", Expect::kRejectAtLoad, {"out of range"}, out_idx);
    Emit("op_required_input_omitted", Expect::kRejectBeforeRun, {}, omitted0);
    Emit("op_other_input_omitted", Expect::kNoCrash, {}, omitted_other);
    Emit("op_too_few_inputs", Expect::kRejectBeforeRun, {"input"}, few);
    Emit("op_too_many_inputs", Expect::kRejectAtLoad,
         {"inputs, expected", "out of range", "used before", "outside"}, many);
    // Either the op's arity check or the next op's use of the missing output.
    Emit("op_no_outputs", Expect::kRejectBeforeRun, {"output", "used before", "never produced"},
         no_out);
    // As in TFLM, options of the wrong type are absent: the op's defaults.
    Emit("op_options_wrong_type", Expect::kNoCrash, {}, wrong_options);
    Emit("op_options_missing", Expect::kNoCrash, {}, no_options);
    Emit("op_option_values", Expect::kNoCrash, {}, option_values);
  }

  void Graph() {
    std::vector<Candidate> io, self, order;
    for (size_t s = 0; s < info_.subgraphs.size(); ++s) {
      const SubgraphInfo& sg = info_.subgraphs[s];
      const int32_t nt = static_cast<int32_t>(sg.tensors_info.size());
      for (size_t vec : {sg.inputs, sg.outputs}) {
        const char* what = vec == sg.inputs ? " input " : " output ";
        for (uint32_t i = 0; i < fb_.Len(vec); ++i) {
          const size_t p = vec + 4 + 4 * i;
          io.push_back({"subgraph " + S(s) + what + S(i) + " = " + S(static_cast<size_t>(nt)),
                        {P<int32_t>(p, nt)}});
          io.push_back({"subgraph " + S(s) + what + S(i) + " = -1", {P<int32_t>(p, -1)}});
        }
      }
      for (size_t o = 0; o < sg.ops.size(); ++o) {
        const OpInfo& op = sg.ops[o];
        if (fb_.Len(op.inputs) == 0 || fb_.Len(op.outputs) == 0) continue;
        self.push_back({OpName(s, o) + ": input 0 = its own output 0",
                        {P<int32_t>(op.inputs + 4, fb_.I32(op.outputs + 4))}});
        // Swap this op with the next when the next consumes this op's output.
        if (o + 1 < sg.ops.size() && Consumes(sg.ops[o + 1], op)) {
          const size_t a = sg.operators + 4 + 4 * o, b = a + 4;
          const size_t ta = fb_.Deref(a), tb = fb_.Deref(b);
          order.push_back({OpName(s, o) + " swapped with op " + S(o + 1),
                           {P<uint32_t>(a, static_cast<uint32_t>(tb - a)),
                            P<uint32_t>(b, static_cast<uint32_t>(ta - b))}});
        }
      }
    }
    Emit("subgraph_io_index", Expect::kRejectAtLoad, {"out of range"}, io);
    Emit("graph_cycle", Expect::kRejectAtLoad, {"used before"}, self);
    Emit("graph_use_before_define", Expect::kRejectAtLoad, {"used before"}, order);
  }

  bool Consumes(const OpInfo& consumer, const OpInfo& producer) const {
    for (uint32_t i = 0; i < fb_.Len(consumer.inputs); ++i) {
      for (uint32_t j = 0; j < fb_.Len(producer.outputs); ++j) {
        if (fb_.I32(consumer.inputs + 4 + 4 * i) == fb_.I32(producer.outputs + 4 + 4 * j)) {
          return true;
        }
      }
    }
    return false;
  }

  std::vector<uint8_t> model_;
  Fb fb_;
  size_t max_;
  ModelInfo info_;
  std::vector<Variant> out_;
};

}  // namespace

std::vector<Variant> MutateModel(const std::vector<uint8_t>& model, size_t max_per_class) {
  if (model.size() < 16) return {};
  return Generator(model, max_per_class).Run();
}

const std::vector<std::string>& MutationClasses() {
  static const std::vector<std::string> classes = {"truncation",
                                                   "truncation_tail",
                                                   "truncation_unused_tail",
                                                   "offset_outside",
                                                   "vector_length_outside",
                                                   "table_outside",
                                                   "table_size_field",
                                                   "tensor_buffer_index",
                                                   "tensor_type",
                                                   "shape_negative",
                                                   "shape_huge",
                                                   "shape_huge_fits_2gb",
                                                   "shape_overflow_32bit",
                                                   "shape_overflow_64bit",
                                                   "shape_zero_constant",
                                                   "shape_zero_activation",
                                                   "buffer_shorter_than_shape",
                                                   "quant_zero_point_length",
                                                   "quant_scale_length",
                                                   "quant_bad_scale",
                                                   "quant_zero_scale",
                                                   "quant_axis_out_of_range",
                                                   "unknown_builtin_op",
                                                   "negative_builtin_op",
                                                   "custom_op_without_name",
                                                   "unknown_custom_op",
                                                   "opcode_index",
                                                   "op_input_index",
                                                   "op_output_index",
                                                   "op_required_input_omitted",
                                                   "op_other_input_omitted",
                                                   "op_too_few_inputs",
                                                   "op_too_many_inputs",
                                                   "op_no_outputs",
                                                   "op_options_wrong_type",
                                                   "op_options_missing",
                                                   "op_option_values",
                                                   "subgraph_io_index",
                                                   "graph_cycle",
                                                   "graph_use_before_define"};
  return classes;
}

}  // namespace robustness
}  // namespace mote
