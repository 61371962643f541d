// Per-layer cost of one inference, and how `mote bench` removes the cost of
// measuring it.
//
// Per-layer counts come from an observed Invoke: a counter is read after every
// op (an interpreter op observer, or the compiled code's MOTE_AOT_LAYER_END
// hook), so each layer's count includes one observer call. The whole-model
// count comes from a second Invoke without observer. The difference between
// the two Invokes is the observers' cost; it is subtracted evenly from the
// layers, so they sum to at most the whole-model count.
#ifndef MOTE_HOST_BENCH_LAYER_COSTS_H_
#define MOTE_HOST_BENCH_LAYER_COSTS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace bench {

struct LayerCost {
  size_t index = 0;           // op index in the model
  std::string op;             // e.g. "CONV_2D"
  uint64_t instructions = 0;  // executed instructions (QEMU or callgrind)
  double ns = 0;              // host wall time (when measured)
};

// Subtracts observed_total - clean_total (if positive) from the layers'
// instructions: evenly, none below zero (what a layer cannot give is taken
// from the others). Afterwards the layers sum to at most
// max(0, sum before - (observed_total - clean_total)).
void SubtractObserverCost(uint64_t observed_total, uint64_t clean_total,
                          std::vector<LayerCost>* layers);

uint64_t SumInstructions(const std::vector<LayerCost>& layers);

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_LAYER_COSTS_H_
