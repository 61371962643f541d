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

Result<void*> PrepareContext::AllocatePersistent(size_t bytes, size_t alignment) {
  return interpreter_->AllocateFromTail(bytes, alignment);
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
    : model_(model), resolver_(resolver), arena_(arena) {}

Result<void*> Interpreter::AllocateFromTail(size_t bytes, size_t alignment) {
  if (alignment == 0 || (alignment & (alignment - 1)) != 0) alignment = 8;
  // Offsets are taken from a 16-byte aligned end so that the layout, and the
  // size reported when the arena is too small, do not depend on where the
  // caller's arena ends.
  const uintptr_t base = reinterpret_cast<uintptr_t>(arena_.data());
  const uintptr_t end = (base + arena_.size()) & ~static_cast<uintptr_t>(kArenaAlignment - 1);
  if (end < base + tail_bytes_) return ArenaTooSmall(tail_bytes_ + bytes, "persistent data");
  const uintptr_t top = end - tail_bytes_;
  if (bytes > top - base) return ArenaTooSmall(tail_bytes_ + bytes, "persistent data");
  const uintptr_t start = (top - bytes) & ~(static_cast<uintptr_t>(alignment) - 1);
  if (start < base) return ArenaTooSmall(tail_bytes_ + bytes + alignment, "persistent data");
  tail_bytes_ = end - start;
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
  required_bytes_ = 0;
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
  }
  allocated_ = true;  // for ResetVariables; cleared again on failure below
  ResetVariables();
  allocated_ = false;
  MOTE_TRY(PrepareOps());
  MOTE_TRY(PlanMemory());
  allocated_ = true;
  return Status::Ok();
}

Status Interpreter::PrepareOps() {
  char name_buf[24];
  for (size_t o = 0; o < num_ops_; ++o) {
    const OperatorView op = subgraph_.op(o);
    OpRuntime& rt = ops_[o];
    rt = OpRuntime{};
    rt.inputs = op.inputs().data();
    rt.outputs = op.outputs().data();
    const char* name = op.name(name_buf, sizeof(name_buf));
    rt.kernel = resolver_.Find(op.builtin_code(), op.custom_name());
    if (rt.kernel == nullptr) {
      return Status::Error(StatusCode::kUnsupported,
                           "op %zu: %s is not supported (not registered in the op resolver)", o,
                           name);
    }
    PrepareContext ctx(this, subgraph_, op, o, &rt.op_data, &rt.eval, rt.scratch, &rt.num_scratch);
    const Status s = rt.kernel->prepare(ctx);
    if (!s.ok()) return s.WithContext("op %zu (%s)", o, name);
    if (rt.eval == nullptr) {
      return Status::Error(StatusCode::kInternal, "op %zu (%s): Prepare chose no Eval", o, name);
    }
  }
  return Status::Ok();
}

Status Interpreter::PlanMemory() {
  // Lifetimes, in op indices, of every tensor the arena must hold.
  // First pass (no memory needed): count the buffers to plan.
  size_t n = 0;
  {
    for (size_t o = 0; o < num_ops_; ++o) n += ops_[o].num_scratch;
    for (size_t t = 0; t < num_tensors_; ++t) {
      if (tensor_data_[t] == nullptr && subgraph_.tensor(t).bytes() > 0) ++n;
    }
  }
  if (n > 0xffff) {
    return Status::Error(StatusCode::kUnsupported, "%zu buffers to plan; at most 65535", n);
  }
  // Planner working memory is taken from the free space at the head and is
  // released before the planned buffers are used, so the arena needs
  // max(work, plan) there.
  uint8_t* base = arena_.data();
  const size_t misalign = reinterpret_cast<uintptr_t>(base) % kArenaAlignment;
  const size_t head_start = misalign == 0 ? 0 : kArenaAlignment - misalign;
  const size_t plan_bytes = AlignUp(n * sizeof(PlanBuffer), alignof(PlanBuffer));
  const size_t ids_bytes = AlignUp(n * sizeof(uint32_t), alignof(uint16_t));
  const size_t work_bytes = plan_bytes + ids_bytes + 2 * n * sizeof(uint16_t);
  const uintptr_t usable_end = (reinterpret_cast<uintptr_t>(base) + arena_.size()) &
                               ~static_cast<uintptr_t>(kArenaAlignment - 1);
  const size_t usable = static_cast<size_t>(usable_end - reinterpret_cast<uintptr_t>(base));
  const size_t free_bytes = usable - tail_bytes_;
  if (head_start + work_bytes > free_bytes) {
    return ArenaTooSmall(tail_bytes_ + head_start + work_bytes, "planning");
  }
  PlanBuffer* plan = reinterpret_cast<PlanBuffer*>(base + head_start);
  uint32_t* ids = reinterpret_cast<uint32_t*>(base + head_start + plan_bytes);
  uint16_t* scratch = reinterpret_cast<uint16_t*>(base + head_start + plan_bytes + ids_bytes);

  // ids[k]: tensor index, or num_tensors_ + (op << 8 | scratch slot) for scratch.
  size_t k = 0;
  for (size_t t = 0; t < num_tensors_; ++t) {
    if (tensor_data_[t] != nullptr) continue;
    const uint32_t bytes = subgraph_.tensor(t).bytes();
    if (bytes == 0) continue;
    plan[k] = PlanBuffer{static_cast<uint32_t>(AlignUp(bytes, kArenaAlignment)), -1, -1, 0};
    ids[k++] = static_cast<uint32_t>(t);
  }
  const size_t num_tensor_buffers = k;
  for (size_t o = 0; o < num_ops_; ++o) {
    for (uint8_t s = 0; s < ops_[o].num_scratch; ++s) {
      plan[k] = PlanBuffer{static_cast<uint32_t>(AlignUp(ops_[o].scratch[s], kArenaAlignment)),
                           static_cast<int32_t>(o), static_cast<int32_t>(o), 0};
      ids[k++] = static_cast<uint32_t>(num_tensors_ + (o << 8) + s);
    }
  }
  // Tensor lifetimes. Tensors are few per op, so finding a tensor's entry by a
  // scan of the sorted ids is cheap enough; lookups use binary search.
  auto entry = [&](int32_t t) -> PlanBuffer* {
    size_t lo = 0, hi = num_tensor_buffers;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (ids[mid] < static_cast<uint32_t>(t)) lo = mid + 1; else hi = mid;
    }
    return (lo < num_tensor_buffers && ids[lo] == static_cast<uint32_t>(t)) ? &plan[lo] : nullptr;
  };
  auto touch = [&](int32_t t, int32_t o) {
    PlanBuffer* b = entry(t);
    if (b == nullptr) return;
    if (b->first_use < 0 || o < b->first_use) b->first_use = o;
    if (o > b->last_use) b->last_use = o;
  };
  const int32_t last_op = num_ops_ == 0 ? 0 : static_cast<int32_t>(num_ops_ - 1);
  for (int32_t t : subgraph_.inputs()) touch(t, 0);
  for (size_t o = 0; o < num_ops_; ++o) {
    const OperatorView op = subgraph_.op(o);
    for (int32_t t : op.inputs()) {
      if (t >= 0) touch(t, static_cast<int32_t>(o));
    }
    for (int32_t t : op.outputs()) touch(t, static_cast<int32_t>(o));
  }
  for (int32_t t : subgraph_.outputs()) touch(t, last_op);
  for (size_t i = 0; i < num_tensor_buffers; ++i) {
    if (plan[i].first_use < 0) plan[i].size = 0;  // never used: no memory
  }

  const size_t planned = PlanGreedyBySize(Span<PlanBuffer>(plan, n),
                                          Span<uint16_t>(scratch, 2 * n), kArenaAlignment);
  const size_t head = head_start + (planned > work_bytes ? planned : work_bytes);
  if (head + tail_bytes_ > usable) return ArenaTooSmall(head + tail_bytes_, "the memory plan");
  // Write results out; tensor_data_ and ops_ live in the tail, clear of the plan.
  for (size_t i = 0; i < n; ++i) {
    uint8_t* address = base + head_start + plan[i].offset;
    if (i < num_tensor_buffers) {
      if (plan[i].size != 0) tensor_data_[ids[i]] = address;
    } else {
      const uint32_t code = ids[i] - static_cast<uint32_t>(num_tensors_);
      ops_[code >> 8].scratch[code & 0xff] = static_cast<uint32_t>(head_start + plan[i].offset);
    }
  }
  head_bytes_ = head;
  required_bytes_ = arena_used_bytes();
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
  for (size_t o = 0; o < num_ops_; ++o) {
    const OpRuntime& rt = ops_[o];
    ctx.inputs_ = rt.inputs;
    ctx.outputs_ = rt.outputs;
    ctx.op_data_ = rt.op_data;
    ctx.scratch_offsets_ = rt.scratch;
    rt.eval(ctx);
    if (observer_ != nullptr) observer_(observer_user_, *this, o);
  }
  return Status::Ok();
}

size_t Interpreter::num_inputs() const { return model_.main_subgraph().inputs().size(); }
size_t Interpreter::num_outputs() const { return model_.main_subgraph().outputs().size(); }

TensorRef Interpreter::tensor(size_t index) const {
  TensorRef ref;
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
  const auto inputs = model_.main_subgraph().inputs();
  return i < inputs.size() ? tensor(static_cast<size_t>(inputs[i])) : TensorRef();
}

TensorRef Interpreter::output(size_t i) const {
  const auto outputs = model_.main_subgraph().outputs();
  return i < outputs.size() ? tensor(static_cast<size_t>(outputs[i])) : TensorRef();
}

}  // namespace mote
