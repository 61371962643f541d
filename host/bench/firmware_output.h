// What a benchmark firmware (targets/qemu/app/bench_util.h) printed under QEMU.
#ifndef MOTE_HOST_BENCH_FIRMWARE_OUTPUT_H_
#define MOTE_HOST_BENCH_FIRMWARE_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/layer_costs.h"

namespace mote {
namespace bench {

struct FirmwareReport {
  bool have_instructions = false;  // MOTE_INSTRUCTIONS seen (the run completed)
  uint64_t instructions = 0;       // Invoke without observer
  uint64_t observed = 0;           // the observed Invoke, in all
  size_t arena_bytes = 0;
  size_t stack_bytes = 0;
  size_t heap_bytes = 0;
  std::vector<LayerCost> layers;  // raw counts; op empty if the firmware did not name it
  std::vector<uint8_t> output;
  std::string error;  // the MOTE_ERROR line, if any
};

// Parses the MOTE_* lines of `text`; other lines are ignored.
FirmwareReport ParseFirmwareOutput(const std::string& text);

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_FIRMWARE_OUTPUT_H_
