// DEPTHWISE_CONV_2D in bands with the output placed over the input (as the
// memory planner places it): byte-equal to the direct call on randomized
// shapes (3x3 and odd filters, depth multipliers, strides 1-3, dilation, SAME /
// VALID / odd and negative padding, batches, band heights), for every int8
// variant that runs here and for float32 and int16.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_in_place.h"
#include "support/in_place_conv_sweeps.h"

namespace mote {
namespace {

using testing::UniformInt;

// Random params with a valid output size; false if the draw gives none.
bool RandomParams(std::mt19937& rng, DepthwiseParams* out) {
  DepthwiseParams p{};
  p.batches = UniformInt(rng, 0, 4) == 0 ? UniformInt(rng, 2, 3) : 1;
  p.input_h = UniformInt(rng, 1, 12);
  p.input_w = UniformInt(rng, 1, 8);
  p.input_c = UniformInt(rng, 0, 3) == 0 ? UniformInt(rng, 9, 35) : UniformInt(rng, 1, 8);
  p.depth_multiplier = UniformInt(rng, 0, 3) == 0 ? UniformInt(rng, 2, 4) : 1;
  p.output_c = p.input_c * p.depth_multiplier;
  *out = p;
  return testing::RandomWindowAndQuantization(rng, out);
}

size_t FilterElements(const DepthwiseParams& p) {
  return static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w;
}

std::string Describe(const DepthwiseParams& p) {
  char buf[200];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d x%d out %dx%dx%d stride %d,%d dil %d,%d pad %d,%d",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w,
                p.depth_multiplier, p.output_h, p.output_w, p.output_c, p.stride_h, p.stride_w,
                p.dilation_h, p.dilation_w, p.pad_h, p.pad_w);
  return buf;
}

const testing::ConvLikeInPlaceFamily<DepthwiseParams, DepthwiseS8Args> kDepthwiseFamily = {
    &RandomParams,     &FilterElements,         &Describe,         &DepthwiseS8Variants,
    &DepthwiseConvS8,  &DepthwiseConvS8InBands, &DepthwiseConvF32, &DepthwiseConvF32InBands,
    &DepthwiseConvS16, &DepthwiseConvS16InBands};

TEST(DepthwiseConv2DInPlace, Int8EveryVariantMatchesTheDirectCall) {
  testing::CheckInt8VariantsInPlace(kDepthwiseFamily);
}

TEST(DepthwiseConv2DInPlace, FloatAndInt16MatchTheDirectCall) {
  testing::CheckFloatAndInt16InPlace(kDepthwiseFamily);
}

// The shifts for the shapes that matter: a SAME 3x3 stride-1 depthwise conv
// needs one row (KWS: 5 x 64 bytes); stride 2 shrinks the output rows faster
// than the input is consumed, so it needs none.
TEST(DepthwiseConv2DInPlace, ShiftsOfTypicalShapes) {
  DepthwiseParams p{};
  p.batches = 1;
  p.input_h = p.output_h = 25;
  p.input_w = p.output_w = 5;
  p.input_c = p.output_c = 64;
  p.depth_multiplier = 1;
  p.filter_h = p.filter_w = 3;
  p.pad_h = p.pad_w = 1;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  BandedInPlace s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 320u);
  EXPECT_EQ(s.after, 320u);
  p.input_h = p.input_w = 32;
  p.output_h = p.output_w = 16;
  p.stride_h = p.stride_w = 2;
  p.pad_h = p.pad_w = 0;
  s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 0u);
}

}  // namespace
}  // namespace mote
