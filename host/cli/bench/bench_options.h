// `mote bench`: its options and what a measurement produces. The command is
// split by purpose:
//   host/cli/bench_command.cc   options, checks, dispatch, output files
//   host_model.*                the model on the host: interpreter, inputs, AOT compile
//   firmware_build.*            configure + build a firmware (targets/qemu) for a board
//   target_bench.*              run it under QEMU: counts, stack, flash split
//   host_bench.*                on the host: wall time, callgrind instructions
//   host_runner.*               what runs under callgrind (interpreter; compiled driver)
//   bench_report.*              text report, JSON, SVG plot
#ifndef MOTE_HOST_CLI_BENCH_BENCH_OPTIONS_H_
#define MOTE_HOST_CLI_BENCH_BENCH_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/layer_costs.h"

namespace mote {
namespace cli {

struct BenchOptions {
  std::string model;
  std::string target = "cortex-m4";
  std::string path = "aot";  // "aot" or "interpreter"
  bool json = false;
  std::vector<std::string> inputs;
  std::string output;
  std::string plot;
  std::string build_dir;
  size_t flash_budget = 1u << 20;  // nRF52840
  size_t ram_budget = 256u << 10;
  bool aot() const { return path == "aot"; }
};

// One measurement: the JSON fields (target, path, instructions, arena_bytes,
// ...), the per-layer costs and the model's output bytes.
struct BenchResult {
  nlohmann::json fields;
  std::vector<bench::LayerCost> layers;
  std::vector<uint8_t> output;
};

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_BENCH_OPTIONS_H_
