#include "mote/interpreter.h"

#include <cstring>

#include "mote/planner.h"

namespace mote {

const char* OpKernelName(const OpKernel& kernel) {
  if (kernel.builtin == BuiltinOp::kCustom) {
    return kernel.custom_name != nullptr ? kernel.custom_name : "CUSTOM";
  }
  return BuiltinOpName(kernel.builtin);
}

// ---- PrepareContext ----

KernelArchSet PrepareContext::kernel_archs() const { return interpreter_->kernel_archs_; }

bool PrepareContext::ahead_of_time() const { return interpreter_->ahead_of_time_; }

const void* PrepareContext::constant_input(size_t i) const {
  if (!has_input(i) || !input(i).is_constant()) return nullptr;
  return interpreter_->tensor_data_[op_.inputs()[i]];
}

Result<void*> PrepareContext::AllocatePersistent(size_t bytes, size_t alignment) {
  return interpreter_->AllocateFromTail(bytes, alignment);
}

Result<void*> PrepareContext::AllocateTemporary(size_t bytes, size_t alignment) {
  return interpreter_->AllocateTemporary(bytes, alignment);
}

Result<int> PrepareContext::RequestScratch(size_t bytes) {
  if (*num_scratch_ >= kMaxScratchPerOp) {
    return Status::Error(StatusCode::kInternal, "more than %d scratch buffers requested",
                         kMaxScratchPerOp);
  }
  if (bytes > kMaxTensorBytes) {
    return Status::Error(StatusCode::kResourceExhausted, "scratch of %zu bytes is too large",
                         bytes);
  }
  scratch_sizes_[*num_scratch_] = static_cast<uint32_t>(bytes);
  return static_cast<int>((*num_scratch_)++);
}

// ---- Interpreter ----

Interpreter::Interpreter(const Model& model, const OpResolver& resolver, Span<uint8_t> arena)
    : model_(model), resolver_(resolver), arena_(arena) {
  if (!model_.loaded()) {
    model_status_ = Status::Error(StatusCode::kFailedPrecondition, "the model is not loaded");
    return;
  }
  if (model_.num_subgraphs() == 0) return;
  const SubgraphView main = model_.main_subgraph();
  inputs_ = main.inputs();
  outputs_ = main.outputs();
}

Interpreter::Interpreter(const Result<Model>& model, const OpResolver& resolver,
                         Span<uint8_t> arena)
    : Interpreter(model.ok() ? model.value() : Model(), resolver, arena) {
  if (!model.ok()) model_status_ = model.status().WithContext("the model did not load");
}

Result<void*> Interpreter::AllocateFromTail(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) alignment = 8;
  // Offsets are taken from a 16-byte aligned end so that the layout, and the
  // size reported when the arena is too small, do not depend on where the
  // caller's arena ends.
  const uintptr_t base = reinterpret_cast<uintptr_t>(arena_.data());
  const uintptr_t end = (base + arena_.size()) & ~static_cast<uintptr_t>(kArenaAlignment - 1);
  if (end < base + tail_bytes_) return ArenaTooSmall(tail_bytes_ + bytes, "persistent data");
  const uintptr_t top = end - tail_bytes_;
  // Clear of the current op's temporary memory at the head.
  const uintptr_t floor = base + temporary_bytes_;
  if (top < floor || bytes > top - floor) {
    return ArenaTooSmall(temporary_bytes_ + tail_bytes_ + bytes, "persistent data");
  }
  const uintptr_t start = (top - bytes) & ~(static_cast<uintptr_t>(alignment) - 1);
  if (start < floor) {
    return ArenaTooSmall(temporary_bytes_ + tail_bytes_ + bytes + alignment, "persistent data");
  }
  tail_bytes_ = end - start;
  return reinterpret_cast<void*>(start);
}

Result<void*> Interpreter::AllocateTemporary(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) alignment = 8;
  const uintptr_t base = reinterpret_cast<uintptr_t>(arena_.data());
  const uintptr_t end = (base + arena_.size()) & ~static_cast<uintptr_t>(kArenaAlignment - 1);
  const uintptr_t start =
      (base + temporary_bytes_ + alignment - 1) & ~(static_cast<uintptr_t>(alignment) - 1);
  if (end < base + tail_bytes_ || start > end - tail_bytes_ || bytes > end - tail_bytes_ - start) {
    return ArenaTooSmall(temporary_bytes_ + tail_bytes_ + bytes + alignment, "temporary data");
  }
  temporary_bytes_ = start + bytes - base;
  if (temporary_bytes_ > max_temporary_bytes_) max_temporary_bytes_ = temporary_bytes_;
  return reinterpret_cast<void*>(start);
}

Status Interpreter::ArenaTooSmall(size_t needed, const char* what) {
  needed = AlignUp(needed, kArenaAlignment);
  required_bytes_ = needed;
  return Status::Error(StatusCode::kResourceExhausted,
                       "arena too small: %s needs at least %zu bytes, arena has %zu", what, needed,
                       arena_.size());
}

Status Interpreter::AllocateTensors() {
  allocated_ = false;
  head_bytes_ = 0;
  tail_bytes_ = 0;
  temporary_bytes_ = 0;
  max_temporary_bytes_ = 0;
  required_bytes_ = 0;
  order_ = nullptr;
  if (!model_status_.ok()) return model_status_;
  if (model_.num_subgraphs() == 0) {
    return Status::Error(StatusCode::kInvalidArgument, "model is not loaded");
  }
  if (model_.num_subgraphs() > 1) {
    return Status::Error(StatusCode::kUnsupported,
                         "model has %zu subgraphs; control flow (more than one subgraph) is not "
                         "supported yet",
                         model_.num_subgraphs());
  }
  subgraph_ = model_.main_subgraph();
  num_tensors_ = subgraph_.num_tensors();
  num_ops_ = subgraph_.num_operators();

  // What the allocations below take (AllocateFromTail from a 16-byte aligned
  // end: each rounds the tail up to its alignment). If the arena cannot hold
  // it, nothing can be prepared to count the rest: the size is a lower bound.
  size_t base = AlignUp(num_tensors_ * sizeof(void*), alignof(void*));
  base = AlignUp(base + num_ops_ * sizeof(OpRuntime), alignof(OpRuntime));
  for (size_t t = 0; t < num_tensors_; ++t) {
    const TensorView tensor = subgraph_.tensor(t);
    const size_t elem = DataTypeSize(tensor.type());
    const size_t align = elem > 8 ? 8 : elem;
    if (tensor.is_constant() && align > 1 &&
        reinterpret_cast<uintptr_t>(tensor.data().data()) % align != 0) {
      base = AlignUp(base + tensor.bytes(), align);
    } else if (!tensor.is_constant() && tensor.is_variable()) {
      base = AlignUp(base + tensor.bytes(), kArenaAlignment);
    }
  }
  const uintptr_t start = reinterpret_cast<uintptr_t>(arena_.data());
  const uintptr_t end = (start + arena_.size()) & ~static_cast<uintptr_t>(kArenaAlignment - 1);
  if (end < start || base > end - start) {
    return ArenaTooSmall(base, "persistent data (tensor and op tables, constants, variables)");
  }

  // Tensor table and op table live at the tail for the interpreter's lifetime.
  MOTE_ASSIGN_OR_RETURN(void* tensor_mem,
                        AllocateFromTail(num_tensors_ * sizeof(void*), alignof(void*)));
  tensor_data_ = static_cast<void**>(tensor_mem);
  MOTE_ASSIGN_OR_RETURN(void* ops_mem,
                        AllocateFromTail(num_ops_ * sizeof(OpRuntime), alignof(OpRuntime)));
  ops_ = static_cast<OpRuntime*>(ops_mem);

  for (size_t t = 0; t < num_tensors_; ++t) {
    const TensorView tensor = subgraph_.tensor(t);
    tensor_data_[t] = nullptr;
    if (tensor.is_constant()) {
      const uint8_t* data = tensor.data().data();
      const size_t elem = DataTypeSize(tensor.type());
      const size_t align = elem > 8 ? 8 : elem;
      if (align > 1 && reinterpret_cast<uintptr_t>(data) % align != 0) {
        // Real converters do not always align constant buffers (int64 biases
        // at 4 mod 8 are common). Kernels read constants directly, and a
        // misaligned int64 load faults on Cortex-M, so such a tensor is copied
        // once into aligned persistent memory.
        MOTE_ASSIGN_OR_RETURN(void* copy, AllocateFromTail(tensor.bytes(), align));
        std::memcpy(copy, data, tensor.bytes());
        data = static_cast<const uint8_t*>(copy);
      }
      tensor_data_[t] = const_cast<uint8_t*>(data);
    } else if (tensor.is_variable()) {
      // Variables keep their state across invocations: persistent.
      MOTE_ASSIGN_OR_RETURN(void* mem, AllocateFromTail(tensor.bytes(), kArenaAlignment));
      tensor_data_[t] = mem;
    }
    // Empty tensors are not planned but still get a valid address: kernels may
    // pass them to memcpy with length 0, which is undefined for a null pointer.
    if (tensor_data_[t] == nullptr && tensor.bytes() == 0) tensor_data_[t] = arena_.data();
  }
  allocated_ = true;  // for ResetVariables; cleared again on failure below
  ResetVariables();
  allocated_ = false;
  MOTE_TRY(PrepareOps());
  PairStreams();
  MOTE_TRY(PlanMemory());
  allocated_ = true;
  return Status::Ok();
}

Status Interpreter::PrepareOps() {
  char name_buf[24];
  // Once an allocation fails (the arena is too small), the remaining ops are
  // still prepared, only to count what they need: each op's persistent data
  // goes where the failed one would have gone and is dropped after the op
  // (the tables and constants below it stay), at the same offset modulo
  // kArenaAlignment as in a large enough arena, so that the padding is the
  // same. tail_bytes_ then ends as the total persistent size and
  // required_bytes_ as a lower bound; PlanMemory, seeing it set, measures
  // the plan only, so that the arena size needed is reported in one step.
  const size_t base = tail_bytes_;  // tables, aligned constants, variables
  bool counting = false;
  size_t counted = 0;  // counting: persistent bytes of the ops before this one
  for (size_t o = 0; o < num_ops_; ++o) {
    const OperatorView op = subgraph_.op(o);
    OpRuntime& rt = ops_[o];
    const char* name = op.name(name_buf, sizeof(name_buf));
    Status s = Status::Ok();
    size_t before = 0, real_before = 0;
    for (;;) {  // twice for the op that does not fit: then counting
      rt = OpRuntime{};
      rt.inputs = op.inputs().data();
      rt.outputs = op.outputs().data();
      rt.kernel = resolver_.Find(op.builtin_code(), op.custom_name());
      if (rt.kernel == nullptr) {
        return Status::Error(StatusCode::kUnsupported,
                             "op %zu: %s is not supported (not registered in the op resolver)", o,
                             name);
      }
      before = counting ? counted : tail_bytes_;
      if (counting) tail_bytes_ = base + (counted - base) % kArenaAlignment;
      real_before = tail_bytes_;
      rt.memory = rt.kernel->memory;
      PrepareContext ctx(this, subgraph_, op, o, &rt.op_data, &rt.eval, rt.scratch, &rt.num_scratch,
                         &rt.memory, &rt.banded, &rt.stream);
      required_bytes_ = 0;   // set by ArenaTooSmall: the arena, not the op, is the problem
      temporary_bytes_ = 0;  // the previous op's temporary memory is free again
      s = rt.kernel->prepare(ctx);
      temporary_bytes_ = 0;
      if (s.ok() || required_bytes_ == 0 || counting) break;
      counting = true;  // the first op that does not fit: count from here, this op again
      counted = before;
    }
    if (!s.ok() && required_bytes_ != 0) {
      // This op does not fit even alone: the size is a lower bound.
      required_bytes_ += before - real_before;  // a multiple of kArenaAlignment
      return Status::Error(StatusCode::kResourceExhausted,
                           "op %zu (%s): arena too small: needs at least %zu bytes, arena has %zu",
                           o, name, required_bytes_, arena_.size());
    }
    if (!s.ok()) return s.WithContext("op %zu (%s)", o, name);
    if (rt.eval == nullptr) {
      return Status::Error(StatusCode::kInternal, "op %zu (%s): Prepare chose no Eval", o, name);
    }
    if (counting) counted = before + (tail_bytes_ - real_before);
  }
  required_bytes_ = 0;
  if (counting) {
    tail_bytes_ = counted;
    required_bytes_ = AlignUp(counted, kArenaAlignment);  // at least; PlanMemory tells the rest
  }
  return Status::Ok();
}

void Interpreter::ResetVariables() {
  if (tensor_data_ == nullptr) return;
  for (size_t t = 0; t < num_tensors_; ++t) {
    const TensorView tensor = subgraph_.tensor(t);
    if (!tensor.is_variable() || tensor_data_[t] == nullptr) continue;
    // As TFLM: zero, except int8 state starts at its zero point.
    const QuantizationView q = tensor.quantization();
    const int fill = (tensor.type() == DataType::kInt8 && !q.zero_point.empty())
                         ? static_cast<int>(q.zero_point[0])
                         : 0;
    std::memset(tensor_data_[t], fill, tensor.bytes());
  }
}

Status Interpreter::Invoke() {
  if (!allocated_) {
    return Status::Error(StatusCode::kFailedPrecondition,
                         "Invoke called before a successful AllocateTensors");
  }
  EvalContext ctx;
  ctx.tensor_data_ = tensor_data_;
  ctx.arena_ = arena_.data();
  for (size_t step = 0; step < num_ops_; ++step) {
    const size_t o = op_at_step(step);
    const OpRuntime& rt = ops_[o];
    ctx.inputs_ = rt.inputs;
    ctx.outputs_ = rt.outputs;
    ctx.op_data_ = rt.op_data;
    ctx.scratch_offsets_ = rt.scratch;
    if (rt.stream_consumer >= 0) {
      InvokeStreamed(o, ctx);  // this op and its consumer, band by band
    } else if (rt.stream_producer < 0) {
      rt.eval(ctx);
    }
    if (observer_ != nullptr) observer_(observer_user_, *this, o);
  }
  return Status::Ok();
}

TensorRef Interpreter::tensor(size_t index) const {
  TensorRef ref;
  if (!model_status_.ok() || model_.num_subgraphs() == 0) return ref;
  const SubgraphView sg = model_.main_subgraph();
  if (index >= sg.num_tensors()) return ref;
  const TensorView t = sg.tensor(index);
  ref.type = t.type();
  ref.shape = t.shape();
  ref.bytes = t.bytes();
  ref.name = t.name();
  const QuantizationView q = t.quantization();
  if (!q.scale.empty()) ref.scale = q.scale[0];
  if (!q.zero_point.empty()) ref.zero_point = static_cast<int32_t>(q.zero_point[0]);
  ref.data = (allocated_ && tensor_data_ != nullptr) ? tensor_data_[index] : nullptr;
  return ref;
}

TensorRef Interpreter::input(size_t i) const {
  return i < inputs_.size() ? tensor(static_cast<size_t>(inputs_[i])) : TensorRef();
}

TensorRef Interpreter::output(size_t i) const {
  return i < outputs_.size() ? tensor(static_cast<size_t>(outputs_[i])) : TensorRef();
}

Result<TensorRef> Interpreter::CheckedInput(size_t i) const {
  if (!model_status_.ok()) return model_status_;
  if (i >= inputs_.size()) {
    return Status::Error(StatusCode::kInvalidArgument, "input %zu out of range (the model has %zu)",
                         i, inputs_.size());
  }
  if (!allocated_) {
    return Status::Error(StatusCode::kFailedPrecondition,
                         "input %zu has no memory before a successful AllocateTensors", i);
  }
  return input(i);
}

Result<TensorRef> Interpreter::CheckedOutput(size_t i) const {
  if (!model_status_.ok()) return model_status_;
  if (i >= outputs_.size()) {
    return Status::Error(StatusCode::kInvalidArgument,
                         "output %zu out of range (the model has %zu)", i, outputs_.size());
  }
  if (!allocated_) {
    return Status::Error(StatusCode::kFailedPrecondition,
                         "output %zu has no memory before a successful AllocateTensors", i);
  }
  return output(i);
}

}  // namespace mote
