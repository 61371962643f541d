// A horizontal bar chart as a standalone SVG file (per-layer cost profiles).
#ifndef MOTE_HOST_BENCH_SVG_PLOT_H_
#define MOTE_HOST_BENCH_SVG_PLOT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace bench {

struct Bar {
  std::string label;
  uint64_t value;
};

// Bars in the given order, scaled to the largest; values printed beside them.
std::string BarChartSvg(const std::string& title, const std::string& unit,
                        const std::vector<Bar>& bars);

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_SVG_PLOT_H_
