// Memory planner: places buffers with known lifetimes in one arena so that
// buffers alive at the same time never overlap. Shared by the interpreter and
// the ahead-of-time compiler (so both use the same plan).
//
// PlanBest tries several placement orders (by size, by size x lifetime, by
// first use, ...), then improves the best one by a bounded local search, and
// keeps the smallest plan. It stops early when a plan reaches the lower bound
// (the most bytes alive at one op), which no plan can beat. All working memory
// is given by the caller (the interpreter takes it from the arena): no heap.
#ifndef MOTE_PLANNER_H_
#define MOTE_PLANNER_H_

#include <cstddef>
#include <cstdint>

#include "mote/span.h"

namespace mote {

struct PlanBuffer {
  uint32_t size = 0;      // bytes; 0 = needs no memory (offset stays 0)
  int32_t first_use = 0;  // first op index that touches it
  int32_t last_use = 0;   // last op index that touches it (inclusive)
  uint32_t offset = 0;    // output: byte offset in the arena
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

// The placement orders PlanBest tries; kSearch = the local search improved on them.
enum class PlanStrategy : uint8_t {
  kSize,       // largest first (TFLM's greedy)
  kArea,       // largest size x lifetime first
  kFirstUse,   // earliest first use first, then largest
  kLastUse,    // latest last use first, then largest
  kDuration,   // longest lifetime first, then largest
  kConflicts,  // most bytes alive alongside it first
  kSearch,     // local search over placement orders
};
const char* PlanStrategyName(PlanStrategy strategy);

struct PlanResult {
  size_t bytes = 0;         // arena bytes of the chosen plan
  size_t greedy_bytes = 0;  // what greedy-by-size alone needs
  size_t lower_bound = 0;   // most bytes alive at one op (aligned sizes)
  PlanStrategy strategy = PlanStrategy::kSize;
  uint32_t search_steps = 0;  // local-search placements tried
};

// Bytes of working memory PlanBest needs for `n` buffers (4-byte aligned start).
constexpr size_t PlanWorkBytes(size_t n) { return AlignUp(n * 2 * sizeof(uint16_t), 4) + n * 4; }

// Plans `buffers` with every strategy and a local search of at most
// `search_steps` placements (only for fewer than 200 buffers; 0 disables it);
// writes the best offsets. `work` needs PlanWorkBytes(n) bytes, 4-byte
// aligned. Deterministic: the same input always gives the same plan.
PlanResult PlanBest(Span<PlanBuffer> buffers, Span<uint8_t> work, size_t alignment,
                    uint32_t search_steps);

// Most bytes (sizes rounded up to `alignment`) alive at one op: no plan is smaller.
size_t PlanLowerBound(Span<const PlanBuffer> buffers, size_t alignment);

// Checks that no two buffers alive at the same time overlap; returns the
// index of an offending buffer or -1.
int32_t FindPlanOverlap(Span<const PlanBuffer> buffers);

}  // namespace mote

#endif  // MOTE_PLANNER_H_
