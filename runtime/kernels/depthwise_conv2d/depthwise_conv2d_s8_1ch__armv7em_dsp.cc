// int8 DEPTHWISE_CONV_2D over one input channel (the depth multiplier is the
// output depth) for the Armv7E-M DSP extension:
//   depthwise_conv2d_s8_1ch_w16__armv7em_dsp  weights pre-widened ahead of time (flash)
//   depthwise_conv2d_s8_1ch__armv7em_dsp      int8 weights in place (the interpreter)
// Audio models often start so: micro_speech filters its one-channel
// spectrogram with a 10x8 depthwise filter into 8 channels. With one input
// channel a filter row's taps are consecutive input bytes, so four taps are
// one word: two SXTAB16 widen it, input offset added, to {x0, x2} / {x1, x3},
// and each output channel takes the four products with two SMLAD against its
// weights as {w0, w2} / {w1, w3}. The w16 variant reads those pairs from its
// packed constants (about 1.2 instructions per MAC); the int8 variant loads
// four channels of a tap as one word and pairs taps with SXTB16 + PKHBT /
// PKHTB (about 2), where the general variant spends 6 on each MAC. Channels go
// 4 at a time; any filter size, stride, dilation_h and padding (negative: a
// band of output rows); dilation_w must be 1 (taps consecutive).
//
// w16: everything Eval reads besides the input is packed, so the AOT compiler
// stores neither the int8 weights nor the per-channel arrays:
//   Header | FusedRequant[G*4] | bias[G*4] | weights
// with G groups of 4 channels, weights per group, filter row, chunk of 4 taps
// and channel: {w0, w2}, {w1, w3} (taps past filter_w and padded channels 0).
// Twice the int8 weights: over the interpreter's packed budget. int8: Header |
// FusedRequant[G*4] only (16 bytes per channel, within the budget); the
// channels must be a multiple of 4 (a tap's four channels are one load).
// A pixel whose window crosses the left or right edge reads its window from
// scratch, copied with zero points outside (which widen to 0, the reference's
// contribution of a padded tap); rows above or below the input are skipped.
#include <cstddef>
#include <cstdint>

#include "kernels/common/gemm_s8__armv7em_dsp.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace {

using dsp_depthwise::FusedRequant;
using dsp_depthwise::TapRange;
using dsp_depthwise::ValidTaps;

struct Header {
  uint32_t all_fused;  // every channel takes FusedRequant
  uint32_t unused[3];
};

int32_t Groups(const DepthwiseParams& p) { return (p.output_c + 3) / 4; }
int32_t Chunks(const DepthwiseParams& p) { return (p.filter_w + 3) / 4; }
// Words of one group's weights: per filter row and chunk, 4 channels x 2.
size_t GroupWords(const DepthwiseParams& p) {
  return static_cast<size_t>(p.filter_h) * Chunks(p) * 8;
}

// The packed constants' parts.
struct Layout {
  const Header* header;
  const FusedRequant* requant;
  const int32_t* bias;
  const int32_t* weights;
};
Layout Parts(const DepthwiseParams& p, const void* packed) {
  const size_t c4 = static_cast<size_t>(Groups(p)) * 4;
  Layout l;
  l.header = static_cast<const Header*>(packed);
  l.requant = reinterpret_cast<const FusedRequant*>(l.header + 1);
  l.bias = reinterpret_cast<const int32_t*>(l.requant + c4);
  l.weights = l.bias + c4;
  return l;
}

bool Supports(const DepthwiseParams& p) {
  return p.input_c == 1 && dsp_depthwise::ZeroPointIsInt8(p) && p.dilation_w == 1 &&
         p.filter_h <= 64 && p.filter_w <= 64;
}

bool SupportsInt8(const DepthwiseParams& p) { return Supports(p) && p.output_c % 4 == 0; }

// An edge pixel's window: filter_h rows of Chunks * 4 bytes.
size_t Scratch(const DepthwiseParams& p) { return static_cast<size_t>(p.filter_h) * Chunks(p) * 4; }

size_t PackedBytes(const DepthwiseParams& p) {
  const size_t c4 = static_cast<size_t>(Groups(p)) * 4;
  return sizeof(Header) + c4 * (sizeof(FusedRequant) + sizeof(int32_t)) +
         static_cast<size_t>(Groups(p)) * GroupWords(p) * sizeof(int32_t);
}

size_t PackedBytesInt8(const DepthwiseParams& p) {
  return sizeof(Header) + static_cast<size_t>(Groups(p)) * 4 * sizeof(FusedRequant);
}

// The header and the requantization table (the start of both layouts).
void PackRequant(const DepthwiseParams& p, void* packed) {
  const int32_t c4 = Groups(p) * 4;
  auto* header = static_cast<Header*>(packed);
  *header = Header{1, {0, 0, 0}};
  auto* requant = reinterpret_cast<FusedRequant*>(header + 1);
  for (int32_t oc = 0; oc < c4; ++oc) {
    const bool real = oc < p.output_c;
    requant[oc] =
        real ? dsp_depthwise::MakeFusedRequant(p.multiplier[oc], p.shift[oc], p.output_offset)
             : FusedRequant{0, 0, 0, 0};
    if (real && requant[oc].e1 < 0) header->all_fused = 0;
  }
}

void PackInt8(const DepthwiseParams& p, const DepthwiseS8Args&, void* packed) {
  PackRequant(p, packed);
}

void Pack(const DepthwiseParams& p, const DepthwiseS8Args& a, void* packed) {
  const int32_t c4 = Groups(p) * 4;
  const int32_t chunks = Chunks(p);
  PackRequant(p, packed);
  auto* requant = reinterpret_cast<FusedRequant*>(static_cast<Header*>(packed) + 1);
  auto* bias = reinterpret_cast<int32_t*>(requant + c4);
  int32_t* w = bias + c4;
  for (int32_t oc = 0; oc < c4; ++oc) {
    bias[oc] = oc < p.output_c && a.bias != nullptr ? a.bias[oc] : 0;
  }
  // Tap t of row fy for channel oc, or 0 past the filter / the channels.
  const auto tap = [&](int32_t fy, int32_t t, int32_t oc) -> int32_t {
    if (t >= p.filter_w || oc >= p.output_c) return 0;
    return a.filter[(static_cast<size_t>(fy) * p.filter_w + t) * p.output_c + oc];
  };
  for (int32_t g = 0; g < c4 / 4; ++g) {
    for (int32_t fy = 0; fy < p.filter_h; ++fy) {
      for (int32_t k = 0; k < chunks; ++k) {
        for (int32_t c = 0; c < 4; ++c, w += 2) {
          const int32_t oc = 4 * g + c;
          w[0] = dsp::Pkhbt(tap(fy, 4 * k, oc), tap(fy, 4 * k + 2, oc));
          w[1] = dsp::Pkhbt(tap(fy, 4 * k + 1, oc), tap(fy, 4 * k + 3, oc));
        }
      }
    }
  }
}

// Four channels' accumulators (scalars, so that they stay in registers).
struct Acc4 {
  int32_t a0, a1, a2, a3;
};

// acc += one chunk of 4 taps `x` (+ offset) times 4 channels' weights w.
inline void MacChunk(int32_t x, int32_t off2, const int32_t* w, Acc4& acc) {
  const int32_t xa = dsp::Sxtab16(off2, x);
  const int32_t xb = dsp::Sxtab16Ror8(off2, x);
  acc.a0 = dsp::Smlad(w[1], xb, dsp::Smlad(w[0], xa, acc.a0));
  acc.a1 = dsp::Smlad(w[3], xb, dsp::Smlad(w[2], xa, acc.a1));
  acc.a2 = dsp::Smlad(w[5], xb, dsp::Smlad(w[4], xa, acc.a2));
  acc.a3 = dsp::Smlad(w[7], xb, dsp::Smlad(w[6], xa, acc.a3));
}

// acc += one filter row: `src` holds its filter_w input bytes, `w` the row's
// weights (`full` whole chunks, then `rem` taps).
// kFull > 0: `full` is kFull and `rem` 0 (the loop unrolls: micro_speech's 8 taps).
template <int kFull>
inline void MacRow(const int8_t* src, int32_t full, int32_t rem, int32_t off2, const int32_t* w,
                   Acc4& acc) {
  if (kFull > 0) {
    for (int k = 0; k < kFull; ++k) MacChunk(dsp::Load32(src + 4 * k), off2, w + 8 * k, acc);
    return;
  }
  for (const int8_t* end = src + 4 * full; src != end; src += 4, w += 8) {
    MacChunk(dsp::Load32(src), off2, w, acc);
  }
  if (rem != 0) MacChunk(dsp_gemm::LoadPartialChunk(src, rem), off2, w, acc);
}

// acc += taps {t, t + 2} (xa = {x_t, x_t+2} + offset) of 4 channels, from
// their int8 weight words wt (channels c..c+3 of tap t) and wt2 (tap t + 2).
inline void MacTapPair(int32_t xa, int32_t wt, int32_t wt2, Acc4& acc) {
  const int32_t even = dsp::Sxtb16(wt), even2 = dsp::Sxtb16(wt2);        // channels 0, 2
  const int32_t odd = dsp::Sxtb16Ror8(wt), odd2 = dsp::Sxtb16Ror8(wt2);  // channels 1, 3
  acc.a0 = dsp::Smlad(dsp::Pkhbt(even, even2), xa, acc.a0);
  acc.a2 = dsp::Smlad(dsp::Pkhtb(even2, even), xa, acc.a2);
  acc.a1 = dsp::Smlad(dsp::Pkhbt(odd, odd2), xa, acc.a1);
  acc.a3 = dsp::Smlad(dsp::Pkhtb(odd2, odd), xa, acc.a3);
}

// acc += one filter row with int8 weights: `w` points at channel c of the
// row's first tap, taps `c_out` bytes apart. `full` whole chunks, then `rem` taps.
template <int kFull>
inline void MacRowInt8(const int8_t* src, int32_t full, int32_t rem, int32_t off2, const int8_t* w,
                       int32_t c_out, Acc4& acc) {
  const size_t stride = static_cast<size_t>(c_out);
  const int32_t chunks = kFull > 0 ? kFull : full;
  for (int32_t k = 0; k < chunks; ++k, src += 4, w += 4 * stride) {
    const int32_t x = dsp::Load32(src);
    MacTapPair(dsp::Sxtab16(off2, x), dsp::Load32(w), dsp::Load32(w + 2 * stride), acc);
    MacTapPair(dsp::Sxtab16Ror8(off2, x), dsp::Load32(w + stride), dsp::Load32(w + 3 * stride),
               acc);
  }
  if (kFull > 0 || rem == 0) return;
  // The last 1-3 taps: missing taps have weight 0.
  const int32_t x = dsp_gemm::LoadPartialChunk(src, rem);
  const int32_t w1 = rem > 1 ? dsp::Load32(w + stride) : 0;
  const int32_t w2 = rem > 2 ? dsp::Load32(w + 2 * stride) : 0;
  MacTapPair(dsp::Sxtab16(off2, x), dsp::Load32(w), w2, acc);
  MacTapPair(dsp::Sxtab16Ror8(off2, x), w1, 0, acc);
}

// kW16: the weights (and bias, shift) come from the w16 packed layout, else
// the op's int8 weights, bias and shift are read in place.
template <bool kW16, bool kFused, bool kFullRange, int kFull>
void Run(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  const Layout l = Parts(p, a.packed);
  const int32_t off2 = dsp::Pkhbt(p.input_offset, p.input_offset);
  const int32_t chunks = Chunks(p);
  const int32_t full = p.filter_w / 4;
  const int32_t rem = p.filter_w % 4;
  const int32_t groups = Groups(p);
  const size_t group_words = GroupWords(p);
  const int32_t c_out = p.output_c;
  const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
  const size_t window_row = static_cast<size_t>(chunks) * 4;
  const size_t row_words = static_cast<size_t>(chunks) * 8;
  const size_t row_weights = static_cast<size_t>(p.filter_w) * c_out;  // int8, per filter row
  const int32_t* bias = kW16 ? l.bias : a.bias;
  auto* window = static_cast<int8_t*>(a.scratch);
  int8_t* out = a.output;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* batch = a.input + static_cast<size_t>(b) * p.input_h * p.input_w;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = ValidTaps(in_y0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox, out += c_out) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        const bool inside = in_x0 >= 0 && in_x0 + p.filter_w <= p.input_w;
        if (!inside) {
          for (int32_t fy = ty.begin; fy < ty.end; ++fy) {
            const int8_t* row = batch + static_cast<size_t>(in_y0 + fy * p.dilation_h) * p.input_w;
            int8_t* dst = window + static_cast<size_t>(fy) * window_row;
            for (int32_t t = 0; t < p.filter_w; ++t) {
              const int32_t x = in_x0 + t;
              dst[t] = x >= 0 && x < p.input_w ? row[x] : zero_point;
            }
          }
        }
        // Row fy of the window is at base + fy * step (fy in [ty.begin, ty.end)).
        const int8_t* const base = inside ? batch + in_x0 : window;
        const size_t step = inside ? static_cast<size_t>(p.dilation_h) * p.input_w : window_row;
        const size_t first = inside
                                 ? static_cast<size_t>(in_y0 + ty.begin * p.dilation_h) * p.input_w
                                 : static_cast<size_t>(ty.begin) * window_row;
        const int32_t rows = ty.end - ty.begin;
        for (int32_t g = 0; g < groups; ++g) {
          const int32_t c = 4 * g;
          Acc4 acc{0, 0, 0, 0};
          if (bias != nullptr) acc = Acc4{bias[c], bias[c + 1], bias[c + 2], bias[c + 3]};
          size_t offset = first;
          if (kW16) {
            const int32_t* w =
                l.weights + g * group_words + static_cast<size_t>(ty.begin) * row_words;
            for (int32_t r = 0; r < rows; ++r, offset += step, w += row_words) {
              MacRow<kFull>(base + offset, full, rem, off2, w, acc);
            }
          } else {
            const int8_t* w = a.filter + static_cast<size_t>(ty.begin) * row_weights + c;
            for (int32_t r = 0; r < rows; ++r, offset += step, w += row_weights) {
              MacRowInt8<kFull>(base + offset, full, rem, off2, w, c_out, acc);
            }
          }
          const int32_t acc_out[4] = {acc.a0, acc.a1, acc.a2, acc.a3};
          const int32_t n = c_out - c < 4 ? c_out - c : 4;
          if (kFused) {
            dsp_depthwise::RequantizeChannels<kFullRange>(acc_out, l.requant + c, n, p.act_min,
                                                          p.act_max, out + c);
          } else {
            for (int32_t i = 0; i < n; ++i) {
              out[c + i] = dsp_depthwise::RequantizeReference(p, acc_out[i], l.requant[c + i]);
            }
          }
        }
      }
    }
  }
}

template <bool kW16>
void Dispatch(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  const bool fused = Parts(p, a.packed).header->all_fused != 0;
  if (fused && p.act_min == -128 && p.act_max == 127) {
    if (p.filter_w == 8) {
      Run<kW16, true, true, 2>(p, a);
    } else if (p.filter_w == 4) {
      Run<kW16, true, true, 1>(p, a);
    } else {
      Run<kW16, true, true, 0>(p, a);
    }
  } else if (fused) {
    Run<kW16, true, false, 0>(p, a);
  } else {
    Run<kW16, false, false, 0>(p, a);
  }
}

}  // namespace

void depthwise_conv2d_s8_1ch_w16__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  Dispatch<true>(p, a);
}

void depthwise_conv2d_s8_1ch__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  Dispatch<false>(p, a);
}

const DepthwiseS8Variant kDepthwiseConv2dS8_1chW16ArmV7emDsp{
    "depthwise_conv2d_s8_1ch_w16__armv7em_dsp",
    KernelArch::kArmV7emDsp,
    &Supports,
    &Scratch,
    &PackedBytes,
    &Pack,
    &depthwise_conv2d_s8_1ch_w16__armv7em_dsp,
    /*reads_only_packed=*/true,
    /*requant_only_packed=*/true};

const DepthwiseS8Variant kDepthwiseConv2dS8_1chArmV7emDsp{"depthwise_conv2d_s8_1ch__armv7em_dsp",
                                                          KernelArch::kArmV7emDsp,
                                                          &SupportsInt8,
                                                          &Scratch,
                                                          &PackedBytesInt8,
                                                          &PackInt8,
                                                          &depthwise_conv2d_s8_1ch__armv7em_dsp,
                                                          /*reads_only_packed=*/false,
                                                          /*requant_only_packed=*/true};

}  // namespace mote
