// Interpreter: runs a verified Model in one caller-owned arena. No heap.
//
//   alignas(16) static uint8_t arena[32 * 1024];
//   mote::Interpreter interpreter(model, resolver, mote::Span<uint8_t>(arena));
//   if (!interpreter.AllocateTensors().ok()) ...   // plans everything once
//   memcpy(interpreter.input(0).data, features, interpreter.input(0).bytes);
//   interpreter.Invoke();
//   const int8_t* scores = interpreter.output(0).data_as<int8_t>();
//
// The interpreter keeps its own copy of the Model handle (a small view), so
// the handle may be a temporary; the model's bytes, the resolver and the
// arena are owned by the caller and must outlive the interpreter. Everything
// the interpreter needs at run time (tensor table, op data, activations,
// scratch) lives in the arena. Given a failed Result<Model> (or an empty
// Model), AllocateTensors returns the load error and nothing else runs.
#ifndef MOTE_INTERPRETER_H_
#define MOTE_INTERPRETER_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/op_resolver.h"
#include "mote/planner.h"
#include "mote/span.h"
#include "mote/status.h"
#include "mote/types.h"

namespace mote {

struct OrderOpMemory;     // core/op_order.h
struct InterpreterHooks;  // core/interpreter_hooks.h: for Mote's host tools

// Alignment of every planned buffer in the arena.
constexpr size_t kArenaAlignment = 16;
static_assert(kInPlaceShiftAlignment == kArenaAlignment, "banded shifts keep buffers aligned");

// A tensor of a running interpreter. An empty TensorRef (data == nullptr,
// bytes == 0, empty shape) stands for "no such tensor" (an index out of
// range) or "no memory yet" (before a successful AllocateTensors).
struct TensorRef {
  DataType type = DataType::kFloat32;
  Span<const int32_t> shape;
  void* data = nullptr;
  size_t bytes = 0;
  float scale = 0.0f;  // per-tensor quantization (first channel if per-channel)
  int32_t zero_point = 0;
  const char* name = "";
  bool empty() const { return data == nullptr; }
  // The data as T*. In debug builds asserts that T matches `type` (int8_t for
  // kInt8, float for kFloat32, ...; any type for an empty TensorRef); in
  // release builds no check (nullptr for an empty TensorRef).
  template <typename T>
  T* data_as() const {
    assert((data == nullptr || DataTypeOf<T>::matches(type)) && "TensorRef::data_as: wrong type");
    return static_cast<T*>(data);
  }
};

class Interpreter {
 public:
  Interpreter(const Model& model, const OpResolver& resolver, Span<uint8_t> arena);
  // Over the result of Model::Load: if it failed, AllocateTensors returns its error.
  Interpreter(const Result<Model>& model, const OpResolver& resolver, Span<uint8_t> arena);
  Interpreter(const Interpreter&) = delete;
  Interpreter& operator=(const Interpreter&) = delete;

  // Resolves kernels, runs every op's Prepare, plans all buffers into the
  // arena. On a too-small arena fails with kResourceExhausted and the size needed.
  Status AllocateTensors();
  // Runs all ops in order. Fails only if AllocateTensors has not succeeded.
  // State tensors (LSTM/SVDF variables) carry over from one Invoke to the next.
  // Inputs do not: their memory is reused once read (as in TFLM), so write
  // every input before each Invoke.
  Status Invoke();
  // Resets state tensors to their initial values (as AllocateTensors does):
  // call between independent sequences.
  void ResetVariables();

  // Everything taken from the arena: planned buffers plus persistent data,
  // rounded up to kArenaAlignment. An arena this large (16-byte aligned) fits.
  size_t arena_used_bytes() const {
    return (head_bytes_ + tail_bytes_ + kArenaAlignment - 1) & ~(kArenaAlignment - 1);
  }
  // Bytes needed by the last AllocateTensors, also when it failed for lack of
  // space: the exact need (every op is still prepared to count its persistent
  // data, and the plan is measured), unless the arena cannot even hold the
  // tensor and op tables, the aligned constants and variables, and one op's
  // Prepare data or the planner's working memory; then a lower bound.
  size_t arena_required_bytes() const { return required_bytes_; }

  // Inputs and outputs of the model (0 when it did not load). input(i) /
  // output(i) / tensor(i) with an index out of range give an empty TensorRef
  // (data == nullptr); the Checked variants return an error instead.
  size_t num_inputs() const { return inputs_.size(); }
  size_t num_outputs() const { return outputs_.size(); }
  TensorRef input(size_t i) const;
  TensorRef output(size_t i) const;
  Result<TensorRef> CheckedInput(size_t i) const;
  Result<TensorRef> CheckedOutput(size_t i) const;
  // Any tensor of the main subgraph; data is only meaningful while the tensor is live.
  TensorRef tensor(size_t tensor_index) const;
  size_t num_ops() const { return num_ops_; }
  // The model's main subgraph (op names and types for logs and profiling).
  const SubgraphView& subgraph() const { return subgraph_; }
  // The op Invoke runs at execution step `step` (< num_ops()): `step` itself
  // unless the planner reordered independent branches to lower the peak.
  size_t op_at_step(size_t step) const { return order_ != nullptr ? order_[step] : step; }
  // Hooks for Mote's host tools (AOT compiler, planner switches, memory
  // timeline) are in core/interpreter_hooks.h, not part of this API.

  // Called after each op during Invoke (debugging, per-layer dumps, profiling),
  // with the op's index in the model (in execution order, see op_at_step).
  using OpObserver = void (*)(void* user, const Interpreter& interpreter, size_t op_index);
  void set_op_observer(OpObserver observer, void* user) {
    observer_ = observer;
    observer_user_ = user;
  }

 private:
  friend class PrepareContext;
  friend struct InterpreterHooks;
  struct OpRuntime {
    const OpKernel* kernel;
    EvalFn eval;
    const void* op_data;
    const int32_t* inputs;
    const int32_t* outputs;
    uint32_t scratch[kMaxScratchPerOp];  // sizes during Prepare, offsets after planning
    BandedInPlace banded;                // what Prepare allowed (AllowInPlaceBanded)
    StreamDecl stream;             // what Prepare allowed (AllowBandedOutput / AllowStreamedInput)
    int16_t stream_consumer = -1;  // paired (interpreter_stream.cc): the op fed band by band
    int16_t stream_producer = -1;  // ... or, for that op, the op that feeds it
    // The byte-sized fields last: no padding between them (64 bytes per op on
    // a 32-bit core; the table is persistent arena memory).
    uint8_t num_scratch;
    uint8_t memory;              // kernel memory flags | what Prepare allowed
    int8_t stream_scratch = -1;  // producer: scratch slot with band buffer + accumulators
  };
  struct PlanLayout;

  Result<void*> AllocateFromTail(size_t bytes, size_t alignment);
  Result<void*> AllocateTemporary(size_t bytes, size_t alignment);
  Status PrepareOps();
  // interpreter_stream.cc: pairs producers with consumers (PlannerOptions::stream),
  // the tensors that pairing leaves unstored, and the paired ops' Eval.
  void PairStreams();
  bool IsStreamedTensor(size_t tensor) const;
  // Undoes PairStreams (after planning: the pairs did not make the plan smaller).
  void UnpairStreams();
  // The tensors PlanMemory places: not constant, not state, not empty.
  bool IsPlanned(size_t tensor) const {
    return tensor_data_[tensor] == nullptr && subgraph_.tensor(tensor).bytes() > 0;
  }
  void InvokeStreamed(size_t producer, const EvalContext& ctx) const;
  Status PlanMemory();
  Status ArenaTooSmall(size_t needed, const char* what);
  // interpreter_memory.cc: buffers, lifetimes and shares for one execution
  // order (nullptr: the model's); returns the number of shares.
  // With `streams`, the pairs of PairStreams run streamed (their tensor and
  // the consumers' scratch get no memory); without, their scratch slot does not.
  size_t BuildPlanBuffers(const PlanLayout& layout, const uint16_t* order, bool streams) const;
  static OrderOpMemory OrderMemoryOf(const void* self, size_t op);

  Model model_;          // the caller's handle, copied (a view of the caller's bytes)
  Status model_status_;  // the load error of a failed Result<Model>
  const OpResolver& resolver_;
  Span<uint8_t> arena_;
  SubgraphView subgraph_;
  Span<const int32_t> inputs_;  // the main subgraph's (empty if the model did not load)
  Span<const int32_t> outputs_;
  size_t num_tensors_ = 0;
  size_t num_ops_ = 0;
  void** tensor_data_ = nullptr;
  OpRuntime* ops_ = nullptr;
  const uint16_t* order_ = nullptr;  // execution order; nullptr = the model's
  size_t head_bytes_ = 0;
  size_t tail_bytes_ = 0;
  size_t temporary_bytes_ = 0;      // head bytes PrepareContext::AllocateTemporary gave this op
  size_t max_temporary_bytes_ = 0;  // the most any op took (the arena must hold it)
  size_t required_bytes_ = 0;
  bool allocated_ = false;
  OpObserver observer_ = nullptr;
  void* observer_user_ = nullptr;
  PlannerOptions planner_options_;
  KernelArchSet kernel_archs_ = NativeKernelArchs();
  bool ahead_of_time_ = false;
  PlanSummary plan_summary_;
  PlanObserver plan_observer_ = nullptr;
  void* plan_observer_user_ = nullptr;
};

}  // namespace mote

#endif  // MOTE_INTERPRETER_H_
