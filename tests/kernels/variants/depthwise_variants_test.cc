// Every int8 DEPTHWISE_CONV_2D variant (DepthwiseS8Variants()) against the
// reference DepthwiseConvS8, byte for byte, over randomized params crossing
// the variants' group-of-4 and tap boundaries: channels 1..35, depth
// multipliers 1..4, 3x3 and other filters, strides 1-2, dilation, SAME /
// VALID / odd / negative / large padding, batches, extreme zero points,
// multipliers with shifts -31..+8, wide biases. Arm DSP variants run on the
// dsp:: emulation here (and on the real instructions on the target).
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/quantization.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_in_place.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace {

// One randomized op: params plus the tensors they point at.
struct Case {
  DepthwiseParams p{};
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias, multiplier, shift;
  int input_misalign = 0;  // bytes: inputs need not be word aligned
};

Case RandomCase(std::mt19937& rng, bool three_by_three) {
  Case c;
  DepthwiseParams& p = c.p;
  p.batches = Uniform(rng, 1, 3) == 3 ? 2 : 1;
  p.input_c = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 1, 9) : Uniform(rng, 1, 35);
  p.depth_multiplier = 1;
  if (!three_by_three && Uniform(rng, 0, 2) == 0) {
    p.depth_multiplier = Uniform(rng, 2, 8);
    p.input_c = Uniform(rng, 1, 9);
  }
  // One input channel (depthwise_conv2d_s8_1ch*), wide filters as in audio models.
  const bool one_channel = !three_by_three && Uniform(rng, 0, 3) == 0;
  if (one_channel) {
    p.input_c = 1;  // half the time channels in 4s (depthwise_conv2d_s8_1ch's int8 weights)
    p.depth_multiplier = Uniform(rng, 0, 1) == 0 ? 4 * Uniform(rng, 1, 4) : Uniform(rng, 1, 12);
  }
  p.output_c = p.input_c * p.depth_multiplier;
  p.input_h = Uniform(rng, 1, 9);
  p.input_w = Uniform(rng, 1, 9);
  if (three_by_three) {
    p.filter_h = p.filter_w = 3;
  } else if (one_channel) {
    p.input_h = Uniform(rng, 1, 14);
    p.input_w = Uniform(rng, 1, 14);
    p.filter_h = Uniform(rng, 1, 10);
    p.filter_w = Uniform(rng, 1, 10);
  } else if (Uniform(rng, 0, 4) == 0) {
    // Tall narrow filters over a column, as in streaming audio models (H x 1
    // filters, 40 / 128 channels), or over a few columns: up to 75 taps, past
    // the generic variant's listed-tap limit.
    p.input_w = Uniform(rng, 1, 3);
    p.input_h = Uniform(rng, 1, 32);
    p.filter_h = Uniform(rng, 1, 15);
    p.filter_w = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 2, 5) : 1;
    if (p.depth_multiplier == 1 && Uniform(rng, 0, 2) == 0) {
      p.input_c = Uniform(rng, 0, 1) == 0 ? 40 : 128 + Uniform(rng, 0, 3);
      p.output_c = p.input_c;
    }
  } else {
    p.filter_h = Uniform(rng, 1, 5);
    p.filter_w = Uniform(rng, 1, 5);
  }
  p.stride_h = Uniform(rng, 1, 2);
  p.stride_w = Uniform(rng, 1, 2);
  p.dilation_h = !three_by_three && Uniform(rng, 0, 3) == 0 ? 2 : 1;
  p.dilation_w = !three_by_three && Uniform(rng, 0, 3) == 0 ? 2 : 1;
  // Padding: SAME-like, VALID, or anything (negative: a band of output rows;
  // large: windows entirely in the padding).
  const int32_t eff_h = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t eff_w = (p.filter_w - 1) * p.dilation_w + 1;
  switch (Uniform(rng, 0, 3)) {
    case 0:
      p.pad_h = (eff_h - 1) / 2;
      p.pad_w = (eff_w - 1) / 2;
      break;
    case 1:
      p.pad_h = p.pad_w = 0;
      break;
    case 2:
      p.pad_h = Uniform(rng, -3, 4);
      p.pad_w = Uniform(rng, -3, 4);
      break;
    default:
      p.pad_h = Uniform(rng, -12, 12);
      p.pad_w = Uniform(rng, -12, 12);
      break;
  }
  const auto out_size = [&](int32_t in, int32_t pad, int32_t eff, int32_t stride) {
    const int32_t n = (in + 2 * pad - eff) / stride + 1;
    return n < 1 ? Uniform(rng, 1, 3) : n;
  };
  p.output_h = out_size(p.input_h, p.pad_h, eff_h, p.stride_h);
  p.output_w = out_size(p.input_w, p.pad_w, eff_w, p.stride_w);
  p.has_bias = Uniform(rng, 0, 5) != 0;
  p.input_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  switch (Uniform(rng, 0, 2)) {
    case 0:
      p.act_min = -128;
      p.act_max = 127;
      break;
    case 1:
      p.act_min = p.output_offset;  // ReLU
      p.act_max = 127;
      break;
    default:
      p.act_min = Uniform(rng, -128, 0);
      p.act_max = Uniform(rng, p.act_min, 127);
      break;
  }

  const int input_mode = Uniform(rng, 0, 5);  // 0: all -128, 1: all 127, else random
  c.input_misalign = Uniform(rng, 0, 3);
  c.input.resize(c.input_misalign +
                 static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
  for (int8_t& v : c.input) {
    v = static_cast<int8_t>(input_mode == 0   ? -128
                            : input_mode == 1 ? 127
                                              : Uniform(rng, -128, 127));
  }
  const bool extreme_w = Uniform(rng, 0, 5) == 0;
  c.filter.resize(static_cast<size_t>(p.filter_h) * p.filter_w * p.output_c);
  for (int8_t& v : c.filter) v = static_cast<int8_t>(extreme_w ? -128 : Uniform(rng, -128, 127));
  c.bias.resize(p.output_c);
  c.multiplier.resize(p.output_c);
  c.shift.resize(p.output_c);
  const int32_t bias_bits = Uniform(rng, 0, 3) == 0 ? 31 : Uniform(rng, 4, 20);
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    c.bias[oc] = bias_bits == 31 ? static_cast<int32_t>(rng())
                                 : Uniform(rng, -(1 << bias_bits), 1 << bias_bits);
    c.multiplier[oc] =
        Uniform(rng, 0, 9) == 0 ? Uniform(rng, 0, INT32_MAX) : Uniform(rng, 1 << 30, INT32_MAX);
    c.shift[oc] = Uniform(rng, 0, 3) == 0 ? Uniform(rng, -31, 8) : Uniform(rng, -12, 0);
  }
  // Some layers with a real model's dead channels (weights all near zero):
  // bias clamped near +-2^30, multiplier 0 (QuantizeMultiplier's under 2^-32).
  if (Uniform(rng, 0, 3) == 0) {
    for (int32_t oc = 0; oc < p.output_c; oc += 2) {
      c.bias[oc] = (oc % 4 == 0 ? -1 : 1) * (1 << 30);
      c.multiplier[oc] = 0;
      c.shift[oc] = 0;
    }
  }
  p.multiplier = c.multiplier.data();
  p.shift = c.shift.data();
  return c;
}

size_t OutputBytes(const DepthwiseParams& p) {
  return static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
}

// Runs `v` on `c`; returns its output. Guard bytes after the output and the
// scratch must survive.
std::vector<int8_t> RunVariant(const DepthwiseS8Variant& v, const Case& c) {
  const DepthwiseParams& p = c.p;
  const size_t out_bytes = OutputBytes(p);
  constexpr size_t kGuard = 16;
  std::vector<int8_t> out(out_bytes + kGuard, 0x5A);
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  std::vector<uint8_t> scratch(scratch_bytes + kGuard + 16, 0xA5);
  std::vector<uint8_t> packed(packed_bytes + 16);
  uint8_t* scratch_ptr = scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  DepthwiseS8Args a{c.input.data() + c.input_misalign,
                    c.filter.data(),
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

std::string Describe(const DepthwiseParams& p) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d x%d out %dx%dx%d stride %d,%d dil %d,%d pad %d,%d "
                "io %d oo %d act [%d,%d] bias %d",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w,
                p.depth_multiplier, p.output_h, p.output_w, p.output_c, p.stride_h, p.stride_w,
                p.dilation_h, p.dilation_w, p.pad_h, p.pad_w, p.input_offset, p.output_offset,
                p.act_min, p.act_max, p.has_bias);
  return buf;
}

TEST(DepthwiseVariantsTest, EveryVariantMatchesTheReference) {
  const Span<const DepthwiseS8Variant* const> variants = DepthwiseS8Variants();
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, "depthwise_conv2d_s8__ref");
  std::vector<int> accepted(variants.size(), 0);
  std::mt19937 rng(20240611);
  for (int i = 0; i < 4000; ++i) {
    const Case c = RandomCase(rng, /*three_by_three=*/i % 2 == 0);
    std::vector<int8_t> expected(OutputBytes(c.p));
    DepthwiseConvS8(c.p, c.input.data() + c.input_misalign, c.filter.data(),
                    c.p.has_bias ? c.bias.data() : nullptr, expected.data());
    for (size_t v = 0; v < variants.size(); ++v) {
      const DepthwiseS8Variant& variant = *variants[v];
      if (!CanRunHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(c.p)) continue;
      ++accepted[v];
      const std::vector<int8_t> got = RunVariant(variant, c);
      ASSERT_EQ(got, expected) << variant.name << " case " << i << ": " << Describe(c.p);
    }
  }
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!CanRunHere(variants[v]->arch)) continue;
    EXPECT_GT(accepted[v], 200) << variants[v]->name << " accepted too few cases";
  }
}

// Each variant called band by band, as Eval does when the output overlaps the
// input (kernels/common/banded.h: per band, output_h = rows and pad_h shifted,
// possibly negative), with packed constants and scratch sized for the whole op.
TEST(DepthwiseVariantsTest, EveryVariantMatchesTheReferenceInBands) {
  const Span<const DepthwiseS8Variant* const> variants = DepthwiseS8Variants();
  std::mt19937 rng(99);
  int runs = 0;
  for (int i = 0; i < 600; ++i) {
    const Case c = RandomCase(rng, /*three_by_three=*/i % 3 != 0);
    const DepthwiseParams& p = c.p;
    std::vector<int8_t> expected(OutputBytes(p));
    DepthwiseConvS8(p, c.input.data() + c.input_misalign, c.filter.data(),
                    p.has_bias ? c.bias.data() : nullptr, expected.data());
    const int32_t band_rows = Uniform(rng, 1, 3);
    for (const DepthwiseS8Variant* v : variants) {
      if (!CanRunHere(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
      const size_t scratch_bytes = v->scratch_bytes != nullptr ? v->scratch_bytes(p) : 0;
      const size_t packed_bytes = v->packed_bytes != nullptr ? v->packed_bytes(p) : 0;
      std::vector<uint8_t> scratch(scratch_bytes + 32, 0xA5), packed(packed_bytes + 16);
      uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
      // 16-byte aligned, as the planner gives it (KernelVariant::scratch_bytes).
      uint8_t* scratch_ptr =
          scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
      std::vector<int8_t> out(OutputBytes(p));
      std::vector<int8_t> band(static_cast<size_t>(band_rows) * p.output_w * p.output_c);
      DepthwiseS8Args a{c.input.data() + c.input_misalign,
                        c.filter.data(),
                        p.has_bias ? c.bias.data() : nullptr,
                        out.data(),
                        nullptr,
                        scratch_bytes > 0 ? scratch_ptr : nullptr};
      if (packed_bytes > 0) {
        v->pack(p, a, packed_ptr);
        a.packed = packed_ptr;
      }
      DepthwiseConvS8InBands(v->eval, p, a, band_rows, band.data());
      ++runs;
      ASSERT_EQ(out, expected) << v->name << " case " << i << " bands of " << band_rows << ": "
                               << Describe(p);
      for (size_t k = 0; k < 16; ++k) {
        ASSERT_EQ(scratch_ptr[scratch_bytes + k], 0xA5) << v->name << " wrote past its scratch";
      }
    }
  }
  EXPECT_GT(runs, 1500);
}

// The shapes each Arm DSP variant is for, and what it must refuse.
TEST(DepthwiseVariantsTest, ArmDspVariantsAcceptTheirShapes) {
  std::mt19937 rng(11);
  Case c = RandomCase(rng, /*three_by_three=*/true);
  DepthwiseParams p = c.p;
  p.depth_multiplier = 1;
  p.output_c = p.input_c = 64;
  p.dilation_h = p.dilation_w = 1;
  p.input_offset = 128;  // zero point -128
  for (int32_t stride = 1; stride <= 2; ++stride) {
    p.stride_h = p.stride_w = stride;
    EXPECT_TRUE(kDepthwiseConv2dS8_3x3PackedArmV7emDsp.supports(p));
    EXPECT_TRUE(kDepthwiseConv2dS8_3x3ArmV7emDsp.supports(p));
    EXPECT_TRUE(kDepthwiseConv2dS8ArmV7emDsp.supports(p));
  }
  // The interpreter's packed budget (16 * channels + 256): the scratch-widening
  // 3x3 variant and the general one fit; the pre-widened one is for AOT.
  const size_t budget = 16 * static_cast<size_t>(p.output_c) + 256;
  EXPECT_LE(kDepthwiseConv2dS8_3x3ArmV7emDsp.packed_bytes(p), budget);
  EXPECT_LE(kDepthwiseConv2dS8ArmV7emDsp.packed_bytes(p), budget);
  EXPECT_GT(kDepthwiseConv2dS8_3x3PackedArmV7emDsp.packed_bytes(p), budget);

  DepthwiseParams other = p;
  other.stride_h = 3;
  EXPECT_FALSE(kDepthwiseConv2dS8_3x3ArmV7emDsp.supports(other));
  EXPECT_TRUE(kDepthwiseConv2dS8ArmV7emDsp.supports(other));
  other = p;
  other.dilation_w = 2;
  EXPECT_FALSE(kDepthwiseConv2dS8_3x3ArmV7emDsp.supports(other));
  EXPECT_TRUE(kDepthwiseConv2dS8ArmV7emDsp.supports(other));
  other = p;
  other.depth_multiplier = 2;
  other.output_c = 2 * other.input_c;
  EXPECT_FALSE(kDepthwiseConv2dS8_3x3PackedArmV7emDsp.supports(other));
  EXPECT_TRUE(kDepthwiseConv2dS8ArmV7emDsp.supports(other));
  other = p;
  other.filter_w = 5;
  EXPECT_FALSE(kDepthwiseConv2dS8_3x3ArmV7emDsp.supports(other));
  EXPECT_TRUE(kDepthwiseConv2dS8ArmV7emDsp.supports(other));
  other = p;
  other.input_offset = 129;  // zero point -129 is not int8
  EXPECT_FALSE(kDepthwiseConv2dS8_3x3ArmV7emDsp.supports(other));
  EXPECT_FALSE(kDepthwiseConv2dS8ArmV7emDsp.supports(other));
}

// The folded requantization against the reference's two roundings, over
// random and boundary accumulators, every shift it takes and the edges of
// the ones it refuses.
TEST(DepthwiseVariantsTest, FusedRequantizationEqualsTheReference) {
  std::mt19937 rng(5);
  const int32_t edge_acc[] = {
      0, 1, -1, 2, -2, INT32_MAX, INT32_MIN, INT32_MIN + 1, 1 << 30, -(1 << 30), 12345, -12345};
  // A dead channel of a real model (multiplier 0, shift 0): fused, every output its zero point.
  for (const int32_t zp : {-256, -128, -3, 0, 127, 256}) {
    const dsp_depthwise::FusedRequant dead = dsp_depthwise::MakeFusedRequant(0, 0, zp);
    ASSERT_GE(dead.e1, 0) << "zp " << zp;
    for (const int32_t acc : edge_acc) {
      ASSERT_EQ(dsp_depthwise::RequantizeFused(acc, dead),
                MultiplyByQuantizedMultiplier(acc, 0, 0) + zp)
          << "acc " << acc << " zp " << zp;
    }
  }
  int fused = 0;
  for (int32_t shift = -31; shift <= 8; ++shift) {
    for (int i = 0; i < 400; ++i) {
      const int32_t m = i % 4 == 0 ? Uniform(rng, 0, INT32_MAX) : Uniform(rng, 1 << 30, INT32_MAX);
      const int32_t zp = i % 5 == 0 ? Uniform(rng, -256, 256) : Uniform(rng, -128, 127);
      const dsp_depthwise::FusedRequant r = dsp_depthwise::MakeFusedRequant(m, shift, zp);
      const bool takes = shift <= -1 && shift >= -22;
      ASSERT_EQ(r.e1 >= 0, takes) << "shift " << shift;
      if (!takes) continue;
      ++fused;
      for (int j = 0; j < 16; ++j) {
        const int32_t acc = j < 12 ? edge_acc[j] : static_cast<int32_t>(rng());
        const int32_t expected = MultiplyByQuantizedMultiplier(acc, m, shift) + zp;
        ASSERT_EQ(dsp_depthwise::RequantizeFused(acc, r), expected)
            << "acc " << acc << " m " << m << " shift " << shift << " zp " << zp;
      }
      // Ties of the second rounding: with m = 2^30, acc = odd * 2^e.
      const int32_t e = -shift;
      if (e <= 20) {
        const int32_t tie_acc = (2 * Uniform(rng, -100, 100) + 1) * (1 << e);
        const dsp_depthwise::FusedRequant half = dsp_depthwise::MakeFusedRequant(1 << 30, shift, 0);
        ASSERT_EQ(dsp_depthwise::RequantizeFused(tie_acc, half),
                  MultiplyByQuantizedMultiplier(tie_acc, 1 << 30, shift))
            << "tie acc " << tie_acc << " shift " << shift;
      }
    }
  }
  EXPECT_GT(fused, 8000);
  // Refused: negative multipliers, zero points beyond 256.
  EXPECT_LT(dsp_depthwise::MakeFusedRequant(-5, -3, 0).e1, 0);
  EXPECT_LT(dsp_depthwise::MakeFusedRequant(1 << 30, -3, 300).e1, 0);
}

// The halfword multiply-accumulates the variants add to arm_dsp.h.
TEST(DepthwiseVariantsTest, HalfwordMultiplyAccumulates) {
  const auto h2 = [](int16_t lo, int16_t hi) {
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint16_t>(lo)) |
                                (static_cast<uint32_t>(static_cast<uint16_t>(hi)) << 16));
  };
  EXPECT_EQ(dsp::Smlabb(h2(3, -4), h2(-5, 6), 100), 100 - 15);
  EXPECT_EQ(dsp::Smlatt(h2(3, -4), h2(-5, 6), 100), 100 - 24);
  EXPECT_EQ(dsp::Smlabb(h2(-32768, 0), h2(-32768, 0), INT32_MAX),
            static_cast<int32_t>(0x7FFFFFFFu + 0x40000000u));  // wraps
  EXPECT_EQ(dsp::Smlatt(h2(0, 1), h2(0, 1), INT32_MAX), INT32_MIN);
}

}  // namespace
}  // namespace mote
