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
  // PlanShared only: shares applied.
  uint32_t num_views = 0;
  uint32_t num_in_place = 0;
  uint32_t num_shifted = 0;
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

// ---- Memory sharing: views, in-place outputs, shifted (banded) in place ----
//
// A share lets buffer `output` (produced at step output.first_use) use the
// memory of buffer `input`. Buffers that share memory form a group, placed
// as one block: each member at a fixed position inside it.
//   kView:     output has input's bytes (same offset); both may stay alive.
//   kInPlace:  output takes input's offset, if input's whole group dies at
//              output's first step.
//   kShifted:  output overlaps input, starting `before` bytes before it or
//              `after` bytes after it (kPlanNoShift: not that way), if input's
//              group dies at output's first step; applied only when it lowers
//              the plan's lower bound (the most bytes alive at one step), since
//              the block is larger than either buffer. `scratch` names a
//              buffer (a band buffer) needed only when the share is applied:
//              otherwise the planner sets its size to 0.
// Buffers with first_use < 0 exist before the first step (the caller wrote
// them, e.g. graph inputs); like any buffer, once their group dies they may
// be written over, in place as well (an input is not kept across Invoke:
// later tensors reuse its memory anyway). Shares must be listed in
// step order (of their outputs), and an output takes at most one share.
constexpr uint32_t kPlanNoShift = 0xffffffffu;
constexpr uint16_t kPlanNoScratch = 0xffff;

enum class PlanShareKind : uint8_t { kView, kInPlace, kShifted };

// Which placement PlanShared gave a share.
enum class PlanShareApplied : uint8_t { kNo = 0, kSame, kBefore, kAfter };

struct PlanShare {
  uint16_t input = 0;  // buffer indices
  uint16_t output = 0;
  uint16_t scratch = kPlanNoScratch;
  PlanShareKind kind = PlanShareKind::kView;
  PlanShareApplied applied = PlanShareApplied::kNo;  // output of PlanShared
  uint32_t before = kPlanNoShift;
  uint32_t after = kPlanNoShift;
};

struct PlanSharedOptions {
  bool best = true;             // PlanBest (else greedy by size only)
  uint32_t search_steps = 400;  // PlanBest's local search
  bool shifted = true;          // consider kShifted shares
};

// Working memory PlanShared needs (4-byte aligned start) for `num_shares`
// shares of which `num_shifted` are kShifted (upper bounds are fine).
size_t PlanSharedWorkBytes(size_t num_buffers, size_t num_shares, size_t num_shifted,
                           const PlanSharedOptions& options);

// Groups buffers by the shares that hold, plans the groups, and writes every
// buffer's offset. On return the buffers describe the plan's regions: a
// group's root (the member at the lowest address) holds the block's size
// and lifetime; the other members have size 0, first_use = their offset
// inside the block and last_use = -2 - root. shares[i].applied tells which
// shares were used. Deterministic.
PlanResult PlanShared(Span<PlanBuffer> buffers, Span<PlanShare> shares, Span<uint8_t> work,
                      size_t alignment, const PlanSharedOptions& options);

// True for a buffer PlanShared made a member of another's group.
inline bool IsPlanMember(const PlanBuffer& b) { return b.last_use <= -2; }

// Checks a shared plan: `buffers` with their ORIGINAL sizes and lifetimes and
// the offsets PlanShared wrote, `shares` as PlanShared left them. Buffers
// alive at the same time may overlap only as an applied share allows (views:
// same offset; in place / shifted: at the applied position, and alive
// together only at the share's step); band buffers of shifted shares that
// were not applied have no memory. Returns an offending buffer or -1.
int32_t FindSharedPlanOverlap(Span<const PlanBuffer> buffers, Span<const PlanShare> shares);

// ---- What the interpreter's planner may do and what it did (host tools set
// and read these through core/interpreter_hooks.h) ----

// What the memory planner may do (all on by default; switches exist to
// measure what each technique buys).
struct PlannerOptions {
  bool views = true;            // RESHAPE/SQUEEZE/EXPAND_DIMS outputs share their input's memory
  bool in_place = true;         // element-wise outputs may overwrite an input that dies there
  bool banded = true;           // conv/depthwise outputs may overlap a dying input (in bands)
  bool reorder = true;          // run branches in the order that lowers the peak
  bool stream = true;           // a conv output read only by a FULLY_CONNECTED is never stored
  bool multi_strategy = true;   // try every placement order, not only greedy by size
  uint32_t search_steps = 400;  // local-search placements (models with < 200 buffers)
};

// One planned region of the arena, reported to a PlanObserver during
// AllocateTensors. A tensor region may hold several tensors (views, in-place
// outputs, banded in-place outputs): `tensor` is the one at the region's
// start; tensor(t).data tells the others.
struct PlannedRegion {
  uint32_t offset = 0;  // from the start of the arena
  uint32_t size = 0;
  // Live from the start of execution step first_op to the end of step
  // last_op; steps are op indices unless the ops were reordered
  // (Interpreter::op_at_step).
  int32_t first_op = 0;
  int32_t last_op = 0;
  int32_t tensor = -1;  // -1 for an op's scratch buffer
  int32_t scratch_op = -1;
  int32_t scratch_index = -1;
};

// Summary of the last successful plan.
struct PlanSummary {
  size_t activation_bytes = 0;  // planned region: activations + scratch
  size_t greedy_bytes = 0;      // what greedy-by-size needs for the same buffers
  size_t lower_bound = 0;       // most bytes alive at one op
  size_t persistent_bytes = 0;  // tensor/op tables, op data, variables
  size_t work_bytes = 0;        // planner working memory (reuses the planned region)
  PlanStrategy strategy = PlanStrategy::kSize;
  uint32_t num_buffers = 0;   // regions planned
  uint32_t num_views = 0;     // tensors that share their input's memory as a view
  uint32_t num_in_place = 0;  // element-wise outputs written over their input
  uint32_t num_banded = 0;    // conv/depthwise outputs overlapping their input (in bands)
  uint32_t num_streamed = 0;  // tensors never stored: streamed from producer to consumer
  bool reordered = false;     // ops run in another order than the model's (op_at_step)
};

// Called once per planned region while the interpreter plans (host tools:
// the memory timeline, through core/interpreter_hooks.h).
using PlanObserver = void (*)(void* user, const PlannedRegion& region);

}  // namespace mote

#endif  // MOTE_PLANNER_H_
