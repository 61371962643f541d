// Every int8 CONV_2D variant (ConvS8Variants()) against the reference ConvS8,
// byte for byte, over randomized params crossing the variants' tile and
// unroll boundaries: channels 1..35, 1x1 / 3x3 / odd filters, strides 1-2,
// dilation, SAME / VALID / odd / negative padding, batches, extreme zero
// points, multipliers with shifts -31..+8, wide biases. Arm DSP variants run
// on the dsp:: emulation here (and on the real instructions in the target
// variant tests).
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <cstdint>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/quantization.h"
#include "kernels/conv2d/conv2d.h"
#include "kernels/conv2d/conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace {

// One randomized op: params plus the tensors they point at.
struct Case {
  ConvParams p{};
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias, multiplier, shift;
  int input_misalign = 0;  // bytes: inputs need not be word aligned
};

Case RandomCase(std::mt19937& rng, bool pointwise) {
  Case c;
  ConvParams& p = c.p;
  p.batches = Uniform(rng, 1, 3) == 3 ? 2 : 1;
  p.input_c = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 1, 4) : Uniform(rng, 1, 35);
  p.input_h = Uniform(rng, 1, 9);
  p.input_w = Uniform(rng, 1, 9);
  if (pointwise) {
    p.filter_h = p.filter_w = 1;
  } else {
    switch (Uniform(rng, 0, 3)) {
      case 0:
        p.filter_h = p.filter_w = 3;
        break;
      case 1:
        p.filter_h = Uniform(rng, 1, 5);
        p.filter_w = Uniform(rng, 1, 5);
        break;
      case 2:
        p.filter_h = 10;  // the KWS stem: 10x4 over one channel
        p.filter_w = 4;
        p.input_c = Uniform(rng, 1, 2);
        p.input_h = Uniform(rng, 8, 14);
        break;
      default:
        p.filter_h = Uniform(rng, 1, 3);
        p.filter_w = Uniform(rng, 1, 3);
        p.input_c = 4 * Uniform(rng, 1, 6);  // chunk-aligned taps
        break;
    }
  }
  p.filter_c = p.input_c;
  p.output_c = Uniform(rng, 0, 2) == 0 ? Uniform(rng, 1, 9) : Uniform(rng, 1, 35);
  p.filters_per_group = p.output_c;
  p.stride_h = Uniform(rng, 1, 2);
  p.stride_w = Uniform(rng, 1, 2);
  p.dilation_h = Uniform(rng, 0, 4) == 0 ? 2 : 1;
  p.dilation_w = Uniform(rng, 0, 4) == 0 ? 2 : 1;
  // Padding: SAME-like, VALID, or anything (negative: a band of output rows).
  const int32_t eff_h = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t eff_w = (p.filter_w - 1) * p.dilation_w + 1;
  switch (Uniform(rng, 0, 2)) {
    case 0:
      p.pad_h = (eff_h - 1) / 2;
      p.pad_w = (eff_w - 1) / 2;
      break;
    case 1:
      p.pad_h = p.pad_w = 0;
      break;
    default:
      p.pad_h = Uniform(rng, -3, 4);
      p.pad_w = Uniform(rng, -3, 4);
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
  c.filter.resize(static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w * p.filter_c);
  for (int8_t& v : c.filter) v = static_cast<int8_t>(extreme_w ? -128 : Uniform(rng, -128, 127));
  c.bias.resize(p.output_c);
  c.multiplier.resize(p.output_c);
  c.shift.resize(p.output_c);
  // Realistic cases (every channel on the kernels' fast requantization path)
  // or anything the reference accepts.
  const bool realistic = Uniform(rng, 0, 2) == 0;
  const int32_t bias_bits = !realistic && Uniform(rng, 0, 3) == 0 ? 31 : Uniform(rng, 4, 20);
  // Some realistic layers have the converter's dead channels (weights all
  // near zero): a tiny weight scale, so a bias clamped near +-2^30 and a
  // multiplier below 2^-26 (or 0, QuantizeMultiplier's for below 2^-32).
  const bool dead_channels = realistic && Uniform(rng, 0, 1) == 0;
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    c.bias[oc] = bias_bits == 31 ? static_cast<int32_t>(rng())
                                 : Uniform(rng, -(1 << bias_bits), 1 << bias_bits);
    c.multiplier[oc] =
        Uniform(rng, 0, 9) == 0 ? Uniform(rng, 0, INT32_MAX) : Uniform(rng, 1 << 30, INT32_MAX);
    c.shift[oc] = realistic                 ? Uniform(rng, -12, -1)
                  : Uniform(rng, 0, 3) == 0 ? Uniform(rng, -31, 8)
                                            : Uniform(rng, -12, 0);
    if (realistic && c.multiplier[oc] < (1 << 30)) c.multiplier[oc] |= 1 << 30;
    if (dead_channels && Uniform(rng, 0, 2) != 0) {
      c.bias[oc] = (Uniform(rng, 0, 1) == 0 ? -1 : 1) * ((1 << 30) + Uniform(rng, 0, 255));
      c.multiplier[oc] = Uniform(rng, 0, 3) == 0 ? 0 : Uniform(rng, 1 << 30, INT32_MAX);
      c.shift[oc] = c.multiplier[oc] == 0 ? 0 : Uniform(rng, -31, -26);
    }
  }
  p.multiplier = c.multiplier.data();
  p.shift = c.shift.data();
  return c;
}

// Runs `v` on `c`; returns its output. Guard bytes after the output and the
// scratch must survive.
std::vector<int8_t> RunVariant(const ConvS8Variant& v, const Case& c) {
  const ConvParams& p = c.p;
  const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
  constexpr size_t kGuard = 16;
  std::vector<int8_t> out(out_bytes + kGuard, 0x5A);
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  std::vector<uint8_t> scratch(scratch_bytes + kGuard + 16, 0xA5);
  std::vector<uint8_t> packed(packed_bytes + 16);
  uint8_t* scratch_ptr = scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  ConvS8Args a{c.input.data() + c.input_misalign,
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

std::string Describe(const ConvParams& p) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d out %dx%dx%d stride %d,%d dil %d,%d pad %d,%d "
                "io %d oo %d act [%d,%d] bias %d",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.output_h,
                p.output_w, p.output_c, p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.pad_h,
                p.pad_w, p.input_offset, p.output_offset, p.act_min, p.act_max, p.has_bias);
  return buf;
}

TEST(Conv2dVariantsTest, EveryVariantMatchesTheReference) {
  const Span<const ConvS8Variant* const> variants = ConvS8Variants();
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, "conv2d_s8__ref");
  std::vector<int> accepted(variants.size(), 0);
  std::mt19937 rng(20240607);
  for (int i = 0; i < 4000; ++i) {
    const Case c = RandomCase(rng, /*pointwise=*/i % 3 == 0);
    std::vector<int8_t> expected(static_cast<size_t>(c.p.batches) * c.p.output_h * c.p.output_w *
                                 c.p.output_c);
    ConvS8(c.p, c.input.data() + c.input_misalign, c.filter.data(),
           c.p.has_bias ? c.bias.data() : nullptr, expected.data());
    for (size_t v = 0; v < variants.size(); ++v) {
      const ConvS8Variant& variant = *variants[v];
      if (!CanRunHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(c.p)) continue;
      ++accepted[v];
      const std::vector<int8_t> got = RunVariant(variant, c);
      ASSERT_EQ(got, expected) << variant.name << " case " << i << ": " << Describe(c.p);
    }
  }
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!CanRunHere(variants[v]->arch)) continue;
    EXPECT_GT(accepted[v], 50) << variants[v]->name << " accepted too few cases";
  }
}

// The shapes each Arm DSP variant is for, and what it must refuse.
TEST(Conv2dVariantsTest, ArmDspVariantsAcceptTheirShapes) {
  std::mt19937 rng(7);
  Case pointwise = RandomCase(rng, true);
  Case general = RandomCase(rng, false);
  general.p.filter_h = general.p.filter_w = 3;
  EXPECT_TRUE(kConv2dS8_1x1ArmV7emDsp.supports(pointwise.p));
  EXPECT_FALSE(kConv2dS8_1x1ArmV7emDsp.supports(general.p));
  EXPECT_TRUE(kConv2dS8ArmV7emDsp.supports(pointwise.p));
  EXPECT_TRUE(kConv2dS8ArmV7emDsp.supports(general.p));
  ConvParams grouped = general.p;
  grouped.input_c = 2 * grouped.filter_c;
  EXPECT_FALSE(kConv2dS8ArmV7emDsp.supports(grouped));
  EXPECT_FALSE(kConv2dS8_1x1ArmV7emDsp.supports(grouped));
  // The per-channel table fits the interpreter's packed budget (16 * channels + 256).
  EXPECT_LE(kConv2dS8ArmV7emDsp.packed_bytes(general.p),
            16 * static_cast<size_t>(general.p.output_c) + 256);
}

// A real model's pointwise layer (MobileNet v1, MLPerf Tiny VWW): input zero
// point -128, per-channel multipliers from scales 1e-3..1e-2, and most
// channels dead (weights all near zero: a tiny scale, a bias clamped near
// +-2^30). Every channel must take the assembly column loop, or the layer
// costs 3-4x its instructions per MAC (the C++ per-channel path).
TEST(Conv2dVariantsTest, ConverterParamsTakeTheAssemblyPath) {
  std::mt19937 rng(11);
  Case c = RandomCase(rng, true);
  c.p.input_offset = 128;
  const double scales[] = {4.6e-9, 1.3e-11, 3e-3, 8e-3, 1.5e-3, 2e-10};
  for (int32_t oc = 0; oc < c.p.output_c; ++oc) {
    const double scale = scales[oc % 6];
    int shift = 0;
    QuantizeMultiplier(scale, &c.multiplier[oc], &shift);
    c.shift[oc] = shift;
    c.bias[oc] =
        scale < 1e-6 ? (oc % 2 == 0 ? -1073741952 : 1073741824) : Uniform(rng, -30000, 90000);
  }
  std::vector<uint8_t> packed(conv_dsp::TableBytes(c.p) + 16);
  void* aligned = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  conv_dsp::PackTable(c.p, c.bias.data(), aligned);
  EXPECT_TRUE(conv_dsp::AllFast(aligned)) << Describe(c.p);
  // ... and computes what the reference does.
  c.p.has_bias = true;
  std::vector<int8_t> expected(static_cast<size_t>(c.p.batches) * c.p.output_h * c.p.output_w *
                               c.p.output_c);
  ConvS8(c.p, c.input.data() + c.input_misalign, c.filter.data(), c.bias.data(), expected.data());
  EXPECT_EQ(RunVariant(kConv2dS8_1x1ArmV7emDsp, c), expected);
  EXPECT_EQ(RunVariant(kConv2dS8W16ArmV7emDsp, c), expected);
}

}  // namespace
}  // namespace mote
