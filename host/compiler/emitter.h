// The emitter interface: one small function per kernel family prints the
// params of one op (as const data in NAME.cc) and the call into the kernel's
// pure reference function (in NAME_invoke).
#ifndef MOTE_HOST_COMPILER_EMITTER_H_
#define MOTE_HOST_COMPILER_EMITTER_H_

#include <map>
#include <set>
#include <string>
#include <vector>

#include "compiler/aot_ir.h"
#include "compiler/emit_util.h"

namespace mote {
namespace aot {

// State the generated code carries across invocations, in the caller's arena
// after the activations (kStateOffset + offset), so that several instances
// of a model never share it: variable tensors (SVDF/LSTM memories) and state
// owned by ops (the signal ops' noise estimates). NAME_init() resets it.
struct StateBlock {
  size_t offset = 0;  // from the start of the state region (16-byte aligned)
  size_t bytes = 0;
  int fill = 0;         // NAME_init() memsets it to this byte
  std::string comment;  // what it holds
};

// What the emitters produce for the whole model; filled op by op.
struct EmitState {
  std::set<std::string> includes;           // kernel headers, e.g. "kernels/conv2d/conv2d.h"
  std::string definitions;                  // file-scope params/tables in NAME.cc
  std::string body;                         // statements of NAME_invoke
  std::map<size_t, std::string> constants;  // tensor index -> array name (emitted to NAME_data.cc)
  std::map<size_t, size_t> variables;       // state tensor index -> offset in the state region
  std::vector<StateBlock> state_blocks;     // the state region, in order
  size_t state_bytes = 0;                   // its size (16-byte aligned)
  size_t scratch_end = 0;                   // highest arena byte used by scratch
  size_t scratch_calls = 0;                 // scratch buffers the current op's emitter used
  std::string packed_declarations;          // kernel-variant constants (NAME_data.cc)
  std::string packed_arrays;
  size_t packed_bytes = 0;
  std::string data_namespace;  // e.g. "kws_data"
  bool pack_weights = true;    // Prepare ran ahead of time (--optimize speed)

  // Reserves `bytes` of the state region; returns the offset.
  size_t AddState(size_t bytes, int fill, const std::string& comment);
};

// The expression of a `ctype` pointer to state at `offset` of the state region.
std::string StatePointer(const std::string& ctype, size_t offset);

class OpEmitContext {
 public:
  OpEmitContext(const AotModel& model, const AotOp& op, EmitState* state)
      : model_(model), op_(op), state_(state) {}

  const AotOp& op() const { return op_; }
  // The context of the op this op feeds band by band (AotOp::stream_consumer >= 0).
  OpEmitContext StreamConsumer() const {
    return OpEmitContext(model_, model_.ops[static_cast<size_t>(op_.stream_consumer)], state_);
  }
  // The op that feeds this one band by band (AotOp::stream_producer >= 0).
  const AotOp& StreamProducer() const {
    return model_.ops[static_cast<size_t>(op_.stream_producer)];
  }
  template <typename T>
  const T& op_data() const {
    return *static_cast<const T*>(op_.op_data);
  }
  size_t num_inputs() const { return op_.inputs.size(); }
  size_t num_outputs() const { return op_.outputs.size(); }
  bool has_input(size_t i) const { return i < op_.inputs.size() && op_.inputs[i] >= 0; }
  const AotTensor& input(size_t i) const { return model_.tensors[op_.inputs[i]]; }
  const AotTensor& output(size_t i) const { return model_.tensors[op_.outputs[i]]; }

  // Identifier stem of this op, e.g. "Conv2D3" (CONV_2D, op 3).
  std::string stem() const;

  // C++ expressions for tensor pointers. `role` names a constant's array
  // (e.g. "Filter" -> kConv2D3Filter). Omitted optional inputs give "nullptr".
  std::string In(size_t i, const std::string& role = "");
  std::string Out(size_t i);
  // Constants a kernel variant derived from the weights ahead of time
  // (KernelVariant::pack), stored in flash beside the weights; returns the
  // expression naming them ("nullptr" if `bytes` is 0).
  std::string Packed(const void* data, size_t bytes, const std::string& variant);
  // Typed pointer to scratch buffer i of `bytes` bytes.
  std::string Scratch(int i, size_t bytes, const char* ctype);
  // State of `count` elements of `ctype` (`element_bytes` each) that this op
  // carries across invocations, in the arena's state region, zeroed by
  // NAME_init(); returns the pointer expression (valid in NAME_invoke only).
  std::string State(const char* ctype, size_t count, size_t element_bytes,
                    const std::string& comment);

  // Arguments of a kernel variant call (KernelVariant, chosen by Prepare):
  // "weights, bias" (input 1 named `role`, input 2 when `has_bias`; both
  // nullptr for a variant that reads only its packed constants, or does not
  // read the weights for these params (KernelVariant::reads_weights), so the
  // arrays are not emitted), and "packed, scratch".
  template <typename Variant, typename Params>
  std::string VariantWeights(const Variant& v, const Params& p, const std::string& role,
                             bool has_bias) {
    if (v.reads_only_packed || (v.reads_weights != nullptr && !v.reads_weights(p))) {
      return "nullptr, nullptr";
    }
    return In(1, role) + ", " + (has_bias ? In(2, "Bias") : std::string("nullptr"));
  }
  template <typename Variant, typename Params>
  std::string VariantConstants(const Variant& v, const Params& p, const void* packed,
                               int scratch_index) {
    const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
    // Not ahead of time (--optimize size), Prepare may have dropped the
    // per-channel arrays scratch_bytes reads; the plan has the scratch anyway.
    const bool arrays_dropped = !state_->pack_weights && v.requant_only_packed;
    const size_t scratch = v.scratch_bytes != nullptr && !arrays_dropped ? v.scratch_bytes(p) : 0;
    return Packed(packed, packed_bytes, v.name) + ", " +
           (scratch_index >= 0 ? Scratch(scratch_index, scratch, "uint8_t")
                               : std::string("nullptr"));
  }
  // Calls variant `name` with the op's params (k<stem>Params) and `{args}`.
  void CallVariant(const char* name, const std::string& args) {
    Call("  mote::" + std::string(name) + "(k" + stem() + "Params, {" + args + "});\n");
  }

  void Include(const std::string& header) { state_->includes.insert(header); }
  // Adds file-scope definitions (params struct, per-channel arrays).
  void Define(const std::string& code) { state_->definitions += code + "\n"; }
  // Adds the call statement(s) to NAME_invoke.
  void Call(const std::string& code) { state_->body += WrapLines(code); }

 private:
  std::string TensorPointer(int32_t index, bool is_const, const std::string& role);
  const AotModel& model_;
  const AotOp& op_;
  EmitState* state_;
};

// Emits one op, or fails with kUnsupported.
using EmitFn = Status (*)(OpEmitContext& ctx);
// nullptr if the compiler has no emitter for `op` (builtin code, or custom
// name for CUSTOM ops).
EmitFn FindEmitter(const AotOp& op);
// Names of all ops the compiler supports, for messages.
std::string SupportedOpNames();

// Emitters, one per kernel family (host/compiler/emitters/).
Status EmitConv2D(OpEmitContext& ctx);
Status EmitDepthwiseConv2D(OpEmitContext& ctx);
Status EmitFullyConnected(OpEmitContext& ctx);
Status EmitPooling(OpEmitContext& ctx);
Status EmitSoftmax(OpEmitContext& ctx);
Status EmitReshape(OpEmitContext& ctx);
Status EmitAddSub(OpEmitContext& ctx);
Status EmitQuantize(OpEmitContext& ctx);
Status EmitSvdf(OpEmitContext& ctx);
Status EmitActivation(OpEmitContext& ctx);
Status EmitPad(OpEmitContext& ctx);
Status EmitStridedSlice(OpEmitContext& ctx);
Status EmitTransposeConv(OpEmitContext& ctx);
Status EmitLstm(OpEmitContext& ctx);
Status EmitMean(OpEmitContext& ctx);
Status EmitArgMax(OpEmitContext& ctx);
Status EmitDequantize(OpEmitContext& ctx);
Status EmitCast(OpEmitContext& ctx);
Status EmitMul(OpEmitContext& ctx);
Status EmitDiv(OpEmitContext& ctx);
Status EmitMinimumMaximum(OpEmitContext& ctx);
Status EmitJoin(OpEmitContext& ctx);   // CONCATENATION, PACK
Status EmitSplit(OpEmitContext& ctx);  // SPLIT, UNPACK
Status EmitTranspose(OpEmitContext& ctx);
Status EmitGather(OpEmitContext& ctx);
Status EmitResizeNearest(OpEmitContext& ctx);
Status EmitShape(OpEmitContext& ctx);
Status EmitFill(OpEmitContext& ctx);
Status EmitZerosLike(OpEmitContext& ctx);
Status EmitSelectV2(OpEmitContext& ctx);
Status EmitComparison(OpEmitContext& ctx);   // EQUAL ... LESS_EQUAL
Status EmitLogical(OpEmitContext& ctx);      // LOGICAL_AND, LOGICAL_OR, LOGICAL_NOT
Status EmitFloatBinary(OpEmitContext& ctx);  // float32 PRELU, SQUARED_DIFFERENCE
Status EmitSumMax(OpEmitContext& ctx);       // SUM, REDUCE_MAX
Status EmitUnaryMath(OpEmitContext& ctx);    // float32 ABS, NEG, FLOOR, ... (kernels/math)
// TFLM's signal custom ops (audio front end).
Status EmitSignalWindow(OpEmitContext& ctx);
Status EmitSignalFftAutoScale(OpEmitContext& ctx);
Status EmitSignalRfft(OpEmitContext& ctx);
Status EmitSignalEnergy(OpEmitContext& ctx);
Status EmitSignalFilterBank(OpEmitContext& ctx);
Status EmitSignalFilterBankSquareRoot(OpEmitContext& ctx);
Status EmitSignalSpectralSubtraction(OpEmitContext& ctx);
Status EmitSignalPcan(OpEmitContext& ctx);
Status EmitSignalFilterBankLog(OpEmitContext& ctx);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_EMITTER_H_
