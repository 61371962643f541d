// depthwise_conv2d_s8__armv7em_dsp: int8 DEPTHWISE_CONV_2D for the Armv7E-M
// DSP extension, any filter, depth multiplier, stride, dilation and padding
// (the 3x3 variants are in depthwise_conv2d_s8_3x3__armv7em_dsp.cc).
//
// With depth multiplier 1, four channels at a time: one word of input (4
// channels of one tap) becomes {x0, x2} and {x1, x3} + input offset with
// SXTAB16, one word of weights {w0, w2} / {w1, w3} with SXTB16, and SMLABB /
// SMLATT add each product to its channel's accumulator (wrapping, like the
// reference). With a depth multiplier that is a multiple of 4, four output
// channels at a time share one input channel: its byte is broadcast to all
// four lanes (one SXTAB16 serves both halves). Taps outside the input are
// skipped: each output pixel lists its in-image taps' offsets once, and every
// group of channels walks that list (a tall H x 1 filter costs no per-row
// set-up per group). Other channels, and other multipliers, one at a time. Packed
// constants: one FusedRequant per channel.
#include "kernels/depthwise_conv2d/depthwise_conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace dsp_depthwise {

bool FillFusedRequant(const DepthwiseParams& p, FusedRequant* table) {
  bool all = true;
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    table[oc] = MakeFusedRequant(p.multiplier[oc], p.shift[oc], p.output_offset);
    all = all && table[oc].e1 >= 0;
  }
  return all;
}

bool AllFused(const FusedRequant* table, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    if (table[i].e1 < 0) return false;
  }
  return true;
}

}  // namespace dsp_depthwise

namespace {

using dsp_depthwise::FusedRequant;
using dsp_depthwise::TapRange;
using dsp_depthwise::ValidTaps;

size_t PackedBytes(const DepthwiseParams& p) { return dsp_depthwise::RequantBytes(p); }

void Pack(const DepthwiseParams& p, const DepthwiseS8Args&, void* packed) {
  dsp_depthwise::FillFusedRequant(p, static_cast<FusedRequant*>(packed));
}

// Requantizes the accumulators of channels [0, n) of one pixel.
template <bool kFused, bool kFullRange>
void Finish(const DepthwiseParams& p, const int32_t* acc, const FusedRequant* rq, int32_t oc0,
            int32_t n, int8_t* out) {
  if (kFused) {
    dsp_depthwise::RequantizeChannels<kFullRange>(acc, rq + oc0, n, p.act_min, p.act_max, out);
  } else {
    for (int32_t i = 0; i < n; ++i) {
      out[i] = dsp_depthwise::RequantizeReference(p, acc[i], rq[oc0 + i]);
    }
  }
}

// Input operand of 4 output channels from the tap at `in`: 4 input channels
// (depth multiplier 1), or one input channel's byte in all 4 lanes.
template <bool kBroadcast>
int32_t LoadTap(const int8_t* in) {
  if (kBroadcast) return static_cast<int32_t>(static_cast<uint8_t>(*in) * 0x01010101u);
  return dsp::Load32(in);
}

// One listed tap: its input and weight offsets from the pixel's / channel
// group's base.
struct Tap {
  ptrdiff_t in, w;
};

// acc[0..3] += the n taps' products for 4 output channels: tap t reads its
// input at in + taps[t].in and its weights at w + taps[t].w. The accumulators
// stay in registers across the taps.
template <bool kBroadcast>
inline void MacTaps(const int8_t* in, const int8_t* w, const Tap* taps, int32_t n, int32_t off2,
                    int32_t acc[4]) {
  int32_t a[4] = {acc[0], acc[1], acc[2], acc[3]};
  const Tap* end = taps + n;
  for (; taps + 2 <= end; taps += 2) {
    const int32_t x0 = LoadTap<kBroadcast>(in + taps[0].in);
    const int32_t w0 = dsp::Load32(w + taps[0].w);
    const int32_t x1 = LoadTap<kBroadcast>(in + taps[1].in);
    const int32_t w1 = dsp::Load32(w + taps[1].w);
    dsp_depthwise::Mac4(x0, off2, w0, a);
    dsp_depthwise::Mac4(x1, off2, w1, a);
  }
  if (taps != end) {
    dsp_depthwise::Mac4(LoadTap<kBroadcast>(in + taps->in), off2, dsp::Load32(w + taps->w), a);
  }
  acc[0] = a[0], acc[1] = a[1], acc[2] = a[2], acc[3] = a[3];
}

// acc[0..3] = the biases of output channels c..c+3 (0 without a bias).
inline void LoadBias4(const int32_t* bias, int32_t c, int32_t acc[4]) {
  acc[0] = acc[1] = acc[2] = acc[3] = 0;
  if (bias != nullptr) {
    acc[0] = bias[c], acc[1] = bias[c + 1], acc[2] = bias[c + 2], acc[3] = bias[c + 3];
  }
}

// At most this many taps of a pixel are listed (offsets on the stack); a
// pixel with more walks its window row by row.
constexpr int32_t kMaxListedTaps = 40;

// kBroadcast: depth multiplier a multiple of 4 (else 1 for the groups of 4).
// Per output pixel the valid taps' input and weight offsets are listed once,
// then every channel group walks that list: a tall or narrow filter (H x 1)
// costs no per-row set-up for each group.
template <bool kFused, bool kFullRange, bool kBroadcast>
void Run(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  const auto* rq = static_cast<const FusedRequant*>(a.packed);
  const int32_t off2 = dsp::Pkhbt(p.input_offset, p.input_offset);
  const int32_t c_in = p.input_c;
  const int32_t c_out = p.output_c;
  const int32_t mult = p.depth_multiplier;
  const size_t row_bytes = static_cast<size_t>(p.input_w) * c_in;
  const int32_t simd_end = kBroadcast ? c_out : (mult == 1 ? (c_out & ~3) : 0);
  Tap list[kMaxListedTaps];
  int8_t* out = a.output;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* batch = a.input + static_cast<size_t>(b) * p.input_h * row_bytes;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int32_t in_y0 = oy * p.stride_h - p.pad_h;
      const TapRange ty = ValidTaps(in_y0, p.dilation_h, p.filter_h, p.input_h);
      for (int32_t ox = 0; ox < p.output_w; ++ox, out += c_out) {
        const int32_t in_x0 = ox * p.stride_w - p.pad_w;
        const TapRange tx = ValidTaps(in_x0, p.dilation_w, p.filter_w, p.input_w);
        const int32_t fy_end = tx.begin == tx.end ? ty.begin : ty.end;
        const int32_t taps = (fy_end - ty.begin) * (tx.end - tx.begin);
        if (taps <= kMaxListedTaps) {
          int32_t n = 0;
          for (int32_t fy = ty.begin; fy < fy_end; ++fy) {
            const ptrdiff_t row = static_cast<ptrdiff_t>(in_y0 + fy * p.dilation_h) *
                                  static_cast<ptrdiff_t>(row_bytes);
            for (int32_t fx = tx.begin; fx < tx.end; ++fx, ++n) {
              list[n].in = row + static_cast<ptrdiff_t>(in_x0 + fx * p.dilation_w) * c_in;
              list[n].w = static_cast<ptrdiff_t>(fy * p.filter_w + fx) * c_out;
            }
          }
          for (int32_t c = 0; c < simd_end; c += 4) {
            const int32_t ic = kBroadcast ? c / mult : c;
            int32_t acc[4];
            LoadBias4(a.bias, c, acc);
            MacTaps<kBroadcast>(batch + ic, a.filter + c, list, n, off2, acc);
            Finish<kFused, kFullRange>(p, acc, rq, c, 4, out + c);
          }
          for (int32_t oc = simd_end; oc < c_out; ++oc) {
            const int8_t* in = batch + oc / mult;
            const int8_t* w = a.filter + oc;
            uint32_t acc = a.bias != nullptr ? static_cast<uint32_t>(a.bias[oc]) : 0u;
            for (int32_t t = 0; t < n; ++t) {
              acc += static_cast<uint32_t>((in[list[t].in] + p.input_offset) * w[list[t].w]);
            }
            const int32_t acc_value = static_cast<int32_t>(acc);
            Finish<kFused, kFullRange>(p, &acc_value, rq, oc, 1, out + oc);
          }
          continue;
        }
        // Groups of 4 output channels (input channel c / mult).
        for (int32_t c = 0; c < simd_end; c += 4) {
          const int32_t ic = kBroadcast ? c / mult : c;
          int32_t acc[4];
          LoadBias4(a.bias, c, acc);
          for (int32_t fy = ty.begin; fy < fy_end; ++fy) {
            const int8_t* in = batch + (in_y0 + fy * p.dilation_h) * row_bytes +
                               static_cast<size_t>(in_x0 + tx.begin * p.dilation_w) * c_in + ic;
            const int8_t* w = a.filter + (fy * p.filter_w + tx.begin) * c_out + c;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              dsp_depthwise::Mac4(LoadTap<kBroadcast>(in), off2, dsp::Load32(w), acc);
              in += p.dilation_w * c_in;
              w += c_out;
            }
          }
          Finish<kFused, kFullRange>(p, acc, rq, c, 4, out + c);
        }
        // Other channels, and any multiplier, one at a time.
        for (int32_t oc = simd_end; oc < c_out; ++oc) {
          const int32_t ic = oc / mult;
          uint32_t acc = a.bias != nullptr ? static_cast<uint32_t>(a.bias[oc]) : 0u;
          for (int32_t fy = ty.begin; fy < fy_end; ++fy) {
            const int8_t* in = batch + (in_y0 + fy * p.dilation_h) * row_bytes +
                               static_cast<size_t>(in_x0 + tx.begin * p.dilation_w) * c_in + ic;
            const int8_t* w = a.filter + (fy * p.filter_w + tx.begin) * c_out + oc;
            for (int32_t fx = tx.begin; fx < tx.end; ++fx) {
              acc += static_cast<uint32_t>((*in + p.input_offset) * *w);
              in += p.dilation_w * c_in;
              w += c_out;
            }
          }
          const int32_t acc_value = static_cast<int32_t>(acc);
          Finish<kFused, kFullRange>(p, &acc_value, rq, oc, 1, out + oc);
        }
      }
    }
  }
}

}  // namespace

void depthwise_conv2d_s8__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  const bool fused =
      dsp_depthwise::AllFused(static_cast<const FusedRequant*>(a.packed), p.output_c);
  const bool full = p.act_min == -128 && p.act_max == 127;
  if (p.depth_multiplier % 4 == 0) {
    if (fused && full) {
      Run<true, true, true>(p, a);
    } else {
      Run<false, false, true>(p, a);
    }
  } else if (fused && full) {
    Run<true, true, false>(p, a);
  } else if (fused) {
    Run<true, false, false>(p, a);
  } else {
    Run<false, false, false>(p, a);
  }
}

const DepthwiseS8Variant kDepthwiseConv2dS8ArmV7emDsp{"depthwise_conv2d_s8__armv7em_dsp",
                                                      KernelArch::kArmV7emDsp,
                                                      &dsp_depthwise::ZeroPointIsInt8,
                                                      nullptr,
                                                      &PackedBytes,
                                                      &Pack,
                                                      &depthwise_conv2d_s8__armv7em_dsp,
                                                      /*reads_only_packed=*/false,
                                                      /*requant_only_packed=*/true};

}  // namespace mote
