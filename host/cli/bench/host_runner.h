// What `mote bench --target host` runs, once natively (wall time) and once
// under callgrind (instructions), for either path:
//   interpreter     `mote bench-host-runner MODEL IN OUT` (hidden subcommand)
//   compiled model  a driver built with the host compiler: `driver IN OUT`
// Both run the model once on IN (all inputs concatenated) and write OUT (all
// outputs concatenated), which also resolves lazily bound symbols. Natively
// they then time repeated Invokes and print
//   MOTE_WALL_NS <median ns per Invoke>
//   MOTE_LAYER_NS <op> <ns>        (the fastest of 5 observed Invokes)
// Under callgrind (--instr-atstart=no) they run one observed and one plain
// Invoke with the dumps of bench/callgrind_output.h.
#ifndef MOTE_HOST_CLI_BENCH_HOST_RUNNER_H_
#define MOTE_HOST_CLI_BENCH_HOST_RUNNER_H_

#include <string>

#include "compiler/aot_compiler.h"

namespace CLI {
class App;
}

namespace mote {
namespace cli {

// Registers the hidden `bench-host-runner` subcommand.
void AddBenchHostRunnerCommand(CLI::App& app, int* exit_code);

// False if this mote was built without valgrind's headers (no client requests).
bool HostRunnerHasCallgrindRequests();

// Builds (or reuses from the AOT cache) the driver for a model compiled as
// kBenchModelName, with the per-layer hook on. Returns an exit code.
int BuildAotHostDriver(const aot::CompiledModel& compiled, std::string* exe);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_HOST_RUNNER_H_
