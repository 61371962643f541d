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

// Output without printf: newlib's vsnprintf (with the malloc its stdio
// needs) is ~3 KB of flash, more than the rest of the harness. A line is
// collected in a fixed buffer and written through semihosting at the end.
class Line {
 public:
  Line& Put(const char* s) {
    while (*s != '\0') PutChar(*s++);
    return *this;
  }
  // Decimal by subtracting powers of ten: no 64-bit division (libgcc's is
  // ~750 bytes, and the size-optimized harness would call it).
  Line& Put(uint64_t v) {
    uint64_t powers[20];
    int n = 0;
    for (uint64_t p = 1;; p *= 10) {
      powers[n++] = p;
      if (p > UINT64_MAX / 10 || p * 10 > v) break;
    }
    while (n > 0) {
      const uint64_t p = powers[--n];
      char digit = '0';
      for (; v >= p; v -= p) ++digit;
      PutChar(digit);
    }
    return *this;
  }
  Line& PutInt(int v) {
    if (v < 0) PutChar('-');
    return Put(static_cast<uint64_t>(v < 0 ? -static_cast<int64_t>(v) : v));
  }
  // Ends the line ("\n") and writes it.
  void End() {
    PutChar('\n');
    Flush();
  }
  void Flush() {
    if (n_ > 0) board_write(buf_, n_);
    n_ = 0;
  }

 private:
  void PutChar(char c) {
    if (n_ == sizeof(buf_)) Flush();
    buf_[n_++] = c;
  }
  char buf_[96];
  size_t n_ = 0;
};

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
  Line().Put(key).Put(" ").Put(instructions).End();
}

// MOTE_LAYER lines for ops [0, num_ops) observed from `start_ticks`; `op_name`
// may return nullptr (the host names the op then).
template <typename NameFn>
void PrintLayers(uint64_t start_ticks, size_t num_ops, NameFn op_name) {
  uint64_t prev = start_ticks;
  for (size_t i = 0; i < num_ops && i < kMaxLayers; ++i) {
    const uint64_t end = g_layer_end_ticks[i];
    const char* name = op_name(i);
    Line line;
    line.Put("MOTE_LAYER ").Put(uint64_t{i}).Put(" ");
    if (name != nullptr) line.Put(name).Put(" ");
    line.Put(InstructionsBetween(prev, end)).End();
    prev = end;
  }
}

inline void PrintMemory(size_t arena_bytes) {
  PrintCount("MOTE_ARENA", arena_bytes);
  PrintCount("MOTE_STACK", board_stack_high_water());
  PrintCount("MOTE_HEAP", board_heap_used());
}

inline int Fail(int code, const char* message) {
  Line().Put("MOTE_ERROR ").PutInt(code).Put(" ").Put(message).End();
  return code;
}

}  // namespace bench

#endif  // MOTE_TARGETS_QEMU_APP_BENCH_UTIL_H_
