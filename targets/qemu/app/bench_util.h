// Shared by the benchmark firmwares (bench.cc: the interpreter, bench_aot.cc:
// an ahead-of-time compiled model). They print lines `mote bench` parses
// (host/bench/firmware_output.h):
//   MOTE_LAYER <index> [<op>] <instructions>  per op, from an observed Invoke
//   MOTE_OBSERVED <instructions>             that observed Invoke in all
//   MOTE_INSTRUCTIONS <instructions>         an Invoke without observer
//   MOTE_ARENA / MOTE_STACK / MOTE_HEAP <bytes>
//   MOTE_OUTPUT <hex>                        all outputs concatenated
//   MOTE_ERROR <code> <message>              and exit code 3/4/5 on failure
// The observed Invoke costs more than the other by the observer's own
// instructions; `mote bench` subtracts that difference from the layers.
#ifndef MOTE_TARGETS_QEMU_APP_BENCH_UTIL_H_
#define MOTE_TARGETS_QEMU_APP_BENCH_UTIL_H_

#include <cstddef>
#include <cstdint>

#include "app_util.h"
#include "board.h"

namespace bench {

constexpr size_t kMaxLayers = 1024;

// The counter (SysTick ticks) after each op of the observed Invoke.
inline uint64_t g_layer_end_ticks[kMaxLayers];

// The observer: as cheap as possible (no 64-bit division), it runs per op.
inline void RecordLayerEnd(size_t op_index) {
  if (op_index < kMaxLayers) g_layer_end_ticks[op_index] = board_ticks();
}

inline uint64_t InstructionsBetween(uint64_t from_ticks, uint64_t to_ticks) {
  return board_ticks_to_instructions(to_ticks) - board_ticks_to_instructions(from_ticks);
}

inline void PrintCount(const char* key, uint64_t instructions) {
  char buf[24];
  app::Print("%s %s\n", key, app::U64(instructions, buf));
}

// MOTE_LAYER lines for ops [0, num_ops) observed from `start_ticks`; `op_name`
// may return nullptr (the host names the op then).
template <typename NameFn>
void PrintLayers(uint64_t start_ticks, size_t num_ops, NameFn op_name) {
  uint64_t prev = start_ticks;
  char buf[24];
  for (size_t i = 0; i < num_ops && i < kMaxLayers; ++i) {
    const uint64_t end = g_layer_end_ticks[i];
    const char* name = op_name(i);
    app::Print("MOTE_LAYER %u %s%s%s\n", static_cast<unsigned>(i), name ? name : "",
               name ? " " : "", app::U64(InstructionsBetween(prev, end), buf));
    prev = end;
  }
}

inline void PrintMemory(size_t arena_bytes) {
  app::Print("MOTE_ARENA %u\n", static_cast<unsigned>(arena_bytes));
  app::Print("MOTE_STACK %u\n", static_cast<unsigned>(board_stack_high_water()));
  app::Print("MOTE_HEAP %u\n", static_cast<unsigned>(board_heap_used()));
}

inline int Fail(int code, const char* message) {
  app::Print("MOTE_ERROR %d %s\n", code, message);
  return code;
}

}  // namespace bench

#endif  // MOTE_TARGETS_QEMU_APP_BENCH_UTIL_H_
