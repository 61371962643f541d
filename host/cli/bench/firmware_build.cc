#include "cli/bench/firmware_build.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

#include "bench/shell.h"
#include "cli/cli_common.h"

#ifndef MOTE_SOURCE_DIR
#define MOTE_SOURCE_DIR ""
#endif

namespace mote {
namespace cli {
namespace {

namespace fs = std::filesystem;
using bench::ShellQuote;

std::string Join(const std::vector<std::string>& items) {
  std::string s;
  for (const std::string& i : items) s += (s.empty() ? "" : ";") + i;
  return s;
}

}  // namespace

const Board* FindBoard(const std::string& target) {
  static const Board kBoards[] = {{"cortex-m4f", "an386", "mps2-an386", "cortex-m4"},
                                  {"cortex-m7", "an500", "mps2-an500", "cortex-m7"},
                                  {"cortex-m33", "an505", "mps2-an505", "cortex-m33"},
                                  {"cortex-m55", "an547", "mps3-an547", "cortex-m55"}};
  for (const Board& b : kBoards) {
    if (target == b.cpu || target == b.aot_target) return &b;
  }
  return nullptr;
}

std::string SourceDir() {
  const char* env = std::getenv("MOTE_SOURCE_DIR");
  return env != nullptr && *env ? env : MOTE_SOURCE_DIR;
}

std::string FirmwareDir(const BenchOptions& opt, const Board& board) {
  if (!opt.build_dir.empty()) return opt.build_dir;
  // Keyed by the source tree too: a CMake build directory belongs to one
  // source tree, and two checkouts must not share one.
  char key[9];
  std::snprintf(key, sizeof(key), "%08x",
                static_cast<unsigned>(std::hash<std::string>{}(SourceDir()) & 0xffffffffu));
  return (fs::temp_directory_path() / (std::string("mote-bench-") + board.cpu + "-" + key))
      .string();
}

int BuildFirmware(const BenchOptions& opt, const Board& board, const FirmwareSpec& spec,
                  Firmware* fw) {
  const std::string src = SourceDir();
  if (!fs::exists(src + "/targets/qemu/CMakeLists.txt")) {
    Error("Mote's sources not found at '%s' (set MOTE_SOURCE_DIR)", src.c_str());
    return kExitFailure;
  }
  if (!bench::HaveProgram("arm-none-eabi-g++ qemu-system-arm cmake")) {
    Error(
        "bench on %s needs cmake, arm-none-eabi-g++ and qemu-system-arm "
        "(Debian: gcc-arm-none-eabi libnewlib-arm-none-eabi "
        "libstdc++-arm-none-eabi-newlib qemu-system-arm)",
        board.cpu);
    return kExitFailure;
  }
  const std::string dir = FirmwareDir(opt, board);
  // Both firmwares share the build directory; only the one asked for is defined.
  const std::string configure =
      "cmake -S " + ShellQuote(src + "/targets/qemu") + " -B " + ShellQuote(dir) +
      " -DCMAKE_TOOLCHAIN_FILE=" + ShellQuote(src + "/cmake/toolchains/" + board.cpu + ".cmake") +
      " -DMOTE_BENCH_MODEL=" + ShellQuote(spec.aot ? "" : fs::absolute(spec.model_path).string()) +
      " -DMOTE_BENCH_KERNELS=" + ShellQuote(spec.aot ? "" : Join(spec.kernels)) +
      " -DMOTE_BENCH_ARENA=" + std::to_string(spec.arena_bytes) +
      " -DMOTE_BENCH_AOT_DIR=" + ShellQuote(spec.aot ? spec.aot_dir : "") +
      " -DMOTE_BENCH_AOT_KERNELS=" + ShellQuote(spec.aot ? Join(spec.kernels) : "") +
      " -DMOTE_BENCH_INPUT=" + ShellQuote(spec.input_file) +
      " -DMOTE_FLASH_BUDGET=" + std::to_string(opt.flash_budget) +
      " -DMOTE_RAM_BUDGET=" + std::to_string(opt.ram_budget) + " -DMOTE_CONFORMANCE_MODELS= 2>&1";
  std::string log;
  Progress("configuring the %s firmware in %s (cmake)", board.cpu, dir.c_str());
  if (bench::RunCapture(configure, &log) != 0) {
    Error("configuring the firmware failed:\n%s", bench::Tail(log, 20).c_str());
    return kExitFailure;
  }
  const std::string target = spec.aot ? "mote_bench_aot" : "mote_bench";
  log.clear();
  Progress("building the %s firmware (%s; a first build takes minutes)", board.cpu,
           spec.aot ? "compiled model" : "interpreter");
  if (bench::RunCapture("cmake --build " + ShellQuote(dir) + " -j2 --target " + target + " 2>&1",
                        &log) != 0) {
    Error("building the firmware for %s failed:\n%s", board.cpu, bench::Tail(log, 20).c_str());
    if (log.find("budget") != std::string::npos) {
      Error(
          "the image does not fit %zu bytes flash / %zu bytes RAM "
          "(--flash-budget, --ram-budget)",
          opt.flash_budget, opt.ram_budget);
    }
    return kExitFailure;
  }
  fw->elf = (fs::path(dir) / (target + ".elf")).string();
  fw->map = (fs::path(dir) / (target + ".map")).string();
  return kExitOk;
}

}  // namespace cli
}  // namespace mote
