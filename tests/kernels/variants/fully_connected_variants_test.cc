// Every int8 FULLY_CONNECTED variant (FullyConnectedS8Variants()) against the
// reference FullyConnectedS8, byte for byte, over randomized params crossing
// the variants' tile and unroll boundaries: depth 1..70 (odd, partial
// chunks), 1..35 units (under and over the 4-unit groups), batches 0..3,
// per-tensor (with weight zero points) and per-channel quantization, extreme
// zero points, shifts -31..+8, wide biases; then deep rows around the Arm DSP
// variants' depth chunk (kFullyConnectedDspDepthChunk), whose scratch must
// stay bounded.
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/fully_connected/fully_connected.h"

namespace mote {
namespace {

struct Case {
  FullyConnectedParams p{};
  std::vector<int8_t> input, weights;
  std::vector<int32_t> bias, multiplier, shift;
  int input_misalign = 0;
};

// A random case; `depth` / `n_units` > 0 fix those shapes.
Case RandomCase(std::mt19937& rng, int32_t depth = 0, int32_t n_units = 0) {
  Case c;
  FullyConnectedParams& p = c.p;
  p.batches = Uniform(rng, 0, 9) == 0 ? Uniform(rng, 0, 3) : 1;
  p.accum_depth = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 1, 9) : Uniform(rng, 1, 70);
  p.output_depth = Uniform(rng, 0, 2) == 0 ? Uniform(rng, 1, 8) : Uniform(rng, 1, 35);
  if (depth > 0) p.accum_depth = depth;
  if (n_units > 0) p.output_depth = n_units;
  p.has_bias = Uniform(rng, 0, 5) != 0;
  p.input_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  const bool per_channel = Uniform(rng, 0, 2) == 0;
  p.filter_offset = per_channel || Uniform(rng, 0, 1) == 0 ? 0 : -RandomZeroPoint(rng);
  switch (Uniform(rng, 0, 2)) {
    case 0:
      p.act_min = -128;
      p.act_max = 127;
      break;
    case 1:
      p.act_min = p.output_offset;
      p.act_max = 127;
      break;
    default:
      p.act_min = Uniform(rng, -128, 0);
      p.act_max = Uniform(rng, p.act_min, 127);
      break;
  }
  const int input_mode = Uniform(rng, 0, 5);
  c.input_misalign = Uniform(rng, 0, 3);
  c.input.resize(c.input_misalign + static_cast<size_t>(p.batches) * p.accum_depth);
  for (int8_t& v : c.input) {
    v = static_cast<int8_t>(input_mode == 0   ? -128
                            : input_mode == 1 ? 127
                                              : Uniform(rng, -128, 127));
  }
  const bool extreme_w = Uniform(rng, 0, 5) == 0;
  c.weights.resize(static_cast<size_t>(p.output_depth) * p.accum_depth);
  for (int8_t& v : c.weights) v = static_cast<int8_t>(extreme_w ? -128 : Uniform(rng, -128, 127));
  const int32_t units = p.output_depth;
  c.bias.resize(units);
  c.multiplier.resize(units);
  c.shift.resize(units);
  // Realistic cases (every channel on the kernels' fast requantization path)
  // or anything the reference accepts.
  const bool realistic = Uniform(rng, 0, 2) == 0;
  const int32_t bias_bits = !realistic && Uniform(rng, 0, 3) == 0 ? 31 : Uniform(rng, 4, 20);
  for (int32_t u = 0; u < units; ++u) {
    c.bias[u] = bias_bits == 31 ? static_cast<int32_t>(rng())
                                : Uniform(rng, -(1 << bias_bits), 1 << bias_bits);
    c.multiplier[u] =
        Uniform(rng, 0, 9) == 0 ? Uniform(rng, 0, INT32_MAX) : Uniform(rng, 1 << 30, INT32_MAX);
    c.shift[u] = realistic                 ? Uniform(rng, -12, -1)
                 : Uniform(rng, 0, 3) == 0 ? Uniform(rng, -31, 8)
                                           : Uniform(rng, -12, 0);
  }
  p.multiplier = c.multiplier[0];
  p.shift = c.shift[0];
  p.channel_multiplier = per_channel ? c.multiplier.data() : nullptr;
  p.channel_shift = per_channel ? c.shift.data() : nullptr;
  return c;
}

std::vector<int8_t> RunVariant(const FullyConnectedS8Variant& v, const Case& c) {
  const FullyConnectedParams& p = c.p;
  const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_depth;
  constexpr size_t kGuard = 16;
  std::vector<int8_t> out(out_bytes + kGuard, 0x5A);
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  std::vector<uint8_t> scratch(scratch_bytes + kGuard + 16, 0xA5);
  std::vector<uint8_t> packed(packed_bytes + 16);
  uint8_t* scratch_ptr = scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  FullyConnectedS8Args a{c.input.data() + c.input_misalign,
                         c.weights.data(),
                         p.has_bias ? c.bias.data() : nullptr,
                         out.data(),
                         nullptr,
                         scratch_bytes > 0 ? scratch_ptr : nullptr};
  if (packed_bytes > 0) {
    v.pack(p, a, packed_ptr);
    a.packed = packed_ptr;
  }
  v.eval(p, a);
  for (size_t i = 0; i < kGuard; ++i) {
    EXPECT_EQ(out[out_bytes + i], 0x5A) << v.name << " wrote past the output";
    EXPECT_EQ(scratch_ptr[scratch_bytes + i], 0xA5) << v.name << " wrote past its scratch";
  }
  out.resize(out_bytes);
  return out;
}

std::string Describe(const FullyConnectedParams& p) {
  char buf[200];
  std::snprintf(buf, sizeof(buf),
                "batches %d depth %d units %d io %d fo %d oo %d act [%d,%d] bias %d per-channel %d",
                p.batches, p.accum_depth, p.output_depth, p.input_offset, p.filter_offset,
                p.output_offset, p.act_min, p.act_max, p.has_bias, p.channel_multiplier != nullptr);
  return buf;
}

// Runs every variant that runs here and accepts c on c, against the
// reference; counts the acceptances. False after a mismatch.
bool CheckCase(const Case& c, const std::string& label, std::vector<int>* accepted) {
  const Span<const FullyConnectedS8Variant* const> variants = FullyConnectedS8Variants();
  std::vector<int8_t> expected(static_cast<size_t>(c.p.batches) * c.p.output_depth);
  FullyConnectedS8(c.p, c.input.data() + c.input_misalign, c.weights.data(),
                   c.p.has_bias ? c.bias.data() : nullptr, expected.data());
  for (size_t v = 0; v < variants.size(); ++v) {
    const FullyConnectedS8Variant& variant = *variants[v];
    if (!CanRunHere(variant.arch)) continue;
    if (variant.supports != nullptr && !variant.supports(c.p)) continue;
    ++(*accepted)[v];
    const std::vector<int8_t> got = RunVariant(variant, c);
    EXPECT_EQ(got, expected) << variant.name << " " << label << ": " << Describe(c.p);
    if (got != expected) return false;
  }
  return true;
}

TEST(FullyConnectedVariantsTest, EveryVariantMatchesTheReference) {
  const Span<const FullyConnectedS8Variant* const> variants = FullyConnectedS8Variants();
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, "fully_connected_s8__ref");
  std::vector<int> accepted(variants.size(), 0);
  std::mt19937 rng(99);
  for (int i = 0; i < 3000; ++i) {
    ASSERT_TRUE(CheckCase(RandomCase(rng), "case " + std::to_string(i), &accepted));
  }
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!CanRunHere(variants[v]->arch)) continue;
    EXPECT_GT(accepted[v], 100) << variants[v]->name << " accepted too few cases";
  }
}

// Depths just under, at and over one chunk (rows widened whole) and over
// several (chunked: the last chunk whole, of 1 value, partial with a partial
// 4-value chunk); units under, at and over the 4-unit groups, up to where the
// accumulators make chunking not worth it (then the whole row is widened).
TEST(FullyConnectedVariantsTest, DeepRowsAcrossTheDspDepthChunk) {
  constexpr int32_t kChunk = kFullyConnectedDspDepthChunk;
  const int32_t depths[] = {kChunk - 1,     kChunk,         kChunk + 1,
                            2 * kChunk + 1, 3 * kChunk + 3, 4 * kChunk,
                            4 * kChunk + 1, 5 * kChunk - 3, 4000};
  const int32_t units[] = {1, 3, 4, 5, 7, 12, 130, 400};
  std::vector<int> accepted(FullyConnectedS8Variants().size(), 0);
  std::mt19937 rng(2024);
  int i = 0;
  for (const int32_t depth : depths) {
    for (const int32_t n : units) {
      for (int rep = 0; rep < 3; ++rep, ++i) {
        Case c = RandomCase(rng, depth, n);
        // Mostly a scale that keeps the outputs off the clamps (sums of
        // thousands of products would saturate and hide a lost chunk).
        if (rep > 0) {
          for (int32_t& shift : c.shift) shift = Uniform(rng, -16, -12);
          c.p.shift = c.shift[0];
        }
        ASSERT_TRUE(CheckCase(c, "deep case " + std::to_string(i), &accepted));
      }
    }
  }
  for (const FullyConnectedS8Variant* v :
       {&kFullyConnectedS8ArmV7emDsp, &kFullyConnectedS8W16ArmV7emDsp}) {
    size_t index = 0;
    while (FullyConnectedS8Variants()[index] != v) ++index;
    if (CanRunHere(v->arch)) {
      EXPECT_GT(accepted[index], 50) << v->name;
    }
  }
}

// The widened-row scratch is bounded by a chunk plus 4 bytes per unit once
// that is at most half the row's (micro_speech's 4,000-deep layer: 8,004 ->
// 532 bytes), and never grows past the whole row's.
TEST(FullyConnectedVariantsTest, DspScratchIsBoundedForDeepRows) {
  constexpr int32_t kChunk = kFullyConnectedDspDepthChunk;
  constexpr size_t kChunkBytes = 2 * kChunk + 4;
  const auto row_bytes = [](int32_t depth) {
    return 8 * static_cast<size_t>((depth + 3) / 4) + 4;  // XRowWords(depth) words + 4
  };
  FullyConnectedParams p{};
  p.batches = 1;
  // The int8-weight variant (the interpreter's) reads its input in place: no
  // scratch, so its arena is the reference's.
  EXPECT_EQ(kFullyConnectedS8ArmV7emDsp.scratch_bytes, nullptr);
  for (const FullyConnectedS8Variant* v : {&kFullyConnectedS8W16ArmV7emDsp}) {
    p.accum_depth = 4000, p.output_depth = 4;
    EXPECT_EQ(v->scratch_bytes(p), kChunkBytes + 16) << v->name;
    p.accum_depth = 3 * kChunk + 3, p.output_depth = 5;
    EXPECT_LE(v->scratch_bytes(p), kChunkBytes + 32) << v->name;
    // Anomaly detection's 640 x 128: chunked only if that halves the scratch.
    p.accum_depth = 640, p.output_depth = 128;
    const size_t chunked = kChunkBytes + 4 * 128;
    EXPECT_EQ(v->scratch_bytes(p), 2 * chunked <= row_bytes(640) ? chunked : row_bytes(640))
        << v->name;
    // Many units just over a chunk: the whole row is smaller.
    p.accum_depth = kChunk + 8, p.output_depth = 64;
    EXPECT_EQ(v->scratch_bytes(p), row_bytes(kChunk + 8)) << v->name;
    p.accum_depth = kChunk, p.output_depth = 1;
    EXPECT_EQ(v->scratch_bytes(p), kChunkBytes) << v->name;
  }
}

TEST(FullyConnectedVariantsTest, ArmDspVariantsAcceptTheirShapes) {
  std::mt19937 rng(3);
  Case c = RandomCase(rng);
  c.p.filter_offset = 128;  // weight zero point -128, per tensor
  c.p.channel_multiplier = nullptr;
  c.p.channel_shift = nullptr;
  EXPECT_TRUE(kFullyConnectedS8ArmV7emDsp.supports(c.p));
  EXPECT_TRUE(kFullyConnectedS8W16ArmV7emDsp.supports(c.p));
  // In-place weights: nothing packed (no arena per unit), so the interpreter
  // takes it even for weights computed at run time.
  EXPECT_EQ(kFullyConnectedS8ArmV7emDsp.packed_bytes, nullptr);
  // Widened weights: larger than the budget for any real layer (ahead of time only).
  c.p.accum_depth = 64;
  c.p.output_depth = 16;
  EXPECT_GT(kFullyConnectedS8W16ArmV7emDsp.packed_bytes(c.p), 16 * 16 + 256u);
}

}  // namespace
}  // namespace mote
