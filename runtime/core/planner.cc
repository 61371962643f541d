#include "mote/planner.h"

namespace mote {
namespace {

// Places buffers in `order`, each at the lowest aligned offset where it fits
// between already placed buffers whose lifetimes overlap its own. `placed`
// holds n entries of working memory. Returns the arena size the plan needs.
size_t PlaceInOrder(Span<PlanBuffer> buffers, const uint16_t* order, uint16_t* placed,
                    size_t alignment) {
  const size_t n = buffers.size();
  size_t total = 0;
  for (size_t k = 0; k < n; ++k) {
    PlanBuffer& buf = buffers[order[k]];
    buf.offset = 0;
    if (buf.size == 0) continue;
    // The already placed buffers alive at the same time, sorted by offset.
    size_t count = 0;
    for (size_t p = 0; p < k; ++p) {
      const PlanBuffer& other = buffers[order[p]];
      if (other.size == 0 || !LifetimesOverlap(buf, other)) continue;
      size_t j = count++;
      while (j > 0 && buffers[placed[j - 1]].offset > other.offset) {
        placed[j] = placed[j - 1];
        --j;
      }
      placed[j] = order[p];
    }
    // First gap that fits.
    size_t candidate = 0;
    for (size_t p = 0; p < count; ++p) {
      const PlanBuffer& other = buffers[placed[p]];
      if (other.offset >= candidate + buf.size) break;
      const size_t end = AlignUp(other.offset + other.size, alignment);
      if (end > candidate) candidate = end;
    }
    buf.offset = static_cast<uint32_t>(candidate);
    const size_t end = AlignUp(candidate + buf.size, alignment);
    if (end > total) total = end;
  }
  return total;
}

// Sort key of buffer i for a strategy: larger keys are placed first.
uint64_t OrderKey(const PlanBuffer& b, PlanStrategy strategy, uint32_t conflicts) {
  const uint64_t size = b.size;
  const uint64_t duration = static_cast<uint64_t>(b.last_use - b.first_use) + 1;
  switch (strategy) {
    case PlanStrategy::kArea:
      return size * duration;
    case PlanStrategy::kFirstUse:
      return (static_cast<uint64_t>(0x7fffffffLL - b.first_use) << 32) | size;
    case PlanStrategy::kLastUse:
      return (static_cast<uint64_t>(b.last_use) << 32) | size;
    case PlanStrategy::kDuration:
      return (duration << 32) | size;
    case PlanStrategy::kConflicts:
      return (static_cast<uint64_t>(conflicts) << 32) | size;
    case PlanStrategy::kSize:
    case PlanStrategy::kSearch:
      break;
  }
  return (size << 32) | static_cast<uint64_t>(0x7fffffffLL - b.first_use);
}

// Stable insertion sort of all buffer indices by key, descending.
void SortOrder(Span<const PlanBuffer> buffers, PlanStrategy strategy, const uint32_t* conflicts,
               uint16_t* order) {
  const size_t n = buffers.size();
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = OrderKey(buffers[i], strategy, conflicts != nullptr ? conflicts[i] : 0);
    size_t j = i;
    while (j > 0) {
      const uint16_t prev = order[j - 1];
      const uint64_t prev_key =
          OrderKey(buffers[prev], strategy, conflicts != nullptr ? conflicts[prev] : 0);
      if (prev_key >= key) break;
      order[j] = prev;
      --j;
    }
    order[j] = static_cast<uint16_t>(i);
  }
}

// Moves order[from] to position `to` (to < from), shifting the others up.
void MoveEarlier(uint16_t* order, size_t from, size_t to) {
  const uint16_t moved = order[from];
  for (size_t i = from; i > to; --i) order[i] = order[i - 1];
  order[to] = moved;
}

// Inverse of MoveEarlier(order, from, to).
void MoveBack(uint16_t* order, size_t from, size_t to) {
  const uint16_t moved = order[to];
  for (size_t i = to; i < from; ++i) order[i] = order[i + 1];
  order[from] = moved;
}

}  // namespace

size_t PlanGreedyBySize(Span<PlanBuffer> buffers, Span<uint16_t> scratch, size_t alignment) {
  const size_t n = buffers.size();
  if (n == 0 || scratch.size() < 2 * n) return 0;
  uint16_t* order = scratch.data();
  SortOrder(Span<const PlanBuffer>(buffers.data(), n), PlanStrategy::kSize, nullptr, order);
  return PlaceInOrder(buffers, order, scratch.data() + n, alignment);
}

const char* PlanStrategyName(PlanStrategy strategy) {
  switch (strategy) {
    case PlanStrategy::kSize:
      return "size";
    case PlanStrategy::kArea:
      return "size x lifetime";
    case PlanStrategy::kFirstUse:
      return "first use";
    case PlanStrategy::kLastUse:
      return "last use";
    case PlanStrategy::kDuration:
      return "lifetime";
    case PlanStrategy::kConflicts:
      return "conflicting bytes";
    case PlanStrategy::kSearch:
      return "local search";
  }
  return "?";
}

size_t PlanLowerBound(Span<const PlanBuffer> buffers, size_t alignment) {
  // The live set only grows at a first use, so checking those instants suffices.
  size_t best = 0;
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (buffers[i].size == 0) continue;
    const int32_t t = buffers[i].first_use;
    size_t live = 0;
    for (const PlanBuffer& b : buffers) {
      if (b.size != 0 && b.first_use <= t && t <= b.last_use) live += AlignUp(b.size, alignment);
    }
    if (live > best) best = live;
  }
  return best;
}

PlanResult PlanBest(Span<PlanBuffer> buffers, Span<uint8_t> work, size_t alignment,
                    uint32_t search_steps) {
  PlanResult result;
  const size_t n = buffers.size();
  if (n == 0 || n > 0xffff || work.size() < PlanWorkBytes(n)) return result;
  uint16_t* order = reinterpret_cast<uint16_t*>(work.data());
  uint16_t* placed = order + n;
  uint32_t* best_offset = reinterpret_cast<uint32_t*>(work.data() + AlignUp(n * 4, 4));
  const Span<const PlanBuffer> cbuffers(buffers.data(), n);
  result.lower_bound = PlanLowerBound(cbuffers, alignment);

  // Greedy by size first: the baseline, and often already at the bound.
  SortOrder(cbuffers, PlanStrategy::kSize, nullptr, order);
  result.greedy_bytes = PlaceInOrder(buffers, order, placed, alignment);
  size_t best = result.greedy_bytes;
  result.strategy = PlanStrategy::kSize;
  if (best > result.lower_bound) {
    // Conflict weights, kept in best_offset until the plan overwrites them.
    for (size_t i = 0; i < n; ++i) {
      uint64_t sum = 0;
      for (const PlanBuffer& b : cbuffers) {
        if (LifetimesOverlap(buffers[i], b)) sum += b.size;
      }
      best_offset[i] = sum > 0xffffffffu ? 0xffffffffu : static_cast<uint32_t>(sum);
    }
    SortOrder(cbuffers, PlanStrategy::kConflicts, best_offset, order);
    const size_t conflicts = PlaceInOrder(buffers, order, placed, alignment);
    if (conflicts < best) {
      best = conflicts;
      result.strategy = PlanStrategy::kConflicts;
    } else {
      SortOrder(cbuffers, PlanStrategy::kSize, nullptr, order);
      PlaceInOrder(buffers, order, placed, alignment);
    }
  }
  for (size_t i = 0; i < n; ++i) best_offset[i] = buffers[i].offset;
  static constexpr PlanStrategy kOrders[] = {PlanStrategy::kArea, PlanStrategy::kFirstUse,
                                             PlanStrategy::kLastUse, PlanStrategy::kDuration};
  for (PlanStrategy strategy : kOrders) {
    if (best <= result.lower_bound) break;
    SortOrder(cbuffers, strategy, nullptr, order);
    const size_t total = PlaceInOrder(buffers, order, placed, alignment);
    if (total < best) {
      best = total;
      result.strategy = strategy;
      for (size_t i = 0; i < n; ++i) best_offset[i] = buffers[i].offset;
    }
  }

  // Local search: move a buffer that ends at the top of the plan (or, every
  // other step, any buffer) earlier in the placement order; keep the move
  // when the plan does not grow. A fixed LCG keeps it deterministic.
  if (n < 200 && n > 1) {
    // Start from the best order (conflict weights are gone: use size order then).
    const PlanStrategy start =
        result.strategy == PlanStrategy::kConflicts ? PlanStrategy::kSize : result.strategy;
    SortOrder(cbuffers, start, nullptr, order);
    size_t current = PlaceInOrder(buffers, order, placed, alignment);
    uint32_t rng = 0x2545f491u;
    for (uint32_t step = 0; step < search_steps && best > result.lower_bound; ++step) {
      rng = rng * 1664525u + 1013904223u;
      size_t from = (rng >> 8) % n;
      if ((step & 1) == 0) {
        // A buffer whose end defines the plan's size.
        size_t count = 0;
        for (size_t p = 0; p < n; ++p) {
          const PlanBuffer& b = buffers[order[p]];
          if (b.size != 0 && AlignUp(b.offset + b.size, alignment) == current) {
            if (count == 0 || (rng >> 16) % (count + 1) == 0) from = p;
            ++count;
          }
        }
      }
      if (from == 0) continue;
      rng = rng * 1664525u + 1013904223u;
      const size_t to = (rng >> 8) % from;
      MoveEarlier(order, from, to);
      const size_t total = PlaceInOrder(buffers, order, placed, alignment);
      ++result.search_steps;
      if (total <= current) {
        current = total;
        if (total < best) {
          best = total;
          result.strategy = PlanStrategy::kSearch;
          for (size_t i = 0; i < n; ++i) best_offset[i] = buffers[i].offset;
        }
      } else {
        MoveBack(order, from, to);
        PlaceInOrder(buffers, order, placed, alignment);
      }
    }
  }
  for (size_t i = 0; i < n; ++i) buffers[i].offset = best_offset[i];
  result.bytes = best;
  return result;
}

int32_t FindPlanOverlap(Span<const PlanBuffer> buffers) {
  for (size_t i = 0; i < buffers.size(); ++i) {
    const PlanBuffer& a = buffers[i];
    if (a.size == 0) continue;
    for (size_t j = i + 1; j < buffers.size(); ++j) {
      const PlanBuffer& b = buffers[j];
      if (b.size == 0 || !LifetimesOverlap(a, b)) continue;
      if (a.offset < b.offset + b.size && b.offset < a.offset + a.size) {
        return static_cast<int32_t>(j);
      }
    }
  }
  return -1;
}

}  // namespace mote
