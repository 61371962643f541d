// Operator reordering: picks a valid execution order of a subgraph's ops that
// lowers the most bytes alive at one step (branching graphs such as ResNet's
// residual blocks can run a branch early to free its input sooner).
//
// Valid = every data dependency of the original order holds: an op runs after
// the ops that write what it reads, and ops touching the same tensor where one
// of them writes it (including state/variable tensors) keep their order.
// Live bytes are modelled as the planner sees them: a planned tensor is alive
// from its producer to its last consumer (graph inputs from the start, graph
// outputs to the end), plus the op's scratch, minus what an in-place output
// saves when its input dies at the op. The search is a depth-first branch and
// bound over orders (exhaustive for small graphs) seeded with the original and
// a greedy order, bounded by a budget of steps; ties keep the original order.
#ifndef MOTE_CORE_OP_ORDER_H_
#define MOTE_CORE_OP_ORDER_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/model.h"
#include "mote/span.h"

namespace mote {

// What an op's memory looks like to the order search.
struct OrderOpMemory {
  uint32_t scratch = 0;     // bytes of scratch always needed during the op
  uint8_t memory = 0;       // kOutputIsView | kOutputMayOverwrite(Any)Input (kernel.h)
  BandedInPlace banded;     // output 0 over input 0 at a shift (kernel.h)
  uint32_t band_bytes = 0;  // the band buffer that costs
};
using OrderOpMemoryFn = OrderOpMemory (*)(const void* user, size_t op);

struct OrderResult {
  uint64_t peak = 0;           // estimated peak of the chosen order
  uint64_t original_peak = 0;  // of the original order
  uint32_t steps = 0;          // search steps taken
  bool reordered = false;      // the chosen order differs from the original
  bool exhaustive = false;     // every order was covered (up to pruning)
};

// True if the original order is the only valid one (each op depends on the
// previous one), or the graph is one the search does not handle.
bool HasOnlyOneOrder(const SubgraphView& sg);

// Working memory ChooseOpOrder needs (4-byte aligned start).
size_t OpOrderWorkBytes(size_t num_ops, size_t num_tensors);

// Writes the chosen order to `order` (num_ops entries: order[step] = op index).
// `memory(user, op)` describes each op; `alignment` rounds tensor sizes;
// `budget` caps the search steps. Falls back to the original order when the
// work memory is too small or the graph has more than 65534 ops or tensors.
OrderResult ChooseOpOrder(const SubgraphView& sg, OrderOpMemoryFn memory, const void* user,
                          size_t alignment, uint32_t budget, Span<uint8_t> work, uint16_t* order);

}  // namespace mote

#endif  // MOTE_CORE_OP_ORDER_H_
