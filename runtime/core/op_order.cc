#include "core/op_order.h"

#include "mote/planner.h"

namespace mote {
namespace {

constexpr uint16_t kDone = 0xffff;
constexpr uint8_t kGraphInput = 1;
constexpr uint8_t kGraphOutput = 2;
constexpr uint8_t kVariable = 4;
constexpr uint8_t kConstant = 8;

bool Contains(Span<const int32_t> list, int32_t t) {
  for (int32_t x : list) {
    if (x == t) return true;
  }
  return false;
}

// Op `a` (before `c` in the original order) must stay before `c`: they touch
// a non-constant tensor that one of them writes (outputs; state inputs too).
bool Depends(const SubgraphView& sg, size_t c, size_t a) {
  const OperatorView oa = sg.op(a), oc = sg.op(c);
  const size_t num_tensors = sg.num_tensors();
  auto written = [&](const OperatorView& op, int32_t t) {
    return Contains(op.outputs(), t) || (Contains(op.inputs(), t) && sg.tensor(t).is_variable());
  };
  for (const Span<const int32_t> list : {oa.inputs(), oa.outputs()}) {
    for (int32_t t : list) {
      if (t < 0 || static_cast<size_t>(t) >= num_tensors || sg.tensor(t).is_constant()) continue;
      const bool c_touches = Contains(oc.inputs(), t) || Contains(oc.outputs(), t);
      if (c_touches && (written(oa, t) || written(oc, t))) return true;
    }
  }
  return false;
}

// Graphs the search keeps in their original order: an op writing a graph
// input or a constant, or a tensor written by two ops.
bool Unsupported(const SubgraphView& sg) {
  const size_t num_tensors = sg.num_tensors();
  for (size_t o = 0; o < sg.num_operators(); ++o) {
    for (int32_t t : sg.op(o).outputs()) {
      if (t < 0) continue;
      if (static_cast<size_t>(t) >= num_tensors || Contains(sg.inputs(), t) ||
          sg.tensor(t).is_constant()) {
        return true;
      }
      for (size_t p = 0; p < o; ++p) {
        if (Contains(sg.op(p).outputs(), t)) return true;
      }
    }
  }
  return false;
}

// The search state: which ops ran, which tensors are alive, live bytes.
struct Search {
  const SubgraphView* sg;
  OrderOpMemoryFn memory;
  const void* user;
  size_t num_ops, num_tensors;
  uint16_t* pending;    // [op] unfinished ops it depends on, kDone once run
  uint32_t* size;       // [tensor] planned bytes (aligned), 0 if not planned
  uint16_t* remaining;  // [tensor] uses left of the tensors whose bytes it owns
  uint16_t* root;       // [tensor] the tensor owning its bytes (views)
  uint8_t* flags;       // [tensor]
  uint64_t live = 0;

  bool Planned(int32_t t) const { return t >= 0 && size[t] != 0; }
  bool FirstIn(Span<const int32_t> list, size_t i) const {
    for (size_t k = 0; k < i; ++k) {
      if (Planned(list[k]) && root[list[k]] == root[list[i]]) return false;
    }
    return true;
  }
  // Bytes the op's outputs add (owners only, once each).
  uint64_t OutputBytes(const OperatorView& op) const {
    uint64_t bytes = 0;
    const Span<const int32_t> outs = op.outputs();
    for (size_t i = 0; i < outs.size(); ++i) {
      if (Planned(outs[i]) && root[outs[i]] == outs[i] && FirstIn(outs, i)) bytes += size[outs[i]];
    }
    return bytes;
  }
  // True if every remaining use of owner `r` is at `op` and it is not pinned.
  bool DiesAt(const OperatorView& op, uint16_t r) const {
    if ((flags[r] & (kGraphInput | kGraphOutput)) != 0) return false;
    uint32_t uses = 0;
    for (int32_t t : op.inputs()) uses += (Planned(t) && root[t] == r) ? 1 : 0;
    return uses == remaining[r];
  }
  // Bytes an in-place output saves at `op`.
  uint64_t Saving(size_t o, const OperatorView& op) const {
    const OrderOpMemory m = memory(user, o);
    const Span<const int32_t> ins = op.inputs(), outs = op.outputs();
    if (ins.empty() || outs.empty() || !Planned(outs[0]) || root[outs[0]] != outs[0]) return 0;
    const uint64_t y = size[outs[0]];
    uint64_t best = 0;
    const size_t candidates = (m.memory & kOutputMayOverwriteAnyInput) != 0 ? ins.size() : 1;
    if ((m.memory & (kOutputMayOverwriteInput | kOutputMayOverwriteAnyInput)) != 0) {
      for (size_t i = 0; i < candidates; ++i) {
        if (Planned(ins[i]) && size[root[ins[i]]] == y && DiesAt(op, root[ins[i]])) best = y;
      }
    }
    if (Planned(ins[0]) && DiesAt(op, root[ins[0]])) {
      const uint64_t x = size[root[ins[0]]];
      auto consider = [&](uint64_t extent) {
        if (x + y > extent + m.band_bytes && x + y - extent - m.band_bytes > best) {
          best = x + y - extent - m.band_bytes;
        }
      };
      if (m.banded.before != kNoInPlaceShift) {
        consider(x + m.banded.before > y ? x + m.banded.before : y);
      }
      if (m.banded.after != kNoInPlaceShift) {
        consider(m.banded.after + y > x ? m.banded.after + y : x);
      }
    }
    return best;
  }
  // Live bytes while op `o` runs, if it ran now.
  uint64_t During(size_t o) const {
    const OperatorView op = sg->op(o);
    return live + OutputBytes(op) + memory(user, o).scratch - Saving(o, op);
  }
  void Run(size_t o) {
    const OperatorView op = sg->op(o);
    live += OutputBytes(op);
    for (int32_t t : op.inputs()) {
      if (Planned(t) && --remaining[root[t]] == 0) live -= size[root[t]];
    }
    const Span<const int32_t> outs = op.outputs();
    for (size_t i = 0; i < outs.size(); ++i) {
      const int32_t t = outs[i];
      if (Planned(t) && root[t] == t && FirstIn(outs, i) && remaining[t] == 0) live -= size[t];
    }
    for (size_t d = o + 1; d < num_ops; ++d) {
      if (pending[d] != kDone && Depends(*sg, d, o)) --pending[d];
    }
    pending[o] = kDone;
  }
  void Undo(size_t o) {
    const OperatorView op = sg->op(o);
    pending[o] = 0;
    for (size_t d = o + 1; d < num_ops; ++d) {
      if (pending[d] != kDone && Depends(*sg, d, o)) ++pending[d];
    }
    const Span<const int32_t> outs = op.outputs();
    for (size_t i = 0; i < outs.size(); ++i) {
      const int32_t t = outs[i];
      if (Planned(t) && root[t] == t && FirstIn(outs, i) && remaining[t] == 0) live += size[t];
    }
    const Span<const int32_t> ins = op.inputs();
    for (size_t i = ins.size(); i-- > 0;) {
      const int32_t t = ins[i];
      if (Planned(t) && remaining[root[t]]++ == 0) live += size[root[t]];
    }
    live -= OutputBytes(op);
  }
  bool Ready(size_t o) const { return pending[o] == 0; }
};

}  // namespace

bool HasOnlyOneOrder(const SubgraphView& sg) {
  const size_t n = sg.num_operators();
  if (n < 2 || n > 0xfffe || sg.num_tensors() > 0xfffe || Unsupported(sg)) return true;
  for (size_t o = 1; o < n; ++o) {
    if (!Depends(sg, o, o - 1)) return false;
  }
  return true;
}

size_t OpOrderWorkBytes(size_t num_ops, size_t num_tensors) {
  // peaks (8) + pending, cursor, chosen (2 each) per op; size (4), remaining,
  // root (2 each), flags (1) per tensor.
  return AlignUp((num_ops + 1) * 8 + num_ops * 6, 4) + AlignUp(num_tensors * 9, 4);
}

OrderResult ChooseOpOrder(const SubgraphView& sg, OrderOpMemoryFn memory, const void* user,
                          size_t alignment, uint32_t budget, Span<uint8_t> work, uint16_t* order) {
  OrderResult result;
  const size_t n = sg.num_operators(), nt = sg.num_tensors();
  for (size_t o = 0; o < n; ++o) order[o] = static_cast<uint16_t>(o);
  if (HasOnlyOneOrder(sg) || work.size() < OpOrderWorkBytes(n, nt)) return result;

  uint64_t* peaks = reinterpret_cast<uint64_t*>(work.data());
  uint16_t* pending = reinterpret_cast<uint16_t*>(peaks + n + 1);
  uint16_t* cursor = pending + n;
  uint16_t* chosen = cursor + n;
  uint8_t* tensor_mem = work.data() + AlignUp((n + 1) * 8 + n * 6, 4);
  Search s{&sg,     memory,  user,    n, nt, pending, reinterpret_cast<uint32_t*>(tensor_mem),
           nullptr, nullptr, nullptr, 0};
  s.remaining = reinterpret_cast<uint16_t*>(s.size + nt);
  s.root = s.remaining + nt;
  s.flags = reinterpret_cast<uint8_t*>(s.root + nt);

  for (size_t t = 0; t < nt; ++t) {
    const TensorView tv = sg.tensor(t);
    s.flags[t] = (tv.is_variable() ? kVariable : 0) | (tv.is_constant() ? kConstant : 0);
    s.size[t] = (s.flags[t] != 0 || tv.bytes() == 0)
                    ? 0
                    : static_cast<uint32_t>(AlignUp(tv.bytes(), alignment));
    s.root[t] = static_cast<uint16_t>(t);
    s.remaining[t] = 0;
  }
  for (int32_t t : sg.inputs()) {
    if (t >= 0 && static_cast<size_t>(t) < nt) s.flags[t] |= kGraphInput;
  }
  for (int32_t t : sg.outputs()) {
    if (t >= 0 && static_cast<size_t>(t) < nt) s.flags[t] |= kGraphOutput;
  }
  // Views share their input's bytes (in original order, so roots come first).
  for (size_t o = 0; o < n; ++o) {
    const OperatorView op = sg.op(o);
    if ((memory(user, o).memory & kOutputIsView) == 0) continue;
    if (op.inputs().empty() || op.outputs().empty()) continue;
    const int32_t in = op.inputs()[0], out = op.outputs()[0];
    if (!s.Planned(in) || !s.Planned(out) || s.size[in] != s.size[out] || in == out) continue;
    s.root[out] = s.root[in];
    s.flags[s.root[in]] |= s.flags[out] & (kGraphInput | kGraphOutput);
  }
  for (size_t o = 0; o < n; ++o) {
    for (int32_t t : sg.op(o).inputs()) {
      if (s.Planned(t)) ++s.remaining[s.root[t]];
    }
  }
  for (size_t t = 0; t < nt; ++t) {
    if (s.root[t] == t && (s.flags[t] & kGraphOutput) != 0) ++s.remaining[t];  // never freed
    // Graph inputs are alive from the start, until their last reader.
    if (s.root[t] == t && s.Planned(static_cast<int32_t>(t)) && (s.flags[t] & kGraphInput) != 0 &&
        s.remaining[t] > 0) {
      s.live += s.size[t];
    }
  }
  for (size_t c = 0; c < n; ++c) {
    pending[c] = 0;
    for (size_t a = 0; a < c; ++a) pending[c] += Depends(sg, c, a) ? 1 : 0;
  }

  // The original order, then a greedy one: the bounds to beat.
  uint64_t peak = 0;
  for (size_t o = 0; o < n; ++o) {
    const uint64_t during = s.During(o);
    if (during > peak) peak = during;
    s.Run(o);
  }
  for (size_t o = n; o-- > 0;) s.Undo(o);
  result.original_peak = peak;
  uint64_t best = peak;
  peak = 0;
  for (size_t step = 0; step < n; ++step) {
    size_t pick = n;
    uint64_t pick_during = 0, pick_after = 0;
    for (size_t o = 0; o < n; ++o) {
      if (!s.Ready(o)) continue;
      const uint64_t during = s.During(o);
      s.Run(o);
      const uint64_t after = s.live;
      s.Undo(o);
      if (pick == n || during < pick_during || (during == pick_during && after < pick_after)) {
        pick = o, pick_during = during, pick_after = after;
      }
    }
    chosen[step] = static_cast<uint16_t>(pick);
    if (pick_during > peak) peak = pick_during;
    s.Run(pick);
  }
  for (size_t step = n; step-- > 0;) s.Undo(chosen[step]);
  if (peak < best) {
    best = peak;
    for (size_t step = 0; step < n; ++step) order[step] = chosen[step];
  }

  // Depth-first branch and bound over the remaining orders.
  size_t step = 0;
  peaks[0] = 0;
  cursor[0] = 0;
  result.exhaustive = true;
  for (;;) {
    if (step == n) {
      if (peaks[n] < best) {
        best = peaks[n];
        for (size_t k = 0; k < n; ++k) order[k] = chosen[k];
      }
    } else {
      size_t o = cursor[step];
      while (o < n && !s.Ready(o)) ++o;
      if (o < n) {
        cursor[step] = static_cast<uint16_t>(o + 1);
        const uint64_t during = s.During(o);
        const uint64_t next = during > peaks[step] ? during : peaks[step];
        if (next >= best) continue;
        if (++result.steps > budget) {
          result.exhaustive = false;
          break;
        }
        s.Run(o);
        chosen[step] = static_cast<uint16_t>(o);
        peaks[++step] = next;
        if (step < n) cursor[step] = 0;
        continue;
      }
    }
    if (step == 0) break;
    s.Undo(chosen[--step]);
  }
  while (step > 0) s.Undo(chosen[--step]);
  result.peak = best;
  for (size_t k = 0; k < n; ++k) result.reordered |= order[k] != k;
  return result;
}

}  // namespace mote
