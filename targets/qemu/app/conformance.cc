// On-target conformance: every embedded model runs on TFLM's golden inputs
// and must reproduce TFLM's outputs byte for byte. Exit code = failed cases.
#include <cstring>

#include "app_util.h"
#include "conformance_cases.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace {

alignas(16) uint8_t g_arena[MOTE_ARENA_BYTES];

bool RunCase(const ConformanceCase& c) {
  auto model = mote::Model::Load(mote::Span<const uint8_t>(c.model, *c.model_len));
  if (!model.ok()) {
    app::Print("  %s: %s\n", c.model_name, model.status().message());
    return false;
  }
  mote::AllOpsResolver resolver;
  mote::Interpreter interp(*model, resolver, mote::Span<uint8_t>(g_arena, sizeof(g_arena)));
  const mote::Status s = interp.AllocateTensors();
  if (!s.ok()) {
    app::Print("  %s: %s\n", c.model_name, s.message());
    return false;
  }
  size_t offset = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) {
    const mote::TensorRef in = interp.input(i);
    if (offset + in.bytes > *c.input_len) break;
    memcpy(in.data, c.input + offset, in.bytes);
    offset += in.bytes;
  }
  if (offset != *c.input_len) {
    app::Print("  %s: golden input is %u bytes, model inputs need %u\n", c.model_name,
               static_cast<unsigned>(*c.input_len), static_cast<unsigned>(offset));
    return false;
  }
  const uint64_t start = board_instructions();
  if (!interp.Invoke().ok()) return false;
  const uint64_t instructions = board_instructions() - start;
  offset = 0;
  bool ok = true;
  for (size_t i = 0; i < interp.num_outputs() && ok; ++i) {
    const mote::TensorRef out = interp.output(i);
    if (offset + out.bytes > *c.output_len) {
      app::Print("  output %u larger than the golden\n", static_cast<unsigned>(i));
      ok = false;
      break;
    }
    const uint8_t* got = static_cast<const uint8_t*>(out.data);
    for (size_t b = 0; b < out.bytes; ++b) {
      if (got[b] != c.output[offset + b]) {
        app::Print("  output %u byte %u: got 0x%02x, TFLM 0x%02x\n", static_cast<unsigned>(i),
                   static_cast<unsigned>(b), got[b], c.output[offset + b]);
        ok = false;
        break;
      }
    }
    offset += out.bytes;
  }
  if (ok && offset != *c.output_len) {
    app::Print("  outputs are %u bytes, golden %u\n", static_cast<unsigned>(offset),
               static_cast<unsigned>(*c.output_len));
    ok = false;
  }
  char buf[24];
  app::Print("  %s %s: %s instructions, arena %u bytes\n", c.model_name, c.input_name,
             app::U64(instructions, buf), static_cast<unsigned>(interp.arena_used_bytes()));
  return ok;
}

}  // namespace

int main() {
  app::Checks checks;
  for (size_t i = 0; i < g_num_cases; ++i) {
    char name[96];
    snprintf(name, sizeof(name), "%s/%s byte-exact with TFLM", g_cases[i].model_name,
             g_cases[i].input_name);
    const bool ok = RunCase(g_cases[i]);
    checks.Check(ok, name);
  }
  app::Print("%d of %d conformance cases passed on target\n", checks.total() - checks.failures(),
             checks.total());
  return checks.failures();
}
