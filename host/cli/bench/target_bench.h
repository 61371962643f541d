// `mote bench --target cortex-m*`: builds the firmware for the chosen path
// (interpreter or compiled model), runs it under QEMU and collects
// instructions (whole model and per layer), arena, stack, heap and the flash
// split from the linker map.
#ifndef MOTE_HOST_CLI_BENCH_TARGET_BENCH_H_
#define MOTE_HOST_CLI_BENCH_TARGET_BENCH_H_

#include <cstdint>
#include <vector>

#include "cli/bench/bench_options.h"
#include "cli/bench/firmware_build.h"
#include "cli/bench/host_model.h"

namespace mote {
namespace cli {

// Returns an exit code; fills *result on success.
int BenchTarget(const BenchOptions& opt, const Board& board, HostModel& hm,
                const std::vector<uint8_t>& input, BenchResult* result);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_TARGET_BENCH_H_
