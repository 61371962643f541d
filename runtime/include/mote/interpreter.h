// Interpreter: runs a verified Model in one caller-owned arena. No heap.
//
//   alignas(16) static uint8_t arena[32 * 1024];
//   mote::Interpreter interpreter(model, resolver, mote::Span<uint8_t>(arena));
//   if (!interpreter.AllocateTensors().ok()) ...   // plans everything once
//   memcpy(interpreter.input(0).data, features, interpreter.input(0).bytes);
//   interpreter.Invoke();
//   const int8_t* scores = interpreter.output(0).data_as<int8_t>();
//
// The model, the resolver and the arena are owned by the caller and must
// outlive the interpreter. Everything the interpreter needs at run time
// (tensor table, op data, activations, scratch) lives in the arena.
#ifndef MOTE_INTERPRETER_H_
#define MOTE_INTERPRETER_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/op_resolver.h"
#include "mote/span.h"
#include "mote/status.h"

namespace mote {

// Alignment of every planned buffer in the arena.
constexpr size_t kArenaAlignment = 16;

struct TensorRef {
  DataType type = DataType::kFloat32;
  Span<const int32_t> shape;
  void* data = nullptr;
  size_t bytes = 0;
  float scale = 0.0f;       // per-tensor quantization (first channel if per-channel)
  int32_t zero_point = 0;
  const char* name = "";
  template <typename T>
  T* data_as() const {
    return static_cast<T*>(data);
  }
};

class Interpreter {
 public:
  Interpreter(const Model& model, const OpResolver& resolver, Span<uint8_t> arena);

  // Resolves kernels, runs every op's Prepare, plans all buffers into the
  // arena. On a too-small arena fails with kResourceExhausted and the size needed.
  Status AllocateTensors();
  // Runs all ops in order. Fails only if AllocateTensors has not succeeded.
  // State tensors (LSTM/SVDF variables) carry over from one Invoke to the next.
  Status Invoke();
  // Resets state tensors to their initial values (as AllocateTensors does):
  // call between independent sequences.
  void ResetVariables();

  // Everything taken from the arena: planned buffers plus persistent data,
  // rounded up to kArenaAlignment. An arena this large (16-byte aligned) fits.
  size_t arena_used_bytes() const {
    return (head_bytes_ + tail_bytes_ + kArenaAlignment - 1) & ~(kArenaAlignment - 1);
  }
  // Bytes needed by the last AllocateTensors (also set when it failed for lack
  // of space; exact unless even the persistent data did not fit, then a lower bound).
  size_t arena_required_bytes() const { return required_bytes_; }

  size_t num_inputs() const;
  size_t num_outputs() const;
  TensorRef input(size_t i) const;
  TensorRef output(size_t i) const;
  // Any tensor of the main subgraph; data is only meaningful while the tensor is live.
  TensorRef tensor(size_t tensor_index) const;
  size_t num_ops() const { return num_ops_; }
  const SubgraphView& subgraph() const { return subgraph_; }

  // Called after each op during Invoke (debugging, per-layer dumps, profiling).
  using OpObserver = void (*)(void* user, const Interpreter& interpreter, size_t op_index);
  void set_op_observer(OpObserver observer, void* user) {
    observer_ = observer;
    observer_user_ = user;
  }

 private:
  friend class PrepareContext;
  struct OpRuntime {
    const OpKernel* kernel;
    EvalFn eval;
    const void* op_data;
    const int32_t* inputs;
    const int32_t* outputs;
    uint32_t scratch[kMaxScratchPerOp];  // sizes during Prepare, offsets after planning
    uint8_t num_scratch;
  };

  Result<void*> AllocateFromTail(size_t bytes, size_t alignment);
  Status PrepareOps();
  Status PlanMemory();
  Status ArenaTooSmall(size_t needed, const char* what) ;

  const Model& model_;
  const OpResolver& resolver_;
  Span<uint8_t> arena_;
  SubgraphView subgraph_;
  size_t num_tensors_ = 0;
  size_t num_ops_ = 0;
  void** tensor_data_ = nullptr;
  OpRuntime* ops_ = nullptr;
  size_t head_bytes_ = 0;
  size_t tail_bytes_ = 0;
  size_t required_bytes_ = 0;
  bool allocated_ = false;
  OpObserver observer_ = nullptr;
  void* observer_user_ = nullptr;
};

}  // namespace mote

#endif  // MOTE_INTERPRETER_H_
