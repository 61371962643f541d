// The contract between the runtime and an op's kernel.
//
// An op is registered as an OpKernel: a Prepare that validates everything and
// precomputes what Eval needs (quantization multipliers, shapes, scratch
// requests) and picks the Eval function; and Evals that cannot fail. The
// arithmetic itself lives in pure functions over plain params + pointers
// (runtime/kernels/<op>/), shared by the interpreter and generated code.
//
//   Status PrepareRelu(PrepareContext& ctx) {
//     MOTE_ASSIGN_OR_RETURN(ReluParams* p, ctx.AllocateOpData<ReluParams>());
//     p->size = ctx.output(0).num_elements();
//     ctx.set_eval(&EvalRelu);
//     return Status::Ok();
//   }
//   void EvalRelu(const EvalContext& ctx) {
//     ReluS8(ctx.op_data<ReluParams>(), ctx.input<int8_t>(0), ctx.output<int8_t>(0));
//   }
#ifndef MOTE_KERNEL_H_
#define MOTE_KERNEL_H_

#include <cstddef>
#include <cstdint>
#include <new>

#include "mote/kernel_arch.h"
#include "mote/model.h"
#include "mote/span.h"
#include "mote/status.h"
#include "mote/types.h"

namespace mote {

class PrepareContext;
class EvalContext;
class Interpreter;

using PrepareFn = Status (*)(PrepareContext& ctx);
using EvalFn = void (*)(const EvalContext& ctx);

// Most scratch buffers one op may request.
constexpr int kMaxScratchPerOp = 4;

// OpKernel::memory flags: what the memory planner may do with an op's output 0.
// kOutputIsView: output 0 has exactly input 0's bytes (RESHAPE and friends);
//   the planner gives both the same memory and Eval must then do nothing
//   (it sees equal pointers).
// kOutputMayOverwriteInput: Eval computes output element i from input
//   element i only (same linear index), reading it before writing output
//   element i; so output 0 may take input 0's memory when input 0 dies at this
//   op and both have the same byte size. Kernels for which this depends on
//   shapes (broadcasting) call PrepareContext::AllowInPlace instead.
// kOutputMayOverwriteAnyInput: as above, for any input (binary element-wise ops).
constexpr uint8_t kOutputIsView = 1;
constexpr uint8_t kOutputMayOverwriteInput = 2;
constexpr uint8_t kOutputMayOverwriteAnyInput = 4;

// Banded in place (PrepareContext::AllowInPlaceBanded): output 0 may overlap
// input 0 at a shift, when input 0 dies at this op. "No shift" = that
// direction is not possible.
constexpr uint32_t kNoInPlaceShift = 0xffffffffu;
constexpr size_t kInPlaceShiftAlignment = 16;  // the arena's alignment
struct BandedInPlace {
  uint32_t before = kNoInPlaceShift;  // output may start this many bytes before input 0
  uint32_t after = kNoInPlaceShift;   // ... or this many bytes after it
  int8_t scratch = -1;                // band buffer needed only then (-1: none)
  bool declared() const { return before != kNoInPlaceShift || after != kNoInPlaceShift; }
};

// Streaming (PrepareContext::AllowBandedOutput / AllowStreamedInput): a
// producer that can compute its output 0 in bands of rows into any buffer,
// and a consumer that can fold its input 0 into int32 accumulators slice by
// slice. When the producer's output is read by that consumer only, the
// planner may pair them: the tensor between them is never stored; at the
// producer's step each band is computed into a band buffer and folded into
// the consumer's accumulators, then the consumer writes its output.
//   EvalBandFn:   output rows [first_row, first_row + rows) of batch 0 into `band`
//   AccumulateFn: acc[i] += the contribution of input 0's bytes
//                 [first, first + count), given in `slice`
//   FinishFn:     the consumer's outputs from its accumulators (zeroed first)
using EvalBandFn = void (*)(const EvalContext& ctx, int32_t first_row, int32_t rows, void* band);
using AccumulateFn = void (*)(const EvalContext& ctx, const void* slice, size_t first, size_t count,
                              int32_t* acc);
using FinishFn = void (*)(const EvalContext& ctx, const int32_t* acc);
// A kernel's streaming functions (OpKernel::stream); each op declares in
// Prepare whether it can use them (PrepareContext::AllowBandedOutput /
// AllowStreamedInput).
struct StreamFns {
  EvalBandFn eval_band = nullptr;     // producers
  AccumulateFn accumulate = nullptr;  // consumers
  FinishFn finish = nullptr;          // consumers
};
// What one op's Prepare declared.
struct StreamDecl {
  int32_t band_rows = 0;      // producer: rows per band (0: cannot produce in bands)
  uint32_t accumulators = 0;  // consumer: int32 accumulators (0: cannot take slices)
};

struct OpKernel {
  BuiltinOp builtin;                  // BuiltinOp::kCustom for custom ops
  const char* custom_name;            // custom ops only, else nullptr
  PrepareFn prepare;                  // must call ctx.set_eval() on success
  uint8_t memory = 0;                 // kOutputIsView | kOutputMayOverwriteInput
  const StreamFns* stream = nullptr;  // streaming functions, if the kernel has them
};

// Name for listings and messages: the builtin's name or the custom name.
const char* OpKernelName(const OpKernel& kernel);

// Given to Prepare. All tensor metadata comes from the verified model.
class PrepareContext {
 public:
  size_t op_index() const { return op_index_; }
  const OperatorView& op() const { return op_; }
  OptionsView options() const { return op_.options(); }
  Span<const uint8_t> custom_options() const { return op_.custom_options(); }
  int32_t version() const { return op_.version(); }

  size_t num_inputs() const { return op_.inputs().size(); }
  size_t num_outputs() const { return op_.outputs().size(); }
  // False if input i is omitted (-1) or beyond the op's input list.
  bool has_input(size_t i) const { return i < num_inputs() && op_.inputs()[i] >= 0; }
  // Precondition: has_input(i) / i < num_outputs().
  TensorView input(size_t i) const {
    return subgraph_.tensor(static_cast<size_t>(op_.inputs()[i]));
  }
  TensorView output(size_t i) const {
    return subgraph_.tensor(static_cast<size_t>(op_.outputs()[i]));
  }

  // Instruction sets this op may use (see kernels/common/kernel_variant.h).
  KernelArchSet kernel_archs() const;
  // True when Prepare runs for the AOT compiler: constants derived from the
  // weights ahead of time end up in flash, so their size matters less.
  bool ahead_of_time() const;
  // Data of constant input i (aligned for its type), or nullptr if input i is
  // omitted or not constant.
  const void* constant_input(size_t i) const;

  // Memory that lives as long as the interpreter (op data, tables).
  Result<void*> AllocatePersistent(size_t bytes, size_t alignment = 8);
  // Memory valid only until this Prepare returns (the arena's head, which
  // the plan takes over later): for values Prepare derives, uses and may not
  // keep. Each call returns new memory; persistent allocations stay clear of it.
  Result<void*> AllocateTemporary(size_t bytes, size_t alignment = 8);
  // Allocates a value-initialized T and makes it this op's op data.
  template <typename T>
  Result<T*> AllocateOpData() {
    Result<void*> mem = AllocatePersistent(sizeof(T), alignof(T));
    if (!mem.ok()) return mem.status();
    T* data = new (mem.value()) T();
    set_op_data(data);
    return data;
  }
  void set_op_data(const void* data) { *op_data_ = data; }
  // Requests `bytes` of scratch valid only during this op's Eval; returns the
  // index to pass to EvalContext::scratch().
  Result<int> RequestScratch(size_t bytes);
  void set_eval(EvalFn eval) { *eval_ = eval; }
  // Declares that this op, with these shapes, may write output 0 over input 0
  // or, with `any_input`, over any input (see kOutputMayOverwriteInput). The
  // planner uses it only when that input dies here.
  void AllowInPlace(bool any_input = false) {
    if (memory_ != nullptr) {
      *memory_ |= any_input ? kOutputMayOverwriteAnyInput : kOutputMayOverwriteInput;
    }
  }
  // Declares that output 0 may overlap input 0 when input 0 dies at this op:
  // starting `before` bytes before it (Eval then computes the output in bands
  // from first to last) or `after` bytes after it (last to first);
  // kNoInPlaceShift disables a direction. Both must be multiples of 16.
  // `scratch_index` (from RequestScratch, or -1 for none) is the band buffer:
  // the planner gives it memory only if it applies the overlap. Eval sees the
  // overlap in the pointers (kernels/common/banded.h).
  void AllowInPlaceBanded(uint32_t before, uint32_t after, int scratch_index) {
    if (banded_ != nullptr) {
      *banded_ = BandedInPlace{before, after, static_cast<int8_t>(scratch_index)};
    }
  }
  // Declares that output 0, a [1, H, W, C] tensor, can also be computed band
  // by band by the kernel's StreamFns::eval_band, `band_rows` rows at a time
  // (fewer for the last band).
  void AllowBandedOutput(int32_t band_rows) {
    if (stream_ != nullptr) stream_->band_rows = band_rows;
  }
  // Declares that this op can take input 0 in slices through the kernel's
  // StreamFns::accumulate / finish, with `accumulators` int32 accumulators.
  void AllowStreamedInput(uint32_t accumulators) {
    if (stream_ != nullptr) stream_->accumulators = accumulators;
  }

 private:
  friend class Interpreter;
  PrepareContext(Interpreter* interpreter, const SubgraphView& subgraph, const OperatorView& op,
                 size_t op_index, const void** op_data, EvalFn* eval, uint32_t* scratch_sizes,
                 uint8_t* num_scratch, uint8_t* memory = nullptr, BandedInPlace* banded = nullptr,
                 StreamDecl* stream = nullptr)
      : interpreter_(interpreter),
        subgraph_(subgraph),
        op_(op),
        op_index_(op_index),
        op_data_(op_data),
        eval_(eval),
        scratch_sizes_(scratch_sizes),
        num_scratch_(num_scratch),
        memory_(memory),
        banded_(banded),
        stream_(stream) {}
  Interpreter* interpreter_;
  SubgraphView subgraph_;
  OperatorView op_;
  size_t op_index_;
  const void** op_data_;
  EvalFn* eval_;
  uint32_t* scratch_sizes_;
  uint8_t* num_scratch_;
  uint8_t* memory_;
  BandedInPlace* banded_;
  StreamDecl* stream_;
};

// Given to Eval: raw data pointers of the op's tensors, its op data and scratch.
class EvalContext {
 public:
  template <typename T>
  const T& op_data() const {
    return *static_cast<const T*>(op_data_);
  }
  // nullptr for an omitted optional input.
  template <typename T>
  const T* input(size_t i) const {
    return static_cast<const T*>(RawInput(i));
  }
  // Inputs an op updates in place (variable/state tensors).
  template <typename T>
  T* mutable_input(size_t i) const {
    return static_cast<T*>(RawInput(i));
  }
  template <typename T>
  T* output(size_t i) const {
    return static_cast<T*>(tensor_data_[outputs_[i]]);
  }
  void* scratch(int index) const { return arena_ + scratch_offsets_[index]; }

 private:
  friend class Interpreter;
  EvalContext() = default;
  void* RawInput(size_t i) const { return inputs_[i] < 0 ? nullptr : tensor_data_[inputs_[i]]; }
  void* const* tensor_data_ = nullptr;
  const int32_t* inputs_ = nullptr;
  const int32_t* outputs_ = nullptr;
  const void* op_data_ = nullptr;
  uint8_t* arena_ = nullptr;
  const uint32_t* scratch_offsets_ = nullptr;
};

}  // namespace mote

#endif  // MOTE_KERNEL_H_
