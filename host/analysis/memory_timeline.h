// Host-side memory analysis: plans a model with the runtime's planner (the
// same plan the interpreter and the AOT compiler use) and describes it as a
// per-op timeline of live bytes, plus an SVG picture of the arena.
#ifndef MOTE_HOST_ANALYSIS_MEMORY_TIMELINE_H_
#define MOTE_HOST_ANALYSIS_MEMORY_TIMELINE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mote/interpreter.h"
#include "mote/model.h"
#include "mote/op_resolver.h"

namespace mote {
namespace host {

struct MemoryRegion {
  PlannedRegion region;
  std::string label;             // tensor name(s) or "op N scratch K"
  std::vector<int32_t> tensors;  // every tensor sharing the region (views, in place)
};

struct OpMemory {
  size_t step = 0;   // execution step (the planner may reorder branches)
  size_t index = 0;  // the op's index in the model
  std::string name;
  uint64_t live_bytes = 0;  // bytes of regions live during this op
  uint64_t top_bytes = 0;   // highest arena offset in use during this op (from the plan start)
};

struct MemoryTimeline {
  bool ok = false;
  std::string error;
  std::vector<MemoryRegion> regions;  // first_op/last_op are execution steps
  std::vector<OpMemory> ops;          // in execution order
  uint64_t peak_live_bytes = 0;
  size_t peak_op = 0;      // model index of the op at the peak
  size_t peak_step = 0;    // its execution step
  size_t plan_start = 0;   // arena offset of the planned region
  PlanSummary summary;     // from the interpreter
  size_t arena_bytes = 0;  // interpreter: plan + persistent data
};

// Allocates `model` with `resolver` in a large host arena and records the plan.
MemoryTimeline ComputeMemoryTimeline(const Model& model, const OpResolver& resolver,
                                     const PlannerOptions& options = PlannerOptions());

// A self-contained SVG: regions as rectangles over op index x arena offset,
// with the live-bytes curve on top.
std::string MemoryTimelineSvg(const MemoryTimeline& timeline, const std::string& title);

}  // namespace host
}  // namespace mote

#endif  // MOTE_HOST_ANALYSIS_MEMORY_TIMELINE_H_
