// `mote bench` output: a report a person reads (layers sorted by cost), the
// JSON document, and the SVG bar chart of --plot.
#ifndef MOTE_HOST_CLI_BENCH_BENCH_REPORT_H_
#define MOTE_HOST_CLI_BENCH_BENCH_REPORT_H_

#include <string>

#include "cli/bench/bench_options.h"

namespace mote {
namespace cli {

// result.fields plus "layers": [{index, op, instructions, ns?}] in op order.
nlohmann::json BenchJson(const BenchResult& result, bool host);

void PrintBenchReport(const BenchResult& result, bool host);

// Per-layer instructions (or ns when there are none), largest first.
std::string BenchPlotSvg(const BenchResult& result);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_BENCH_REPORT_H_
