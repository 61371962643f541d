// The interpreter side of host_runner.h: `mote bench-host-runner MODEL IN OUT`.
#include "cli/bench/host_runner.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "bench/callgrind_output.h"
#include "cli/bench/host_model.h"

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define MOTE_HAVE_CALLGRIND 1
#else  // client requests become no-ops; `mote bench` reports wall time only
#define MOTE_HAVE_CALLGRIND 0
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_START_INSTRUMENTATION
#define CALLGRIND_STOP_INSTRUMENTATION
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS_AT(name) ((void)(name))
#endif

namespace mote {
namespace cli {
namespace {

using Clock = std::chrono::steady_clock;

struct RunnerArgs {
  std::string model, input, output;
};

struct LayerTimes {
  Clock::time_point last;
  std::vector<double> ns;
};

void TimeLayer(void* user, const Interpreter&, size_t op) {
  auto* t = static_cast<LayerTimes*>(user);
  const Clock::time_point now = Clock::now();
  t->ns[op] = std::min(t->ns[op], std::chrono::duration<double, std::nano>(now - t->last).count());
  t->last = now;
}

void DumpLayer(void* user, const Interpreter&, size_t op) {
  CALLGRIND_DUMP_STATS_AT((*static_cast<std::vector<std::string>*>(user))[op].c_str());
}

int Callgrind(Interpreter& interp, const std::vector<uint8_t>& input) {
  std::vector<std::string> names;  // made before counting starts
  for (size_t i = 0; i < interp.num_ops(); ++i)
    names.push_back(bench::kLayerDump + std::to_string(i));
  CALLGRIND_START_INSTRUMENTATION;
  SetInputs(interp, input);
  interp.set_op_observer(&DumpLayer, &names);
  CALLGRIND_ZERO_STATS;
  bool ok = interp.Invoke().ok();
  CALLGRIND_DUMP_STATS_AT(bench::kObservedDump);
  interp.set_op_observer(nullptr, nullptr);
  SetInputs(interp, input);
  CALLGRIND_ZERO_STATS;
  ok = interp.Invoke().ok() && ok;
  CALLGRIND_DUMP_STATS_AT(bench::kCleanDump);
  CALLGRIND_STOP_INSTRUMENTATION;
  return ok ? kExitOk : kExitFailure;
}

int WallTime(Interpreter& interp, const std::vector<uint8_t>& input) {
  // Median of repeated Invokes (at least 5, about half a second).
  std::vector<double> runs;
  const Clock::time_point begin = Clock::now();
  while (runs.size() < 5 ||
         (runs.size() < 1000 && Clock::now() - begin < std::chrono::milliseconds(500))) {
    SetInputs(interp, input);
    const Clock::time_point t0 = Clock::now();
    if (!interp.Invoke().ok()) return kExitFailure;
    runs.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  std::sort(runs.begin(), runs.end());
  LayerTimes times;
  times.ns.assign(interp.num_ops(), 1e300);
  interp.set_op_observer(&TimeLayer, &times);
  for (int i = 0; i < 5; ++i) {
    SetInputs(interp, input);
    times.last = Clock::now();
    if (!interp.Invoke().ok()) return kExitFailure;
  }
  interp.set_op_observer(nullptr, nullptr);
  std::printf("MOTE_WALL_NS %.0f\n", runs[runs.size() / 2]);
  for (size_t i = 0; i < times.ns.size(); ++i)
    std::printf("MOTE_LAYER_NS %zu %.0f\n", i, times.ns[i]);
  return kExitOk;
}

int RunInterpreter(const RunnerArgs& args) {
  HostModel hm;
  int rc = PrepareHostModel(args.model, &hm);
  if (rc != kExitOk) return rc;
  Interpreter& interp = *hm.interp;
  std::vector<uint8_t> input;
  rc = ReadInputs({args.input}, interp, &input);
  if (rc != kExitOk) return rc;
  SetInputs(interp, input);
  if (!interp.Invoke().ok()) return kExitFailure;
  const std::vector<uint8_t> output = Outputs(interp);
  if (!WriteFileOrComplain(args.output, output.data(), output.size())) return kExitFailure;
  return RUNNING_ON_VALGRIND ? Callgrind(interp, input) : WallTime(interp, input);
}

}  // namespace

bool HostRunnerHasCallgrindRequests() { return MOTE_HAVE_CALLGRIND != 0; }

void AddBenchHostRunnerCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<RunnerArgs>();
  CLI::App* cmd = app.add_subcommand("bench-host-runner",
                                     "Used by `mote bench --target host` (interpreter path)");
  cmd->group("");  // hidden from --help
  cmd->add_option("MODEL", args->model)->required();
  cmd->add_option("IN", args->input)->required();
  cmd->add_option("OUT", args->output)->required();
  cmd->callback([args, exit_code]() { *exit_code = RunInterpreter(*args); });
}

}  // namespace cli
}  // namespace mote
