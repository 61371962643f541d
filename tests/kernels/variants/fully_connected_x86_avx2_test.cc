// fully_connected_s8__x86_avx2 byte for byte against the reference
// FullyConnectedS8: every depth 8..50 (16-wide chunks, the 8-wide head, the
// end-aligned masked tail), units 1..20 (fewer than the 8 lanes, end-aligned
// last block) and wide, batches, per-tensor with any weight zero point and
// per-channel quantization, extreme zero points, multipliers incl.
// INT32_MIN, shifts over [-31, 30]; the ad01 and KWS layer shapes.
#include "kernels/fully_connected/fully_connected.h"

#if defined(MOTE_KERNELS_X86)

#include <gtest/gtest.h>

#include <string>

#include "kernels/common/quantization.h"
#include "kernels/variants/x86_avx2_test_util.h"

namespace mote {
namespace {

using x86_test::Uniform;

struct FcCase {
  FullyConnectedParams p{};
  std::vector<int8_t> input, weights;
  std::vector<int32_t> bias, multiplier, shift;
  int misalign = 0;
};

// FullyConnectedS8 adds the output offset to the requantized value in int32
// (as TFLM's reference does): signed overflow, undefined, when that value is
// within 128 of the int32 limits. Such cases are drawn again (the variant
// wraps there; the reference has no defined answer).
bool ReferenceOverflows(const FcCase& c) {
  const FullyConnectedParams& p = c.p;
  const bool per_channel = p.channel_multiplier != nullptr;
  const int32_t fo = per_channel ? 0 : p.filter_offset;
  const int8_t* input = c.input.data() + c.misalign;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t u = 0; u < p.output_depth; ++u) {
      uint32_t acc = p.has_bias ? static_cast<uint32_t>(c.bias[u]) : 0u;
      for (int32_t d = 0; d < p.accum_depth; ++d) {
        acc += static_cast<uint32_t>(
            (c.weights[static_cast<size_t>(u) * p.accum_depth + d] + fo) *
            (input[static_cast<size_t>(b) * p.accum_depth + d] + p.input_offset));
      }
      const int32_t scaled = MultiplyByQuantizedMultiplier(
          static_cast<int32_t>(acc), per_channel ? p.channel_multiplier[u] : p.multiplier,
          per_channel ? p.channel_shift[u] : p.shift);
      const int64_t sum = int64_t{scaled} + p.output_offset;
      if (sum < INT32_MIN || sum > INT32_MAX) return true;
    }
  }
  return false;
}

FcCase MakeCaseOnce(std::mt19937& rng, int32_t batches, int32_t depth, int32_t units,
                    bool per_channel) {
  FcCase c;
  FullyConnectedParams& p = c.p;
  p.batches = batches;
  p.accum_depth = depth;
  p.output_depth = units;
  p.has_bias = Uniform(rng, 0, 4) != 0;
  p.input_offset = -x86_test::ZeroPoint(rng);
  p.output_offset = x86_test::ZeroPoint(rng);
  p.filter_offset = Uniform(rng, 0, 1) == 0 ? 0 : -x86_test::ZeroPoint(rng);
  x86_test::FillActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  x86_test::FillQuant(rng, units, &c.multiplier, &c.shift);
  if (per_channel) {
    p.channel_multiplier = c.multiplier.data();
    p.channel_shift = c.shift.data();
  }
  p.multiplier = c.multiplier[0];
  p.shift = c.shift[0];
  c.misalign = Uniform(rng, 0, 3);
  c.input.resize(c.misalign + static_cast<size_t>(batches) * depth);
  x86_test::FillInt8(rng, &c.input);
  c.weights.resize(static_cast<size_t>(units) * depth);
  x86_test::FillInt8(rng, &c.weights);
  x86_test::FillBias(rng, units, &c.bias);
  return c;
}

FcCase MakeCase(std::mt19937& rng, int32_t batches, int32_t depth, int32_t units,
                bool per_channel) {
  for (;;) {
    FcCase c = MakeCaseOnce(rng, batches, depth, units, per_channel);
    if (!ReferenceOverflows(c)) return c;
  }
}

std::string Describe(const FullyConnectedParams& p) {
  char buf[200];
  std::snprintf(buf, sizeof(buf), "b%d depth %d units %d %s io %d fo %d oo %d act [%d,%d]",
                p.batches, p.accum_depth, p.output_depth,
                p.channel_multiplier != nullptr ? "per-channel" : "per-tensor", p.input_offset,
                p.filter_offset, p.output_offset, p.act_min, p.act_max);
  return buf;
}

bool MatchesReference(const FcCase& c) {
  const FullyConnectedParams& p = c.p;
  const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_depth;
  std::vector<int8_t> expected(out_bytes);
  const int8_t* input = c.input.data() + c.misalign;
  const int32_t* bias = p.has_bias ? c.bias.data() : nullptr;
  FullyConnectedS8(p, input, c.weights.data(), bias, expected.data());
  const FullyConnectedS8Args args{input, c.weights.data(), bias, nullptr, nullptr, nullptr};
  const std::vector<int8_t> got =
      x86_test::RunVariant(kFullyConnectedS8X86Avx2, p, args, out_bytes, c.misalign);
  EXPECT_EQ(got, expected) << Describe(p);
  return got == expected;
}

class FullyConnectedX86Avx2Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "this CPU has no AVX2";
  }
};

TEST_F(FullyConnectedX86Avx2Test, EveryDepthAndUnitCount) {
  std::mt19937 rng(91);
  for (int32_t depth = 8; depth <= 50; ++depth) {
    for (int32_t units = 1; units <= 20; ++units) {
      const FcCase c = MakeCase(rng, Uniform(rng, 1, 3), depth, units, Uniform(rng, 0, 1) == 0);
      ASSERT_TRUE(kFullyConnectedS8X86Avx2.supports(c.p)) << Describe(c.p);
      ASSERT_TRUE(MatchesReference(c));
    }
  }
}

TEST_F(FullyConnectedX86Avx2Test, RandomShapes) {
  std::mt19937 rng(92);
  for (int i = 0; i < 400; ++i) {
    const FcCase c = MakeCase(rng, Uniform(rng, 1, 4), Uniform(rng, 8, 300), Uniform(rng, 1, 70),
                              Uniform(rng, 0, 1) == 0);
    ASSERT_TRUE(MatchesReference(c)) << "case " << i;
  }
}

// ad01_int8 (640 -> 128 -> ... -> 8 -> ... -> 640) and the KWS classifier (64 -> 12).
TEST_F(FullyConnectedX86Avx2Test, ModelLayerShapes) {
  std::mt19937 rng(93);
  const int32_t kShapes[][2] = {{640, 128}, {128, 128}, {128, 8}, {8, 128}, {128, 640}, {64, 12}};
  for (const auto& s : kShapes) {
    for (const bool per_channel : {false, true}) {
      ASSERT_TRUE(MatchesReference(MakeCase(rng, 1, s[0], s[1], per_channel)));
    }
  }
}

TEST_F(FullyConnectedX86Avx2Test, AcceptsItsShapesOnly) {
  std::mt19937 rng(94);
  const FcCase c = MakeCase(rng, 1, 8, 4, false);
  FullyConnectedParams p = c.p;
  p.shift = 0;
  p.act_min = -128;
  p.act_max = 127;
  EXPECT_TRUE(kFullyConnectedS8X86Avx2.supports(p));
  FullyConnectedParams shallow = p;
  shallow.accum_depth = 7;
  EXPECT_FALSE(kFullyConnectedS8X86Avx2.supports(shallow));
  FullyConnectedParams big_shift = p;
  big_shift.shift = 31;
  EXPECT_FALSE(kFullyConnectedS8X86Avx2.supports(big_shift));
  std::vector<int32_t> multiplier(4, 1 << 30), shift(4, 0);
  shift[3] = -32;
  FullyConnectedParams per_channel = p;
  per_channel.channel_multiplier = multiplier.data();
  per_channel.channel_shift = shift.data();
  EXPECT_FALSE(kFullyConnectedS8X86Avx2.supports(per_channel));
  shift[3] = -31;
  EXPECT_TRUE(kFullyConnectedS8X86Avx2.supports(per_channel));
  EXPECT_EQ(kFullyConnectedS8X86Avx2.packed_bytes, nullptr);  // nothing packed
}

}  // namespace
}  // namespace mote

#endif  // MOTE_KERNELS_X86
