// FULLY_CONNECTED int8 variants on the target: a deterministic list of cases
// (KWS / anomaly-detection-like layers, then pseudo-random depths crossing the
// 4-value chunks and unit counts crossing the 4-unit groups, per-tensor with
// weight zero points and per-channel quantization, batches; then deep rows
// around the Arm DSP variants' depth chunk, up to micro_speech's 4,000), each
// variant against FullyConnectedS8 byte for byte.
#include "kernels/fully_connected/fully_connected.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxDepth = 160, kMaxUnits = 40, kMaxBatches = 3;
constexpr size_t kMaxInput = 8192, kMaxWeights = 16384;  // deep cases
constexpr size_t kMaxScratch = 4096, kMaxPacked = 32768;
constexpr int kRandomCases = 200, kDeepCases = 40;

int8_t g_input[kMaxInput];
int8_t g_weights[kMaxWeights];
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
  if (i >= kRandomCases) {  // deep: under, at, over one chunk; chunked rows
    constexpr int32_t kChunk = mote::kFullyConnectedDspDepthChunk;
    const int32_t depths[] = {kChunk - 1, kChunk,         kChunk + 1,     3 * kChunk + 3,
                              4 * kChunk, 4 * kChunk + 1, 5 * kChunk - 3, 4000};
    p.accum_depth = depths[(i - kRandomCases) % 8];
    // Units up to 8, as many as the weights and widened weights (one 4-unit
    // group of ceil(depth / 4) * 8 bytes each) fit.
    const int32_t by_weights = static_cast<int32_t>(kMaxWeights) / p.accum_depth;
    const int32_t group_bytes = 8 * ((p.accum_depth + 3) / 4) * 4 + 64;
    const int32_t by_packed = 4 * (static_cast<int32_t>(kMaxPacked) / group_bytes);
    int32_t max_units = by_weights < by_packed ? by_weights : by_packed;
    max_units = max_units < 8 ? max_units : 8;
    p.output_depth = rng.Uniform(1, max_units);
    p.batches = p.accum_depth <= static_cast<int32_t>(kMaxInput) / 2 ? rng.Uniform(1, 2) : 1;
  }
  const bool realistic = i < 3 || i >= kRandomCases || rng.Uniform(0, 1) == 0;
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
  // Deep rows: mostly a scale that keeps the outputs off the clamps (sums of
  // thousands of products would saturate and hide a lost chunk).
  if (i >= kRandomCases && rng.Uniform(0, 3) != 0) {
    for (int32_t u = 0; u < p.output_depth; ++u) g_shift[u] = rng.Uniform(-16, -12);
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
  VariantTally<8> tally;
  Rng rng(77);
  for (int i = 0; i < kRandomCases + kDeepCases; ++i) {
    mote::FullyConnectedParams p;
    MakeCase(i, rng, &p);
    const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_depth;
    const int32_t* bias = p.has_bias ? g_bias : nullptr;
    mote::FullyConnectedS8(p, g_input, g_weights, bias, g_expected);
    for (size_t v = 0; v < variants.size() && v < 8; ++v) {
      const mote::FullyConnectedS8Variant& variant = *variants[v];
      if (!Accepts(variant, p, kMaxScratch, kMaxPacked)) continue;
      const mote::FullyConnectedS8Args a{g_input, g_weights, bias, g_output, nullptr, g_scratch};
      if (tally.Add(v, RunMatches(variant, p, a, g_packed, g_expected, out_bytes))) {
        app::Print("  %s case %d: batches %ld depth %ld units %ld\n", variant.name, i,
                   static_cast<long>(p.batches), static_cast<long>(p.accum_depth),
                   static_cast<long>(p.output_depth));
      }
    }
  }
  tally.ReportAll(c, "fully_connected", variants, 50);
}

}  // namespace vcheck
