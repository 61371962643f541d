#include "cli/bench/bench_report.h"

#include <algorithm>
#include <cstdio>

#include "bench/shell.h"
#include "bench/svg_plot.h"

namespace mote {
namespace cli {
namespace {

using bench::Commas;

bool HaveInstructions(const BenchResult& result) {
  return !result.fields["instructions"].is_null();
}

// What the per-layer figures are: instructions, or host wall time without callgrind.
double Cost(const bench::LayerCost& l, bool instructions) {
  return instructions ? static_cast<double>(l.instructions) : l.ns;
}

uint64_t U64(const nlohmann::json& j, const char* key) {
  return j.contains(key) && j[key].is_number() ? j[key].get<uint64_t>() : 0;
}

}  // namespace

nlohmann::json BenchJson(const BenchResult& result, bool host) {
  nlohmann::json r = result.fields;
  const bool instructions = HaveInstructions(result);
  nlohmann::json layers = nlohmann::json::array();
  for (const bench::LayerCost& l : result.layers) {
    nlohmann::json j = {{"index", l.index}, {"op", l.op}};
    j["instructions"] = instructions ? nlohmann::json(l.instructions) : nlohmann::json(nullptr);
    if (host) j["ns"] = l.ns;
    layers.push_back(j);
  }
  r["layers"] = layers;
  return r;
}

void PrintBenchReport(const BenchResult& result, bool host) {
  const nlohmann::json& r = result.fields;
  std::printf("%s on %s (%s path)\n", r["model"].get<std::string>().c_str(),
              r["target"].get<std::string>().c_str(), r["path"].get<std::string>().c_str());
  const bool instructions = HaveInstructions(result);
  if (instructions) {
    std::printf("  instructions per inference: %s%s\n", Commas(U64(r, "instructions")).c_str(),
                host ? " (valgrind callgrind)" : " (executed instructions, QEMU -icount shift=0)");
  }
  if (host) {
    std::printf("  wall time per inference: %.1f us (median)\n", r["wall_ns"].get<double>() / 1000);
  }
  std::printf("  arena: %s bytes\n", Commas(U64(r, "arena_bytes")).c_str());
  if (!host) {
    std::printf("  stack high-water mark: %s bytes\n", Commas(U64(r, "stack_bytes")).c_str());
    const uint64_t w = U64(r, "flash_weights_bytes"), c = U64(r, "flash_code_bytes"),
                   l = U64(r, "flash_libc_bytes");
    std::printf("  flash: %s bytes = weights %s + kernels/runtime %s + C library %s (budget %s)\n",
                Commas(w + c + l).c_str(), Commas(w).c_str(), Commas(c).c_str(), Commas(l).c_str(),
                Commas(U64(r, "flash_budget_bytes")).c_str());
    std::printf("  RAM: %s bytes (data + bss incl. arena + heap + stack; budget %s)\n",
                Commas(U64(r, "ram_bytes")).c_str(), Commas(U64(r, "ram_budget_bytes")).c_str());
  }
  std::vector<bench::LayerCost> layers = result.layers;
  std::stable_sort(layers.begin(), layers.end(),
                   [&](const bench::LayerCost& a, const bench::LayerCost& b) {
                     return Cost(a, instructions) > Cost(b, instructions);
                   });
  double total = 0;
  for (const bench::LayerCost& l : layers) total += Cost(l, instructions);
  std::printf("  layers by cost:\n  %5s  %-24s %16s %7s%s\n", "op#", "op",
              instructions ? "instructions" : "ns", "share",
              host && instructions ? "      ns" : "");
  for (const bench::LayerCost& l : layers) {
    const double v = Cost(l, instructions);
    std::printf("  %5zu  %-24s %16s %6.1f%%", l.index, l.op.c_str(),
                Commas(static_cast<uint64_t>(v)).c_str(), total > 0 ? 100.0 * v / total : 0.0);
    if (host && instructions) std::printf(" %8.0f", l.ns);
    std::printf("\n");
  }
}

std::string BenchPlotSvg(const BenchResult& result) {
  const bool instructions = HaveInstructions(result);
  std::vector<bench::Bar> bars;
  for (const bench::LayerCost& l : result.layers) {
    bars.push_back(
        {"#" + std::to_string(l.index) + " " + l.op, static_cast<uint64_t>(Cost(l, instructions))});
  }
  std::stable_sort(bars.begin(), bars.end(),
                   [](const bench::Bar& a, const bench::Bar& b) { return a.value > b.value; });
  const nlohmann::json& r = result.fields;
  return bench::BarChartSvg(r["model"].get<std::string>() + " on " +
                                r["target"].get<std::string>() + " (" +
                                r["path"].get<std::string>() + "): cost per layer",
                            instructions ? "instructions" : "ns", bars);
}

}  // namespace cli
}  // namespace mote
