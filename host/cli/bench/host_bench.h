// `mote bench --target host`: wall time (native run) and executed
// instructions (callgrind client requests, see bench/callgrind_output.h) of
// the interpreter or the compiled model, whole model and per layer.
#ifndef MOTE_HOST_CLI_BENCH_HOST_BENCH_H_
#define MOTE_HOST_CLI_BENCH_HOST_BENCH_H_

#include <cstdint>
#include <vector>

#include "cli/bench/bench_options.h"
#include "cli/bench/host_model.h"

namespace mote {
namespace cli {

// Returns an exit code; fills *result on success. Without valgrind the
// instructions are null (a message says so) and the wall time remains.
int BenchHost(const BenchOptions& opt, HostModel& hm, const std::vector<uint8_t>& input,
              BenchResult* result);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_HOST_BENCH_H_
