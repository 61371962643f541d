// int8 FULLY_CONNECTED for the Armv7E-M DSP extension (kernels/common/gemm_s8__armv7em_dsp.h):
//   fully_connected_s8_w16__armv7em_dsp  weights pre-widened to int16 (+ weight offset) in
//                                        the packed constants, 4 units interleaved: one LDM
//                                        feeds 4 SMLADs. Twice the weights' size, so only
//                                        ahead of time (flash) or for tiny layers.
//   fully_connected_s8__armv7em_dsp      int8 weights and inputs read in place, 4 units
//                                        at a time (SXTB16 pairs; each input chunk
//                                        widened in registers); nothing packed, no
//                                        scratch: the interpreter's arena holds only
//                                        the op's tensors, as with the reference.
// The w16 variant widens each batch row of the input once (+ input offset)
// into scratch; a deep row (over kFullyConnectedDspDepthChunk values) whose
// widened copy would take at least twice the scratch of one chunk plus an
// int32 accumulator per unit is widened a chunk at a time instead, the
// accumulators carried across chunks (int32 sums wrap, so their order does
// not matter) and requantized once.
// A per-tensor weight zero point is folded into the widened weights (w16) or
// applied as weight_offset * sum(input + input_offset) per row (int8 weights).
#include "kernels/common/gemm_s8__armv7em_dsp.h"
#include "kernels/fully_connected/fully_connected.h"

namespace mote {
namespace {

using dsp_gemm::RequantChannel;

constexpr int32_t kUnits = 4;  // units per DotX1W16x4 call

int32_t MaxAbsPlus(int32_t offset) {  // max |v + offset| over int8 v
  const int32_t lo = -128 + offset;
  const int32_t hi = 127 + offset;
  return lo < 0 ? (-lo > hi ? -lo : hi) : hi;
}
bool PerChannel(const FullyConnectedParams& p) { return p.channel_multiplier != nullptr; }
int32_t WeightOffset(const FullyConnectedParams& p) { return PerChannel(p) ? 0 : p.filter_offset; }

bool Supports(const FullyConnectedParams& p) {
  return p.input_offset >= -127 && p.input_offset <= 128 && WeightOffset(p) >= -127 &&
         WeightOffset(p) <= 128;
}

size_t TableBytes(const FullyConnectedParams& p) {
  return sizeof(RequantChannel) * static_cast<size_t>(p.output_depth);
}
// Scratch: the widened row (+ 4 for alignment), or in chunks (Chunked) one
// widened chunk and `slots` accumulators. Chunks cost a little time per chunk
// and unit group, so a row is chunked only if that at least halves its scratch.
constexpr int32_t kChunk = kFullyConnectedDspDepthChunk;
static_assert(kChunk % 4 == 0, "chunks end on whole 4-value chunks of an X row");
size_t RowScratchBytes(int32_t depth) {
  return static_cast<size_t>(dsp_gemm::XRowWords(depth)) * 4 + 4;
}
size_t ChunkedScratchBytes(int32_t slots) {
  return RowScratchBytes(kChunk) + 4 * static_cast<size_t>(slots);
}
bool Chunked(const FullyConnectedParams& p, int32_t slots) {
  return p.accum_depth > kChunk && 2 * ChunkedScratchBytes(slots) <= RowScratchBytes(p.accum_depth);
}
size_t ScratchFor(const FullyConnectedParams& p, int32_t slots) {
  return Chunked(p, slots) ? ChunkedScratchBytes(slots) : RowScratchBytes(p.accum_depth);
}

int64_t MaxAbsSum(const FullyConnectedParams& p) {
  return int64_t{p.accum_depth} * MaxAbsPlus(WeightOffset(p)) * MaxAbsPlus(p.input_offset);
}

// Unit u's requantization, accumulating from its bias plus `row_term`.
RequantChannel Channel(const FullyConnectedParams& p, const int32_t* bias, int64_t max_abs_sum,
                       int32_t u, uint32_t row_term) {
  const int32_t multiplier = PerChannel(p) ? p.channel_multiplier[u] : p.multiplier;
  const int32_t shift = PerChannel(p) ? p.channel_shift[u] : p.shift;
  RequantChannel c =
      dsp_gemm::MakeRequantChannel(bias != nullptr ? bias[u] : 0, multiplier, shift, max_abs_sum);
  c.bias = static_cast<int32_t>(static_cast<uint32_t>(c.bias) + row_term);
  return c;
}

int32_t* AlignedRow(void* scratch) {
  const uintptr_t v = reinterpret_cast<uintptr_t>(scratch);
  return reinterpret_cast<int32_t*>((v + 3) & ~uintptr_t{3});
}

// ---- int16 weights (packed) ---------------------------------------------------------

int32_t Groups(const FullyConnectedParams& p) { return (p.output_depth + kUnits - 1) / kUnits; }
size_t W16Bytes(const FullyConnectedParams& p) {
  return static_cast<size_t>(Groups(p)) * dsp_gemm::XRowWords(p.accum_depth) * kUnits * 4;
}
size_t PackedBytesW16(const FullyConnectedParams& p) { return TableBytes(p) + W16Bytes(p); }
int32_t SlotsW16(const FullyConnectedParams& p) { return Groups(p) * kUnits; }
size_t ScratchBytesW16(const FullyConnectedParams& p) { return ScratchFor(p, SlotsW16(p)); }

// Table, then per group of 4 units an X-like block of their (weights + weight offset).
void PackW16(const FullyConnectedParams& p, const FullyConnectedS8Args& a, void* packed) {
  auto* table = static_cast<RequantChannel*>(packed);
  const int64_t max_abs_sum = MaxAbsSum(p);
  for (int32_t u = 0; u < p.output_depth; ++u) table[u] = Channel(p, a.bias, max_abs_sum, u, 0);
  int32_t* w16 = reinterpret_cast<int32_t*>(table + p.output_depth);
  const int32_t depth = p.accum_depth;
  const int32_t words = dsp_gemm::XRowWords(depth);
  for (int32_t g = 0; g < Groups(p); ++g, w16 += words * kUnits) {
    for (int32_t c = 0; c < kUnits; ++c) {
      const int32_t u = g * kUnits + c;
      if (u < p.output_depth) {
        dsp_gemm::FillX(a.weights + static_cast<size_t>(u) * depth, depth, WeightOffset(p), w16,
                        kUnits, c, 0);
      } else {
        dsp_gemm::ZeroX(depth, w16, kUnits, c, 0);
      }
    }
  }
}

}  // namespace

namespace {

// The row is widened `chunk` values at a time (the whole depth unless
// Chunked); a group's sums are carried from one chunk to the next in
// `carried` (scratch, after the widened chunk), requantized after the last.
template <bool kFullRange>
void RunW16(const FullyConnectedParams& p, const FullyConnectedS8Args& a,
            const dsp_gemm::OutputStage& stage) {
  const auto* table = static_cast<const RequantChannel*>(a.packed);
  const int32_t* w16 = reinterpret_cast<const int32_t*>(table + p.output_depth);
  const int32_t depth = p.accum_depth;
  const int32_t words = dsp_gemm::XRowWords(depth);
  const int32_t units = p.output_depth;
  const int32_t chunk = Chunked(p, SlotsW16(p)) ? kChunk : depth;
  int32_t* x = AlignedRow(a.scratch);
  int32_t* carried = x + dsp_gemm::XRowWords(chunk);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = a.input + static_cast<size_t>(b) * depth;
    int8_t* out = a.output + static_cast<size_t>(b) * units;
    for (int32_t k0 = 0; k0 < depth; k0 += chunk) {
      const int32_t n = depth - k0 < chunk ? depth - k0 : chunk;
      const bool first = k0 == 0;
      const bool last = k0 + n == depth;
      dsp_gemm::FillX(in + k0, n, p.input_offset, x, 1, 0, 0);
      // k0 is a multiple of 4 (kChunk is): the chunk starts at word k0 / 2 of a unit.
      const int32_t* wg = w16 + static_cast<size_t>(k0 / 2) * kUnits;
      for (int32_t u0 = 0; u0 < units; u0 += kUnits, wg += words * kUnits) {
        const int32_t count = units - u0 < kUnits ? units - u0 : kUnits;
        int32_t acc[kUnits];
        if (!first) {
          for (int32_t i = 0; i < kUnits; ++i) acc[i] = carried[u0 + i];
        } else if (count == kUnits) {
          acc[0] = table[u0].bias, acc[1] = table[u0 + 1].bias;
          acc[2] = table[u0 + 2].bias, acc[3] = table[u0 + 3].bias;
        } else {
          for (int32_t i = 0; i < kUnits; ++i) acc[i] = i < count ? table[u0 + i].bias : 0;
        }
        dsp_gemm::DotX1W16x4(x, wg, dsp_gemm::XRowWords(n), acc);
        if (!last) {
          for (int32_t i = 0; i < kUnits; ++i) carried[u0 + i] = acc[i];
          continue;
        }
        for (int32_t i = 0; i < count; ++i) {
          dsp_gemm::StoreChannel<kFullRange>(acc + i, 1, table[u0 + i], stage, out + u0 + i, 0);
        }
      }
    }
  }
}

}  // namespace

void fully_connected_s8_w16__armv7em_dsp(const FullyConnectedParams& p,
                                         const FullyConnectedS8Args& a) {
  const dsp_gemm::OutputStage stage =
      dsp_gemm::MakeOutputStage(p.output_offset, p.act_min, p.act_max);
  if (stage.full_range) {
    RunW16<true>(p, a, stage);
  } else {
    RunW16<false>(p, a, stage);
  }
}

namespace {

// Requantization derived from the params as it runs (GemmRow's Requant).
// Per-tensor quantization with every unit on the fast path: shared constants.
template <bool kFullRange>
struct PerTensorFast {
  const int32_t* bias;  // or null
  uint32_t row_term;
  int32_t multiplier, half, right;
  dsp_gemm::OutputStage stage;
  int32_t Bias(int32_t u) const {
    return static_cast<int32_t>((bias != nullptr ? static_cast<uint32_t>(bias[u]) : 0u) + row_term);
  }
  int8_t Out(int32_t acc, int32_t) const {
    const int32_t v = dsp_gemm::HighMulFast(acc, multiplier);
    return dsp_gemm::FinishAs<kFullRange>((v + half + (v >> 31)) >> right, stage);
  }
};
// Anything else: each unit's RequantChannel.
template <bool kFullRange>
struct AnyChannels {
  const FullyConnectedParams& p;
  const int32_t* bias;
  int64_t max_abs_sum;
  uint32_t row_term;
  dsp_gemm::OutputStage stage;
  int32_t Bias(int32_t u) const { return Channel(p, bias, max_abs_sum, u, row_term).bias; }
  int8_t Out(int32_t acc, int32_t u) const {
    return dsp_gemm::RequantOutput<kFullRange>(acc, Channel(p, bias, max_abs_sum, u, 0), stage);
  }
};

// One output row from the int8 input row `in` read in place (no scratch: the
// interpreter's arena holds nothing but the op's tensors): each chunk of 4
// inputs is widened (+ input offset) in registers for every group of 3 units
// (SXTAB16: 3 instructions per 12 MACs; 3 units keep every pointer, sum and
// operand in registers), weights with SXTB16 pairs. The last group overlaps
// the previous one (its overlapping outputs are recomputed identically);
// under 3 units, one at a time.
template <typename Requant>
void GemmRowInPlace(const int8_t* in, int32_t input_offset, const int8_t* w, int32_t depth,
                    int32_t units, const Requant& requant, int8_t* out) {
  constexpr int32_t kGroup = 3;  // units per pass: 3 rows, 3 sums, the widened pair in registers
  const int32_t off2 = dsp::Pkhbt(input_offset, input_offset);
  const int32_t full = depth >> 2;
  const int32_t rem = depth & 3;
  const int32_t width = units >= kGroup ? kGroup : 1;
  const size_t stride = units >= kGroup ? static_cast<size_t>(depth) : 0;
  for (int32_t next = 0; next < units;) {
    const int32_t n0 = units >= kGroup && next > units - kGroup ? units - kGroup : next;
    next = n0 + width;
    const int8_t* w0 = w + static_cast<size_t>(n0) * depth;
    const int8_t* w1 = w0 + stride;
    const int8_t* w2 = w1 + stride;
    int32_t acc[kGroup] = {requant.Bias(n0), requant.Bias(n0 + (width > 1 ? 1 : 0)),
                           requant.Bias(n0 + (width > 1 ? 2 : 0))};
    dsp_gemm::DotX1RawW8x3(in, w0, static_cast<int32_t>(stride), full, acc, off2);
    const int8_t* x = in + 4 * full;
    w0 += 4 * full;
    w1 += 4 * full;
    w2 += 4 * full;
    int32_t a0 = acc[0], a1 = acc[1], a2 = acc[2];
    for (int32_t j = 0; j < rem; ++j) {  // wrapping, like the reference's sums
      const uint32_t xj = static_cast<uint32_t>(x[j] + input_offset);
      a0 = static_cast<int32_t>(static_cast<uint32_t>(a0) + xj * static_cast<uint32_t>(w0[j]));
      a1 = static_cast<int32_t>(static_cast<uint32_t>(a1) + xj * static_cast<uint32_t>(w1[j]));
      a2 = static_cast<int32_t>(static_cast<uint32_t>(a2) + xj * static_cast<uint32_t>(w2[j]));
    }
    if (width == kGroup) {
      const int8_t o0 = requant.Out(a0, n0);
      const int8_t o1 = requant.Out(a1, n0 + 1);
      const int8_t o2 = requant.Out(a2, n0 + 2);
      out[n0] = o0;
      out[n0 + 1] = o1;
      out[n0 + 2] = o2;
    } else {
      out[n0] = requant.Out(a0, n0);
    }
  }
}

template <bool kFullRange>
void RunW8(const FullyConnectedParams& p, const FullyConnectedS8Args& a,
           const dsp_gemm::OutputStage& stage) {
  const int32_t depth = p.accum_depth;
  const int32_t weight_offset = WeightOffset(p);
  const int64_t max_abs_sum = MaxAbsSum(p);
  // Per tensor: every unit is fast if the shared shifts are and the largest
  // |bias| leaves room (fast is monotonic in it; one pass over the biases).
  const RequantChannel shared = Channel(p, nullptr, max_abs_sum, 0, 0);
  bool all_fast = !PerChannel(p) && shared.fast;
  if (all_fast && a.bias != nullptr) {
    int64_t max_abs_bias = 0;
    for (int32_t u = 0; u < p.output_depth; ++u) {
      const int64_t b = a.bias[u] < 0 ? -int64_t{a.bias[u]} : int64_t{a.bias[u]};
      if (b > max_abs_bias) max_abs_bias = b;
    }
    const int64_t bound = max_abs_sum + max_abs_bias;  // the bound of the largest |bias|
    all_fast = dsp_gemm::MakeRequantChannel(0, p.multiplier, p.shift, bound).fast != 0;
  }
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = a.input + static_cast<size_t>(b) * depth;
    // sum_k (w + wo)(x + io) = sum_k w (x + io) + wo * sum_k (x + io), mod 2^32.
    const uint32_t row_term =
        weight_offset == 0
            ? 0u
            : static_cast<uint32_t>(weight_offset) *
                  static_cast<uint32_t>(dsp_gemm::SumWithOffset(in, depth, p.input_offset));
    int8_t* out = a.output + static_cast<size_t>(b) * p.output_depth;
    if (all_fast) {
      const PerTensorFast<kFullRange> requant{a.bias,      row_term,     shared.multiplier,
                                              shared.half, shared.right, stage};
      GemmRowInPlace(in, p.input_offset, a.weights, depth, p.output_depth, requant, out);
    } else {
      const AnyChannels<kFullRange> requant{p, a.bias, max_abs_sum, row_term, stage};
      GemmRowInPlace(in, p.input_offset, a.weights, depth, p.output_depth, requant, out);
    }
  }
}

}  // namespace

// No packed constants: the requantization of each unit is derived from the
// params and the bias as it runs (a table would cost 16 bytes of arena per unit).
void fully_connected_s8__armv7em_dsp(const FullyConnectedParams& p, const FullyConnectedS8Args& a) {
  const dsp_gemm::OutputStage stage =
      dsp_gemm::MakeOutputStage(p.output_offset, p.act_min, p.act_max);
  if (stage.full_range) {
    RunW8<true>(p, a, stage);
  } else {
    RunW8<false>(p, a, stage);
  }
}

const FullyConnectedS8Variant kFullyConnectedS8W16ArmV7emDsp{"fully_connected_s8_w16__armv7em_dsp",
                                                             KernelArch::kArmV7emDsp,
                                                             &Supports,
                                                             &ScratchBytesW16,
                                                             &PackedBytesW16,
                                                             &PackW16,
                                                             &fully_connected_s8_w16__armv7em_dsp,
                                                             /*reads_only_packed=*/true};
const FullyConnectedS8Variant kFullyConnectedS8ArmV7emDsp{"fully_connected_s8__armv7em_dsp",
                                                          KernelArch::kArmV7emDsp,
                                                          &Supports,
                                                          nullptr,
                                                          nullptr,
                                                          nullptr,
                                                          &fully_connected_s8__armv7em_dsp};

}  // namespace mote
