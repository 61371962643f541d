// Benchmark firmware for `mote bench --path interpreter`: runs the embedded
// model on the embedded input with the interpreter and prints the lines of
// bench_util.h. The first Invoke is observed (per-layer counts), the second is
// not (the whole-model count).
#include <cstring>

#include "bench_util.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

extern const uint8_t g_model[];
extern const size_t g_model_len;
extern const uint8_t g_input[];
extern const size_t g_input_len;

namespace {

alignas(16) uint8_t g_arena[MOTE_ARENA_BYTES];

void ObserveOp(void*, const mote::Interpreter&, size_t op_index) {
  bench::RecordLayerEnd(op_index);
}

int ExitCodeFor(mote::StatusCode code) {
  switch (code) {
    case mote::StatusCode::kInvalidModel:
      return 3;
    case mote::StatusCode::kUnsupported:
      return 5;
    case mote::StatusCode::kResourceExhausted:
      return 6;
    default:
      return 1;
  }
}

void CopyInputs(mote::Interpreter& interp) {
  size_t offset = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) {
    const mote::TensorRef in = interp.input(i);
    if (g_input_len == 0) {
      memset(in.data, 0, in.bytes);
    } else {
      memcpy(in.data, g_input + offset, in.bytes);
    }
    offset += in.bytes;
  }
}

}  // namespace

int main() {
  board_stack_paint();
  auto model = mote::Model::Load(mote::Span<const uint8_t>(g_model, g_model_len));
  if (!model.ok()) return bench::Fail(3, model.status().message());
  mote::AllOpsResolver resolver;
  mote::Interpreter interp(*model, resolver, mote::Span<uint8_t>(g_arena, sizeof(g_arena)));
  const mote::Status s = interp.AllocateTensors();
  if (!s.ok()) return bench::Fail(ExitCodeFor(s.code()), s.message());
  size_t total = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) total += interp.input(i).bytes;
  if (g_input_len != 0 && g_input_len != total) return bench::Fail(4, "input size mismatch");

  CopyInputs(interp);
  interp.set_op_observer(&ObserveOp, nullptr);
  const uint64_t start = board_ticks();
  if (!interp.Invoke().ok()) return bench::Fail(1, "Invoke failed");
  const uint64_t end = board_ticks();
  char name[32];
  bench::PrintLayers(start, interp.num_ops(),
                     [&](size_t i) { return interp.subgraph().op(i).name(name, sizeof(name)); });
  bench::PrintCount("MOTE_OBSERVED", bench::InstructionsBetween(start, end));
  board_puts("MOTE_OUTPUT ");
  for (size_t i = 0; i < interp.num_outputs(); ++i) {
    const mote::TensorRef out = interp.output(i);
    app::PrintHex(static_cast<const uint8_t*>(out.data), out.bytes);
  }
  board_puts("\n");

  interp.set_op_observer(nullptr, nullptr);
  CopyInputs(interp);
  const uint64_t t0 = board_ticks();
  if (!interp.Invoke().ok()) return bench::Fail(1, "Invoke failed");
  const uint64_t t1 = board_ticks();
  bench::PrintCount("MOTE_INSTRUCTIONS", bench::InstructionsBetween(t0, t1));
  bench::PrintMemory(interp.arena_used_bytes());
  return 0;
}
