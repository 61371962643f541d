// Optimized kernel variants and how one is picked.
//
// Every hot int8 kernel family (CONV_2D, DEPTHWISE_CONV_2D, FULLY_CONNECTED,
// ...) has a portable reference function, the oracle, and may have optimized
// variants for an instruction set. A variant is registered as a
// KernelVariant: a name (also the C++ function the AOT compiler calls), the
// instruction set it needs, a predicate over the op's params (shapes it
// handles), its scratch and packed-constant sizes, and the function itself.
// Variants take the reference's params struct plus an Args struct holding the
// reference's pointers and the variant's packed constants and scratch.
//
// Prepare picks the first variant of the family's registered list (most
// specialised first, reference last) whose arch is in the interpreter's
// kernel arch set and whose `supports` accepts the params; the AOT compiler
// runs the same Prepare with the target's arch set, so both paths run the
// same function on the same plan. Variants are bit-exact with the reference.
#ifndef MOTE_KERNELS_COMMON_KERNEL_VARIANT_H_
#define MOTE_KERNELS_COMMON_KERNEL_VARIANT_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel_arch.h"
#include "mote/span.h"

namespace mote {

// One optimized (or reference) kernel. `Params` is the family's params struct,
// `Args` its pointer bundle (with `packed` and `scratch` members).
template <typename Params, typename Args>
struct KernelVariant {
  const char* name;  // e.g. "conv2d_s8__armv7em_dsp": the function in namespace mote
  KernelArch arch;
  // True if this variant computes `p` bit-exactly (shapes, strides, padding,
  // and for run-time-checked archs, the CPU). Padding may be negative (a
  // caller computing a band of output rows shifts pad_h): variants handle it.
  bool (*supports)(const Params& p);
  // Scratch bytes Eval needs (nullptr: none). The planner gives scratch
  // kArenaAlignment (16) byte aligned. Scratch is planned like a tensor live
  // during the op, next to its input and output: keep it bounded (work
  // through a long axis in chunks) rather than a copy of a whole input, or
  // the variant's arena can exceed the reference's.
  size_t (*scratch_bytes)(const Params& p);
  // Bytes of constants derived ahead of time from the op's weights and bias
  // (folded zero points, re-laid-out weights; nullptr: none). The AOT
  // compiler stores them in flash; the interpreter in persistent arena memory
  // when `packed_bytes` is at most its budget for the op.
  size_t (*packed_bytes)(const Params& p);
  // Fills `packed` (packed_bytes(p) bytes, 16-byte aligned) from a.filter / a.bias.
  void (*pack)(const Params& p, const Args& a, void* packed);
  void (*eval)(const Params& p, const Args& a);
  // True if eval reads the op's weights, bias and per-channel requantization
  // arrays (params' multiplier/shift) only through `packed` (re-laid-out there
  // in full): the AOT compiler then passes nullptr for them, and the original
  // arrays never reach flash.
  bool reads_only_packed = false;
  // True if eval reads the per-channel requantization (params' multiplier and
  // shift) only through `packed`: the interpreter then does not keep those
  // arrays (8 bytes per output channel of persistent arena).
  bool requant_only_packed = false;
  // Optional (nullptr: eval reads them unless reads_only_packed): whether eval
  // reads the op's weights and bias (a.filter, a.bias) for `p`, for a variant
  // whose packed copy covers all but some shapes' leftovers. When false, the
  // AOT compiler passes nullptr and keeps no copy that no kernel reads.
  bool (*reads_weights)(const Params& p) = nullptr;
};

// The first variant of `list` whose arch is in `archs`, that supports `p` and
// whose packed constants fit `max_packed_bytes`; nullptr if none does (the
// reference, last in every list, always does).
template <typename Params, typename Args>
const KernelVariant<Params, Args>* SelectKernelVariant(
    Span<const KernelVariant<Params, Args>* const> list, KernelArchSet archs, const Params& p,
    size_t max_packed_bytes) {
  for (const KernelVariant<Params, Args>* v : list) {
    if ((archs & KernelArchBit(v->arch)) == 0) continue;
    if (v->supports != nullptr && !v->supports(p)) continue;
    if (v->packed_bytes != nullptr && v->packed_bytes(p) > max_packed_bytes) continue;
    return v;
  }
  return nullptr;
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_KERNEL_VARIANT_H_
