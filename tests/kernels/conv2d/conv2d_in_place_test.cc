// CONV_2D in bands with the output placed over the input (as the memory
// planner places it): byte-equal to the direct call on randomized shapes
// (1x1, 3x3 and odd filters, strides 1-3, dilation, SAME / VALID / odd and
// negative padding, groups, batches, band heights), for every int8 variant
// that runs here and for float32 and int16.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>

#include "kernels/conv2d/conv2d.h"
#include "kernels/conv2d/conv2d_in_place.h"
#include "support/in_place_conv_sweeps.h"

namespace mote {
namespace {

using testing::UniformInt;

// Random params with a valid output size; false if the draw gives none.
bool RandomParams(std::mt19937& rng, ConvParams* out) {
  ConvParams p{};
  p.batches = UniformInt(rng, 0, 4) == 0 ? UniformInt(rng, 2, 3) : 1;
  p.input_h = UniformInt(rng, 1, 12);
  p.input_w = UniformInt(rng, 1, 8);
  const int32_t groups = UniformInt(rng, 0, 5) == 0 ? UniformInt(rng, 2, 3) : 1;
  p.filter_c = UniformInt(rng, 0, 3) == 0 ? UniformInt(rng, 9, 35) : UniformInt(rng, 1, 8);
  p.input_c = p.filter_c * groups;
  p.filters_per_group = UniformInt(rng, 1, 20);
  p.output_c = p.filters_per_group * groups;
  *out = p;
  return testing::RandomWindowAndQuantization(rng, out);
}

size_t FilterElements(const ConvParams& p) {
  return static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w * p.filter_c;
}

std::string Describe(const ConvParams& p) {
  char buf[200];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%dx%d out %dx%dx%d stride %d,%d dil %d,%d pad %d,%d",
                p.batches, p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.filter_c,
                p.output_h, p.output_w, p.output_c, p.stride_h, p.stride_w, p.dilation_h,
                p.dilation_w, p.pad_h, p.pad_w);
  return buf;
}

const testing::ConvLikeInPlaceFamily<ConvParams, ConvS8Args> kConvFamily = {
    &RandomParams,  &FilterElements, &Describe,       &ConvS8Variants, &ConvS8,
    &ConvS8InBands, &ConvF32,        &ConvF32InBands, &ConvS16,        &ConvS16InBands};

TEST(Conv2DInPlace, Int8EveryVariantMatchesTheDirectCall) {
  testing::CheckInt8VariantsInPlace(kConvFamily);
}

TEST(Conv2DInPlace, FloatAndInt16MatchTheDirectCall) {
  testing::CheckFloatAndInt16InPlace(kConvFamily);
}

// The shifts for the shapes that matter: a 1x1 conv that does not widen the
// rows needs none; a SAME 3x3 stride-1 conv one input row (rounded to 16).
TEST(Conv2DInPlace, ShiftsOfTypicalShapes) {
  ConvParams p{};
  p.batches = 1;
  p.input_h = p.output_h = 25;
  p.input_w = p.output_w = 5;
  p.input_c = p.filter_c = 64;
  p.output_c = p.filters_per_group = 64;
  p.filter_h = p.filter_w = 1;
  p.stride_h = p.stride_w = p.dilation_h = p.dilation_w = 1;
  BandedInPlace s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 0u);
  EXPECT_EQ(s.after, 0u);
  p.output_c = p.filters_per_group = 32;  // narrower output rows: still none
  s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 0u);
  p.output_c = p.filters_per_group = 64;
  p.filter_h = p.filter_w = 3;
  p.pad_h = p.pad_w = 1;
  s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 320u);  // one 5 x 64 row
  EXPECT_EQ(s.after, 320u);
  // Two batches: the second batch's bands must not overwrite it early.
  p.batches = 2;
  s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, false);
  EXPECT_EQ(s.before, 320u);
  // Direct (no band buffer): the band's own input rows too, so one row more.
  s = InPlaceShifts(BandGeometryOf(p, 1), 1, 16, true);
  EXPECT_EQ(s.before, 640u);
  EXPECT_EQ(s.after, 640u);
  p.filter_h = p.filter_w = 1;
  p.pad_h = p.pad_w = 0;
  s = InPlaceShifts(BandGeometryOf(p, 2), 2, 16, true);
  EXPECT_EQ(s.before, 1280u);  // a 2-row band of 5 x 64 int16 outputs
}

}  // namespace
}  // namespace mote
