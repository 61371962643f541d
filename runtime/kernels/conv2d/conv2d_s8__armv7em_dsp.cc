// int8 CONV_2D for the Armv7E-M DSP extension (kernels/common/gemm_s8__armv7em_dsp.h):
//   conv2d_s8_w16__armv7em_dsp  any filter; weights pre-widened to int16 in the
//                               packed constants (twice their size: ahead of
//                               time, in flash)
//   conv2d_s8_1x1__armv7em_dsp  1x1 filters (pointwise), int8 weights in place
//   conv2d_s8__armv7em_dsp      any filter, stride, dilation, padding; int8 weights
// All need groups == 1. Output pixels are taken 5 at a time: their input
// windows (im2col, conv2d_s8__armv7em_dsp.h) are widened into a 5-row int16
// block in scratch, then ColumnsX5W8 / ColumnsX5W16 stream every output
// channel's weights through it (20 MACs per chunk of 4 depth values) and
// requantize. 1-3 leftover pixels run one at a time over 4 channels at once
// (GemmRowW8 / GemmRowW16); 4 run as a padded block (outputs to scratch first).
// Padded taps are zeros in the block: exactly their reference contribution.
// Packed constants: a 16-byte header and one RequantChannel per output channel
// (16 bytes each: within the interpreter's budget), then for w16 the widened
// weights.
#include "kernels/conv2d/conv2d_s8__armv7em_dsp.h"

#include <cstring>

namespace mote {
namespace {

using conv_dsp::kRows;
using dsp_gemm::RequantChannel;

// Weights of channel n: int8 rows of Depth bytes, or (w16) int16 rows of
// XRowWords(Depth) words in the SXTB16 order (PackW16).
template <bool kW16>
const int8_t* ChannelWeights(const ConvParams& p, const ConvS8Args& a, int32_t n) {
  if (kW16) {
    const auto* w16 = reinterpret_cast<const int32_t*>(conv_dsp::Table(a.packed) + p.output_c);
    return reinterpret_cast<const int8_t*>(w16 + static_cast<size_t>(n) *
                                                     dsp_gemm::XRowWords(conv_dsp::Depth(p)));
  }
  return a.filter + static_cast<size_t>(n) * conv_dsp::Depth(p);
}

// acc[r] += channel weights `w` over the block (any depth; C++ path).
template <bool kW16>
void DotBlock(const int32_t* block, const int8_t* w, int32_t depth, int32_t acc[kRows]) {
  const int32_t full = depth >> 2;
  if (kW16) {
    dsp_gemm::DotX5W16(block, reinterpret_cast<const int32_t*>(w), (depth + 3) >> 2, acc);
    return;
  }
  dsp_gemm::DotX5W8(block, w, full, acc);
  const int32_t rem = depth & 3;
  if (rem == 0) return;
  const int32_t w4 = dsp_gemm::LoadPartialChunk(w + 4 * full, rem);
  const int32_t wa = dsp::Sxtb16(w4);
  const int32_t wb = dsp::Sxtb16Ror8(w4);
  const int32_t* x = block + 2 * kRows * full;
  for (int r = 0; r < kRows; ++r) {
    acc[r] = dsp::Smlad(wb, x[kRows + r], dsp::Smlad(wa, x[r], acc[r]));
  }
}

// Every output channel of the `rows` pixels in `block`.
template <bool kW16, bool kFullRange>
void BlockChannels(const ConvParams& p, const ConvS8Args& a, const int32_t* block, int32_t rows,
                   const dsp_gemm::OutputStage& stage, int8_t* tail, int8_t* out) {
  const int32_t depth = conv_dsp::Depth(p);
  const int32_t n_out = p.output_c;
  const RequantChannel* table = conv_dsp::Table(a.packed);
  int32_t n = 0;
  if (kFullRange) {
    // The common case: the assembly column loop over every run of channels
    // on the fast requantization (all of them, in real models), the others
    // one at a time. A partial block writes all 5 rows to `tail` (scratch),
    // then copies the real ones. int8 rows of a depth that is not a multiple
    // of 4 are read in whole words, `over` bytes past their end: the last
    // channels, whose over-read would leave the weights (one channel, or 3
    // when depth == 1), run one at a time.
    const int32_t over = kW16 ? 0 : 4 * ((depth + 3) >> 2) - depth;
    const int32_t tail_columns = (over + depth - 1) / depth;
    const int32_t asm_end = n_out > tail_columns ? n_out - tail_columns : 0;
    const bool all_fast = conv_dsp::AllFast(a.packed);
    int8_t* dst = rows == kRows ? out : tail;
    while (n < n_out) {
      int32_t end = n;
      if (all_fast) {
        end = asm_end > n ? asm_end : n;
      } else {
        while (end < asm_end && table[end].fast) ++end;
      }
      if (end > n) {
        const dsp_gemm::ColumnsX5 s{block,
                                    (depth + 3) >> 2,
                                    table + n,
                                    dst + n,
                                    n_out,
                                    end - n,
                                    p.output_offset,
                                    ChannelWeights<kW16>(p, a, n),
                                    kW16 ? 8 * ((depth + 3) >> 2) : depth};
        if (kW16) {
          dsp_gemm::ColumnsX5W16(&s);
        } else {
          dsp_gemm::ColumnsX5W8(&s);
        }
        n = end;
        continue;
      }
      const RequantChannel& c = table[n];
      int32_t acc[kRows] = {c.bias, c.bias, c.bias, c.bias, c.bias};
      DotBlock<kW16>(block, ChannelWeights<kW16>(p, a, n), depth, acc);
      dsp_gemm::StoreChannel<kFullRange>(acc, kRows, c, stage, dst + n, n_out);
      ++n;
    }
    if (rows != kRows) std::memcpy(out, tail, static_cast<size_t>(rows) * n_out);
    return;
  }
  for (; n < n_out; ++n) {
    const RequantChannel& c = table[n];
    int32_t acc[kRows] = {c.bias, c.bias, c.bias, c.bias, c.bias};
    DotBlock<kW16>(block, ChannelWeights<kW16>(p, a, n), depth, acc);
    dsp_gemm::StoreChannel<kFullRange>(acc, rows, c, stage, out + n, n_out);
  }
}

// The product over output pixels; im2col(m, block, rows, r) writes pixel m's
// window into row r of a `rows`-row block.
template <bool kW16, typename Im2col>
void RunBlocks(const ConvParams& p, const ConvS8Args& a, int32_t* block, const Im2col& im2col) {
  const int32_t depth = conv_dsp::Depth(p);
  const int32_t n_out = p.output_c;
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  const dsp_gemm::OutputStage stage =
      dsp_gemm::MakeOutputStage(p.output_offset, p.act_min, p.act_max);
  const int32_t leftover = pixels % kRows;
  const int32_t blocked = leftover == kRows - 1 ? pixels : pixels - leftover;
  int8_t* tail = reinterpret_cast<int8_t*>(block) + conv_dsp::BlockBytes(p);
  int32_t m0 = 0;
  for (; m0 < blocked; m0 += kRows) {
    const int32_t rows = pixels - m0 < kRows ? pixels - m0 : kRows;
    for (int32_t r = 0; r < kRows; ++r) {
      if (r < rows) {
        im2col(m0 + r, block, kRows, r);
      } else {
        dsp_gemm::ZeroX(depth, block, kRows, r, 0);
      }
    }
    int8_t* out = a.output + static_cast<size_t>(m0) * n_out;
    if (stage.full_range) {
      BlockChannels<kW16, true>(p, a, block, rows, stage, tail, out);
    } else {
      BlockChannels<kW16, false>(p, a, block, rows, stage, tail, out);
    }
  }
  const RequantChannel* table = conv_dsp::Table(a.packed);
  for (; m0 < pixels; ++m0) {  // 1-3 leftover pixels, one at a time
    im2col(m0, block, 1, 0);
    int8_t* out = a.output + static_cast<size_t>(m0) * n_out;
    if (kW16) {
      dsp_gemm::GemmRowW16(block, reinterpret_cast<const int32_t*>(ChannelWeights<kW16>(p, a, 0)),
                           depth, n_out, table, stage, out);
    } else {
      dsp_gemm::GemmRowW8(block, a.filter, depth, n_out, table, stage, out);
    }
  }
}

bool Supports1x1(const ConvParams& p) {
  return conv_dsp::SupportsAny(p) && p.filter_h == 1 && p.filter_w == 1;
}
// Scratch: the block, the outputs of a partial block, the int8 window.
size_t TailBytes(const ConvParams& p) { return static_cast<size_t>(kRows) * p.output_c; }
size_t Scratch1x1(const ConvParams& p) { return conv_dsp::BlockBytes(p) + 4 + TailBytes(p); }
size_t ScratchAny(const ConvParams& p) {
  return conv_dsp::BlockBytes(p) + 4 + TailBytes(p) + static_cast<size_t>(conv_dsp::Depth(p));
}

size_t PackedBytes(const ConvParams& p) { return conv_dsp::TableBytes(p); }
void Pack(const ConvParams& p, const ConvS8Args& a, void* packed) {
  conv_dsp::PackTable(p, a.bias, packed);
}

size_t PackedBytesW16(const ConvParams& p) {
  return conv_dsp::TableBytes(p) +
         static_cast<size_t>(p.output_c) * dsp_gemm::XRowWords(conv_dsp::Depth(p)) * 4;
}
void PackW16(const ConvParams& p, const ConvS8Args& a, void* packed) {
  conv_dsp::PackTable(p, a.bias, packed);
  const int32_t depth = conv_dsp::Depth(p);
  auto* w16 = reinterpret_cast<int32_t*>(static_cast<uint8_t*>(packed) + conv_dsp::TableBytes(p));
  for (int32_t n = 0; n < p.output_c; ++n, w16 += dsp_gemm::XRowWords(depth)) {
    dsp_gemm::FillX(a.filter + static_cast<size_t>(n) * depth, depth, 0, w16, 1, 0, 0);
  }
}

}  // namespace

void conv2d_s8_w16__armv7em_dsp(const ConvParams& p, const ConvS8Args& a) {
  int32_t* block = conv_dsp::AlignedBlock(a.scratch);
  int8_t* window = reinterpret_cast<int8_t*>(block) + conv_dsp::BlockBytes(p) + TailBytes(p);
  RunBlocks<true>(p, a, block, conv_dsp::GeneralIm2col(p, a.input, window));
}

void conv2d_s8_1x1__armv7em_dsp(const ConvParams& p, const ConvS8Args& a) {
  RunBlocks<false>(p, a, conv_dsp::AlignedBlock(a.scratch), conv_dsp::PointwiseIm2col{p, a.input});
}

void conv2d_s8__armv7em_dsp(const ConvParams& p, const ConvS8Args& a) {
  int32_t* block = conv_dsp::AlignedBlock(a.scratch);
  int8_t* window = reinterpret_cast<int8_t*>(block) + conv_dsp::BlockBytes(p) + TailBytes(p);
  RunBlocks<false>(p, a, block, conv_dsp::GeneralIm2col(p, a.input, window));
}

const ConvS8Variant kConv2dS8W16ArmV7emDsp{"conv2d_s8_w16__armv7em_dsp",
                                           KernelArch::kArmV7emDsp,
                                           &conv_dsp::SupportsAny,
                                           &ScratchAny,
                                           &PackedBytesW16,
                                           &PackW16,
                                           &conv2d_s8_w16__armv7em_dsp,
                                           /*reads_only_packed=*/true,
                                           /*requant_only_packed=*/true};
const ConvS8Variant kConv2dS8_1x1ArmV7emDsp{"conv2d_s8_1x1__armv7em_dsp",
                                            KernelArch::kArmV7emDsp,
                                            &Supports1x1,
                                            &Scratch1x1,
                                            &PackedBytes,
                                            &Pack,
                                            &conv2d_s8_1x1__armv7em_dsp,
                                            /*reads_only_packed=*/false,
                                            /*requant_only_packed=*/true};
const ConvS8Variant kConv2dS8ArmV7emDsp{"conv2d_s8__armv7em_dsp",
                                        KernelArch::kArmV7emDsp,
                                        &conv_dsp::SupportsAny,
                                        &ScratchAny,
                                        &PackedBytes,
                                        &Pack,
                                        &conv2d_s8__armv7em_dsp,
                                        /*reads_only_packed=*/false,
                                        /*requant_only_packed=*/true};

}  // namespace mote
