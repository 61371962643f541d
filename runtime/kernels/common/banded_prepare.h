// Prepare side of banded in-place execution (kernels/common/banded.h): checks
// that the op's kernel computes every band's params, computes the shifts,
// requests the band buffer and declares the option to the memory planner.
#ifndef MOTE_KERNELS_COMMON_BANDED_PREPARE_H_
#define MOTE_KERNELS_COMMON_BANDED_PREPARE_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/banded.h"
#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/status.h"

namespace mote {

// What Eval needs to run an op in bands; lives in the op's op data.
struct InPlaceBands {
  int32_t rows = 0;            // output rows per band; 0: the op never runs in bands
  int32_t scratch_index = -1;  // the band buffer (EvalContext::scratch); -1: direct
};

// Bytes the op's input and output need together in place (the cheaper
// direction) plus `band` bytes of band buffer; INT64_MAX if neither works.
inline int64_t InPlaceCost(const BandGeometry& g, const BandedInPlace& s, int64_t band) {
  const int64_t in = int64_t{g.batches} * g.input_h * g.input_row_bytes;
  const int64_t out = int64_t{g.batches} * g.output_h * g.output_row_bytes;
  int64_t best = INT64_MAX;
  if (s.before != kNoInPlaceShift) {
    const int64_t block = s.before + in > out ? s.before + in : out;
    if (block < best) best = block;
  }
  if (s.after != kNoInPlaceShift) {
    const int64_t block = s.after + out > in ? s.after + out : in;
    if (block < best) best = block;
  }
  return best == INT64_MAX ? best : best + band;
}

// True if `variant` (nullptr: the reference kernels, which take any band)
// computes every band of `rows` output rows of `p` with the scratch and
// packed constants it has for the whole op.
template <typename Params, typename Args>
bool VariantTakesBands(const KernelVariant<Params, Args>* variant, const Params& p, int32_t rows) {
  if (variant == nullptr) return true;
  const size_t scratch = variant->scratch_bytes != nullptr ? variant->scratch_bytes(p) : 0;
  const size_t packed = variant->packed_bytes != nullptr ? variant->packed_bytes(p) : 0;
  for (int32_t r0 = 0; r0 < p.output_h; r0 += rows) {
    const Params band = BandParams(p, r0, r0 + rows <= p.output_h ? rows : p.output_h - r0);
    if (variant->supports != nullptr && !variant->supports(band)) return false;
    if (variant->scratch_bytes != nullptr && variant->scratch_bytes(band) > scratch) return false;
    if ((variant->packed_bytes != nullptr ? variant->packed_bytes(band) : 0) != packed) {
      return false;
    }
  }
  return true;
}

// Declares that an int8 CONV_2D / DEPTHWISE_CONV_2D of one batch can compute
// its output band by band for a consumer (streaming, mote/kernel.h
// StreamFns), when its kernel variant takes the bands.
template <typename Params, typename Args>
void PrepareBandedOutput(PrepareContext& ctx, const Params& p,
                         const KernelVariant<Params, Args>* variant) {
  if (p.batches != 1) return;
  const int32_t rows = ChooseBandRows(BandGeometryOf(p, 1));
  if (rows <= 0 || !VariantTakesBands(variant, p, rows)) return;
  ctx.AllowBandedOutput(rows);
}

// Declares banded in place for a CONV_2D / DEPTHWISE_CONV_2D with params `p`
// (elements of `element_bytes`). `variant`: the int8 kernel variant Prepare
// chose, or nullptr for the reference kernels (which take any band). The
// option is not declared when the variant rejects a band's params (or would
// need more scratch or other packed constants for it), when input 0 is
// constant or state, or when no shift would make the buffers overlap.
template <typename Params, typename Args>
Status PrepareInPlaceBands(PrepareContext& ctx, const Params& p, size_t element_bytes,
                           const KernelVariant<Params, Args>* variant, InPlaceBands* out) {
  *out = InPlaceBands{};
  if (!ctx.has_input(0)) return Status::Ok();
  const TensorView input = ctx.input(0);
  if (input.is_constant() || input.is_variable()) return Status::Ok();
  const BandGeometry g = BandGeometryOf(p, element_bytes);
  const int32_t rows = ChooseBandRows(g);
  if (rows <= 0) return Status::Ok();
  if (!VariantTakesBands(variant, p, rows)) return Status::Ok();
  // Through a band buffer, or straight to the output when that needs no
  // larger block (the block lives as long as the tensors, the band buffer
  // only during the op) and every band starts 16-byte aligned, as kernels'
  // outputs do. Narrowing 1x1 convs, for instance, need neither shift nor buffer.
  const int64_t band_bytes = int64_t{rows} * g.output_row_bytes;
  const BandedInPlace buffered = InPlaceShifts(g, rows, kInPlaceShiftAlignment, false);
  const BandedInPlace direct = InPlaceShifts(g, rows, kInPlaceShiftAlignment, true);
  const bool use_direct = g.output_row_bytes % kInPlaceShiftAlignment == 0 && direct.declared() &&
                          InPlaceCost(g, direct, 0) <= InPlaceCost(g, buffered, 0);
  const BandedInPlace shifts = use_direct ? direct : buffered;
  if (!shifts.declared()) return Status::Ok();
  int index = -1;
  if (!use_direct) {
    MOTE_ASSIGN_OR_RETURN(index, ctx.RequestScratch(static_cast<size_t>(band_bytes)));
  }
  ctx.AllowInPlaceBanded(shifts.before, shifts.after, index);
  out->rows = rows;
  out->scratch_index = index;
  return Status::Ok();
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_BANDED_PREPARE_H_
