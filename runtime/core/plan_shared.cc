// Memory sharing for the planner (mote/planner.h: PlanShared): groups of
// buffers placed as one block (views, in-place outputs, shifted in place),
// the choice of which shifted shares to apply, and the checker.
#include "mote/planner.h"

namespace mote {
namespace {

constexpr int64_t kMaxField = 0x7fffffff;

uint32_t RootOf(const PlanBuffer* b, uint32_t k) {
  return IsPlanMember(b[k]) ? static_cast<uint32_t>(-2 - b[k].last_use) : k;
}
int64_t PositionInGroup(const PlanBuffer* b, uint32_t k) {
  return IsPlanMember(b[k]) ? b[k].first_use : 0;
}
bool HasMembers(const PlanBuffer* b, size_t n, uint32_t k) {
  for (size_t j = 0; j < n; ++j) {
    if (IsPlanMember(b[j]) && RootOf(b, static_cast<uint32_t>(j)) == k) return true;
  }
  return false;
}

// Block size of `root`'s group after adding a buffer of `size` at `rel`
// (relative to the root; negative = below it).
int64_t ExtentWith(const PlanBuffer& root, int64_t rel, int64_t size) {
  const int64_t group = root.size;
  if (rel >= 0) return rel + size > group ? rel + size : group;
  return group - rel > size ? group - rel : size;
}

// Makes singleton `out` a member of `root`'s group at `rel` (relative to the
// root). Below the root, `out` becomes the group's new root.
void Join(PlanBuffer* b, size_t n, uint32_t root, uint32_t out, int64_t rel) {
  PlanBuffer& g = b[root];
  PlanBuffer& o = b[out];
  const int32_t first = g.first_use < o.first_use ? g.first_use : o.first_use;
  const int32_t last = g.last_use > o.last_use ? g.last_use : o.last_use;
  const uint32_t extent = static_cast<uint32_t>(ExtentWith(g, rel, o.size));
  if (rel >= 0) {
    g = PlanBuffer{extent, first, last, 0};
    o = PlanBuffer{0, static_cast<int32_t>(rel), -2 - static_cast<int32_t>(root), 0};
    return;
  }
  const int32_t up = static_cast<int32_t>(-rel);
  for (size_t j = 0; j < n; ++j) {
    if (!IsPlanMember(b[j]) || RootOf(b, static_cast<uint32_t>(j)) != root) continue;
    b[j].first_use += up;
    b[j].last_use = -2 - static_cast<int32_t>(out);
  }
  o = PlanBuffer{extent, first, last, 0};
  g = PlanBuffer{0, up, -2 - static_cast<int32_t>(out), 0};
}

struct Counts {
  uint32_t views = 0, in_place = 0, shifted = 0;
};

// Applies the shares that hold (shifted ones only if `shifted` and not
// `disabled`), gives unused band buffers no memory; returns the counts.
Counts Group(Span<PlanBuffer> buffers, Span<PlanShare> shares, const uint8_t* disabled,
             bool shifted) {
  PlanBuffer* b = buffers.data();
  const size_t n = buffers.size();
  Counts counts;
  for (size_t i = 0; i < shares.size(); ++i) {
    PlanShare& s = shares[i];
    s.applied = PlanShareApplied::kNo;
    const uint32_t in = s.input, out = s.output;
    if (in >= n || out >= n || in == out) continue;
    if (IsPlanMember(b[out]) || b[out].size == 0 || HasMembers(b, n, out)) continue;
    const uint32_t root = RootOf(b, in);
    if (root == out || b[root].size == 0) continue;
    const PlanBuffer& group = b[root];
    const int64_t rel_in = PositionInGroup(b, in);
    const int32_t step = b[out].first_use;
    const bool dies_here = group.last_use == step;
    int64_t rel = rel_in;
    PlanShareApplied how = PlanShareApplied::kSame;
    if (s.kind == PlanShareKind::kInPlace && !dies_here) continue;
    if (s.kind == PlanShareKind::kShifted) {
      if (!shifted || (disabled != nullptr && disabled[i] != 0) || !dies_here) continue;
      // The direction giving the smaller block; none if no smaller than apart.
      int64_t best = int64_t{group.size} + b[out].size;
      how = PlanShareApplied::kNo;
      if (s.before != kPlanNoShift) {
        const int64_t r = rel_in - static_cast<int64_t>(s.before);
        const int64_t extent = ExtentWith(group, r, b[out].size);
        if (extent < best) best = extent, rel = r, how = PlanShareApplied::kBefore;
      }
      if (s.after != kPlanNoShift) {
        const int64_t r = rel_in + static_cast<int64_t>(s.after);
        const int64_t extent = ExtentWith(group, r, b[out].size);
        if (extent < best) best = extent, rel = r, how = PlanShareApplied::kAfter;
      }
      if (how == PlanShareApplied::kNo || best > kMaxField) continue;
    }
    if (ExtentWith(group, rel, b[out].size) > kMaxField || rel > kMaxField || -rel > kMaxField) {
      continue;
    }
    Join(b, n, root, out, rel);
    s.applied = how;
    if (s.kind == PlanShareKind::kView) ++counts.views;
    if (s.kind == PlanShareKind::kInPlace) ++counts.in_place;
    if (s.kind == PlanShareKind::kShifted) ++counts.shifted;
  }
  for (const PlanShare& s : shares) {
    // (A band buffer is nobody's input; should one be, it keeps its memory.)
    if (s.kind == PlanShareKind::kShifted && s.applied == PlanShareApplied::kNo && s.scratch < n &&
        !IsPlanMember(b[s.scratch]) && !HasMembers(b, n, s.scratch)) {
      b[s.scratch].size = 0;
    }
  }
  return counts;
}

struct Saved {
  uint32_t size;
  int32_t first_use, last_use;
};

bool IsShifted(const PlanShare& s, size_t n) {
  return s.kind == PlanShareKind::kShifted && s.input < n && s.output < n;
}

size_t CountShifted(Span<const PlanShare> shares, size_t n) {
  size_t count = 0;
  for (const PlanShare& s : shares) count += IsShifted(s, n) ? 1 : 0;
  return count;
}

size_t PlannerWork(size_t n, const PlanSharedOptions& options) {
  return options.best ? PlanWorkBytes(n) : AlignUp(2 * n * sizeof(uint16_t), 4);
}

}  // namespace

size_t PlanSharedWorkBytes(size_t num_buffers, size_t num_shares, size_t num_shifted,
                           const PlanSharedOptions& options) {
  const size_t planner = PlannerWork(num_buffers, options);
  if (!options.shifted || num_shifted == 0) return planner;
  return planner + num_buffers * sizeof(Saved) + AlignUp(num_shares, 4);
}

PlanResult PlanShared(Span<PlanBuffer> buffers, Span<PlanShare> shares, Span<uint8_t> work,
                      size_t alignment, const PlanSharedOptions& options) {
  PlanResult result;
  const size_t n = buffers.size();
  if (n == 0 || n > 0xffff ||
      work.size() < PlanSharedWorkBytes(n, shares.size(), CountShifted(shares, n), options)) {
    return result;
  }
  const size_t planner_bytes = PlannerWork(n, options);
  const Span<uint8_t> planner_work(work.data(), planner_bytes);
  const bool shifted = options.shifted && CountShifted(shares, n) > 0;
  Saved* saved = reinterpret_cast<Saved*>(work.data() + planner_bytes);
  uint8_t* disabled = work.data() + planner_bytes + n * sizeof(Saved);
  if (shifted) {
    for (size_t k = 0; k < n; ++k) {
      saved[k] = Saved{buffers[k].size, buffers[k].first_use, buffers[k].last_use};
    }
    for (size_t i = 0; i < shares.size(); ++i) disabled[i] = 0;
  }
  Counts counts;
  auto group = [&](bool with_shifted) {
    if (shifted) {
      for (size_t k = 0; k < n; ++k) {
        buffers[k] = PlanBuffer{saved[k].size, saved[k].first_use, saved[k].last_use, 0};
      }
    }
    counts = Group(buffers, shares, disabled, with_shifted);
    return PlanLowerBound(Span<const PlanBuffer>(buffers.data(), n), alignment);
  };
  auto plan = [&]() {
    if (options.best) return PlanBest(buffers, planner_work, alignment, options.search_steps);
    PlanResult r;
    uint16_t* scratch = reinterpret_cast<uint16_t*>(planner_work.data());
    r.bytes = PlanGreedyBySize(buffers, Span<uint16_t>(scratch, 2 * n), alignment);
    r.greedy_bytes = r.bytes;
    r.lower_bound = PlanLowerBound(Span<const PlanBuffer>(buffers.data(), n), alignment);
    return r;
  };

  bool use_shifted = false;
  if (shifted) {
    const size_t none = group(false);
    size_t bound = group(true);
    if (bound < none) {
      use_shifted = true;
      // Drop the shifted shares the bound does not need (last first): fewer
      // copies at run time, shorter blocks. Bounded work on large graphs.
      for (size_t i = 0; i < shares.size(); ++i) {
        if (IsShifted(shares[i], n) && shares[i].applied == PlanShareApplied::kNo) disabled[i] = 1;
      }
      const uint64_t per_trial = uint64_t{n} * n + uint64_t{n} * shares.size() + 1;
      uint64_t budget = (uint64_t{1} << 24) / per_trial;
      for (size_t i = shares.size(); i-- > 0 && budget > 0;) {
        if (!IsShifted(shares[i], n) || disabled[i] != 0) continue;
        --budget;
        disabled[i] = 1;
        const size_t trial = group(true);
        if (trial <= bound) {
          bound = trial;
        } else {
          disabled[i] = 0;
        }
      }
    }
  }
  group(use_shifted);
  result = plan();
  if (use_shifted) {
    // Keep the shifted blocks only if the real plan is smaller too.
    const PlanResult with = result;
    group(false);
    result = plan();
    if (with.bytes < result.bytes) {
      group(true);
      result = plan();
    }
  }
  for (size_t k = 0; k < n; ++k) {
    if (IsPlanMember(buffers[k])) {
      const uint32_t root = RootOf(buffers.data(), static_cast<uint32_t>(k));
      buffers[k].offset = buffers[root].offset + static_cast<uint32_t>(buffers[k].first_use);
    }
  }
  result.num_views = counts.views;
  result.num_in_place = counts.in_place;
  result.num_shifted = counts.shifted;
  return result;
}

namespace {

// The buffer whose bytes `k` shows, following applied views.
uint32_t ViewSource(Span<const PlanShare> shares, uint32_t k) {
  for (size_t hops = 0; hops <= shares.size(); ++hops) {
    bool found = false;
    for (const PlanShare& s : shares) {
      if (s.kind == PlanShareKind::kView && s.applied != PlanShareApplied::kNo && s.output == k) {
        k = s.input;
        found = true;
        break;
      }
    }
    if (!found) break;
  }
  return k;
}

// A band buffer of a shifted share that was not applied: it has no memory.
bool Unused(Span<const PlanShare> shares, size_t k) {
  bool unused = false;
  for (const PlanShare& s : shares) {
    if (s.kind == PlanShareKind::kShifted && s.applied == PlanShareApplied::kNo && s.scratch == k) {
      unused = true;
    }
    if (s.applied != PlanShareApplied::kNo && (s.input == k || s.output == k)) return false;
  }
  return unused;
}

int64_t Delta(const PlanShare& s) {
  switch (s.applied) {
    case PlanShareApplied::kBefore:
      return -static_cast<int64_t>(s.before);
    case PlanShareApplied::kAfter:
      return static_cast<int64_t>(s.after);
    default:
      return 0;
  }
}

}  // namespace

int32_t FindSharedPlanOverlap(Span<const PlanBuffer> buffers, Span<const PlanShare> shares) {
  const size_t n = buffers.size();
  for (const PlanShare& s : shares) {
    if (s.applied == PlanShareApplied::kNo || s.input >= n || s.output >= n) continue;
    const int64_t delta = int64_t{buffers[s.output].offset} - buffers[s.input].offset;
    if (delta != Delta(s)) return s.output;
  }
  for (size_t i = 0; i < n; ++i) {
    const PlanBuffer& a = buffers[i];
    if (a.size == 0 || Unused(shares, i)) continue;
    for (size_t j = i + 1; j < n; ++j) {
      const PlanBuffer& b = buffers[j];
      if (b.size == 0 || !LifetimesOverlap(a, b) || Unused(shares, j)) continue;
      if (!(a.offset < b.offset + b.size && b.offset < a.offset + a.size)) continue;
      const uint32_t va = ViewSource(shares, static_cast<uint32_t>(i));
      const uint32_t vb = ViewSource(shares, static_cast<uint32_t>(j));
      if (va == vb && a.offset == b.offset) continue;
      const int32_t together_first = a.first_use > b.first_use ? a.first_use : b.first_use;
      const int32_t together_last = a.last_use < b.last_use ? a.last_use : b.last_use;
      bool allowed = false;
      for (const PlanShare& s : shares) {
        if (s.applied == PlanShareApplied::kNo || s.kind == PlanShareKind::kView) continue;
        if (s.input >= n || s.output >= n) continue;
        const uint32_t vin = ViewSource(shares, s.input), vout = ViewSource(shares, s.output);
        if (!((vin == va && vout == vb) || (vin == vb && vout == va))) continue;
        const int32_t step = buffers[s.output].first_use;
        if (together_first == step && together_last == step) allowed = true;
      }
      if (!allowed) return static_cast<int32_t>(j);
    }
  }
  return -1;
}

}  // namespace mote
