// int8 FULLY_CONNECTED for the Armv7E-M DSP extension (kernels/common/gemm_s8__armv7em_dsp.h):
//   fully_connected_s8_w16__armv7em_dsp  weights pre-widened to int16 (+ weight offset) in
//                                        the packed constants, 4 units interleaved: one LDM
//                                        feeds 4 SMLADs. Twice the weights' size, so only
//                                        ahead of time (flash) or for tiny layers.
//   fully_connected_s8__armv7em_dsp      int8 weights read in place, 4 units at a time
//                                        (SXTB16 pairs); nothing packed.
// Each batch row of the input is widened once (+ input offset) into scratch.
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
size_t ScratchBytes(const FullyConnectedParams& p) {
  return static_cast<size_t>(dsp_gemm::XRowWords(p.accum_depth)) * 4 + 4;
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

template <bool kFullRange>
void RunW16(const FullyConnectedParams& p, const FullyConnectedS8Args& a,
            const dsp_gemm::OutputStage& stage) {
  const auto* table = static_cast<const RequantChannel*>(a.packed);
  const int32_t* w16 = reinterpret_cast<const int32_t*>(table + p.output_depth);
  const int32_t depth = p.accum_depth;
  const int32_t words = dsp_gemm::XRowWords(depth);
  const int32_t units = p.output_depth;
  int32_t* x = AlignedRow(a.scratch);
  for (int32_t b = 0; b < p.batches; ++b) {
    dsp_gemm::FillX(a.input + static_cast<size_t>(b) * depth, depth, p.input_offset, x, 1, 0, 0);
    int8_t* out = a.output + static_cast<size_t>(b) * units;
    const int32_t* wg = w16;
    for (int32_t u0 = 0; u0 < units; u0 += kUnits, wg += words * kUnits) {
      const int32_t count = units - u0 < kUnits ? units - u0 : kUnits;
      int32_t acc[kUnits];
      for (int32_t i = 0; i < kUnits; ++i) acc[i] = i < count ? table[u0 + i].bias : 0;
      dsp_gemm::DotX1W16x4(x, wg, words, acc);
      for (int32_t i = 0; i < count; ++i) {
        dsp_gemm::StoreChannel<kFullRange>(acc + i, 1, table[u0 + i], stage, out + u0 + i, 0);
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
    const int32_t v =
        dsp::Smmulr(static_cast<int32_t>(static_cast<uint32_t>(acc) << 1), multiplier);
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

template <bool kFullRange>
void RunW8(const FullyConnectedParams& p, const FullyConnectedS8Args& a,
           const dsp_gemm::OutputStage& stage) {
  const int32_t depth = p.accum_depth;
  const int32_t weight_offset = WeightOffset(p);
  const int64_t max_abs_sum = MaxAbsSum(p);
  // Per tensor: every unit is fast if the shared shifts are and every |bias|
  // leaves room (one pass over the biases per call).
  const RequantChannel shared = Channel(p, nullptr, max_abs_sum, 0, 0);
  bool all_fast = !PerChannel(p) && shared.fast;
  for (int32_t u = 0; all_fast && a.bias != nullptr && u < p.output_depth; ++u) {
    const int64_t b = a.bias[u];
    all_fast = (b < 0 ? -b : b) + max_abs_sum < (int64_t{1} << 30);
  }
  int32_t* x = AlignedRow(a.scratch);
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in = a.input + static_cast<size_t>(b) * depth;
    dsp_gemm::FillX(in, depth, p.input_offset, x, 1, 0, 0);
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
      dsp_gemm::GemmRow<false>(x, a.weights, depth, p.output_depth, requant, out);
    } else {
      const AnyChannels<kFullRange> requant{p, a.bias, max_abs_sum, row_term, stage};
      dsp_gemm::GemmRow<false>(x, a.weights, depth, p.output_depth, requant, out);
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
                                                             &ScratchBytes,
                                                             &PackedBytesW16,
                                                             &PackW16,
                                                             &fully_connected_s8_w16__armv7em_dsp};
const FullyConnectedS8Variant kFullyConnectedS8ArmV7emDsp{"fully_connected_s8__armv7em_dsp",
                                                          KernelArch::kArmV7emDsp,
                                                          &Supports,
                                                          &ScratchBytes,
                                                          nullptr,
                                                          nullptr,
                                                          &fully_connected_s8__armv7em_dsp};

}  // namespace mote
