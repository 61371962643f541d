#include "cli/bench/host_bench.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "bench/callgrind_output.h"
#include "bench/shell.h"
#include "cli/bench/host_runner.h"

namespace mote {
namespace cli {
namespace {

namespace fs = std::filesystem;
using bench::ShellQuote;

// Removes the scratch directory however the measurement ends.
struct ScratchDir {
  fs::path path;
  ScratchDir() : path(fs::temp_directory_path() / ("mote-bench-host-" + std::to_string(getpid()))) {
    std::error_code ec;
    fs::create_directories(path, ec);
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

// Parses MOTE_WALL_NS / MOTE_LAYER_NS lines into the result.
void ParseTimes(const std::string& text, BenchResult* result) {
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream l(line);
    std::string key;
    l >> key;
    if (key == "MOTE_WALL_NS") {
      double ns = 0;
      l >> ns;
      result->fields["wall_ns"] = ns;
    } else if (key == "MOTE_LAYER_NS") {
      size_t op = 0;
      double ns = 0;
      l >> op >> ns;
      if (op < result->layers.size()) result->layers[op].ns = ns;
    }
  }
}

// Runs `command IN OUT` under callgrind and sets the instructions.
int Callgrind(const std::string& command, const fs::path& dir, BenchResult* result) {
  const std::string out_file = (dir / "callgrind.out").string();
  std::string log;
  const int rc = bench::RunCapture(
      "valgrind --tool=callgrind --instr-atstart=no --dump-instr=no --callgrind-out-file=" +
          ShellQuote(out_file) + " " + command + " " + ShellQuote((dir / "in.bin").string()) + " " +
          ShellQuote((dir / "out_callgrind.bin").string()) + " 2>&1",
      &log);
  bench::CallgrindCounts counts;
  std::string error;
  if (rc != 0 || !bench::ReadCallgrindDumps(out_file, &counts, &error) || !counts.have_clean) {
    Error("callgrind failed (exit %d) %s:\n%s", rc, error.c_str(), bench::Tail(log, 10).c_str());
    return kExitFailure;
  }
  for (const auto& [op, instructions] : counts.layers) {
    if (op < result->layers.size()) result->layers[op].instructions = instructions;
  }
  bench::SubtractObserverCost(counts.observed, counts.clean, &result->layers);
  result->fields["instructions"] = counts.clean;
  result->fields["instructions_observed"] = counts.observed;
  return kExitOk;
}

}  // namespace

int BenchHost(const BenchOptions& opt, HostModel& hm, const std::vector<uint8_t>& input,
              BenchResult* result) {
  ScratchDir dir;
  if (!WriteFileOrComplain((dir.path / "in.bin").string(), input.data(), input.size())) {
    return kExitFailure;
  }
  nlohmann::json& r = result->fields;
  std::string command;  // the runner, without IN OUT
  if (opt.aot()) {
    aot::CompiledModel compiled;
    int rc = CompileForBench(opt.model, hm, "host", &compiled);
    if (rc != kExitOk) return rc;
    std::string exe;
    Progress("building the compiled model with the host compiler (cached)");
    rc = BuildAotHostDriver(compiled, &exe);
    if (rc != kExitOk) return rc;
    command = ShellQuote(exe);
    r["arena_bytes"] = compiled.arena_bytes;
    r["state_bytes"] = compiled.state_bytes;
  } else {
    command = ShellQuote(fs::read_symlink("/proc/self/exe").string()) + " bench-host-runner " +
              ShellQuote(fs::absolute(opt.model).string());
    r["arena_bytes"] = hm.interp->arena_used_bytes();
  }
  for (size_t i = 0; i < hm.interp->num_ops(); ++i) {
    bench::LayerCost l;
    l.index = i;
    l.op = hm.OpName(i);
    result->layers.push_back(l);
  }
  // Natively: output and wall time.
  Progress("timing %s natively", opt.model.c_str());
  const std::string out_file = (dir.path / "out.bin").string();
  std::string log;
  const int rc = bench::RunCapture(
      command + " " + ShellQuote((dir.path / "in.bin").string()) + " " + ShellQuote(out_file),
      &log);
  if (rc != 0 || !ReadFileOrComplain(out_file, &result->output)) {
    Error("the %s runner failed (exit %d):\n%s", opt.path.c_str(), rc,
          bench::Tail(log, 10).c_str());
    return rc == 3 || rc == 4 || rc == 5 ? rc : kExitFailure;
  }
  ParseTimes(log, result);
  r["instructions"] = nullptr;
  if (!bench::HaveProgram("valgrind")) {
    Warning("valgrind not found; reporting wall time only");
    return kExitOk;
  }
  if (!opt.aot() && !HostRunnerHasCallgrindRequests()) {
    Warning("this mote was built without valgrind's headers; reporting wall time only");
    return kExitOk;
  }
  Progress("counting instructions under valgrind callgrind");
  return Callgrind(command, dir.path, result);
}

}  // namespace cli
}  // namespace mote
