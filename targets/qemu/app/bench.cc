// Benchmark firmware for `mote bench`: runs the embedded model on the embedded
// input and prints machine-readable lines:
//   MOTE_LAYER <index> <op> <instructions>   one per op (first Invoke, observed)
//   MOTE_INSTRUCTIONS <n>                    a second Invoke without observer
//   MOTE_ARENA <bytes> / MOTE_STACK <bytes> / MOTE_HEAP <bytes>
//   MOTE_OUTPUT <hex>                        all outputs concatenated
//   MOTE_ERROR <code> <message>              and exit code 3/4/5 on failure
#include <cstring>

#include "app_util.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

extern const uint8_t g_model[];
extern const size_t g_model_len;
extern const uint8_t g_input[];
extern const size_t g_input_len;

namespace {

alignas(16) uint8_t g_arena[MOTE_ARENA_BYTES];
constexpr size_t kMaxLayers = 1024;
uint64_t g_layer_end[kMaxLayers];

void RecordLayer(void* user, const mote::Interpreter&, size_t op_index) {
  (void)user;
  if (op_index < kMaxLayers) g_layer_end[op_index] = board_instructions();
}

int Fail(int code, const char* message) {
  app::Print("MOTE_ERROR %d %s\n", code, message);
  return code;
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
  if (!model.ok()) return Fail(3, model.status().message());
  mote::AllOpsResolver resolver;
  mote::Interpreter interp(*model, resolver, mote::Span<uint8_t>(g_arena, sizeof(g_arena)));
  const mote::Status s = interp.AllocateTensors();
  if (!s.ok()) return Fail(ExitCodeFor(s.code()), s.message());
  size_t total = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) total += interp.input(i).bytes;
  if (g_input_len != 0 && g_input_len != total) return Fail(4, "input size mismatch");

  char buf[24];
  CopyInputs(interp);
  interp.set_op_observer(&RecordLayer, nullptr);
  const uint64_t start = board_instructions();
  if (!interp.Invoke().ok()) return Fail(1, "Invoke failed");
  uint64_t prev = start;
  for (size_t i = 0; i < interp.num_ops() && i < kMaxLayers; ++i) {
    char name[32];
    app::Print("MOTE_LAYER %u %s %s\n", static_cast<unsigned>(i),
               interp.subgraph().op(i).name(name, sizeof(name)),
               app::U64(g_layer_end[i] - prev, buf));
    prev = g_layer_end[i];
  }
  app::Print("MOTE_OUTPUT ");
  for (size_t i = 0; i < interp.num_outputs(); ++i) {
    const mote::TensorRef out = interp.output(i);
    app::PrintHex(static_cast<const uint8_t*>(out.data), out.bytes);
  }
  app::Print("\n");

  // The whole-model count comes from a run without the observer.
  interp.set_op_observer(nullptr, nullptr);
  CopyInputs(interp);
  const uint64_t t0 = board_instructions();
  if (!interp.Invoke().ok()) return Fail(1, "Invoke failed");
  const uint64_t instructions = board_instructions() - t0;
  app::Print("MOTE_INSTRUCTIONS %s\n", app::U64(instructions, buf));
  app::Print("MOTE_ARENA %u\n", static_cast<unsigned>(interp.arena_used_bytes()));
  app::Print("MOTE_STACK %u\n", static_cast<unsigned>(board_stack_high_water()));
  app::Print("MOTE_HEAP %u\n", static_cast<unsigned>(board_heap_used()));
  return 0;
}
