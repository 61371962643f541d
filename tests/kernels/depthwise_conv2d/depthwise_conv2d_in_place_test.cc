// DEPTHWISE_CONV_2D in bands with the output placed over the input (as the
// memory planner places it): byte-equal to the direct call on randomized
// shapes (3x3 and odd filters, depth multipliers, strides 1-3, dilation, SAME /
// VALID / odd and negative padding, batches, band heights), for every int8
// variant that runs here and for float32 and int16.
#include <gtest/gtest.h>

#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_in_place.h"
#include "support/in_place_bands.h"

namespace mote {
namespace {

using testing::AlignedBytes;
using testing::AsBytes;
using testing::CheckInPlaceBands;
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
  switch (UniformInt(rng, 0, 2)) {
    case 0:
      p.filter_h = p.filter_w = 1;
      break;
    case 1:
      p.filter_h = p.filter_w = 3;
      break;
    default:
      p.filter_h = UniformInt(rng, 1, 5);
      p.filter_w = UniformInt(rng, 1, 5);
  }
  p.stride_h = UniformInt(rng, 0, 5) == 0 ? 3 : UniformInt(rng, 1, 2);
  p.stride_w = UniformInt(rng, 1, 2);
  p.dilation_h = UniformInt(rng, 0, 4) == 0 ? 2 : 1;
  p.dilation_w = UniformInt(rng, 0, 4) == 0 ? 2 : 1;
  const int32_t eff_h = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t eff_w = (p.filter_w - 1) * p.dilation_w + 1;
  auto axis = [&](int32_t in, int32_t eff, int32_t stride, int32_t* pad) {
    switch (UniformInt(rng, 0, 2)) {
      case 0: {  // SAME
        const int32_t o = (in + stride - 1) / stride;
        const int32_t total = (o - 1) * stride + eff - in;
        *pad = total > 0 ? total / 2 : 0;
        return o;
      }
      case 1:  // VALID
        *pad = 0;
        return (in + stride - eff) / stride;
      default:
        *pad = UniformInt(rng, -1, 3);
        return (in + 2 * *pad - eff) / stride + 1;
    }
  };
  p.output_h = axis(p.input_h, eff_h, p.stride_h, &p.pad_h);
  p.output_w = axis(p.input_w, eff_w, p.stride_w, &p.pad_w);
  if (p.output_h < 1 || p.output_w < 1) return false;
  p.has_bias = UniformInt(rng, 0, 4) != 0;
  p.input_offset = -UniformInt(rng, -128, 127);
  p.output_offset = UniformInt(rng, -128, 127);
  p.act_min = UniformInt(rng, 0, 1) == 0 ? -128 : UniformInt(rng, -128, 0);
  p.act_max = UniformInt(rng, p.act_min, 127);
  p.float_min = -1e30f;
  p.float_max = UniformInt(rng, 0, 1) == 0 ? 1e30f : 6.0f;
  *out = p;
  return true;
}

size_t InputElements(const DepthwiseParams& p) {
  return static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c;
}
size_t OutputElements(const DepthwiseParams& p) {
  return static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
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

// Band heights to try: Prepare's choice, and 1..3 rows.
std::vector<int32_t> BandRows(const DepthwiseParams& p, size_t element_bytes) {
  std::vector<int32_t> rows = {ChooseBandRows(BandGeometryOf(p, element_bytes))};
  for (int32_t r = 1; r <= 3 && r <= p.output_h; ++r) {
    if (r != rows[0]) rows.push_back(r);
  }
  return rows;
}

// A variant computes the band params of `rows`-row bands like PrepareInPlaceBands requires.
bool VariantTakesBands(const DepthwiseS8Variant& v, const DepthwiseParams& p, int32_t rows) {
  const size_t scratch = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  for (int32_t r0 = 0; r0 < p.output_h; r0 += rows) {
    const DepthwiseParams band =
        BandParams(p, r0, r0 + rows <= p.output_h ? rows : p.output_h - r0);
    if (v.supports != nullptr && !v.supports(band)) return false;
    if (v.scratch_bytes != nullptr && v.scratch_bytes(band) > scratch) return false;
  }
  return true;
}

TEST(DepthwiseConv2DInPlace, Int8EveryVariantMatchesTheDirectCall) {
  const Span<const DepthwiseS8Variant* const> variants = DepthwiseS8Variants();
  std::vector<int> banded(variants.size(), 0);
  int in_place_cases = 0, cases = 0;
  std::mt19937 rng(4242);
  while (cases < 1500) {
    DepthwiseParams p;
    if (!RandomParams(rng, &p)) continue;
    ++cases;
    std::vector<int8_t> input(InputElements(p)), filter(FilterElements(p));
    std::vector<int32_t> bias(p.output_c), multiplier(p.output_c), shift(p.output_c);
    for (int8_t& v : input) v = static_cast<int8_t>(UniformInt(rng, -128, 127));
    for (int8_t& v : filter) v = static_cast<int8_t>(UniformInt(rng, -128, 127));
    for (int32_t oc = 0; oc < p.output_c; ++oc) {
      bias[oc] = UniformInt(rng, -(1 << 16), 1 << 16);
      multiplier[oc] = UniformInt(rng, 1 << 30, INT32_MAX);
      shift[oc] = UniformInt(rng, -12, 0);
    }
    p.multiplier = multiplier.data();
    p.shift = shift.data();
    const int32_t* b = p.has_bias ? bias.data() : nullptr;
    std::vector<int8_t> expected(OutputElements(p));
    DepthwiseConvS8(p, input.data(), filter.data(), b, expected.data());
    bool any = false;
    for (size_t v = 0; v < variants.size(); ++v) {
      const DepthwiseS8Variant& variant = *variants[v];
      if (!testing::VariantRunsHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(p)) continue;
      const size_t packed_bytes = variant.packed_bytes != nullptr ? variant.packed_bytes(p) : 0;
      const size_t scratch_bytes = variant.scratch_bytes != nullptr ? variant.scratch_bytes(p) : 0;
      AlignedBytes packed(packed_bytes, 0), scratch(scratch_bytes, 0);
      DepthwiseS8Args base{nullptr, filter.data(), b,
                           nullptr, nullptr,       scratch_bytes > 0 ? scratch.data() : nullptr};
      if (packed_bytes > 0) {
        variant.pack(p, base, packed.data());
        base.packed = packed.data();
      }
      for (int32_t rows : BandRows(p, 1)) {
        if (!VariantTakesBands(variant, p, rows)) continue;
        // Direct bands only where Prepare would use them (16-byte aligned rows).
        const bool aligned_rows = static_cast<size_t>(p.output_w) * p.output_c % 16 == 0;
        for (int direct = 0; direct <= (aligned_rows ? 1 : 0); ++direct) {
          const int directions =
              CheckInPlaceBands(BandGeometryOf(p, 1), rows, direct != 0, AsBytes(input),
                                AsBytes(expected), std::string(variant.name) + " " + Describe(p),
                                [&](uint8_t* in, uint8_t* out, uint8_t* band) {
                                  DepthwiseS8Args a = base;
                                  a.input = reinterpret_cast<const int8_t*>(in);
                                  a.output = reinterpret_cast<int8_t*>(out);
                                  DepthwiseConvS8InBands(variant.eval, p, a, rows, band);
                                });
          banded[v] += directions > 0 ? 1 : 0;
          any |= directions > 0;
        }
      }
      if (::testing::Test::HasFatalFailure()) return;
    }
    in_place_cases += any ? 1 : 0;
  }
  EXPECT_GT(in_place_cases, cases / 3) << "too few shapes can run in place";
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!testing::VariantRunsHere(variants[v]->arch)) continue;
    EXPECT_GT(banded[v], 20) << variants[v]->name << " ran in bands too rarely";
  }
}

TEST(DepthwiseConv2DInPlace, FloatAndInt16MatchTheDirectCall) {
  std::mt19937 rng(77);
  int cases = 0, in_place_cases = 0;
  while (cases < 600) {
    DepthwiseParams p;
    if (!RandomParams(rng, &p)) continue;
    ++cases;
    std::vector<int32_t> multiplier(p.output_c), shift(p.output_c);
    for (int32_t oc = 0; oc < p.output_c; ++oc) {
      multiplier[oc] = UniformInt(rng, 1 << 30, INT32_MAX);
      shift[oc] = UniformInt(rng, -16, -4);
    }
    p.multiplier = multiplier.data();
    p.shift = shift.data();
    p.act_min = -32768;
    p.act_max = 32767;
    std::uniform_real_distribution<float> real(-2.0f, 2.0f);
    std::vector<float> input_f(InputElements(p)), filter_f(FilterElements(p)), bias_f(p.output_c);
    for (float& v : input_f) v = real(rng);
    for (float& v : filter_f) v = real(rng);
    for (float& v : bias_f) v = real(rng);
    std::vector<int16_t> input_s(InputElements(p));
    std::vector<int8_t> filter_s(FilterElements(p));
    std::vector<int64_t> bias_s(p.output_c);
    for (int16_t& v : input_s) v = static_cast<int16_t>(UniformInt(rng, -32768, 32767));
    for (int8_t& v : filter_s) v = static_cast<int8_t>(UniformInt(rng, -127, 127));
    for (int64_t& v : bias_s) v = UniformInt(rng, -(1 << 20), 1 << 20);
    const float* bf = p.has_bias ? bias_f.data() : nullptr;
    const int64_t* bs = p.has_bias ? bias_s.data() : nullptr;
    std::vector<float> expected_f(OutputElements(p));
    DepthwiseConvF32(p, input_f.data(), filter_f.data(), bf, expected_f.data());
    std::vector<int16_t> expected_s(OutputElements(p));
    DepthwiseConvS16(p, input_s.data(), filter_s.data(), bs, expected_s.data());
    int directions = 0;
    for (int32_t rows : BandRows(p, 4)) {
      for (bool direct : {false, true}) {
        directions += CheckInPlaceBands(
            BandGeometryOf(p, 4), rows, direct, AsBytes(input_f), AsBytes(expected_f),
            "float32 " + Describe(p), [&](uint8_t* in, uint8_t* out, uint8_t* band) {
              DepthwiseConvF32InBands(p, reinterpret_cast<const float*>(in), filter_f.data(), bf,
                                      reinterpret_cast<float*>(out), rows, band);
            });
      }
    }
    for (int32_t rows : BandRows(p, 2)) {
      for (bool direct : {false, true}) {
        directions += CheckInPlaceBands(
            BandGeometryOf(p, 2), rows, direct, AsBytes(input_s), AsBytes(expected_s),
            "int16 " + Describe(p), [&](uint8_t* in, uint8_t* out, uint8_t* band) {
              DepthwiseConvS16InBands(p, reinterpret_cast<const int16_t*>(in), filter_s.data(), bs,
                                      reinterpret_cast<int16_t*>(out), rows, band);
            });
      }
    }
    if (::testing::Test::HasFatalFailure()) return;
    in_place_cases += directions > 0 ? 1 : 0;
  }
  EXPECT_GT(in_place_cases, cases / 3);
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
