// Builds a benchmark firmware (targets/qemu: mote_bench or mote_bench_aot)
// for a QEMU board with arm-none-eabi, in a reusable CMake build directory.
#ifndef MOTE_HOST_CLI_BENCH_FIRMWARE_BUILD_H_
#define MOTE_HOST_CLI_BENCH_FIRMWARE_BUILD_H_

#include <cstddef>
#include <string>
#include <vector>

#include "cli/bench/bench_options.h"

namespace mote {
namespace cli {

struct Board {
  const char* cpu;         // toolchain file name (cmake/toolchains/CPU.cmake)
  const char* board;       // targets/qemu board, scripts/qemu-run.sh argument
  const char* machine;     // QEMU machine
  const char* aot_target;  // `mote compile --target`
};

// cortex-m4 (or cortex-m4f), cortex-m7, cortex-m33, cortex-m55; nullptr otherwise.
const Board* FindBoard(const std::string& target);

// Mote's source tree ($MOTE_SOURCE_DIR, else where this mote was built from).
std::string SourceDir();

// What goes into the firmware.
struct FirmwareSpec {
  bool aot = false;
  std::string model_path;            // interpreter: the .tflite embedded
  size_t arena_bytes = 0;            // interpreter: its arena
  std::string aot_dir;               // aot: holds bench_model.h/.cc/_data.cc
  std::vector<std::string> kernels;  // runtime/kernels folders to link
  std::string input_file;            // all inputs concatenated
};

struct Firmware {
  std::string elf, map;
};

// The build directory: --build-dir, else $TMPDIR/mote-bench-CPU-KEY (KEY from
// the source tree's path: one directory per checkout). A bench holds
// an flock on DIR/.lock while it uses it, so concurrent runs take turns.
std::string FirmwareDir(const BenchOptions& opt, const Board& board);

// Checks the sources and tools, configures and builds. Returns an exit code;
// prints the tail of the build log on failure (and a hint if the image does
// not fit the flash/RAM budget).
int BuildFirmware(const BenchOptions& opt, const Board& board, const FirmwareSpec& spec,
                  Firmware* fw);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_FIRMWARE_BUILD_H_
