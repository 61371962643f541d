// depthwise_conv2d_s8__x86_avx2 byte for byte against the reference
// DepthwiseConvS8: every channel count 8..40 (16-wide blocks, the 8-wide
// block, the end-aligned last block), filters 1x1..5x5 and 10x4, strides
// 1..3, dilation, padding beyond the input and negative (a band of rows),
// batches, extreme zero points, multipliers incl. INT32_MIN, shifts over
// [-31, 30]; the KWS layer shape; and what it must refuse.
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

#if defined(MOTE_KERNELS_X86)

#include <gtest/gtest.h>

#include <string>

#include "kernels/variants/x86_avx2_test_util.h"

namespace mote {
namespace {

using x86_test::Uniform;

struct DepthwiseCase {
  DepthwiseParams p{};
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias, multiplier, shift;
  int misalign = 0;
};

// Shape set by the caller; fills quantization and data.
void FillDepthwise(std::mt19937& rng, DepthwiseCase* c) {
  DepthwiseParams& p = c->p;
  p.depth_multiplier = 1;
  p.output_c = p.input_c;
  p.has_bias = Uniform(rng, 0, 4) != 0;
  p.input_offset = -x86_test::ZeroPoint(rng);
  p.output_offset = x86_test::ZeroPoint(rng);
  x86_test::FillActivation(rng, p.output_offset, &p.act_min, &p.act_max);
  c->misalign = Uniform(rng, 0, 3);
  c->input.resize(c->misalign + static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c);
  x86_test::FillInt8(rng, &c->input);
  c->filter.resize(static_cast<size_t>(p.filter_h) * p.filter_w * p.output_c);
  x86_test::FillInt8(rng, &c->filter);
  x86_test::FillBias(rng, p.output_c, &c->bias);
  x86_test::FillQuant(rng, p.output_c, &c->multiplier, &c->shift);
  p.multiplier = c->multiplier.data();
  p.shift = c->shift.data();
}

std::string Describe(const DepthwiseParams& p) {
  char buf[256];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d out %dx%d stride %d,%d dil %d,%d pad %d,%d "
                "io %d oo %d act [%d,%d]",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.output_h,
                p.output_w, p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.pad_h, p.pad_w,
                p.input_offset, p.output_offset, p.act_min, p.act_max);
  return buf;
}

bool MatchesReference(const DepthwiseCase& c) {
  const DepthwiseParams& p = c.p;
  const size_t out_bytes = static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
  std::vector<int8_t> expected(out_bytes);
  const int8_t* input = c.input.data() + c.misalign;
  const int32_t* bias = p.has_bias ? c.bias.data() : nullptr;
  DepthwiseConvS8(p, input, c.filter.data(), bias, expected.data());
  const DepthwiseS8Args args{input, c.filter.data(), bias, nullptr, nullptr, nullptr};
  const std::vector<int8_t> got =
      x86_test::RunVariant(kDepthwiseConv2dS8X86Avx2, p, args, out_bytes, c.misalign);
  EXPECT_EQ(got, expected) << Describe(p);
  return got == expected;
}

DepthwiseCase RandomCase(std::mt19937& rng, int32_t channels) {
  DepthwiseCase c;
  DepthwiseParams& p = c.p;
  p.batches = Uniform(rng, 1, 4) == 4 ? Uniform(rng, 2, 3) : 1;
  p.input_h = Uniform(rng, 1, 9);
  p.input_w = Uniform(rng, 1, 9);
  p.input_c = channels;
  static const int32_t kFilters[][2] = {{3, 3}, {3, 3}, {1, 1}, {1, 3}, {2, 2}, {5, 5}, {10, 4}};
  const auto& f = kFilters[Uniform(rng, 0, 6)];
  p.filter_h = f[0];
  p.filter_w = f[1];
  p.stride_h = Uniform(rng, 1, 3);
  p.stride_w = Uniform(rng, 1, 3);
  p.dilation_h = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 2, 3) : 1;
  p.dilation_w = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 2, 3) : 1;
  p.pad_h = Uniform(rng, -4, 5);
  p.pad_w = Uniform(rng, -4, 5);
  p.output_h = Uniform(rng, 1, 7);
  p.output_w = Uniform(rng, 1, 7);
  FillDepthwise(rng, &c);
  return c;
}

class DepthwiseConv2dX86Avx2Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "this CPU has no AVX2";
  }
};

TEST_F(DepthwiseConv2dX86Avx2Test, EveryChannelCount) {
  std::mt19937 rng(81);
  for (int32_t channels = 8; channels <= 40; ++channels) {
    for (int i = 0; i < 40; ++i) {
      const DepthwiseCase c = RandomCase(rng, channels);
      ASSERT_TRUE(kDepthwiseConv2dS8X86Avx2.supports(c.p)) << Describe(c.p);
      ASSERT_TRUE(MatchesReference(c)) << "channels " << channels << " case " << i;
    }
  }
}

TEST_F(DepthwiseConv2dX86Avx2Test, WideChannels) {
  std::mt19937 rng(82);
  for (int i = 0; i < 100; ++i) {
    const DepthwiseCase c = RandomCase(rng, Uniform(rng, 41, 140));
    ASSERT_TRUE(MatchesReference(c)) << "case " << i;
  }
}

// kws_ref_model's depthwise layers: 25x5x64, 3x3, stride 1, SAME; and a
// strided MobileNet-like one.
TEST_F(DepthwiseConv2dX86Avx2Test, ModelLayerShapes) {
  std::mt19937 rng(83);
  for (int32_t stride = 1; stride <= 2; ++stride) {
    DepthwiseCase c;
    DepthwiseParams& p = c.p;
    p.batches = 1;
    p.input_h = 25;
    p.input_w = 5;
    p.input_c = stride == 1 ? 64 : 96;
    p.filter_h = p.filter_w = 3;
    p.stride_h = p.stride_w = stride;
    p.dilation_h = p.dilation_w = 1;
    p.pad_h = p.pad_w = stride == 1 ? 1 : 0;
    p.output_h = (p.input_h + 2 * p.pad_h - 3) / stride + 1;
    p.output_w = (p.input_w + 2 * p.pad_w - 3) / stride + 1;
    FillDepthwise(rng, &c);
    ASSERT_TRUE(MatchesReference(c));
  }
}

TEST_F(DepthwiseConv2dX86Avx2Test, AcceptsItsShapesOnly) {
  std::mt19937 rng(84);
  DepthwiseCase c = RandomCase(rng, 8);
  EXPECT_TRUE(kDepthwiseConv2dS8X86Avx2.supports(c.p));
  DepthwiseParams narrow = c.p;
  narrow.input_c = narrow.output_c = 7;
  EXPECT_FALSE(kDepthwiseConv2dS8X86Avx2.supports(narrow));
  DepthwiseParams multiplier = c.p;
  multiplier.depth_multiplier = 2;
  multiplier.output_c = 16;
  EXPECT_FALSE(kDepthwiseConv2dS8X86Avx2.supports(multiplier));
  DepthwiseParams act = c.p;
  act.act_min = -129;
  EXPECT_FALSE(kDepthwiseConv2dS8X86Avx2.supports(act));
  std::vector<int32_t> shift(8, 0);
  shift[7] = -32;
  DepthwiseParams big_shift = c.p;
  big_shift.shift = shift.data();
  EXPECT_FALSE(kDepthwiseConv2dS8X86Avx2.supports(big_shift));
}

}  // namespace
}  // namespace mote

#endif  // MOTE_KERNELS_X86
