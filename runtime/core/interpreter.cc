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
    rt.memory = rt.kernel->memory;
    PrepareContext ctx(this, subgraph_, op, o, &rt.op_data, &rt.eval, rt.scratch, &rt.num_scratch,
                       &rt.memory);
    const Status s = rt.kernel->prepare(ctx);
    if (!s.ok()) return s.WithContext("op %zu (%s)", o, name);
    if (rt.eval == nullptr) {
      return Status::Error(StatusCode::kInternal, "op %zu (%s): Prepare chose no Eval", o, name);
    }
  }
  return Status::Ok();
}

// Tensor lifetimes and memory sharing. plan[k] (k < m) describes planned
// tensor ids[k] (ids ascending): size, first/last op it is live at, and in
// `offset` its group's parent entry (union-find; bit 31 marks a group holding
// a graph input or output, whose memory must never be overwritten in place).
// A group is one region: views (RESHAPE...) and in-place outputs join their
// input's group, which lives from its first producer to its last consumer.
namespace {
constexpr uint32_t kPinned = 0x80000000u;
uint32_t FindGroup(PlanBuffer* plan, uint32_t k) {
  while ((plan[k].offset & ~kPinned) != k) {
    const uint32_t parent = plan[k].offset & ~kPinned;
    plan[k].offset = (plan[k].offset & kPinned) | (plan[parent].offset & ~kPinned);
    k = parent;
  }
  return k;
}
}  // namespace

void Interpreter::GroupTensors(int32_t* counts, PlanBuffer* plan, const uint32_t* ids, size_t m) {
  // Entry of tensor t, or -1 when t is not planned (binary search of ids).
  auto entry = [&](int32_t t) -> int32_t {
    if (t < 0) return -1;
    size_t lo = 0, hi = m;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (ids[mid] < static_cast<uint32_t>(t))
        lo = mid + 1;
      else
        hi = mid;
    }
    return (lo < m && ids[lo] == static_cast<uint32_t>(t)) ? static_cast<int32_t>(lo) : -1;
  };
  auto touch = [&](int32_t t, int32_t o) {
    const int32_t k = entry(t);
    if (k < 0) return;
    PlanBuffer& b = plan[k];
    if (b.first_use < 0 || o < b.first_use) b.first_use = o;
    if (o > b.last_use) b.last_use = o;
  };
  const int32_t last_op = num_ops_ == 0 ? 0 : static_cast<int32_t>(num_ops_ - 1);
  for (int32_t t : subgraph_.inputs()) touch(t, 0);
  for (size_t o = 0; o < num_ops_; ++o) {
    for (int32_t t : subgraph_.op(o).inputs()) touch(t, static_cast<int32_t>(o));
    for (int32_t t : subgraph_.op(o).outputs()) touch(t, static_cast<int32_t>(o));
  }
  for (int32_t t : subgraph_.outputs()) touch(t, last_op);
  for (size_t k = 0; k < m; ++k) {
    if (plan[k].first_use < 0) plan[k].size = 0;  // never used: no memory
  }
  for (int32_t t : subgraph_.inputs()) {
    if (entry(t) >= 0) plan[entry(t)].offset |= kPinned;
  }
  for (int32_t t : subgraph_.outputs()) {
    if (entry(t) >= 0) plan[entry(t)].offset |= kPinned;
  }

  for (size_t o = 0; o < num_ops_; ++o) {
    const OperatorView op = subgraph_.op(o);
    const uint8_t memory = ops_[o].memory;
    if (memory == 0 || op.inputs().empty() || op.outputs().empty()) continue;
    const int32_t out = entry(op.outputs()[0]);
    if (out < 0 || plan[out].size == 0) continue;
    if (FindGroup(plan, static_cast<uint32_t>(out)) != static_cast<uint32_t>(out)) continue;
    // Input 0, or with kOutputMayOverwriteAnyInput the first input that qualifies.
    const size_t candidates = (memory & kOutputMayOverwriteAnyInput) != 0 ? op.inputs().size() : 1;
    bool view = false;
    bool in_place = false;
    uint32_t root = 0;
    for (size_t i = 0; i < candidates && !view && !in_place; ++i) {
      const int32_t in = entry(op.inputs()[i]);
      if (in < 0 || in == out || plan[in].size == 0) continue;
      root = FindGroup(plan, static_cast<uint32_t>(in));
      if (root == static_cast<uint32_t>(out)) continue;
      const PlanBuffer& group = plan[root];
      view = i == 0 && planner_options_.views && (memory & kOutputIsView) != 0 &&
             plan[out].size == plan[in].size;
      // In place: the input's whole group dies here and holds no graph input/output.
      in_place = !view && planner_options_.in_place &&
                 (memory & (kOutputMayOverwriteInput | kOutputMayOverwriteAnyInput)) != 0 &&
                 plan[out].size == plan[in].size && group.last_use == static_cast<int32_t>(o) &&
                 (group.offset & kPinned) == 0;
    }
    if (!view && !in_place) continue;
    ++counts[view ? 0 : 1];
    PlanBuffer& group = plan[root];
    const PlanBuffer& member = plan[out];
    if (member.first_use < group.first_use) group.first_use = member.first_use;
    if (member.last_use > group.last_use) group.last_use = member.last_use;
    if (member.size > group.size) group.size = member.size;
    group.offset |= member.offset & kPinned;
    plan[out].offset = (plan[out].offset & kPinned) | root;
  }
  // Members take no memory of their own; first_use keeps their root entry.
  for (size_t k = 0; k < m; ++k) {
    const uint32_t root = FindGroup(plan, static_cast<uint32_t>(k));
    if (root != k) {
      plan[k].size = 0;
      plan[k].first_use = static_cast<int32_t>(root);
      plan[k].last_use = -2;
    } else if (plan[k].size != 0) {
      plan[k].size = static_cast<uint32_t>(AlignUp(plan[k].size, kArenaAlignment));
    }
  }
  for (size_t k = 0; k < m; ++k) plan[k].offset = 0;
}

Status Interpreter::PlanMemory() {
  // Planner working memory is taken from the free space at the head and is
  // released before the planned buffers are used, so the arena needs
  // max(work, plan) there.
  size_t m = 0;  // planned tensors
  size_t n = 0;  // planned tensors + scratch buffers
  for (size_t t = 0; t < num_tensors_; ++t) {
    if (tensor_data_[t] == nullptr && subgraph_.tensor(t).bytes() > 0) ++m;
  }
  n = m;
  for (size_t o = 0; o < num_ops_; ++o) n += ops_[o].num_scratch;
  if (n > 0xffff) {
    return Status::Error(StatusCode::kUnsupported, "%zu buffers to plan; at most 65535", n);
  }
  uint8_t* base = arena_.data();
  const size_t misalign = reinterpret_cast<uintptr_t>(base) % kArenaAlignment;
  const size_t head_start = misalign == 0 ? 0 : kArenaAlignment - misalign;
  const uintptr_t usable_end = (reinterpret_cast<uintptr_t>(base) + arena_.size()) &
                               ~static_cast<uintptr_t>(kArenaAlignment - 1);
  const size_t usable = static_cast<size_t>(usable_end - reinterpret_cast<uintptr_t>(base));
  const size_t free_bytes = usable - tail_bytes_;
  const size_t plan_bytes = n * sizeof(PlanBuffer);
  const size_t ids_bytes = n * sizeof(uint32_t);
  const bool search = planner_options_.multi_strategy;
  const size_t planner_bytes = search ? PlanWorkBytes(n) : 2 * n * sizeof(uint16_t);
  const size_t work_bytes = plan_bytes + ids_bytes + planner_bytes;
  if (head_start + work_bytes > free_bytes) {
    return ArenaTooSmall(tail_bytes_ + head_start + work_bytes, "planning");
  }
  PlanBuffer* plan = reinterpret_cast<PlanBuffer*>(base + head_start);
  uint32_t* ids = reinterpret_cast<uint32_t*>(base + head_start + plan_bytes);
  uint8_t* planner_work = base + head_start + plan_bytes + ids_bytes;

  // ids[k]: tensor index, or num_tensors_ + (op << 8 | scratch slot) for scratch.
  size_t k = 0;
  for (size_t t = 0; t < num_tensors_; ++t) {
    if (tensor_data_[t] != nullptr) continue;
    const uint32_t bytes = subgraph_.tensor(t).bytes();
    if (bytes == 0) continue;
    plan[k] = PlanBuffer{bytes, -1, -1, static_cast<uint32_t>(k)};
    ids[k++] = static_cast<uint32_t>(t);
  }
  int32_t counts[2] = {0, 0};  // views, in-place outputs
  GroupTensors(counts, plan, ids, m);
  for (size_t o = 0; o < num_ops_; ++o) {
    for (uint8_t s = 0; s < ops_[o].num_scratch; ++s) {
      plan[k] = PlanBuffer{static_cast<uint32_t>(AlignUp(ops_[o].scratch[s], kArenaAlignment)),
                           static_cast<int32_t>(o), static_cast<int32_t>(o), 0};
      ids[k++] = static_cast<uint32_t>(num_tensors_ + (o << 8) + s);
    }
  }

  const Span<PlanBuffer> buffers(plan, n);
  PlanResult result;
  if (search) {
    result = PlanBest(buffers, Span<uint8_t>(planner_work, planner_bytes), kArenaAlignment,
                      planner_options_.search_steps);
  } else {
    uint16_t* scratch = reinterpret_cast<uint16_t*>(planner_work);
    result.bytes = PlanGreedyBySize(buffers, Span<uint16_t>(scratch, 2 * n), kArenaAlignment);
    result.greedy_bytes = result.bytes;
    result.lower_bound = PlanLowerBound(Span<const PlanBuffer>(plan, n), kArenaAlignment);
  }
  const size_t planned = result.bytes;
  const size_t head = head_start + (planned > work_bytes ? planned : work_bytes);
  if (head + tail_bytes_ > usable) return ArenaTooSmall(head + tail_bytes_, "the memory plan");
  // Write results out; tensor_data_ and ops_ live in the tail, clear of the plan.
  uint32_t num_regions = 0;
  for (size_t i = 0; i < n; ++i) {
    const bool member = i < m && plan[i].last_use == -2;
    const uint32_t offset = static_cast<uint32_t>(
        head_start + (member ? plan[plan[i].first_use].offset : plan[i].offset));
    if (i < m) {
      if (member || plan[i].size != 0) tensor_data_[ids[i]] = base + offset;
      if (member || plan[i].size == 0) continue;
    } else {
      const uint32_t code = ids[i] - static_cast<uint32_t>(num_tensors_);
      ops_[code >> 8].scratch[code & 0xff] = offset;
    }
    ++num_regions;
    if (plan_observer_ == nullptr) continue;
    PlannedRegion region;
    region.offset = offset;
    region.size = plan[i].size;
    region.first_op = plan[i].first_use;
    region.last_op = plan[i].last_use;
    if (i < m) {
      region.tensor = static_cast<int32_t>(ids[i]);
    } else {
      const uint32_t code = ids[i] - static_cast<uint32_t>(num_tensors_);
      region.scratch_op = static_cast<int32_t>(code >> 8);
      region.scratch_index = static_cast<int32_t>(code & 0xff);
    }
    plan_observer_(plan_observer_user_, region);
  }
  head_bytes_ = head;
  required_bytes_ = arena_used_bytes();
  plan_summary_ = PlanSummary{};
  plan_summary_.activation_bytes = planned;
  plan_summary_.greedy_bytes = result.greedy_bytes;
  plan_summary_.lower_bound = result.lower_bound;
  plan_summary_.persistent_bytes = tail_bytes_;
  plan_summary_.work_bytes = work_bytes;
  plan_summary_.strategy = result.strategy;
  plan_summary_.num_buffers = num_regions;
  plan_summary_.num_views = static_cast<uint32_t>(counts[0]);
  plan_summary_.num_in_place = static_cast<uint32_t>(counts[1]);
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
