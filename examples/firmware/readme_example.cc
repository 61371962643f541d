// README.md's "Using the runtime" snippet as a Cortex-M firmware, built as
// written (targets/qemu: mote_readme_example): it registers the int8 kernels
// of the example model only (mote/ops.h), so its flash is what an application
// of that model pays for the interpreter. Prints the scores, the stack
// high-water mark and exits 0 (1 with the error message on failure).
//
//   cmake -S targets/qemu -B build-fw -DCMAKE_TOOLCHAIN_FILE=$PWD/cmake/toolchains/cortex-m4f.cmake
//   cmake --build build-fw -j2 --target mote_readme_example
//   scripts/qemu-run.sh an386 build-fw/mote_readme_example.elf
#include "readme_snippet.inc"  // extracted from README.md (cmake/readme_snippet.cmake)

#include "bench_util.h"

extern const uint8_t g_input[];  // the example model's input (examples/models/*.input.bin)
extern const size_t g_input_len;

int main() {
  board_stack_paint();
  int8_t scores[3] = {};
  const mote::Status s = RunModel(reinterpret_cast<const int8_t*>(g_input), scores);
  if (!s.ok()) return bench::Fail(1, s.message());
  board_puts("MOTE_OUTPUT ");
  app::PrintHex(reinterpret_cast<const uint8_t*>(scores), sizeof(scores));
  board_puts("\n");
  bench::PrintCount("MOTE_STACK", board_stack_high_water());
  return 0;
}
