// Prepare/Eval glue for kernel variants (kernels/common/kernel_variant.h):
// pick the variant, request its scratch, pack its constants; at Eval, hand it
// its buffers.
#ifndef MOTE_KERNELS_COMMON_VARIANT_PREPARE_H_
#define MOTE_KERNELS_COMMON_VARIANT_PREPARE_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/status.h"

namespace mote {

// What Prepare chose for one op; lives in the op's op data.
template <typename Params, typename Args>
struct ChosenVariant {
  const KernelVariant<Params, Args>* variant = nullptr;
  const void* packed = nullptr;  // variant->packed_bytes(params) bytes, or nullptr
  int32_t scratch_index = -1;    // EvalContext::scratch index, or -1
};

// Packed constants the interpreter keeps in persistent arena memory for an op
// with `channels` output channels: per-channel tables (folded bias, ...), not
// re-laid-out weights. Ahead of time any size is allowed (flash).
inline size_t RuntimePackedBudget(size_t channels) { return 16 * channels + 256; }

// Picks the variant for `p` under ctx.kernel_archs(). `args` holds the
// constant inputs `pack` reads (filter, bias); `weights_constant` is false if
// the weights are computed at run time (then nothing can be packed).
template <typename Params, typename Args>
Status PrepareKernelVariant(PrepareContext& ctx,
                            Span<const KernelVariant<Params, Args>* const> list, const Params& p,
                            const Args& args, bool weights_constant, size_t channels,
                            ChosenVariant<Params, Args>* out) {
  size_t budget = 0;
  if (weights_constant) budget = ctx.ahead_of_time() ? SIZE_MAX : RuntimePackedBudget(channels);
  const KernelVariant<Params, Args>* v = SelectKernelVariant(list, ctx.kernel_archs(), p, budget);
  if (v == nullptr) {
    return Status::Error(StatusCode::kInternal, "no kernel variant accepts these shapes");
  }
  out->variant = v;
  const size_t packed_bytes = v->packed_bytes != nullptr ? v->packed_bytes(p) : 0;
  if (packed_bytes > 0) {
    MOTE_ASSIGN_OR_RETURN(void* packed, ctx.AllocatePersistent(packed_bytes, 16));
    v->pack(p, args, packed);
    out->packed = packed;
  }
  const size_t scratch_bytes = v->scratch_bytes != nullptr ? v->scratch_bytes(p) : 0;
  if (scratch_bytes > 0) {
    MOTE_ASSIGN_OR_RETURN(const int index, ctx.RequestScratch(scratch_bytes));
    out->scratch_index = index;
  }
  return Status::Ok();
}

// `args` with the chosen variant's packed constants and scratch filled in.
template <typename Params, typename Args>
Args WithVariantBuffers(const EvalContext& ctx, const ChosenVariant<Params, Args>& chosen,
                        Args args) {
  args.packed = chosen.packed;
  args.scratch = chosen.scratch_index >= 0 ? ctx.scratch(chosen.scratch_index) : nullptr;
  return args;
}

// The Args of a weighted int8 op's variant call ({input, filter/weights,
// bias, output, packed, scratch}) from its EvalContext and op data (with
// params, packed, scratch_index), writing to `output`.
template <typename Args, typename OpData>
Args WeightedS8Args(const EvalContext& ctx, const OpData& d, int8_t* output) {
  return Args{ctx.input<int8_t>(0),
              ctx.input<int8_t>(1),
              d.params.has_bias ? ctx.input<int32_t>(2) : nullptr,
              output,
              d.packed,
              d.scratch_index >= 0 ? ctx.scratch(d.scratch_index) : nullptr};
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_VARIANT_PREPARE_H_
