// Runs the compiled KWS model (kws.h, from mote_add_model) on every golden
// input and exits 0 when all outputs are byte-equal to TFLM's goldens. Also
// checks the arena checks, and prints the instructions of one inference.
#include <cstring>

#include "board.h"
#include "kws.h"

struct Golden {
  const uint8_t* in;
  size_t in_len;
  const uint8_t* out;
  size_t out_len;
};
extern const Golden kGolden[];
extern const size_t kNumGolden;

namespace {

alignas(KWS_ARENA_ALIGNMENT) uint8_t g_arena[KWS_ARENA_SIZE + 16];

void PrintNumber(const char* label, uint64_t v) {
  char digits[24];
  int n = 0;
  do {
    digits[n++] = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  board_puts(label);
  while (n > 0) board_write(&digits[--n], 1);
  board_puts("\n");
}

}  // namespace

int main() {
  // The arena checks: too small, misaligned.
  if (kws_init(g_arena, KWS_ARENA_SIZE - 1) != MOTE_AOT_ARENA_TOO_SMALL) return 10;
  if (kws_invoke(g_arena + 1, KWS_ARENA_SIZE) != MOTE_AOT_ARENA_MISALIGNED) return 11;
  if (kws_init(g_arena, KWS_ARENA_SIZE) != MOTE_AOT_OK) return 12;
  int failures = 0;
  for (size_t k = 0; k < kNumGolden; ++k) {
    const Golden& g = kGolden[k];
    if (g.in_len != KWS_INPUT0_BYTES || g.out_len != KWS_OUTPUT0_BYTES) return 13;
    std::memcpy(kws_input0(g_arena), g.in, g.in_len);
    const uint64_t start = board_ticks();
    if (kws_invoke(g_arena, KWS_ARENA_SIZE) != MOTE_AOT_OK) return 14;
    const uint64_t end = board_ticks();
    if (k == 0)
      PrintNumber("MOTE_INSTRUCTIONS ",
                  board_ticks_to_instructions(end) - board_ticks_to_instructions(start));
    if (std::memcmp(kws_output0(g_arena), g.out, g.out_len) != 0) {
      board_puts("golden mismatch\n");
      ++failures;
    }
  }
  board_puts(failures == 0 ? "MOTE_GOLDEN_OK\n" : "MOTE_GOLDEN_FAIL\n");
  return failures == 0 ? 0 : 1;
}
