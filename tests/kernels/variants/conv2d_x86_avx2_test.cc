// The x86-64 AVX2 CONV_2D variants (conv2d_s8_1x1__x86_avx2,
// conv2d_s8__x86_avx2) byte for byte against the reference ConvS8, on sweeps
// aimed at their boundaries: every depth 8..50 (16-wide chunks, the 8-wide
// head, the end-aligned masked tail), output channels 1..13 and up to 35
// (fewer channels than the 4 lanes, end-aligned last tile), odd and even
// pixel counts (the last pixel pair), padding beyond the input and negative,
// strides, dilation, batches, extreme zero points, multipliers incl.
// INT32_MIN and shifts over [-31, 30]; plus the KWS and ResNet layer shapes.
// (conv2d_variants_test.cc also runs them in its all-variants sweep.)
#include "kernels/conv2d/conv2d.h"

#if defined(MOTE_KERNELS_X86)

#include <gtest/gtest.h>

#include <string>

#include "kernels/variants/x86_avx2_test_util.h"

namespace mote {
namespace {

using x86_test::Uniform;

struct ConvCase {
  ConvParams p{};
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias, multiplier, shift;
  int misalign = 0;
};

// Shape set by the caller; fills quantization and data.
void FillConv(std::mt19937& rng, ConvCase* c) {
  ConvParams& p = c->p;
  p.filter_c = p.input_c;
  p.filters_per_group = p.output_c;
  p.has_bias = Uniform(rng, 0, 4) != 0;
  p.input_offset = -x86_test::ZeroPoint(rng);
  p.output_offset = x86_test::ZeroPoint(rng);
  x86_test::FillActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  c->misalign = Uniform(rng, 0, 3);
  c->input.resize(c->misalign + static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
  x86_test::FillInt8(rng, &c->input);
  c->filter.resize(static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w * p.filter_c);
  x86_test::FillInt8(rng, &c->filter);
  x86_test::FillBias(rng, p.output_c, &c->bias);
  x86_test::FillQuant(rng, p.output_c, &c->multiplier, &c->shift);
  p.multiplier = c->multiplier.data();
  p.shift = c->shift.data();
}

// Output size for padding `pad` before (any value) and an arbitrary amount after.
int32_t OutSize(std::mt19937& rng, int32_t in, int32_t pad, int32_t filter, int32_t dilation,
                int32_t stride) {
  const int32_t eff = (filter - 1) * dilation + 1;
  const int32_t n = (in + 2 * pad - eff) / stride + 1;
  return n < 1 ? Uniform(rng, 1, 3) : n + Uniform(rng, -1, 1) * (n > 1 ? 1 : 0);
}

std::string Describe(const ConvParams& p) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d out %dx%dx%d stride %d,%d dil %d,%d pad %d,%d "
                "io %d oo %d act [%d,%d]",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.output_h,
                p.output_w, p.output_c, p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.pad_h,
                p.pad_w, p.input_offset, p.output_offset, p.act_min, p.act_max);
  return buf;
}

// Checks `v` on `c` against the reference; false if it differed.
bool MatchesReference(const ConvS8Variant& v, const ConvCase& c) {
  const ConvParams& p = c.p;
  const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
  std::vector<int8_t> expected(out_bytes);
  const int8_t* input = c.input.data() + c.misalign;
  const int32_t* bias = p.has_bias ? c.bias.data() : nullptr;
  ConvS8(p, input, c.filter.data(), bias, expected.data());
  const ConvS8Args args{input, c.filter.data(), bias, nullptr, nullptr, nullptr};
  const std::vector<int8_t> got = x86_test::RunVariant(v, p, args, out_bytes, c.misalign);
  EXPECT_EQ(got, expected) << v.name << ": " << Describe(p);
  return got == expected;
}

ConvCase RandomCase(std::mt19937& rng, bool pointwise) {
  ConvCase c;
  ConvParams& p = c.p;
  p.batches = Uniform(rng, 1, 4) == 4 ? Uniform(rng, 2, 3) : 1;
  p.input_h = Uniform(rng, 1, 8);
  p.input_w = Uniform(rng, 1, 8);
  if (pointwise) {
    p.filter_h = p.filter_w = 1;
    p.input_c = Uniform(rng, 8, 50);
  } else {
    static const int32_t kFilters[][2] = {{3, 3}, {1, 3}, {3, 1}, {2, 2}, {5, 5}, {10, 4}, {1, 1}};
    const auto& f = kFilters[Uniform(rng, 0, 6)];
    p.filter_h = f[0];
    p.filter_w = f[1];
    const int32_t taps = p.filter_h * p.filter_w;
    p.input_c = Uniform(rng, (8 + taps - 1) / taps, taps >= 9 ? 6 : 24);
  }
  p.output_c = Uniform(rng, 0, 1) == 0 ? Uniform(rng, 1, 13) : Uniform(rng, 14, 35);
  p.stride_h = Uniform(rng, 1, 3);
  p.stride_w = Uniform(rng, 1, 3);
  p.dilation_h = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 2, 3) : 1;
  p.dilation_w = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 2, 3) : 1;
  p.pad_h = Uniform(rng, -4, 5);
  p.pad_w = Uniform(rng, -4, 5);
  p.output_h = OutSize(rng, p.input_h, p.pad_h, p.filter_h, p.dilation_h, p.stride_h);
  p.output_w = OutSize(rng, p.input_w, p.pad_w, p.filter_w, p.dilation_w, p.stride_w);
  FillConv(rng, &c);
  return c;
}

class Conv2dX86Avx2Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "this CPU has no AVX2";
  }
};

TEST_F(Conv2dX86Avx2Test, PointwiseSweep) {
  std::mt19937 rng(71);
  for (int i = 0; i < 2000; ++i) {
    const ConvCase c = RandomCase(rng, /*pointwise=*/true);
    ASSERT_TRUE(kConv2dS8_1x1X86Avx2.supports(c.p)) << Describe(c.p);
    ASSERT_TRUE(MatchesReference(kConv2dS8_1x1X86Avx2, c)) << "case " << i;
    ASSERT_TRUE(MatchesReference(kConv2dS8X86Avx2, c)) << "case " << i;
  }
}

TEST_F(Conv2dX86Avx2Test, GeneralSweep) {
  std::mt19937 rng(72);
  for (int i = 0; i < 2000; ++i) {
    const ConvCase c = RandomCase(rng, /*pointwise=*/false);
    ASSERT_TRUE(kConv2dS8X86Avx2.supports(c.p)) << Describe(c.p);
    ASSERT_TRUE(MatchesReference(kConv2dS8X86Avx2, c)) << "case " << i;
  }
}

// Every depth 8..50 and channel count 1..13 once, pointwise and 3-tap.
TEST_F(Conv2dX86Avx2Test, EveryDepthAndChannelCount) {
  std::mt19937 rng(73);
  for (int32_t depth = 8; depth <= 50; ++depth) {
    for (int32_t channels = 1; channels <= 13; channels += (depth % 3) + 1) {
      ConvCase c;
      ConvParams& p = c.p;
      p.batches = 1;
      p.input_h = 3;
      p.input_w = Uniform(rng, 2, 5);
      p.filter_h = 1;
      p.filter_w = depth % 3 == 0 ? 3 : 1;
      p.input_c = depth / p.filter_w;
      p.output_c = channels;
      p.stride_h = p.stride_w = 1;
      p.dilation_h = p.dilation_w = 1;
      p.pad_h = 0;
      p.pad_w = p.filter_w / 2;
      p.output_h = p.input_h;
      p.output_w = p.input_w;
      FillConv(rng, &c);
      if (p.filter_w == 1) {
        ASSERT_TRUE(MatchesReference(kConv2dS8_1x1X86Avx2, c));
      }
      ASSERT_TRUE(MatchesReference(kConv2dS8X86Avx2, c));
    }
  }
}

// The layer shapes of kws_ref_model and pretrainedResnet_quant.
TEST_F(Conv2dX86Avx2Test, ModelLayerShapes) {
  struct Shape {
    int32_t in_h, in_w, in_c, f_h, f_w, out_c, stride, pad_h, pad_w;
  };
  const Shape kShapes[] = {
      {49, 10, 1, 10, 4, 64, 2, 4, 1},  // KWS stem
      {25, 5, 64, 1, 1, 64, 1, 0, 0},   // KWS pointwise
      {32, 32, 3, 3, 3, 16, 1, 1, 1},   // ResNet stem
      {32, 32, 16, 3, 3, 16, 1, 1, 1},  // ResNet stage 1
      {32, 32, 16, 3, 3, 32, 2, 0, 0},  // ResNet stage 2, strided
      {32, 32, 16, 1, 1, 32, 2, 0, 0},  // ResNet shortcut
      {8, 8, 64, 3, 3, 64, 1, 1, 1},    // ResNet stage 3
  };
  std::mt19937 rng(74);
  for (const Shape& s : kShapes) {
    ConvCase c;
    ConvParams& p = c.p;
    p.batches = 1;
    p.input_h = s.in_h;
    p.input_w = s.in_w;
    p.input_c = s.in_c;
    p.filter_h = s.f_h;
    p.filter_w = s.f_w;
    p.output_c = s.out_c;
    p.stride_h = p.stride_w = s.stride;
    p.dilation_h = p.dilation_w = 1;
    p.pad_h = s.pad_h;
    p.pad_w = s.pad_w;
    p.output_h = (s.in_h + 2 * s.pad_h - s.f_h) / s.stride + 1;
    p.output_w = (s.in_w + 2 * s.pad_w - s.f_w) / s.stride + 1;
    FillConv(rng, &c);
    const ConvS8Variant& v = s.f_h == 1 && s.f_w == 1 ? kConv2dS8_1x1X86Avx2 : kConv2dS8X86Avx2;
    ASSERT_TRUE(v.supports(p)) << Describe(p);
    ASSERT_TRUE(MatchesReference(v, c));
  }
}

TEST_F(Conv2dX86Avx2Test, AcceptsItsShapesOnly) {
  std::mt19937 rng(75);
  ConvCase c = RandomCase(rng, /*pointwise=*/true);
  ConvParams p = c.p;
  p.input_c = p.filter_c = 8;
  EXPECT_TRUE(kConv2dS8_1x1X86Avx2.supports(p));
  EXPECT_TRUE(kConv2dS8X86Avx2.supports(p));
  ConvParams shallow = p;  // depth 7
  shallow.input_c = shallow.filter_c = 7;
  EXPECT_FALSE(kConv2dS8_1x1X86Avx2.supports(shallow));
  EXPECT_FALSE(kConv2dS8X86Avx2.supports(shallow));
  ConvParams three = p;  // 3x3 over one channel: depth 9
  three.filter_h = three.filter_w = 3;
  three.input_c = three.filter_c = 1;
  EXPECT_FALSE(kConv2dS8_1x1X86Avx2.supports(three));
  EXPECT_TRUE(kConv2dS8X86Avx2.supports(three));
  ConvParams grouped = p;
  grouped.input_c = 16;
  EXPECT_FALSE(kConv2dS8_1x1X86Avx2.supports(grouped));
  EXPECT_FALSE(kConv2dS8X86Avx2.supports(grouped));
  ConvParams wide_act = p;
  wide_act.act_max = 128;
  EXPECT_FALSE(kConv2dS8X86Avx2.supports(wide_act));
  std::vector<int32_t> shift(static_cast<size_t>(p.output_c), 0);
  shift.back() = 31;
  ConvParams big_shift = p;
  big_shift.shift = shift.data();
  EXPECT_FALSE(kConv2dS8X86Avx2.supports(big_shift));
  // Nothing packed (no arena for tables; non-constant weights work too).
  EXPECT_EQ(kConv2dS8X86Avx2.packed_bytes, nullptr);
  EXPECT_EQ(kConv2dS8_1x1X86Avx2.packed_bytes, nullptr);
}

}  // namespace
}  // namespace mote

#endif  // MOTE_KERNELS_X86
