// Banded in-place execution of windowed ops (CONV_2D, DEPTHWISE_CONV_2D).
//
// When an op's input dies at the op, its output may overlap it. The memory
// planner then places both in one block: the output starts `before` bytes
// before the input (bands run from the first output row to the last) or
// `after` bytes after it (from the last to the first). Eval sees the overlap
// in the pointers and computes the output `band_rows` rows at a time into a
// band buffer with the op's normal kernel — on a params copy with batches = 1,
// output_h = rows in the band and pad_h shifted by -first_row * stride_h, the
// same input_h and the batch's input pointer (kernels bound-check input rows,
// so a negative pad works) — then copies the band to its final place. The
// shifts are the smallest for which committing a band never overwrites input
// rows that a later band still reads. When the output rows are as wide as
// the input rows, a band can go straight to its place instead ("direct": the
// shift then also spares the band's own input, which costs as many bytes as
// the band buffer would, and saves the copy).
//
//   Prepare: PrepareInPlaceBands (kernels/common/banded_prepare.h) computes
//            the shifts, requests the band buffer, declares the option.
//   Eval:    if (BandsNeeded(...)) RunInBands(...) else the direct call.
#ifndef MOTE_KERNELS_COMMON_BANDED_H_
#define MOTE_KERNELS_COMMON_BANDED_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "mote/kernel.h"

namespace mote {

// The row structure of a windowed op, in bytes per row of one batch.
struct BandGeometry {
  int32_t batches = 1;
  int32_t input_h = 1, output_h = 1;
  uint32_t input_row_bytes = 0, output_row_bytes = 0;  // width * channels * element size
  int32_t stride_h = 1, pad_h = 0, filter_h = 1, dilation_h = 1;
};

// Geometry of a ConvParams / DepthwiseParams (same field names).
template <typename Params>
BandGeometry BandGeometryOf(const Params& p, size_t element_bytes) {
  BandGeometry g;
  g.batches = p.batches;
  g.input_h = p.input_h;
  g.output_h = p.output_h;
  g.input_row_bytes =
      static_cast<uint32_t>(static_cast<size_t>(p.input_w) * p.input_c * element_bytes);
  g.output_row_bytes =
      static_cast<uint32_t>(static_cast<size_t>(p.output_w) * p.output_c * element_bytes);
  g.stride_h = p.stride_h;
  g.pad_h = p.pad_h;
  g.filter_h = p.filter_h;
  g.dilation_h = p.dilation_h;
  return g;
}

// Rows per band: at least kMinBandBytes of output, so that short rows do not
// cost a kernel call each (each call repeats the kernel's set-up; measured on
// KWS, Cortex-M4, interpreter: 1-row bands of 320 bytes +5.2 % instructions,
// 2-row bands +3.1 % for 320 bytes more arena, 4-row bands +2.1 % for 960).
constexpr uint32_t kMinBandBytes = 512;
inline int32_t ChooseBandRows(const BandGeometry& g) {
  if (g.output_row_bytes == 0) return g.output_h;
  int64_t rows = (int64_t{kMinBandBytes} + g.output_row_bytes - 1) / g.output_row_bytes;
  if (rows < 1) rows = 1;
  return static_cast<int32_t>(rows > g.output_h ? g.output_h : rows);
}

namespace banded_internal {

// Input rows of one batch that output rows [r0, r1) may read: a conservative
// [first, end) range (clamped to the image).
inline int64_t FirstInputRow(const BandGeometry& g, int64_t r0) {
  const int64_t y = r0 * g.stride_h - g.pad_h;
  return y < 0 ? 0 : (y > g.input_h ? g.input_h : y);
}
inline int64_t EndInputRow(const BandGeometry& g, int64_t r1) {
  const int64_t y = (r1 - 1) * g.stride_h - g.pad_h + int64_t{g.filter_h - 1} * g.dilation_h + 1;
  return y < 0 ? 0 : (y > g.input_h ? g.input_h : y);
}

}  // namespace banded_internal

// Smallest distance (bytes, unaligned; <= 0 means none) by which the output
// must start before the input when bands run first to last, or after it
// when they run last to first. Through a band buffer, a band is committed
// after it was computed, so it must spare the input of the bands after it;
// `direct` (no band buffer), the kernel writes the band in place while it
// reads the band's own input, so it must spare that too.
inline int64_t RequiredShiftBefore(const BandGeometry& g, int32_t band_rows, bool direct) {
  using namespace banded_internal;
  const int64_t in_row = g.input_row_bytes, out_row = g.output_row_bytes;
  int64_t need = 0;
  for (int64_t b = 0; b < g.batches; ++b) {
    for (int64_t r0 = 0; r0 < g.output_h; r0 += band_rows) {
      const int64_t r1 = r0 + band_rows < g.output_h ? r0 + band_rows : g.output_h;
      // The first band whose input must survive this band's commit.
      int64_t next_b = b, next_r0 = r1;
      if (direct) {
        next_r0 = r0;
      } else if (r1 >= g.output_h) {
        if (b + 1 >= g.batches) break;
        next_b = b + 1;
        next_r0 = 0;
      }
      const int64_t committed_end = (b * g.output_h + r1) * out_row;
      const int64_t still_read = (next_b * g.input_h + FirstInputRow(g, next_r0)) * in_row;
      if (committed_end - still_read > need) need = committed_end - still_read;
    }
  }
  return need;
}

inline int64_t RequiredShiftAfter(const BandGeometry& g, int32_t band_rows, bool direct) {
  using namespace banded_internal;
  const int64_t in_row = g.input_row_bytes, out_row = g.output_row_bytes;
  int64_t need = 0;
  int64_t prev_end = -1;  // end of the input the previous band (first-to-last order) reads
  for (int64_t b = 0; b < g.batches; ++b) {
    for (int64_t r0 = 0; r0 < g.output_h; r0 += band_rows) {
      const int64_t r1 = r0 + band_rows < g.output_h ? r0 + band_rows : g.output_h;
      const int64_t end = (b * g.input_h + EndInputRow(g, r1)) * in_row;
      // Run last to first: when this band is committed, the bands before it
      // (and, direct, this band itself) still read the input up to here.
      const int64_t still_read = direct ? end : prev_end;
      if (still_read >= 0) {
        const int64_t committed_start = (b * g.output_h + r0) * out_row;
        if (still_read - committed_start > need) need = still_read - committed_start;
      }
      prev_end = end;
    }
  }
  return need;
}

// The shifts to declare (multiples of `alignment`), or kNoInPlaceShift when
// a direction would not overlap the buffers at all (nothing to gain).
inline BandedInPlace InPlaceShifts(const BandGeometry& g, int32_t band_rows, size_t alignment,
                                   bool direct) {
  const int64_t in_bytes = int64_t{g.batches} * g.input_h * g.input_row_bytes;
  const int64_t out_bytes = int64_t{g.batches} * g.output_h * g.output_row_bytes;
  const int64_t align = static_cast<int64_t>(alignment);
  auto aligned = [&](int64_t v) { return (v + align - 1) / align * align; };
  BandedInPlace s;
  const int64_t before = aligned(RequiredShiftBefore(g, band_rows, direct));
  const int64_t after = aligned(RequiredShiftAfter(g, band_rows, direct));
  if (before < out_bytes && before < 0x7fffffff) s.before = static_cast<uint32_t>(before);
  if (after < in_bytes && after < 0x7fffffff) s.after = static_cast<uint32_t>(after);
  return s;
}

// True when `output` overlaps `input`: the planner placed them in one block,
// so Eval must run in bands.
inline bool BandsNeeded(const void* input, size_t input_bytes, const void* output,
                        size_t output_bytes) {
  const uintptr_t in = reinterpret_cast<uintptr_t>(input);
  const uintptr_t out = reinterpret_cast<uintptr_t>(output);
  return in < out + output_bytes && out < in + input_bytes;
}

// Runs `compute(batch, first_row, rows, out)` for every band of output rows
// (it must write those rows of that batch to `out`): into `band` and then
// copied to its place in `output`, or, when `band` is null (direct), straight
// to its place. The direction follows from the pointers: output before input
// (or at it, when that is a valid forward placement) runs first to last,
// otherwise last to first.
template <typename Compute>
void RunInBands(const BandGeometry& g, int32_t band_rows, const void* input, void* output,
                void* band, Compute compute) {
  const bool direct = band == nullptr;
  const uintptr_t in = reinterpret_cast<uintptr_t>(input);
  const uintptr_t out = reinterpret_cast<uintptr_t>(output);
  const bool forward = out < in || (out == in && RequiredShiftBefore(g, band_rows, direct) <= 0);
  uint8_t* const out_bytes = static_cast<uint8_t*>(output);
  uint8_t* const band_bytes = static_cast<uint8_t*>(band);
  const size_t row = g.output_row_bytes;
  const int32_t bands_per_batch = (g.output_h + band_rows - 1) / band_rows;
  for (int32_t n = 0; n < g.batches; ++n) {
    const int32_t b = forward ? n : g.batches - 1 - n;
    for (int32_t j = 0; j < bands_per_batch; ++j) {
      const int32_t r0 = (forward ? j : bands_per_batch - 1 - j) * band_rows;
      const int32_t rows = r0 + band_rows <= g.output_h ? band_rows : g.output_h - r0;
      uint8_t* const place = out_bytes + (static_cast<size_t>(b) * g.output_h + r0) * row;
      if (direct) {
        compute(b, r0, rows, place);
      } else {
        compute(b, r0, rows, band_bytes);
        std::memcpy(place, band_bytes, static_cast<size_t>(rows) * row);
      }
    }
  }
}

// The params of one band: batch-local, `rows` output rows from `first_row`.
template <typename Params>
Params BandParams(const Params& p, int32_t first_row, int32_t rows) {
  Params band = p;
  band.batches = 1;
  band.output_h = rows;
  band.pad_h = p.pad_h - first_row * p.stride_h;
  return band;
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_BANDED_H_
