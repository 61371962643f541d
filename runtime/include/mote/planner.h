// Memory planner: places buffers with known lifetimes in one arena so that
// buffers alive at the same time never overlap. Shared by the interpreter and
// the ahead-of-time compiler (so both use the same plan).
#ifndef MOTE_PLANNER_H_
#define MOTE_PLANNER_H_

#include <cstddef>
#include <cstdint>

#include "mote/span.h"

namespace mote {

struct PlanBuffer {
  uint32_t size = 0;       // bytes; 0 = needs no memory (offset stays 0)
  int32_t first_use = 0;   // first op index that touches it
  int32_t last_use = 0;    // last op index that touches it (inclusive)
  uint32_t offset = 0;     // output: byte offset in the arena
};

inline bool LifetimesOverlap(const PlanBuffer& a, const PlanBuffer& b) {
  return a.first_use <= b.last_use && b.first_use <= a.last_use;
}

// Rounds `value` up to a multiple of `alignment` (a power of two).
constexpr size_t AlignUp(size_t value, size_t alignment) {
  return (value + alignment - 1) & ~(alignment - 1);
}

// Greedy by size: largest buffers first, each at the lowest offset where it
// fits between already placed buffers whose lifetimes overlap its own.
// Offsets are multiples of `alignment`. `scratch` needs 2 * buffers.size()
// entries. Returns the arena size the plan needs. O(n^2).
size_t PlanGreedyBySize(Span<PlanBuffer> buffers, Span<uint16_t> scratch, size_t alignment);

// Checks that no two buffers alive at the same time overlap; returns the
// index of an offending buffer or -1.
int32_t FindPlanOverlap(Span<const PlanBuffer> buffers);

}  // namespace mote

#endif  // MOTE_PLANNER_H_
