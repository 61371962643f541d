// int8 DEPTHWISE_CONV_2D, 3x3 filter, depth multiplier 1, stride 1 or 2,
// dilation 1, any padding, for the Armv7E-M DSP extension:
//   depthwise_conv2d_s8_3x3_packed__armv7em_dsp  weights pre-widened ahead of time
//                                                (the AOT compiler keeps them in flash)
//   depthwise_conv2d_s8_3x3__armv7em_dsp         the same, widened into scratch by Eval
//
// Four channels at a time: per tap, one word of input (4 channels) becomes
// {x0, x2} / {x1, x3} + input offset with SXTAB16, the weights are already
// {w0, w2} / {w1, w3}, and SMLABB / SMLATT add each product to its channel's
// accumulator (wrapping, like the reference). Each group of 4 channels has a
// block of 22 words read in order: its 4 biases, then {wa, wb} per tap. The
// loop over a pixel's groups is assembly (Groups3x3), with the requantization
// folded into one SMLAL per channel (FusedRequant) when the activation range
// is all of int8. Padding: an input row outside the image reads a row of zero
// points (x + offset = 0, the reference's contribution of a padded tap), a
// pixel with its first or last filter column outside the image skips that
// column, and any other border pixel reads its window copied into scratch
// with zero points. Channels after the last group of 4 are computed one at a
// time. Packed constants: a 16-byte header and one FusedRequant per channel
// (16 bytes: the interpreter's budget), then for "_packed" the blocks.
#include <cstddef>
#include <cstdint>

#include "kernels/depthwise_conv2d/depthwise_conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace {

using dsp_depthwise::Columns;
using dsp_depthwise::FusedRequant;
using dsp_depthwise::GroupJob;
constexpr int32_t kBlockWords = dsp_depthwise::kBlockWords3x3;

bool Supports(const DepthwiseParams& p) {
  return dsp_depthwise::ZeroPointIsInt8(p) && p.filter_h == 3 && p.filter_w == 3 &&
         p.depth_multiplier == 1 && (p.stride_h == 1 || p.stride_h == 2) &&
         (p.stride_w == 1 || p.stride_w == 2) && p.dilation_h == 1 && p.dilation_w == 1;
}

int32_t Groups(const DepthwiseParams& p) { return p.output_c / 4; }
size_t BlockBytes(const DepthwiseParams& p) {
  return static_cast<size_t>(Groups(p)) * kBlockWords * 4;
}

// The blocks of every whole group of 4 channels (unrolled: the scratch
// variant runs this on every call).
void FillBlocks(const DepthwiseParams& p, const int8_t* filter, const int32_t* bias,
                int32_t* block) {
  const int32_t c_n = p.output_c;
  const int32_t c2 = 2 * c_n;
  const int8_t* w0 = filter;
  const int8_t* w1 = filter + 3 * c_n;
  const int8_t* w2 = filter + 6 * c_n;
  const auto widen = [](int32_t k, int32_t* dst) {
    dst[0] = dsp::Sxtb16(k);
    dst[1] = dsp::Sxtb16Ror8(k);
  };
  for (int32_t g = Groups(p); g > 0; --g, w0 += 4, w1 += 4, w2 += 4, block += kBlockWords) {
    if (bias != nullptr) {
      block[0] = bias[0], block[1] = bias[1], block[2] = bias[2], block[3] = bias[3];
      bias += 4;
    } else {
      block[0] = block[1] = block[2] = block[3] = 0;
    }
    widen(dsp::Load32(w0), block + 4);
    widen(dsp::Load32(w0 + c_n), block + 6);
    widen(dsp::Load32(w0 + c2), block + 8);
    widen(dsp::Load32(w1), block + 10);
    widen(dsp::Load32(w1 + c_n), block + 12);
    widen(dsp::Load32(w1 + c2), block + 14);
    widen(dsp::Load32(w2), block + 16);
    widen(dsp::Load32(w2 + c_n), block + 18);
    widen(dsp::Load32(w2 + c2), block + 20);
  }
}

// Packed: header, FusedRequant[output_c], then (with blocks) the blocks.
struct Header {
  int32_t all_fused;  // every channel takes the fused requantization
  int32_t unused[3];
};
static_assert(sizeof(Header) == 16, "keeps the table 16-byte aligned");

size_t PackedBytes(const DepthwiseParams& p) {
  return sizeof(Header) + dsp_depthwise::RequantBytes(p);
}
size_t PackedBytesWithBlocks(const DepthwiseParams& p) { return PackedBytes(p) + BlockBytes(p); }

void Pack(const DepthwiseParams& p, const DepthwiseS8Args&, void* packed) {
  auto* header = static_cast<Header*>(packed);
  *header = Header{};
  header->all_fused =
      dsp_depthwise::FillFusedRequant(p, reinterpret_cast<FusedRequant*>(header + 1)) ? 1 : 0;
}
void PackWithBlocks(const DepthwiseParams& p, const DepthwiseS8Args& a, void* packed) {
  Pack(p, a, packed);
  FillBlocks(p, a.filter, a.bias,
             reinterpret_cast<int32_t*>(static_cast<uint8_t*>(packed) + PackedBytes(p)));
}

// Taps [begin, end) of 3 whose coordinate origin + f lies in [0, size).
inline void TapRange(int32_t origin, int32_t size, int32_t* begin, int32_t* end) {
  *begin = origin >= 0 ? 0 : (origin < -3 ? 3 : -origin);
  const int64_t e = int64_t{size} - origin;
  *end = e <= 0 ? 0 : (e >= 3 ? 3 : static_cast<int32_t>(e));
  if (*end < *begin) *end = *begin;
}

// ---- Scratch -----------------------------------------------------------------------
// (blocks, without packed blocks), a row of zero points, a border window (if
// a pixel has fewer than two filter columns in the image), then the
// accumulators of one pixel (unless the assembly requantizes). What is needed
// depends only on what a band of output rows (kernels/common/banded.h) shares
// with the whole op.

// Every channel fused and the output range all of int8: the assembly
// requantizes (Dispatch decides the same from the packed header).
bool RequantizesInGroups(const DepthwiseParams& p) {
  if (p.act_min != -128 || p.act_max != 127) return false;
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    if (dsp_depthwise::MakeFusedRequant(p.multiplier[oc], p.shift[oc], p.output_offset).e1 < 0) {
      return false;
    }
  }
  return true;
}
bool NeedsWindow(const DepthwiseParams& p) {
  for (int32_t ox = 0; ox < p.output_w; ++ox) {
    int32_t tx0, tx1;
    TapRange(ox * p.stride_w - p.pad_w, p.input_w, &tx0, &tx1);
    if (tx1 - tx0 < 2) return true;
  }
  return false;
}

size_t Round4(size_t n) { return (n + 3) & ~size_t{3}; }
struct ScratchLayout {
  int32_t* blocks;  // Scratch() only
  int8_t* zero_row;
  int8_t* window;  // NeedsWindow only
  int32_t* acc;    // !RequantizesInGroups only
};
ScratchLayout Layout(const DepthwiseParams& p, bool with_blocks, void* scratch) {
  uintptr_t at = (reinterpret_cast<uintptr_t>(scratch) + 3) & ~uintptr_t{3};
  const auto take = [&at](size_t bytes) {
    const uintptr_t here = at;
    at += Round4(bytes);
    return here;
  };
  const size_t c_n = static_cast<size_t>(p.input_c);
  ScratchLayout s;
  s.blocks = reinterpret_cast<int32_t*>(take(with_blocks ? BlockBytes(p) : 0));
  s.zero_row = reinterpret_cast<int8_t*>(take(3 * c_n));
  s.window = reinterpret_cast<int8_t*>(take(NeedsWindow(p) ? 9 * c_n : 0));
  s.acc = reinterpret_cast<int32_t*>(at);
  return s;
}
// For any misalignment of the scratch.
size_t ScratchBytes(const DepthwiseParams& p, bool with_blocks) {
  const size_t acc = RequantizesInGroups(p) ? 0 : 4 * static_cast<size_t>(p.output_c);
  return 3 + reinterpret_cast<uintptr_t>(Layout(p, with_blocks, nullptr).acc) + acc;
}
size_t ScratchWithBlocks(const DepthwiseParams& p) { return ScratchBytes(p, false); }
size_t Scratch(const DepthwiseParams& p) { return ScratchBytes(p, true); }

// Word-wise copy and fill of n bytes (any alignment).
void CopyBytes(int8_t* dst, const int8_t* src, int32_t n) {
  for (; n >= 16; n -= 16, src += 16, dst += 16) {
    const int32_t v0 = dsp::Load32(src), v1 = dsp::Load32(src + 4);
    const int32_t v2 = dsp::Load32(src + 8), v3 = dsp::Load32(src + 12);
    dsp::Store32(dst, v0);
    dsp::Store32(dst + 4, v1);
    dsp::Store32(dst + 8, v2);
    dsp::Store32(dst + 12, v3);
  }
  for (; n >= 4; n -= 4, src += 4, dst += 4) dsp::Store32(dst, dsp::Load32(src));
  for (; n > 0; --n) *dst++ = *src++;
}
void FillBytes(int8_t* dst, int32_t word, int32_t n) {
  for (; n >= 4; n -= 4, dst += 4) dsp::Store32(dst, word);
  for (; n > 0; --n) *dst++ = static_cast<int8_t>(word);
}

// ---- Every pixel ----------------------------------------------------------------------

enum class Output { kFusedFullRange, kFused, kReference };

template <Output kOut>
inline int8_t Finish(const DepthwiseParams& p, const FusedRequant* rq, int32_t acc, int32_t oc) {
  if (kOut == Output::kReference) return dsp_depthwise::RequantizeReference(p, acc, rq[oc]);
  int32_t v = dsp_depthwise::RequantizeFused(acc, rq[oc]);
  if (kOut == Output::kFusedFullRange) return static_cast<int8_t>(dsp::Ssat<8>(v));
  v = v < p.act_min ? p.act_min : v;
  v = v > p.act_max ? p.act_max : v;
  return static_cast<int8_t>(v);
}

// One output pixel's position: its top-left tap and the taps inside the input.
struct Window {
  int32_t in_y0, in_x0;
  int32_t ty0, ty1, tx0, tx1;
};

// Channels after the last group of 4, one at a time with the raw filter.
template <Output kOut>
void Tail(const DepthwiseParams& p, const DepthwiseS8Args& a, const FusedRequant* rq,
          const int8_t* batch, const Window& w, int8_t* out) {
  const int32_t c_n = p.input_c;
  const size_t row_bytes = static_cast<size_t>(p.input_w) * c_n;
  for (int32_t c = Groups(p) * 4; c < c_n; ++c) {
    uint32_t acc = a.bias != nullptr ? static_cast<uint32_t>(a.bias[c]) : 0u;
    for (int32_t fy = w.ty0; fy < w.ty1; ++fy) {
      const int8_t* x = batch + (w.in_y0 + fy) * row_bytes + (w.in_x0 + w.tx0) * c_n + c;
      for (int32_t fx = w.tx0; fx < w.tx1; ++fx, x += c_n) {
        acc += static_cast<uint32_t>((*x + p.input_offset) * a.filter[(3 * fy + fx) * c_n + c]);
      }
    }
    out[c] = Finish<kOut>(p, rq, static_cast<int32_t>(acc), c);
  }
}

// Points `job` at a border pixel's window copied into scratch (zero points
// outside the input); returns the columns to add (all three).
Columns CopyWindow(const DepthwiseParams& p, const int8_t* batch, const Window& w,
                   int32_t zero_points, int8_t* window, GroupJob* job) {
  const int32_t c_n = p.input_c;
  const size_t row_bytes = static_cast<size_t>(p.input_w) * c_n;
  for (int32_t fy = 0; fy < 3; ++fy) {
    for (int32_t fx = 0; fx < 3; ++fx) {
      int8_t* dst = window + (3 * fy + fx) * c_n;
      if (fy >= w.ty0 && fy < w.ty1 && fx >= w.tx0 && fx < w.tx1) {
        CopyBytes(dst, batch + (w.in_y0 + fy) * row_bytes + (w.in_x0 + fx) * c_n, c_n);
      } else {
        FillBytes(dst, zero_points, c_n);
      }
    }
  }
  job->row0 = window;
  job->row1 = window + 3 * c_n;
  job->row2 = window + 6 * c_n;
  return Columns::kAll;
}

template <Output kOut>
void Run(const DepthwiseParams& p, const DepthwiseS8Args& a, const int32_t* blocks,
         const ScratchLayout& s) {
  const auto* rq = reinterpret_cast<const FusedRequant*>(static_cast<const Header*>(a.packed) + 1);
  const int32_t c_n = p.input_c;
  const size_t row_bytes = static_cast<size_t>(p.input_w) * c_n;
  const int32_t groups = Groups(p);
  const int32_t zero_points =
      static_cast<int32_t>(0x01010101u * static_cast<uint8_t>(-p.input_offset));
  constexpr bool kRequant = kOut == Output::kFusedFullRange;
  GroupJob job{nullptr,
               nullptr,
               nullptr,
               c_n,
               blocks,
               blocks + groups * kBlockWords,
               dsp::Pkhbt(p.input_offset, p.input_offset),
               kRequant ? nullptr : s.acc,
               rq};
  bool zero_row_filled = false;
  int8_t* out = a.output;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* batch = a.input + static_cast<size_t>(b) * p.input_h * row_bytes;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      Window w;
      w.in_y0 = oy * p.stride_h - p.pad_h;
      TapRange(w.in_y0, p.input_h, &w.ty0, &w.ty1);
      if ((w.ty0 > 0 || w.ty1 < 3) && !zero_row_filled) {
        FillBytes(s.zero_row, zero_points, 3 * c_n);
        zero_row_filled = true;
      }
      // Each filter row's input row (a row of zero points outside the image).
      const int8_t* rows[3];
      for (int32_t fy = 0; fy < 3; ++fy) {
        rows[fy] = fy >= w.ty0 && fy < w.ty1 ? batch + (w.in_y0 + fy) * row_bytes : nullptr;
      }
      for (int32_t ox = 0; ox < p.output_w; ++ox, out += c_n) {
        w.in_x0 = ox * p.stride_w - p.pad_w;
        TapRange(w.in_x0, p.input_w, &w.tx0, &w.tx1);
        if (groups > 0) {
          Columns columns;
          int32_t first_column = w.in_x0;
          if (w.tx0 == 0 && w.tx1 == 3) {
            columns = Columns::kAll;
          } else if (w.tx0 == 1 && w.tx1 == 3) {
            columns = Columns::kLast2;
            first_column += 1;
          } else if (w.tx0 == 0 && w.tx1 == 2) {
            columns = Columns::kFirst2;
          } else {
            columns = Columns::kAll;
          }
          if (w.tx1 - w.tx0 >= 2) {
            const int8_t* r[3];
            for (int32_t fy = 0; fy < 3; ++fy) {
              r[fy] = rows[fy] != nullptr ? rows[fy] + first_column * c_n : s.zero_row;
            }
            job.row0 = r[0], job.row1 = r[1], job.row2 = r[2];
          } else {
            columns = CopyWindow(p, batch, w, zero_points, s.window, &job);
          }
          if (kRequant) job.out = out;
          dsp_depthwise::Groups3x3(columns, kRequant)(&job);
          if (!kRequant) {
            for (int32_t c = 0; c < groups * 4; ++c) out[c] = Finish<kOut>(p, rq, s.acc[c], c);
          }
        }
        if (groups * 4 < c_n) Tail<kOut>(p, a, rq, batch, w, out);
      }
    }
  }
}

void Dispatch(const DepthwiseParams& p, const DepthwiseS8Args& a, const int32_t* blocks,
              const ScratchLayout& s) {
  if (static_cast<const Header*>(a.packed)->all_fused == 0) {
    Run<Output::kReference>(p, a, blocks, s);
  } else if (p.act_min == -128 && p.act_max == 127) {
    Run<Output::kFusedFullRange>(p, a, blocks, s);
  } else {
    Run<Output::kFused>(p, a, blocks, s);
  }
}

}  // namespace

void depthwise_conv2d_s8_3x3_packed__armv7em_dsp(const DepthwiseParams& p,
                                                 const DepthwiseS8Args& a) {
  const auto* blocks =
      reinterpret_cast<const int32_t*>(static_cast<const uint8_t*>(a.packed) + PackedBytes(p));
  Dispatch(p, a, blocks, Layout(p, false, a.scratch));
}

void depthwise_conv2d_s8_3x3__armv7em_dsp(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  const ScratchLayout s = Layout(p, true, a.scratch);
  FillBlocks(p, a.filter, a.bias, s.blocks);
  Dispatch(p, a, s.blocks, s);
}

// The pre-widened blocks hold every group of 4 channels; only Tail (the
// channels after the last group) reads the raw filter and bias.
bool ReadsWeightsWithBlocks(const DepthwiseParams& p) { return Groups(p) * 4 < p.input_c; }

const DepthwiseS8Variant kDepthwiseConv2dS8_3x3PackedArmV7emDsp{
    "depthwise_conv2d_s8_3x3_packed__armv7em_dsp",
    KernelArch::kArmV7emDsp,
    &Supports,
    &ScratchWithBlocks,
    &PackedBytesWithBlocks,
    &PackWithBlocks,
    &depthwise_conv2d_s8_3x3_packed__armv7em_dsp,
    /*reads_only_packed=*/false,
    /*requant_only_packed=*/true,
    /*reads_weights=*/&ReadsWeightsWithBlocks};
const DepthwiseS8Variant kDepthwiseConv2dS8_3x3ArmV7emDsp{"depthwise_conv2d_s8_3x3__armv7em_dsp",
                                                          KernelArch::kArmV7emDsp,
                                                          &Supports,
                                                          &Scratch,
                                                          &PackedBytes,
                                                          &Pack,
                                                          &depthwise_conv2d_s8_3x3__armv7em_dsp,
                                                          /*reads_only_packed=*/false,
                                                          /*requant_only_packed=*/true};

}  // namespace mote
