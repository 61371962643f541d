#include "compiler/aot_ir.h"
#include "core/interpreter_hooks.h"

#include <algorithm>

#include "analysis/model_stats.h"
#include "kernels/registry/all_ops_resolver.h"

namespace mote {
namespace aot {

namespace {
// Large enough for every model Mote can run on a host; only the planned part is used.
constexpr size_t kHostArenaBytes = size_t{256} << 20;

// An interpreter of `model` for `archs`, its tensors allocated in `storage`
// (grown in steps so that small models do not touch 256 MiB; the arena
// starts kArenaAlignment-aligned inside it).
Status AllocateInterpreter(const Model& model, const OpResolver& resolver, KernelArchSet archs,
                           bool ahead_of_time, std::vector<uint8_t>* storage,
                           std::unique_ptr<Interpreter>* interp) {
  size_t arena_bytes = size_t{1} << 20;
  for (;;) {
    storage->assign(arena_bytes + kArenaAlignment, 0);
    const size_t pad =
        (kArenaAlignment - reinterpret_cast<uintptr_t>(storage->data()) % kArenaAlignment) %
        kArenaAlignment;
    *interp = std::make_unique<Interpreter>(model, resolver,
                                            Span<uint8_t>(storage->data() + pad, arena_bytes));
    InterpreterHooks::set_kernel_archs(**interp, archs);
    InterpreterHooks::set_ahead_of_time(**interp, ahead_of_time);
    const Status s = (*interp)->AllocateTensors();
    if (s.ok() || s.code() != StatusCode::kResourceExhausted || arena_bytes >= kHostArenaBytes) {
      return s;
    }
    arena_bytes = std::max(arena_bytes * 4, (*interp)->arena_required_bytes());
  }
}

}  // namespace

Status BuildAotModel(const Model& model, KernelArchSet archs, bool pack_weights, AotModel* out) {
  out->resolver = std::make_unique<AllOpsResolver>();
  // Not ahead of time, Prepare packs within the interpreter's run-time budget.
  MOTE_TRY(AllocateInterpreter(model, *out->resolver, archs, /*ahead_of_time=*/pack_weights,
                               &out->arena_storage, &out->interpreter));
  // For comparison, the arena the interpreter needs on the same target (its
  // packed constants within the run-time budget, not the AOT ones).
  {
    std::vector<uint8_t> storage;
    std::unique_ptr<Interpreter> runtime_interp;
    MOTE_TRY(AllocateInterpreter(model, *out->resolver, archs, /*ahead_of_time=*/false, &storage,
                                 &runtime_interp));
    out->interpreter_arena_bytes = runtime_interp->arena_used_bytes();
  }
  const Interpreter& interp = *out->interpreter;
  const uint8_t* base =
      out->arena_storage.data() +
      (kArenaAlignment - reinterpret_cast<uintptr_t>(out->arena_storage.data()) % kArenaAlignment) %
          kArenaAlignment;

  const SubgraphView sg = model.main_subgraph();
  out->tensors.resize(sg.num_tensors());
  size_t arena_end = 0;
  for (size_t t = 0; t < sg.num_tensors(); ++t) {
    const TensorView view = sg.tensor(t);
    const TensorRef ref = interp.tensor(t);
    AotTensor& at = out->tensors[t];
    at.index = t;
    at.name = ref.name;
    at.type = ref.type;
    at.shape.assign(ref.shape.begin(), ref.shape.end());
    at.bytes = ref.bytes;
    at.scale = ref.scale;
    at.zero_point = ref.zero_point;
    if (view.is_constant()) {
      at.storage = Storage::kConstant;
      at.data = view.data().data();
    } else if (view.is_variable()) {
      at.storage = Storage::kVariable;
    } else if (ref.data != nullptr && ref.bytes > 0) {
      at.storage = Storage::kArena;
      at.offset = static_cast<size_t>(static_cast<const uint8_t*>(ref.data) - base);
      arena_end = std::max(arena_end, at.offset + at.bytes);
    }
  }
  const host::ModelStats stats = host::ComputeModelStats(model);
  out->ops.resize(interp.num_ops());
  char name_buf[32];
  // In execution order (the planner may run independent branches in another
  // order than the model lists them); AotOp::index keeps the model's op index.
  for (size_t step = 0; step < interp.num_ops(); ++step) {
    const size_t o = interp.op_at_step(step);
    const OperatorView op = sg.op(o);
    AotOp& ao = out->ops[step];
    ao.index = o;
    ao.builtin = op.builtin();
    ao.name = op.name(name_buf, sizeof(name_buf));
    ao.inputs.assign(op.inputs().begin(), op.inputs().end());
    ao.outputs.assign(op.outputs().begin(), op.outputs().end());
    ao.op_data = InterpreterHooks::op_data(interp, o);
    for (int i = 0; i < InterpreterHooks::num_scratch(interp, o); ++i) {
      ao.scratch_offsets.push_back(InterpreterHooks::scratch_offset(interp, o, i));
    }
    if (o < stats.ops.size()) ao.macs = stats.ops[o].macs;
  }
  // Streamed pairs, as positions in execution order.
  std::vector<int32_t> step_of(interp.num_ops());
  for (size_t step = 0; step < interp.num_ops(); ++step) {
    step_of[interp.op_at_step(step)] = static_cast<int32_t>(step);
  }
  for (AotOp& ao : out->ops) {
    const int32_t consumer = InterpreterHooks::stream_consumer(interp, ao.index);
    const int32_t producer = InterpreterHooks::stream_producer(interp, ao.index);
    if (consumer >= 0) {
      ao.stream_consumer = step_of[static_cast<size_t>(consumer)];
      ao.stream_band_rows = InterpreterHooks::stream_decl(interp, ao.index).band_rows;
      ao.stream_scratch = InterpreterHooks::stream_scratch(interp, ao.index);
    }
    if (producer >= 0) ao.stream_producer = step_of[static_cast<size_t>(producer)];
  }
  out->inputs.assign(sg.inputs().begin(), sg.inputs().end());
  out->outputs.assign(sg.outputs().begin(), sg.outputs().end());
  out->arena_bytes = (arena_end + kArenaAlignment - 1) / kArenaAlignment *
                     kArenaAlignment;  // scratch ends are added by emission
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
