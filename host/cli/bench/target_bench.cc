#include "cli/bench/target_bench.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "bench/firmware_output.h"
#include "bench/map_file.h"
#include "bench/shell.h"

namespace mote {
namespace cli {
namespace {

namespace fs = std::filesystem;

// Holds an exclusive lock on DIR/.lock while one bench writes, builds and runs
// the firmware there: concurrent `mote bench` runs sharing the default build
// directory take turns instead of rebuilding each other's firmware.
class BuildDirLock {
 public:
  explicit BuildDirLock(const fs::path& dir) {
    const std::string path = (dir / ".lock").string();
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) return;  // an unwritable directory fails later with a clear message
    if (::flock(fd_, LOCK_EX | LOCK_NB) == 0) return;
    std::fprintf(stderr, "mote: waiting for another mote bench using %s\n", dir.c_str());
    while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  ~BuildDirLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  BuildDirLock(const BuildDirLock&) = delete;
  BuildDirLock& operator=(const BuildDirLock&) = delete;

 private:
  int fd_ = -1;
};

// Leaves an identical file alone, so the firmware build does not redo it.
bool WriteIfChanged(const fs::path& path, const std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::stringstream old;
    old << in.rdbuf();
    if (old.str() == text) return true;
  }
  return WriteFileOrComplain(path.string(), text.data(), text.size());
}

// What goes into the firmware for opt.path; *compiled is set for aot.
int MakeSpec(const BenchOptions& opt, const Board& board, const HostModel& hm, const fs::path& dir,
             FirmwareSpec* spec, aot::CompiledModel* compiled) {
  spec->aot = opt.aot();
  spec->input_file = (dir / "bench_input.bin").string();
  if (!opt.aot()) {
    spec->model_path = opt.model;
    size_t arena = 0;
    const int rc = InterpreterArenaFor(opt.model, hm, board.aot_target, &arena);
    spec->arena_bytes = (arena + 15) / 16 * 16;
    spec->kernels = InterpreterKernelFolders(hm);
    return rc;
  }
  const int rc = CompileForBench(opt.model, hm, board.aot_target, compiled);
  if (rc != kExitOk) return rc;
  const fs::path aot_dir = dir / "aot_model";
  std::error_code ec;
  fs::create_directories(aot_dir, ec);
  const std::string base = (aot_dir / kBenchModelName).string();
  if (!WriteIfChanged(base + ".h", compiled->header) ||
      !WriteIfChanged(base + ".cc", compiled->source) ||
      !WriteIfChanged(base + "_data.cc", compiled->data)) {
    return kExitFailure;
  }
  spec->aot_dir = aot_dir.string();
  spec->kernels = CompiledKernelFolders(*compiled);
  return kExitOk;
}

}  // namespace

int BenchTarget(const BenchOptions& opt, const Board& board, HostModel& hm,
                const std::vector<uint8_t>& input, BenchResult* result) {
  const fs::path dir = FirmwareDir(opt, board);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const BuildDirLock lock(dir);
  FirmwareSpec spec;
  aot::CompiledModel compiled;
  int rc = MakeSpec(opt, board, hm, dir, &spec, &compiled);
  if (rc != kExitOk) return rc;
  if (!WriteIfChanged(spec.input_file, std::string(input.begin(), input.end()))) {
    return kExitFailure;
  }
  Firmware fw;
  rc = BuildFirmware(opt, board, spec, &fw);
  if (rc != kExitOk) return rc;

  std::string out;
  Progress("running it on QEMU %s", board.machine);
  rc = bench::RunCapture(bench::ShellQuote(SourceDir() + "/scripts/qemu-run.sh") + " " +
                             board.board + " " + bench::ShellQuote(fw.elf),
                         &out);
  bench::FirmwareReport fr = bench::ParseFirmwareOutput(out);
  if (rc != 0 || !fr.have_instructions) {
    Error("the firmware failed on %s (exit %d): %s\n%s", board.machine, rc, fr.error.c_str(),
          bench::Tail(out, 10).c_str());
    return rc == 3 || rc == 4 || rc == 5 ? rc : kExitFailure;
  }
  for (bench::LayerCost& l : fr.layers) {
    if (l.op.empty() && l.index < hm.interp->num_ops()) l.op = hm.OpName(l.index);
  }
  bench::SubtractObserverCost(fr.observed, fr.instructions, &fr.layers);

  std::vector<uint8_t> map_bytes;
  if (!ReadFileOrComplain(fw.map, &map_bytes)) return kExitIo;
  bench::FlashSplit split;
  std::string map_error;
  std::vector<std::string> weight_files;
  if (opt.aot()) weight_files.push_back(std::string(kBenchModelName) + "_data.cc");
  if (!bench::ParseMapFile(std::string(map_bytes.begin(), map_bytes.end()), &split, &map_error,
                           weight_files)) {
    Error("%s: %s", fw.map.c_str(), map_error.c_str());
    return kExitFailure;
  }
  nlohmann::json& r = result->fields;
  r["instructions"] = fr.instructions;
  r["instructions_observed"] = fr.observed;
  r["arena_bytes"] = fr.arena_bytes;
  r["stack_bytes"] = fr.stack_bytes;
  r["heap_bytes"] = fr.heap_bytes;
  if (opt.aot()) {
    r["state_bytes"] = compiled.state_bytes;
  } else {
    r["arena_capacity_bytes"] = spec.arena_bytes;  // what the firmware was built with
  }
  r["flash_weights_bytes"] = split.weights;
  r["flash_code_bytes"] = split.code;
  r["flash_libc_bytes"] = split.libc;
  r["flash_bytes"] = split.flash_used;
  r["ram_bytes"] = split.ram_used;
  r["flash_budget_bytes"] = opt.flash_budget;
  r["ram_budget_bytes"] = opt.ram_budget;
  r["board"] = board.machine;
  r["kernel_folders"] = spec.kernels;
  r["firmware"] = fw.elf;
  result->layers = std::move(fr.layers);
  result->output = std::move(fr.output);
  return kExitOk;
}

}  // namespace cli
}  // namespace mote
