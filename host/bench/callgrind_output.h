// Instruction counts from callgrind dumps, for `mote bench --target host`.
//
// The host runners (the interpreter runner in host/cli/bench, the compiled
// model's driver) run under `valgrind --tool=callgrind --instr-atstart=no`
// and use client requests: CALLGRIND_ZERO_STATS before an Invoke and
// CALLGRIND_DUMP_STATS_AT(name) after every op and after the Invoke. Each dump
// holds the instructions since the previous one, in a file OUT.1, OUT.2, ...
#ifndef MOTE_HOST_BENCH_CALLGRIND_OUTPUT_H_
#define MOTE_HOST_BENCH_CALLGRIND_OUTPUT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace bench {

// Dump names. The observed Invoke dumps kLayerDump + op index after every op
// and kObservedDump when it returns; the Invoke without observer dumps kCleanDump.
constexpr char kLayerDump[] = "mote-layer-";
constexpr char kObservedDump[] = "mote-observed";
constexpr char kCleanDump[] = "mote-clean";

struct CallgrindCounts {
  std::vector<std::pair<size_t, uint64_t>> layers;  // (op index, instructions)
  uint64_t observed = 0;  // the observed Invoke: all layer dumps + its kObservedDump
  uint64_t clean = 0;     // the Invoke without observer
  bool have_clean = false;
};

// One dump file: the client request's name ("" for other triggers) and the
// total instructions ("totals:" line). False if it is not a callgrind dump.
bool ParseCallgrindDump(const std::string& text, std::string* request, uint64_t* total);

// Reads OUT.1, OUT.2, ... (out_file = --callgrind-out-file) until one is missing.
bool ReadCallgrindDumps(const std::string& out_file, CallgrindCounts* counts, std::string* error);

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_CALLGRIND_OUTPUT_H_
