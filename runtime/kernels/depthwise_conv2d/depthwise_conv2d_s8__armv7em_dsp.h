// Shared pieces of the int8 DEPTHWISE_CONV_2D variants for the Armv7E-M DSP
// extension (depthwise_conv2d_s8*__armv7em_dsp.cc): per-channel
// requantization folded into one 64-bit multiply-accumulate, the output
// stage, and the 4-channel SIMD multiply-accumulate.
#ifndef MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_S8__ARMV7EM_DSP_H_
#define MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_S8__ARMV7EM_DSP_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/arm_dsp.h"
#include "kernels/common/quantization.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {
namespace dsp_depthwise {

// One output channel's requantization, 16 bytes (the interpreter's packed
// budget). For a right shift e = -shift in [1, 22], a multiplier m >= 0 and
// an output zero point zp with |zp| <= 256, TFLite's
//   RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(acc, m), e) + zp
// (two roundings, ties away from zero) equals
//   (acc * m + k - (acc < 0 ? 2^31 : 0)) >> (31 + e),  k = 2^30 + 2^(30+e) + zp * 2^(31+e),
// exactly: the first rounding is floor((acc*m + 2^30) / 2^31) for either sign,
// the second floor((v + 2^(e-1) - (v < 0)) / 2^e), and nested floors of
// integer divisions by powers of two merge; v < 0 only if acc < 0, and where
// acc < 0 but v = 0 both corrections give 0. Everything stays below 2^63, and
// the result is the high word shifted right by e - 1.
struct FusedRequant {
  uint32_t k_lo;       // k, low word; for e1 == -1 the channel's shift (as int32)
  int32_t k_hi;        // k, high word
  int32_t multiplier;  // m
  int32_t e1;          // e - 1, or -1: this channel needs the reference's arithmetic
};
static_assert(sizeof(FusedRequant) == 16, "16 bytes per channel (RuntimePackedBudget)");

inline FusedRequant MakeFusedRequant(int32_t multiplier, int32_t shift, int32_t output_offset) {
  // A multiplier of 0 (QuantizeMultiplier's for a channel scale below 2^-32:
  // a dead channel of a real model, shift 0) gives 0 for every shift: take
  // e = 1, so the channel stays on the fused path with the others.
  if (multiplier == 0) shift = -1;
  FusedRequant r{static_cast<uint32_t>(shift), 0, multiplier, -1};
  const int32_t e = -shift;
  if (multiplier < 0 || e < 1 || e > 22 || output_offset < -256 || output_offset > 256) return r;
  const int64_t k = (int64_t{1} << 30) + (int64_t{1} << (30 + e)) +
                    static_cast<int64_t>(output_offset) * (int64_t{1} << (31 + e));
  r.k_lo = static_cast<uint32_t>(static_cast<uint64_t>(k));
  r.k_hi = static_cast<int32_t>(static_cast<uint64_t>(k) >> 32);
  r.e1 = e - 1;
  return r;
}

// acc's requantized value plus the output zero point (r.e1 >= 0).
inline int32_t RequantizeFused(int32_t acc, const FusedRequant& r) {
  const uint64_t k = ((static_cast<uint64_t>(static_cast<uint32_t>(r.k_hi)) << 32) | r.k_lo) -
                     (static_cast<uint32_t>(acc) & 0x80000000u);
  const uint64_t v = k + static_cast<uint64_t>(static_cast<int64_t>(acc) * r.multiplier);
  return static_cast<int32_t>(static_cast<uint32_t>(v >> 32)) >> r.e1;
}

// The reference's output stage for any channel (fused or not), from its
// packed multiplier and shift: requantize, + zero point (wrapping), clamp.
inline int8_t RequantizeReference(const DepthwiseParams& p, int32_t acc, const FusedRequant& r) {
  const int32_t shift = r.e1 >= 0 ? -(r.e1 + 1) : static_cast<int32_t>(r.k_lo);
  const int32_t scaled = MultiplyByQuantizedMultiplier(acc, r.multiplier, shift);
  int32_t v =
      static_cast<int32_t>(static_cast<uint32_t>(scaled) + static_cast<uint32_t>(p.output_offset));
  v = v < p.act_min ? p.act_min : v;
  v = v > p.act_max ? p.act_max : v;
  return static_cast<int8_t>(v);
}

// Fills table[output_c] for p; true if every channel takes the fused path.
bool FillFusedRequant(const DepthwiseParams& p, FusedRequant* table);
// True if every channel of the packed table takes the fused path.
bool AllFused(const FusedRequant* table, int32_t n);

// out[i] = clamp(requantized acc[i]) for n channels, all fused; kFullRange:
// [act_min, act_max] is [-128, 127] (one SSAT).
template <bool kFullRange>
inline void RequantizeChannels(const int32_t* acc, const FusedRequant* rq, int32_t n,
                               int32_t act_min, int32_t act_max, int8_t* out) {
  for (int32_t i = 0; i < n; ++i) {
    int32_t v = RequantizeFused(acc[i], rq[i]);
    if (kFullRange) {
      v = dsp::Ssat<8>(v);
    } else {
      v = v < act_min ? act_min : v;
      v = v > act_max ? act_max : v;
    }
    out[i] = static_cast<int8_t>(v);
  }
}

// acc[0..3] += (x[0..3] + offset) * w[0..3] per channel: x one word of 4
// channels, off2 the offset in both halfwords, wa / wb the weights widened
// as {w0, w2} / {w1, w3}.
inline void Mac4Widened(int32_t x, int32_t off2, int32_t wa, int32_t wb, int32_t acc[4]) {
  const int32_t xa = dsp::Sxtab16(off2, x);
  const int32_t xb = dsp::Sxtab16Ror8(off2, x);
  acc[0] = dsp::Smlabb(xa, wa, acc[0]);
  acc[2] = dsp::Smlatt(xa, wa, acc[2]);
  acc[1] = dsp::Smlabb(xb, wb, acc[1]);
  acc[3] = dsp::Smlatt(xb, wb, acc[3]);
}
inline void Mac4(int32_t x, int32_t off2, int32_t w, int32_t acc[4]) {
  Mac4Widened(x, off2, dsp::Sxtb16(w), dsp::Sxtb16Ror8(w), acc);
}

// The zero point -input_offset is an int8 value (so x + offset fits a
// halfword and a padded tap may hold the zero point).
inline bool ZeroPointIsInt8(const DepthwiseParams& p) {
  return p.input_offset >= -127 && p.input_offset <= 128;
}

// Filter taps [begin, end) along one axis whose input coordinate
// origin + dilation * f lies in [0, size).
struct TapRange {
  int32_t begin, end;
};
inline TapRange ValidTaps(int32_t origin, int32_t dilation, int32_t filter, int32_t size) {
  const int64_t o = origin;
  const int64_t begin = o >= 0 ? 0 : (-o + dilation - 1) / dilation;
  int64_t end = o >= size ? 0 : (int64_t{size} - o + dilation - 1) / dilation;
  if (end > filter) end = filter;
  if (end <= begin) return TapRange{0, 0};
  return TapRange{static_cast<int32_t>(begin), static_cast<int32_t>(end)};
}

inline size_t RequantBytes(const DepthwiseParams& p) {
  return sizeof(FusedRequant) * static_cast<size_t>(p.output_c);
}

// ---- 3x3 inner loops (depthwise_conv2d_s8_3x3_groups__armv7em_dsp.cc) -------------

// A group of 4 channels' block: their 4 biases, then per tap (row-major) the
// weights widened as {w0, w2}, {w1, w3}.
constexpr int32_t kBlockWords3x3 = 4 + 2 * 9;

// All groups of one output pixel. row0..row2 point at the first column read
// in the pixel's three input rows (a row outside the input may point at zero
// points: x + offset is then 0).
struct GroupJob {
  const int8_t* row0;
  const int8_t* row1;
  const int8_t* row2;
  int32_t c_n;  // bytes from one column to the next
  const int32_t* block;
  const int32_t* block_end;  // > block
  int32_t off2;              // input offset in both halfwords
  void* out;                 // int8 outputs (requantize) or int32 accumulators
  const FusedRequant* rq;    // requantize: every channel fused, output range [-128, 127]
};
using GroupFn = void (*)(const GroupJob* job);

// Which filter columns a pixel adds: all three, or the last / first two (the
// rows then point at the first of those).
enum class Columns : uint8_t { kAll, kLast2, kFirst2 };
GroupFn Groups3x3(Columns columns, bool requantize);

}  // namespace dsp_depthwise
}  // namespace mote

#endif  // MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_S8__ARMV7EM_DSP_H_
