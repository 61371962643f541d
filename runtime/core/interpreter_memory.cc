// The interpreter's memory plan: the execution order (core/op_order.h), tensor
// lifetimes in that order, what may share memory (views, element-wise
// in-place outputs, conv/depthwise outputs overlapping their input in bands),
// and the placement (mote/planner.h: PlanShared).
#include <cstring>

#include "core/op_order.h"
#include "mote/interpreter.h"
#include "mote/planner.h"

namespace mote {

// Where PlanMemory keeps its working arrays (in the free head of the arena).
struct Interpreter::PlanLayout {
  size_t m = 0;  // planned tensors: entries [0, m), ids ascending
  size_t n = 0;  // + scratch buffers: entries [m, n), in step order
  PlanBuffer* plan = nullptr;
  uint32_t* ids = nullptr;  // tensor index, or num_tensors + (op << 8 | scratch slot)
  PlanShare* shares = nullptr;
  size_t max_shares = 0;
};

namespace {

constexpr uint8_t kOverwrite = kOutputMayOverwriteInput | kOutputMayOverwriteAnyInput;

size_t StepOp(const uint16_t* order, int32_t step) {
  return order != nullptr ? order[step] : static_cast<size_t>(step);
}

// Shares an op may declare (upper bound, independent of the order).
size_t MaxShares(const OperatorView& op, uint8_t memory, const BandedInPlace& banded) {
  size_t count = (memory & kOutputIsView) != 0 ? 1 : 0;
  if ((memory & kOverwrite) != 0) {
    count += (memory & kOutputMayOverwriteAnyInput) != 0 ? op.inputs().size() : 1;
  }
  return count + (banded.declared() ? 1 : 0);
}

}  // namespace

OrderOpMemory Interpreter::OrderMemoryOf(const void* self, size_t op) {
  const Interpreter& interp = *static_cast<const Interpreter*>(self);
  const OpRuntime& rt = interp.ops_[op];
  const PlannerOptions& options = interp.planner_options_;
  OrderOpMemory m;
  for (int s = 0; s < rt.num_scratch; ++s) {
    if (s != rt.banded.scratch) m.scratch += AlignUp(rt.scratch[s], kArenaAlignment);
  }
  m.memory = rt.memory & static_cast<uint8_t>((options.views ? kOutputIsView : 0) |
                                              (options.in_place ? kOverwrite : 0));
  if (options.banded && rt.banded.declared()) {
    m.banded = rt.banded;
    if (rt.banded.scratch >= 0) {
      m.band_bytes = static_cast<uint32_t>(AlignUp(rt.scratch[rt.banded.scratch], kArenaAlignment));
    }
  }
  return m;
}

size_t Interpreter::BuildPlanBuffers(const PlanLayout& layout, const uint16_t* order,
                                     bool streams) const {
  PlanBuffer* plan = layout.plan;
  uint32_t* ids = layout.ids;
  const size_t m = layout.m;
  const int32_t steps = static_cast<int32_t>(num_ops_);
  // The order search borrows this memory: fill it afresh.
  for (size_t t = 0, k = 0; t < num_tensors_ && k < m; ++t) {
    if (IsPlanned(t)) ids[k++] = static_cast<uint32_t>(t);
  }
  for (size_t k = 0; k < m; ++k) {
    plan[k] = PlanBuffer{
        static_cast<uint32_t>(AlignUp(subgraph_.tensor(ids[k]).bytes(), kArenaAlignment)),
        INT32_MAX, INT32_MIN, 0};
  }
  // Entry of tensor t, or -1 when t is not planned (binary search of ids).
  auto entry = [&](int32_t t) -> int32_t {
    if (t < 0) return -1;
    size_t lo = 0, hi = m;
    while (lo < hi) {
      const size_t mid = (lo + hi) / 2;
      if (ids[mid] < static_cast<uint32_t>(t)) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return (lo < m && ids[lo] == static_cast<uint32_t>(t)) ? static_cast<int32_t>(lo) : -1;
  };
  auto touch = [&](int32_t t, int32_t step) {
    const int32_t k = entry(t);
    if (k < 0) return;
    if (step < plan[k].first_use) plan[k].first_use = step;
    if (step > plan[k].last_use) plan[k].last_use = step;
  };
  // Graph inputs exist before the first step (the caller wrote them); graph
  // outputs after the last (the caller reads them).
  for (int32_t t : subgraph_.inputs()) touch(t, -1);
  for (int32_t step = 0; step < steps; ++step) {
    const OperatorView op = subgraph_.op(StepOp(order, step));
    for (int32_t t : op.inputs()) touch(t, step);
    for (int32_t t : op.outputs()) touch(t, step);
    // A streamed pair runs at the producer's step: the consumer's outputs
    // are written there.
    const int32_t consumer = ops_[StepOp(order, step)].stream_consumer;
    if (streams && consumer >= 0) {
      for (int32_t t : subgraph_.op(static_cast<size_t>(consumer)).outputs()) touch(t, step);
    }
  }
  for (int32_t t : subgraph_.outputs()) touch(t, steps);
  for (size_t k = 0; k < m; ++k) {
    if (plan[k].first_use == INT32_MAX) plan[k] = PlanBuffer{};  // never used: no memory
    if (streams && IsStreamedTensor(ids[k])) plan[k].size = 0;   // never stored
  }

  // Scratch buffers (alive during their op) and the shares, in step order.
  size_t k = m, num_shares = 0;
  for (int32_t step = 0; step < steps; ++step) {
    const size_t o = StepOp(order, step);
    const OpRuntime& rt = ops_[o];
    int32_t band = -1;
    for (uint8_t s = 0; s < rt.num_scratch; ++s) {
      // Streamed: the consumer's own scratch is unused; else the pair's slot is.
      const bool unused = streams ? rt.stream_producer >= 0 : s == rt.stream_scratch;
      const size_t bytes = unused ? 0 : AlignUp(rt.scratch[s], kArenaAlignment);
      plan[k] = PlanBuffer{static_cast<uint32_t>(bytes), step, step, 0};
      ids[k] = static_cast<uint32_t>(num_tensors_ + (o << 8) + s);
      if (s == rt.banded.scratch) band = static_cast<int32_t>(k);
      ++k;
    }
    const OperatorView op = subgraph_.op(o);
    const int32_t out = op.outputs().empty() ? -1 : entry(op.outputs()[0]);
    bool banded = false;
    if (out >= 0 && plan[out].size != 0 && !op.inputs().empty()) {
      const uint32_t out_bytes = subgraph_.tensor(op.outputs()[0]).bytes();
      auto add = [&](int32_t in, PlanShareKind kind) {
        if (num_shares >= layout.max_shares) return;
        PlanShare& share = layout.shares[num_shares++];
        share = PlanShare{};
        share.input = static_cast<uint16_t>(in);
        share.output = static_cast<uint16_t>(out);
        share.kind = kind;
      };
      auto same_bytes = [&](size_t i) {
        const int32_t t = op.inputs()[i];
        return entry(t) >= 0 && subgraph_.tensor(t).bytes() == out_bytes;
      };
      if ((rt.memory & kOutputIsView) != 0 && planner_options_.views && same_bytes(0)) {
        add(entry(op.inputs()[0]), PlanShareKind::kView);
      }
      if ((rt.memory & kOverwrite) != 0 && planner_options_.in_place) {
        const size_t candidates =
            (rt.memory & kOutputMayOverwriteAnyInput) != 0 ? op.inputs().size() : 1;
        for (size_t i = 0; i < candidates; ++i) {
          if (same_bytes(i)) add(entry(op.inputs()[i]), PlanShareKind::kInPlace);
        }
      }
      const int32_t in = entry(op.inputs()[0]);
      if (rt.banded.declared() && planner_options_.banded && in >= 0 &&
          num_shares < layout.max_shares) {
        add(in, PlanShareKind::kShifted);
        PlanShare& share = layout.shares[num_shares - 1];
        share.before = rt.banded.before;
        share.after = rt.banded.after;
        share.scratch = band >= 0 ? static_cast<uint16_t>(band) : kPlanNoScratch;
        banded = true;
      }
    }
    if (band >= 0 && !banded) plan[band].size = 0;  // the band buffer is never used
  }
  return num_shares;
}

Status Interpreter::PlanMemory() {
  // Working memory is taken from the free space at the head and released
  // before the planned buffers are used, so the arena needs max(work, plan)
  // there.
  PlanLayout layout;
  size_t num_scratch = 0, num_banded = 0;
  for (size_t t = 0; t < num_tensors_; ++t) {
    if (IsPlanned(t)) ++layout.m;
  }
  bool streams = false;  // any pair from PairStreams (kept below only if it pays)
  for (size_t o = 0; o < num_ops_; ++o) streams = streams || ops_[o].stream_consumer >= 0;
  for (size_t o = 0; o < num_ops_; ++o) {
    num_scratch += ops_[o].num_scratch;
    layout.max_shares += MaxShares(subgraph_.op(o), ops_[o].memory, ops_[o].banded);
    num_banded += ops_[o].banded.declared() ? 1 : 0;
  }
  layout.n = layout.m + num_scratch;
  const size_t n = layout.n;
  if (n > 0xffff || num_ops_ > 0xffff) {
    return Status::Error(StatusCode::kUnsupported, "%zu buffers to plan; at most 65535", n);
  }
  const bool can_reorder = planner_options_.reorder && !HasOnlyOneOrder(subgraph_);

  uint8_t* base = arena_.data();
  const size_t misalign = reinterpret_cast<uintptr_t>(base) % kArenaAlignment;
  const size_t head_start = misalign == 0 ? 0 : kArenaAlignment - misalign;
  const uintptr_t usable_end = (reinterpret_cast<uintptr_t>(base) + arena_.size()) &
                               ~static_cast<uintptr_t>(kArenaAlignment - 1);
  const size_t usable = static_cast<size_t>(usable_end - reinterpret_cast<uintptr_t>(base));
  // Everything the planning needs, known before it starts (so that a too
  // small arena is reported with the exact size at once).
  PlanSharedOptions options;
  options.best = planner_options_.multi_strategy;
  options.search_steps = planner_options_.search_steps;
  options.shifted = planner_options_.banded;
  const size_t fixed = n * sizeof(PlanBuffer) + AlignUp(n * sizeof(uint32_t), 8) +
                       layout.max_shares * sizeof(PlanShare);
  const size_t planner_bytes = PlanSharedWorkBytes(n, layout.max_shares, num_banded, options);
  const size_t work_bytes = fixed + planner_bytes;
  // The candidate order first, then the order search's or the planner's memory.
  const size_t order_array = can_reorder ? AlignUp(num_ops_ * sizeof(uint16_t), 16) : 0;
  const size_t order_bytes = can_reorder ? OpOrderWorkBytes(num_ops_, num_tensors_) : 0;
  const size_t need = order_array + (work_bytes > order_bytes ? work_bytes : order_bytes);
  // The arena is too small when PrepareOps ran out of room (it counted the
  // persistent data, tail_bytes_, and set required_bytes_) or when the
  // planner's working memory does not fit beside the persistent data. Then
  // the plan is only measured, in the room the tensor and op tables leave
  // (the two allocations at the arena's end), and the size needed reported.
  const bool measure = required_bytes_ != 0 || tail_bytes_ > usable - head_start ||
                       need > usable - head_start - tail_bytes_;
  const size_t real_tail =
      measure ? static_cast<size_t>(usable_end - reinterpret_cast<uintptr_t>(ops_)) : tail_bytes_;
  if (real_tail > usable - head_start || need > usable - head_start - real_tail) {
    return ArenaTooSmall(tail_bytes_ + head_start + need, "planning");  // a lower bound
  }
  uint8_t* const head = base + head_start;
  uint16_t* const order = reinterpret_cast<uint16_t*>(head);
  uint8_t* const work = head + order_array;
  layout.plan = reinterpret_cast<PlanBuffer*>(work);
  layout.ids = reinterpret_cast<uint32_t*>(work + n * sizeof(PlanBuffer));
  layout.shares = reinterpret_cast<PlanShare*>(work + n * sizeof(PlanBuffer) +
                                               AlignUp(n * sizeof(uint32_t), 8));
  size_t num_shares = 0;
  uint8_t* planner_work = work + fixed;
  auto plan = [&](const uint16_t* in_order) {
    num_shares = BuildPlanBuffers(layout, in_order, streams);
    return PlanShared(Span<PlanBuffer>(layout.plan, n), Span<PlanShare>(layout.shares, num_shares),
                      Span<uint8_t>(planner_work, planner_bytes), kArenaAlignment, options);
  };

  // Streamed pairs: kept only if the plan (in the model's order) is smaller.
  if (streams) {
    const size_t with = plan(nullptr).bytes;
    streams = false;
    streams = with < plan(nullptr).bytes;
  }
  // Reordering: keep the search's order only if its real plan is smaller.
  bool reordered = false;
  PlanResult result;
  if (can_reorder) {
    const uint32_t budget = static_cast<uint32_t>(256 + (size_t{1} << 22) / (num_ops_ * num_ops_));
    const OrderResult chosen = ChooseOpOrder(subgraph_, &OrderMemoryOf, this, kArenaAlignment,
                                             budget, Span<uint8_t>(work, order_bytes), order);
    if (chosen.reordered) {
      const size_t reordered_bytes = plan(order).bytes;
      result = plan(nullptr);
      if (reordered_bytes < result.bytes) {
        result = plan(order);
        reordered = true;
      }
    } else {
      result = plan(nullptr);
    }
  } else {
    result = plan(nullptr);
  }

  // The plan, and a reordered execution order kept for Invoke (persistent).
  const size_t planned = result.bytes;
  // The head also held the largest op's temporary Prepare data.
  size_t head_end = head_start + (planned > need ? planned : need);
  if (head_end < max_temporary_bytes_) head_end = max_temporary_bytes_;
  const size_t order_persistent =
      reordered ? num_ops_ * sizeof(uint16_t) + (tail_bytes_ & 1) : 0;  // 2-byte aligned
  if (measure || head_end + tail_bytes_ + order_persistent > usable) {
    required_bytes_ = AlignUp(head_end + tail_bytes_ + order_persistent, kArenaAlignment);
    return Status::Error(StatusCode::kResourceExhausted,
                         "arena too small: needs %zu bytes (memory plan %zu, persistent data "
                         "%zu), arena has %zu",
                         required_bytes_, head_end, tail_bytes_ + order_persistent, arena_.size());
  }
  order_ = nullptr;
  if (reordered) {
    MOTE_ASSIGN_OR_RETURN(void* mem, AllocateFromTail(num_ops_ * sizeof(uint16_t), 2));
    std::memcpy(mem, order, num_ops_ * sizeof(uint16_t));  // clear of the head: checked above
    order_ = static_cast<const uint16_t*>(mem);
  }
  // Write results out; tensor_data_ and ops_ live in the tail, clear of the plan.
  uint32_t num_regions = 0;
  const PlanBuffer* entries = layout.plan;
  for (size_t i = 0; i < n; ++i) {
    const PlanBuffer& e = entries[i];
    const bool member = IsPlanMember(e);
    const uint32_t offset = static_cast<uint32_t>(head_start + e.offset);
    const uint32_t id = layout.ids[i];
    if (i < layout.m) {
      if (member || e.size != 0) tensor_data_[id] = base + offset;
    } else {
      const uint32_t code = id - static_cast<uint32_t>(num_tensors_);
      ops_[code >> 8].scratch[code & 0xff] = offset;
    }
    if (member || e.size == 0) continue;
    ++num_regions;
    if (plan_observer_ == nullptr) continue;
    PlannedRegion region;
    region.offset = offset;
    region.size = e.size;
    region.first_op = e.first_use < 0 ? 0 : e.first_use;
    region.last_op = e.last_use >= static_cast<int32_t>(num_ops_)
                         ? static_cast<int32_t>(num_ops_) - 1
                         : e.last_use;
    if (i < layout.m) {
      region.tensor = static_cast<int32_t>(id);
    } else {
      const uint32_t code = id - static_cast<uint32_t>(num_tensors_);
      region.scratch_op = static_cast<int32_t>(code >> 8);
      region.scratch_index = static_cast<int32_t>(code & 0xff);
    }
    plan_observer_(plan_observer_user_, region);
  }
  if (!streams) UnpairStreams();
  head_bytes_ = head_end;
  required_bytes_ = arena_used_bytes();
  plan_summary_ = PlanSummary{};
  plan_summary_.activation_bytes = planned;
  plan_summary_.greedy_bytes = result.greedy_bytes;
  plan_summary_.lower_bound = result.lower_bound;
  plan_summary_.persistent_bytes = tail_bytes_;
  plan_summary_.work_bytes = need;
  plan_summary_.strategy = result.strategy;
  plan_summary_.num_buffers = num_regions;
  plan_summary_.num_views = result.num_views;
  plan_summary_.num_in_place = result.num_in_place;
  plan_summary_.num_banded = result.num_shifted;
  for (size_t o = 0; o < num_ops_; ++o) plan_summary_.num_streamed += ops_[o].stream_consumer >= 0;
  plan_summary_.reordered = reordered;
  return Status::Ok();
}

}  // namespace mote
