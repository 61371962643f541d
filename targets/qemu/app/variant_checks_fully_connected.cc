// FULLY_CONNECTED int8 variants on the target: a deterministic list of cases
// (KWS / anomaly-detection-like layers, then pseudo-random depths crossing the
// 4-value chunks and unit counts crossing the 4-unit groups, per-tensor with
// weight zero points and per-channel quantization, batches), each variant
// against FullyConnectedS8 byte for byte.
#include <cstring>

#include "kernels/fully_connected/fully_connected.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxDepth = 160, kMaxUnits = 40, kMaxBatches = 3;
constexpr size_t kMaxScratch = 1024, kMaxPacked = 32768;

int8_t g_input[kMaxBatches * kMaxDepth];
int8_t g_weights[kMaxUnits * kMaxDepth];
int8_t g_expected[kMaxBatches * kMaxUnits];
int8_t g_output[kMaxBatches * kMaxUnits + 16];
int32_t g_bias[kMaxUnits], g_multiplier[kMaxUnits], g_shift[kMaxUnits];
alignas(16) uint8_t g_scratch[kMaxScratch];
alignas(16) uint8_t g_packed[kMaxPacked];

void MakeCase(int i, Rng& rng, mote::FullyConnectedParams* out) {
  mote::FullyConnectedParams p{};
  p.batches = i % 7 == 6 ? rng.Uniform(0, 3) : 1;
  switch (i) {
    case 0:  // KWS classifier
      p.accum_depth = 64, p.output_depth = 12;
      break;
    case 1:  // anomaly detection: 128 -> 8 -> 128
      p.accum_depth = 128, p.output_depth = 8;
      break;
    case 2:
      p.accum_depth = 8, p.output_depth = 40;
      break;
    default:
      p.accum_depth = rng.Uniform(0, 3) == 0 ? rng.Uniform(1, 9) : rng.Uniform(1, 160);
      p.output_depth = rng.Uniform(0, 2) == 0 ? rng.Uniform(1, 8) : rng.Uniform(1, 40);
      break;
  }
  const bool realistic = i < 3 || rng.Uniform(0, 1) == 0;
  const bool per_channel = rng.Uniform(0, 2) == 0;
  p.has_bias = rng.Uniform(0, 4) != 0;
  p.input_offset = -rng.ZeroPoint();
  p.output_offset = rng.ZeroPoint();
  p.filter_offset = per_channel || rng.Uniform(0, 1) == 0 ? 0 : -rng.ZeroPoint();
  if (realistic || rng.Uniform(0, 1) == 0) {
    p.act_min = -128, p.act_max = 127;
  } else {
    p.act_min = rng.Uniform(-128, 0);
    p.act_max = rng.Uniform(p.act_min, 127);
  }
  for (size_t k = 0; k < static_cast<size_t>(p.batches) * p.accum_depth; ++k)
    g_input[k] = rng.Int8();
  for (size_t k = 0; k < static_cast<size_t>(p.output_depth) * p.accum_depth; ++k) {
    g_weights[k] = rng.Int8();
  }
  for (int32_t u = 0; u < p.output_depth; ++u) {
    g_bias[u] = realistic ? rng.Uniform(-(1 << 16), 1 << 16) : static_cast<int32_t>(rng.Next());
    g_multiplier[u] = rng.Uniform(1 << 30, INT32_MAX);
    g_shift[u] = realistic ? rng.Uniform(-12, -1) : rng.Uniform(-31, 4);
  }
  p.multiplier = g_multiplier[0];
  p.shift = g_shift[0];
  p.channel_multiplier = per_channel ? g_multiplier : nullptr;
  p.channel_shift = per_channel ? g_shift : nullptr;
  *out = p;
}

}  // namespace

void CheckFullyConnectedVariants(app::Checks& c) {
  const mote::Span<const mote::FullyConnectedS8Variant* const> variants =
      mote::FullyConnectedS8Variants();
  int accepted[8] = {}, mismatches[8] = {};
  Rng rng(77);
  for (int i = 0; i < 200; ++i) {
    mote::FullyConnectedParams p;
    MakeCase(i, rng, &p);
    const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_depth;
    const int32_t* bias = p.has_bias ? g_bias : nullptr;
    mote::FullyConnectedS8(p, g_input, g_weights, bias, g_expected);
    for (size_t v = 0; v < variants.size() && v < 8; ++v) {
      const mote::FullyConnectedS8Variant& variant = *variants[v];
      if (!RunsHere(variant.arch) || (variant.supports != nullptr && !variant.supports(p))) {
        continue;
      }
      const size_t scratch = variant.scratch_bytes != nullptr ? variant.scratch_bytes(p) : 0;
      const size_t packed = variant.packed_bytes != nullptr ? variant.packed_bytes(p) : 0;
      if (scratch > kMaxScratch || packed > kMaxPacked) continue;
      mote::FullyConnectedS8Args a{g_input, g_weights, bias, g_output, nullptr, g_scratch};
      if (packed > 0) {
        variant.pack(p, a, g_packed);
        a.packed = g_packed;
      }
      memset(g_output, 0x5A, out_bytes + 16);
      variant.eval(p, a);
      ++accepted[v];
      bool ok = memcmp(g_output, g_expected, out_bytes) == 0;
      for (size_t k = 0; k < 16; ++k) ok = ok && g_output[out_bytes + k] == 0x5A;
      if (!ok) {
        if (mismatches[v] == 0) {
          app::Print("  %s case %d: batches %ld depth %ld units %ld\n", variant.name, i,
                     static_cast<long>(p.batches), static_cast<long>(p.accum_depth),
                     static_cast<long>(p.output_depth));
        }
        ++mismatches[v];
      }
    }
  }
  for (size_t v = 0; v < variants.size() && v < 8; ++v) {
    if (!RunsHere(variants[v]->arch)) continue;
    Report(c, "fully_connected", variants[v]->name, accepted[v], mismatches[v], 50);
  }
}

}  // namespace vcheck
