#include "mote/planner.h"

namespace mote {

size_t PlanGreedyBySize(Span<PlanBuffer> buffers, Span<uint16_t> scratch, size_t alignment) {
  const size_t n = buffers.size();
  if (n == 0 || scratch.size() < 2 * n) return 0;
  uint16_t* order = scratch.data();      // placement order: size descending
  uint16_t* placed = scratch.data() + n;  // placed conflicting buffers, by offset
  // Insertion sort by (size desc, first_use asc): stable and allocation-free.
  for (size_t i = 0; i < n; ++i) {
    size_t j = i;
    while (j > 0) {
      const PlanBuffer& a = buffers[order[j - 1]];
      const PlanBuffer& b = buffers[i];
      if (a.size > b.size || (a.size == b.size && a.first_use <= b.first_use)) break;
      order[j] = order[j - 1];
      --j;
    }
    order[j] = static_cast<uint16_t>(i);
  }
  size_t total = 0;
  for (size_t k = 0; k < n; ++k) {
    PlanBuffer& buf = buffers[order[k]];
    buf.offset = 0;
    if (buf.size == 0) continue;
    // Collect the already placed buffers alive at the same time, sorted by offset.
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
