// Building blocks of the int8 CONV_2D and FULLY_CONNECTED variants for the
// Armv7E-M DSP extension (conv2d_s8*__armv7em_dsp, fully_connected_s8*__armv7em_dsp):
// both ops are a matrix product out[m][n] = requantize(bias[n] + sum_k x[m][k] * w[n][k]).
//
// Activations ("X") are widened once to int16 with the input offset added
// (SXTAB16), so padded taps are plain zeros and the zero point needs no
// correction term. They are stored in the order SXTB16 extracts int8 weights:
// chunk j (k = 4j..4j+3) of row r of an R-row block is two words,
//   word (2j) * R + r     = {x[4j]   , x[4j+2]}
//   word (2j + 1) * R + r = {x[4j+1] , x[4j+3]}
// so one LDM loads the same word of all R rows, and a weight word w[4j..4j+3]
// becomes the matching pair of operands with SXTB16 and SXTB16 ROR #8. A row
// shorter than a whole chunk is padded with zeros.
//
// The microkernels (DotX5W8, ColumnsX5W8/W16, DotX1W8x4, DotX1W16Rows4,
// DotX1W16x4) are hand-scheduled assembly on a DSP core
// (gemm_s8_asm__armv7em_dsp.cc) and the same arithmetic in C++ over the dsp::
// emulation elsewhere; both accumulate with int32 wrap-around, like the
// reference kernels.
#ifndef MOTE_KERNELS_COMMON_GEMM_S8__ARMV7EM_DSP_H_
#define MOTE_KERNELS_COMMON_GEMM_S8__ARMV7EM_DSP_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/arm_dsp.h"
#include "kernels/common/quantization.h"

namespace mote {
namespace dsp_gemm {

// ---- Requantization --------------------------------------------------------------

// One output channel's bias and multiplier, precomputed by the variants'
// pack(). The layout is read by the assembly column loop (ColumnsX5W8).
struct RequantChannel {
  int32_t bias;        // +0: the op's bias (0 without one)
  int32_t multiplier;  // +4: Q31
  uint8_t right;       // +8: max(-shift, 0)
  uint8_t left;        // +9: max(shift, 0)
  uint8_t fast;        // +10: 1: RequantizeFast is exact for every reachable accumulator
  uint8_t unused;      // +11
  int32_t half;        // +12: 1 << (right - 1) when fast
};
static_assert(sizeof(RequantChannel) == 16, "16 bytes per channel (RuntimePackedBudget)");

// The rounding doubling high multiply of the reference,
// SaturatingRoundingDoublingHighMul(acc, m) = (acc * m + 2^30) >> 31 (m >= 0
// never saturates), for a normalized Q31 multiplier m in [2^30, 2^31), exact
// for every int32 acc in one SMMLAR: 2m does not fit an int32, but
// acc * 2m = acc * (2m - 2^32) + acc * 2^32, so
//   (acc * 2m + 2^31) >> 32 = SMMLAR(acc, 2m - 2^32, acc).
// (2m - 2^32 is m << 1 wrapped.)
inline int32_t HighMulFast(int32_t acc, int32_t multiplier) {
  return dsp::Smmlar(acc, static_cast<int32_t>(static_cast<uint32_t>(multiplier) << 1), acc);
}

// `max_abs_sum` bounds |sum of products| over every possible input (e.g.
// depth * 128 * 255). The fast path (RequantizeFast) needs no left shift, a
// normalized multiplier (HighMulFast), right >= 1 (so the rounding divide is
// one add and a shift, see below) and room for that add: |v| + half < 2^31
// for v = HighMulFast(acc) over every reachable accumulator. Real models'
// channels take it whatever their bias: a converter gives a channel whose
// weights are all (nearly) zero a tiny weight scale, so a bias near +-2^30 and
// a multiplier far below 2^-31, which QuantizeMultiplier makes 0 (every
// output is the zero point): 0 is taken as 2^30 with right = 31, whose result
// is 0 for every |acc| < 2^31 - 2.
inline RequantChannel MakeRequantChannel(int32_t bias, int32_t multiplier, int32_t shift,
                                         int64_t max_abs_sum) {
  RequantChannel c{};
  c.bias = bias;
  c.multiplier = multiplier;
  c.left = static_cast<uint8_t>(shift > 0 ? shift : 0);
  c.right = static_cast<uint8_t>(shift > 0 ? 0 : -shift);
  const int64_t bound = max_abs_sum + (bias < 0 ? -int64_t{bias} : int64_t{bias});
  constexpr int64_t kTwo31 = int64_t{1} << 31;
  if (multiplier == 0) {
    if (bound < kTwo31 - 2) {  // |acc| < 2^31 - 2: |v| < 2^30
      c.multiplier = 1 << 30;
      c.right = 31;
      c.left = 0;
      c.fast = 1;
    }
  } else if (c.left == 0 && c.right >= 1 && c.right <= 31 && multiplier >= (1 << 30)) {
    // |v| <= |acc| * m / 2^31 + 1, and |acc| <= 2^31 if the sum can wrap.
    const int64_t max_acc = bound < kTwo31 ? bound : kTwo31;
    const int64_t max_v = ((max_acc * multiplier) >> 31) + 1;
    c.fast = max_v + (int64_t{1} << (c.right - 1)) < kTwo31 ? 1 : 0;
  }
  c.half = c.fast ? static_cast<int32_t>(1u << (c.right - 1)) : 0;
  return c;
}

// MultiplyByQuantizedMultiplier(acc, multiplier, -right), given c.fast:
// v = HighMulFast(acc, m), TFLite's rounding doubling high multiply; then the
// rounding divide by 2^right, ties away from zero, is
// (v + half - (v < 0)) >> right, which cannot overflow (c.fast).
inline int32_t RequantizeFast(int32_t acc, const RequantChannel& c) {
  const int32_t v = HighMulFast(acc, c.multiplier);
  return (v + c.half + (v >> 31)) >> c.right;
}

// Any accumulator (the reference's arithmetic).
inline int32_t Requantize(int32_t acc, const RequantChannel& c) {
  if (c.fast) return RequantizeFast(acc, c);
  return MultiplyByQuantizedMultiplier(acc, c.multiplier,
                                       c.left > 0 ? int32_t{c.left} : -int32_t{c.right});
}

// Output stage of the int8 reference kernels: + zero point (wrapping), clamp, narrow.
struct OutputStage {
  int32_t offset;
  int32_t act_min, act_max;
  bool full_range;  // [act_min, act_max] == [-128, 127]: one SSAT
};
inline OutputStage MakeOutputStage(int32_t offset, int32_t act_min, int32_t act_max) {
  return OutputStage{offset, act_min, act_max, act_min == -128 && act_max == 127};
}
template <bool kFullRange>
inline int8_t FinishAs(int32_t scaled, const OutputStage& o) {
  int32_t v = static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(o.offset));
  if (kFullRange) return static_cast<int8_t>(dsp::Ssat<8>(v));
  v = v < o.act_min ? o.act_min : v;
  v = v > o.act_max ? o.act_max : v;
  return static_cast<int8_t>(v);
}

// The output of one accumulator of channel c.
template <bool kFullRange>
inline int8_t RequantOutput(int32_t acc, const RequantChannel& c, const OutputStage& o) {
  if (c.fast) return FinishAs<kFullRange>(RequantizeFast(acc, c), o);
  return FinishAs<kFullRange>(
      MultiplyByQuantizedMultiplier(acc, c.multiplier,
                                    c.left > 0 ? int32_t{c.left} : -int32_t{c.right}),
      o);
}

// out[i * stride] = the output of acc[i], i < count, all of channel c. Every
// field is copied to a local first: the int8 stores may alias anything.
template <bool kFullRange>
inline void StoreChannel(const int32_t* acc, int32_t count, const RequantChannel& channel,
                         const OutputStage& stage, int8_t* out, int32_t stride) {
  const RequantChannel c = channel;
  const OutputStage o = stage;
  if (c.fast) {
    const int32_t multiplier = c.multiplier;
    const int32_t half = c.half;
    const int32_t right = c.right;
    for (int32_t i = 0; i < count; ++i) {
      const int32_t v = HighMulFast(acc[i], multiplier);
      out[i * stride] = FinishAs<kFullRange>((v + half + (v >> 31)) >> right, o);
    }
    return;
  }
  for (int32_t i = 0; i < count; ++i) {
    out[i * stride] = FinishAs<kFullRange>(Requantize(acc[i], c), o);
  }
}

// ---- Activation blocks -------------------------------------------------------------

// Words of one row of an X block with `depth` values: 2 per chunk of 4.
inline int32_t XRowWords(int32_t depth) { return 2 * ((depth + 3) / 4); }

// Writes `n` int8 values (+ offset) into row `r` of an R-row X block, starting
// at chunk `chunk`. If n % 4 != 0 the last chunk is completed with zeros (so
// only the row's last segment may be partial).
void FillX(const int8_t* src, int32_t n, int32_t offset, int32_t* block, int32_t rows, int32_t r,
           int32_t chunk);
// The whole chunks of FillX, inline (for short segments): `chunks` chunks of
// src, `dst` = the row's first word of the first chunk, off2 = Pkhbt(offset, offset).
inline void FillXChunks(const int8_t* src, int32_t chunks, int32_t off2, int32_t* dst,
                        int32_t rows) {
  for (; chunks > 0; --chunks, src += 4, dst += 2 * rows) {
    const int32_t v = dsp::Load32(src);
    dst[0] = dsp::Sxtab16(off2, v);
    dst[rows] = dsp::Sxtab16Ror8(off2, v);
  }
}
inline void ZeroXChunks(int32_t chunks, int32_t* dst, int32_t rows) {
  for (; chunks > 0; --chunks, dst += 2 * rows) {
    dst[0] = 0;
    dst[rows] = 0;
  }
}

// Zeros `n` values (ceil(n / 4) chunks) of row `r`, starting at chunk `chunk`.
void ZeroX(int32_t n, int32_t* block, int32_t rows, int32_t r, int32_t chunk);
// Sum of the `n` values (+ offset) FillX writes (wrapping).
int32_t SumWithOffset(const int8_t* src, int32_t n, int32_t offset);

// ---- Microkernels ---------------------------------------------------------------

// 5 rows x 1 column, int8 weights: acc[r] += sum over `chunks` chunks of
// x[r][k] * w[k] (20 MACs per 16 instructions). Reads 4 * chunks bytes of `w`
// (any alignment) and 10 * chunks words of `x` (4-byte aligned).
void DotX5W8(const int32_t* x, const int8_t* w, int32_t chunks, int32_t acc[5]);

// The column loop of a 5-row block: for each column, the products over
// `chunks` chunks from the bias, RequantizeFast and the output stage of a full
// [-128, 127] activation range, 5 outputs `stride` bytes apart. Every channel
// must be `fast`. Weight rows are `w_stride` bytes apart; int8 rows are read
// in whole words, so a row whose depth is not a multiple of 4 reads up to 3
// bytes past its end (the next row's, times the block's zero padding): the
// caller keeps those reads inside the weights.
struct ColumnsX5 {
  const int32_t* x;             // +0: the 5-row block
  int32_t chunks;               // +4: ceil(depth / 4)
  const RequantChannel* table;  // +8: the first column's channel
  int8_t* out;                  // +12: the first column's output in row 0
  int32_t stride;               // +16: bytes from one row's outputs to the next
  int32_t columns;              // +20: columns (> 0)
  int32_t out_offset;           // +24: the output zero point
  const int8_t* w;              // +28: the first column's weights
  int32_t w_stride;             // +32: bytes from one column's weights to the next
};
void ColumnsX5W8(const ColumnsX5* s);
// The same with int16 weights laid out like a 1-row X block (8 bytes per
// chunk; any depth: the last chunk is zero-padded).
void ColumnsX5W16(const ColumnsX5* s);

// 5 rows x 1 column, int16 weights laid out like a 1-row X block (2 words per
// chunk): acc[r] += sum over `chunks` chunks (plain C++, for the cases
// ColumnsX5W16 does not take).
inline void DotX5W16(const int32_t* x, const int32_t* w, int32_t chunks, int32_t acc[5]) {
  for (int32_t j = 0; j < 2 * chunks; ++j, x += 5) {
    const int32_t wv = w[j];
    for (int r = 0; r < 5; ++r) acc[r] = dsp::Smlad(wv, x[r], acc[r]);
  }
}

// 1 row x 4 columns, int8 weights in rows `w_stride` bytes apart:
// acc[c] += sum_k x[k] * w[c * w_stride + k] over `chunks` chunks.
void DotX1W8x4(const int32_t* x, const int8_t* w, int32_t w_stride, int32_t chunks, int32_t acc[4]);
// 1 row x 3 columns from int8 activations read in place: acc[c] += sum over
// `chunks` chunks of 4 of (x[k] + offset) * w[c * w_stride + k], off2 =
// Pkhbt(offset, offset) (each chunk of x widened in registers; no X block).
void DotX1RawW8x3(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t chunks,
                  int32_t acc[3], int32_t off2);
// 1 row x 4 columns, int16 weight rows (1-row X block layout) `w_stride`
// bytes apart: acc[c] += sum over `chunks` chunks.
void DotX1W16Rows4(const int32_t* x, const int32_t* w, int32_t w_stride, int32_t chunks,
                   int32_t acc[4]);
// 1 row x 4 columns, int16 weights packed like an X block of 4 rows (word s of
// column c at w[4 * s + c]): acc[c] += sum over `words` words.
void DotX1W16x4(const int32_t* x, const int32_t* w, int32_t words, int32_t acc[4]);

// The last, partial chunk (1..3 values) of a weight row, zero-extended: reads
// only the `n` bytes that exist.
inline int32_t LoadPartialChunk(const int8_t* w, int32_t n) {
  uint32_t v = static_cast<uint8_t>(w[0]);
  if (n > 1) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[1])) << 8;
  if (n > 2) v |= static_cast<uint32_t>(static_cast<uint8_t>(w[2])) << 16;
  return static_cast<int32_t>(v);
}

// acc[i] += the last, partial chunk (`rem` values) of 4 int8 weight rows
// `stride` bytes apart, against a 1-row X block's chunk `x`.
inline void TailX1W8x4(const int32_t* x, const int8_t* w, int32_t stride, int32_t rem,
                       int32_t acc[4]) {
  for (int32_t i = 0; i < 4; ++i) {
    const int32_t w4 = LoadPartialChunk(w + i * stride, rem);
    acc[i] = dsp::Smlad(dsp::Sxtb16Ror8(w4), x[1], dsp::Smlad(dsp::Sxtb16(w4), x[0], acc[i]));
  }
}

// One output row: out[n] for n < n_out from a 1-row X block `x` of `depth`
// values and weight rows [n_out][depth], int8 or (kW16) widened to
// XRowWords(depth) words. `requant` gives channel n's accumulator start
// (requant.Bias(n)) and output (requant.Out(acc, n)). 4 channels at a time
// (DotX1W8x4 / DotX1W16Rows4); the last group overlaps the previous one (its
// overlapping outputs are recomputed identically); under 4, one at a time.
template <bool kW16, typename Requant>
void GemmRow(const int32_t* x, const int8_t* w, int32_t depth, int32_t n_out,
             const Requant& requant, int8_t* out) {
  const int32_t full = depth >> 2;
  const int32_t rem = depth & 3;
  const int32_t row_bytes = kW16 ? 4 * XRowWords(depth) : depth;
  const int32_t width = n_out >= 4 ? 4 : 1;
  const int32_t stride = n_out >= 4 ? row_bytes : 0;
  for (int32_t next = 0; next < n_out;) {
    const int32_t n0 = n_out >= 4 && next > n_out - 4 ? n_out - 4 : next;
    next = n0 + width;
    const int8_t* wn = w + static_cast<size_t>(n0) * row_bytes;
    int32_t acc[4];
    for (int32_t i = 0; i < 4; ++i) acc[i] = requant.Bias(n0 + (i < width ? i : 0));
    if (kW16) {
      DotX1W16Rows4(x, reinterpret_cast<const int32_t*>(wn), stride, (depth + 3) >> 2, acc);
    } else {
      DotX1W8x4(x, wn, stride, full, acc);
      if (rem != 0) TailX1W8x4(x + 2 * full, wn + 4 * full, stride, rem, acc);
    }
    if (width == 4) {
      const int8_t o0 = requant.Out(acc[0], n0);
      const int8_t o1 = requant.Out(acc[1], n0 + 1);
      const int8_t o2 = requant.Out(acc[2], n0 + 2);
      const int8_t o3 = requant.Out(acc[3], n0 + 3);
      out[n0] = o0;
      out[n0 + 1] = o1;
      out[n0 + 2] = o2;
      out[n0 + 3] = o3;
    } else {
      out[n0] = requant.Out(acc[0], n0);
    }
  }
}

// GemmRow's requantization from a RequantChannel table.
template <bool kFullRange>
struct TableRequant {
  const RequantChannel* table;
  OutputStage stage;
  int32_t Bias(int32_t n) const { return table[n].bias; }
  int8_t Out(int32_t acc, int32_t n) const {
    return RequantOutput<kFullRange>(acc, table[n], stage);
  }
};

// GemmRow over a RequantChannel table, int8 and widened weights.
void GemmRowW8(const int32_t* x, const int8_t* w, int32_t depth, int32_t n_out,
               const RequantChannel* table, const OutputStage& stage, int8_t* out);
void GemmRowW16(const int32_t* x, const int32_t* w, int32_t depth, int32_t n_out,
                const RequantChannel* table, const OutputStage& stage, int8_t* out);

}  // namespace dsp_gemm
}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_GEMM_S8__ARMV7EM_DSP_H_
