// Runtime self-test on the target: the board (startup, FPU, counter, stack
// painting) and the runtime's contract (model verification, arena planning,
// errors, determinism) checked with the example model. Not gtest: each check
// prints PASS/FAIL and the exit code is the number of failures.
#include <cstring>

#include "app_util.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

extern const uint8_t g_example_model[];
extern const size_t g_example_model_len;
extern const uint8_t g_example_input[];
extern const size_t g_example_input_len;

namespace {

int g_initialized = 42;  // .data
int g_zeroed;            // .bss
bool g_constructed = false;
struct Constructed {
  Constructed() { g_constructed = true; }
};
Constructed g_static_object;

alignas(16) uint8_t g_arena[16 * 1024];
alignas(16) uint8_t g_model_copy[4096];

// Exactly 2 * n instructions (subs + bne per iteration), plus a few.
__attribute__((noinline)) void CountedLoop(uint32_t n) {
  __asm__ volatile(
      "1: subs %0, %0, #1\n"
      "   bne 1b\n"
      : "+r"(n)
      :
      : "cc");
}

void CheckBoard(app::Checks& c) {
  c.Check(g_initialized == 42 && g_zeroed == 0, "startup copies .data and zeroes .bss");
  c.Check(g_constructed, "startup runs static constructors");
  volatile float a = 1.5f, b = 2.25f;
  c.Check(a * b == 3.375f, "FPU enabled (hard-float multiply)");

  // The counter reads executed instructions: a loop of known length.
  const uint64_t t0 = board_instructions();
  CountedLoop(500000);
  const uint64_t n = board_instructions() - t0;
  char buf[24];
  app::Print("  counted loop of 1000000 instructions: %s\n", app::U64(n, buf));
  const uint32_t tolerance = 3 * board_instructions_per_tick() + 64;
  c.Check(n + tolerance >= 1000000 && n <= 1000000 + tolerance,
          "instruction counter (SysTick under -icount shift=0) counts instructions");
}

void CheckModel(app::Checks& c) {
  mote::Span<const uint8_t> bytes(g_example_model, g_example_model_len);
  c.Check(mote::Model::Load(bytes).ok(), "example model loads and verifies");

  // A corrupted copy must be rejected, never crash.
  if (g_example_model_len <= sizeof(g_model_copy)) {
    memcpy(g_model_copy, g_example_model, g_example_model_len);
    g_model_copy[3] = 0x7F;  // root table offset far beyond the buffer
    auto bad = mote::Model::Load(mote::Span<const uint8_t>(g_model_copy, g_example_model_len));
    c.Check(!bad.ok() && bad.status().code() == mote::StatusCode::kInvalidModel,
            "model with an out-of-range root offset is rejected");
    auto truncated = mote::Model::Load(mote::Span<const uint8_t>(g_example_model, 100));
    c.Check(!truncated.ok(), "truncated model is rejected");
  }
}

void CountOps(void* user, const mote::Interpreter&, size_t) { ++*static_cast<size_t*>(user); }

void CheckInterpreter(app::Checks& c) {
  auto model = mote::Model::Load(mote::Span<const uint8_t>(g_example_model, g_example_model_len));
  if (!c.Check(model.ok(), "load for the interpreter")) return;
  mote::AllOpsResolver resolver;

  {
    mote::Interpreter small(*model, resolver, mote::Span<uint8_t>(g_arena, 64));
    const mote::Status s = small.AllocateTensors();
    c.Check(s.code() == mote::StatusCode::kResourceExhausted && small.arena_required_bytes() > 64,
            "too small an arena fails with the size needed");
    c.Check(!small.Invoke().ok(), "Invoke without a successful AllocateTensors fails");
  }

  mote::Interpreter interp(*model, resolver, mote::Span<uint8_t>(g_arena, sizeof(g_arena)));
  const mote::Status s = interp.AllocateTensors();
  if (!c.Check(s.ok(), "AllocateTensors")) {
    app::Print("  %s\n", s.message());
    return;
  }
  c.Check(interp.arena_used_bytes() <= interp.arena_required_bytes() + mote::kArenaAlignment &&
              interp.arena_used_bytes() > 0,
          "arena use reported");
  const mote::TensorRef in = interp.input(0);
  if (!c.Check(in.bytes == g_example_input_len, "example input size matches")) return;
  memcpy(in.data, g_example_input, in.bytes);

  size_t ops_seen = 0;
  interp.set_op_observer(&CountOps, &ops_seen);
  const uint64_t t0 = board_instructions();
  c.Check(interp.Invoke().ok(), "Invoke");
  const uint64_t first = board_instructions() - t0;
  c.Check(ops_seen == interp.num_ops(), "op observer called once per op");

  const mote::TensorRef out = interp.output(0);
  uint8_t first_out[16] = {};
  const size_t n = out.bytes < sizeof(first_out) ? out.bytes : sizeof(first_out);
  memcpy(first_out, out.data, n);
  float sum = 0;
  for (size_t i = 0; i < out.bytes; ++i) {
    sum += static_cast<float>(out.data_as<int8_t>()[i] - out.zero_point) * out.scale;
  }
  c.Check(sum > 1.0f - 3.0f / 256 && sum < 1.0f + 3.0f / 256,
          "softmax output is a probability distribution");

  memcpy(in.data, g_example_input, in.bytes);
  const uint64_t t1 = board_instructions();
  c.Check(interp.Invoke().ok(), "second Invoke");
  const uint64_t second = board_instructions() - t1;
  c.Check(memcmp(first_out, out.data, n) == 0, "same input, same output");
  char b1[24], b2[24];
  app::Print("  instructions per Invoke: %s then %s\n", app::U64(first, b1), app::U64(second, b2));
  const uint64_t diff = first > second ? first - second : second - first;
  c.Check(diff <= 2 * board_instructions_per_tick() + 2 * 64 * interp.num_ops(),
          "instruction count is repeatable");
}

}  // namespace

int main() {
  board_stack_paint();
  app::Checks c;
  CheckBoard(c);
  CheckModel(c);
  CheckInterpreter(c);
  const size_t stack = board_stack_high_water();
  app::Print("  stack high-water mark: %u of %u bytes\n", static_cast<unsigned>(stack),
             static_cast<unsigned>(board_stack_size()));
  c.Check(stack > 0 && stack < board_stack_size(), "stack painting measures a high-water mark");
  app::Print("%d of %d self-test checks passed on target\n", c.total() - c.failures(), c.total());
  return c.failures();
}
