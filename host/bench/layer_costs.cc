#include "bench/layer_costs.h"

#include <algorithm>

namespace mote {
namespace bench {

void SubtractObserverCost(uint64_t observed_total, uint64_t clean_total,
                          std::vector<LayerCost>* layers) {
  if (observed_total <= clean_total || layers->empty()) return;
  uint64_t left = observed_total - clean_total;
  // Even shares; a pass takes what it can, the next pass shares the rest
  // among the layers that still have instructions.
  while (left > 0) {
    size_t nonzero = 0;
    for (const LayerCost& l : *layers) nonzero += l.instructions > 0 ? 1 : 0;
    if (nonzero == 0) return;
    const uint64_t share = left / nonzero, extra = left % nonzero;
    size_t k = 0;
    for (LayerCost& l : *layers) {
      if (l.instructions == 0) continue;
      const uint64_t want = share + (k++ < extra ? 1 : 0);
      const uint64_t take = std::min(want, l.instructions);
      l.instructions -= take;
      left -= take;
    }
  }
}

uint64_t SumInstructions(const std::vector<LayerCost>& layers) {
  uint64_t sum = 0;
  for (const LayerCost& l : layers) sum += l.instructions;
  return sum;
}

}  // namespace bench
}  // namespace mote
