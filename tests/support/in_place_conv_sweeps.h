// The randomized in-place sweeps shared by the conv-like ops (CONV_2D,
// DEPTHWISE_CONV_2D): random shapes, each run out of place and then in bands
// with the output over the input (support/in_place_bands.h), byte for byte.
// A family gives its params' channel layout, filter size, description and
// functions in a ConvLikeInPlaceFamily; the window, padding, quantization and
// the sweeps themselves are the same for both.
#ifndef MOTE_TESTS_SUPPORT_IN_PLACE_CONV_SWEEPS_H_
#define MOTE_TESTS_SUPPORT_IN_PLACE_CONV_SWEEPS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/kernel_variant.h"
#include "support/in_place_bands.h"

namespace mote {
namespace testing {

// Draws the rest of conv-like params whose batches, input size and channels
// are set: the filter (1x1, 3x3 or odd), strides, dilation, padding (SAME,
// VALID, or odd / negative) and the output size it gives, bias, offsets and
// activation ranges. False if the output would be empty.
template <typename Params>
bool RandomWindowAndQuantization(std::mt19937& rng, Params* out) {
  Params& p = *out;
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
  return true;
}

template <typename Params>
size_t InputElements(const Params& p) {
  return static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c;
}
template <typename Params>
size_t OutputElements(const Params& p) {
  return static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
}

// Band heights to try: Prepare's choice, and 1..3 rows.
template <typename Params>
std::vector<int32_t> BandRows(const Params& p, size_t element_bytes) {
  std::vector<int32_t> rows = {ChooseBandRows(BandGeometryOf(p, element_bytes))};
  for (int32_t r = 1; r <= 3 && r <= p.output_h; ++r) {
    if (r != rows[0]) rows.push_back(r);
  }
  return rows;
}

// A variant computes the band params of `rows`-row bands like PrepareInPlaceBands requires.
template <typename Params, typename Args>
bool VariantTakesBands(const KernelVariant<Params, Args>& v, const Params& p, int32_t rows) {
  const size_t scratch = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  for (int32_t r0 = 0; r0 < p.output_h; r0 += rows) {
    const Params band = BandParams(p, r0, r0 + rows <= p.output_h ? rows : p.output_h - r0);
    if (v.supports != nullptr && !v.supports(band)) return false;
    if (v.scratch_bytes != nullptr && v.scratch_bytes(band) > scratch) return false;
  }
  return true;
}

// One conv-like op's shapes and functions, for the sweeps below.
template <typename Params, typename Args>
struct ConvLikeInPlaceFamily {
  using Variant = KernelVariant<Params, Args>;
  using S8Fn = void (*)(const Params& p, const Args& a);
  // Random params with a valid output size; false if the draw gives none.
  bool (*random_params)(std::mt19937& rng, Params* p);
  size_t (*filter_elements)(const Params& p);
  std::string (*describe)(const Params& p);
  Span<const Variant* const> (*variants)();
  void (*s8)(const Params& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
             int8_t* output);
  void (*s8_in_bands)(S8Fn kernel, const Params& p, const Args& a, int32_t band_rows, void* band);
  void (*f32)(const Params& p, const float* input, const float* filter, const float* bias,
              float* output);
  void (*f32_in_bands)(const Params& p, const float* input, const float* filter, const float* bias,
                       float* output, int32_t band_rows, void* band);
  void (*s16)(const Params& p, const int16_t* input, const int8_t* filter, const int64_t* bias,
              int16_t* output);
  void (*s16_in_bands)(const Params& p, const int16_t* input, const int8_t* filter,
                       const int64_t* bias, int16_t* output, int32_t band_rows, void* band);
};

// 1,500 random int8 shapes (seed 4242): every variant that runs here and takes
// the shape, in bands of each height (and direct where the rows are 16-byte
// aligned), equals the reference; over a third of the shapes run in place
// and every variant runs in bands more than 20 times.
template <typename Params, typename Args>
void CheckInt8VariantsInPlace(const ConvLikeInPlaceFamily<Params, Args>& family) {
  using Variant = KernelVariant<Params, Args>;
  const Span<const Variant* const> variants = family.variants();
  std::vector<int> banded(variants.size(), 0);
  int in_place_cases = 0, cases = 0;
  std::mt19937 rng(4242);
  while (cases < 1500) {
    Params p;
    if (!family.random_params(rng, &p)) continue;
    ++cases;
    std::vector<int8_t> input(InputElements(p)), filter(family.filter_elements(p));
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
    family.s8(p, input.data(), filter.data(), b, expected.data());
    bool any = false;
    for (size_t v = 0; v < variants.size(); ++v) {
      const Variant& variant = *variants[v];
      if (!VariantRunsHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(p)) continue;
      const size_t packed_bytes = variant.packed_bytes != nullptr ? variant.packed_bytes(p) : 0;
      const size_t scratch_bytes = variant.scratch_bytes != nullptr ? variant.scratch_bytes(p) : 0;
      AlignedBytes packed(packed_bytes, 0), scratch(scratch_bytes, 0);
      Args base{nullptr, filter.data(), b,
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
          const int directions = CheckInPlaceBands(
              BandGeometryOf(p, 1), rows, direct != 0, AsBytes(input), AsBytes(expected),
              std::string(variant.name) + " " + family.describe(p),
              [&](uint8_t* in, uint8_t* out, uint8_t* band) {
                Args a = base;
                a.input = reinterpret_cast<const int8_t*>(in);
                a.output = reinterpret_cast<int8_t*>(out);
                family.s8_in_bands(variant.eval, p, a, rows, band);
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
    if (!VariantRunsHere(variants[v]->arch)) continue;
    EXPECT_GT(banded[v], 20) << variants[v]->name << " ran in bands too rarely";
  }
}

// 600 random shapes (seed 77): float32 and int16 in bands of each height,
// through a band buffer and direct, equal the direct call; over a third of
// the shapes run in place.
template <typename Params, typename Args>
void CheckFloatAndInt16InPlace(const ConvLikeInPlaceFamily<Params, Args>& family) {
  std::mt19937 rng(77);
  int cases = 0, in_place_cases = 0;
  while (cases < 600) {
    Params p;
    if (!family.random_params(rng, &p)) continue;
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
    const size_t filter_elements = family.filter_elements(p);
    std::uniform_real_distribution<float> real(-2.0f, 2.0f);
    std::vector<float> input_f(InputElements(p)), filter_f(filter_elements), bias_f(p.output_c);
    for (float& v : input_f) v = real(rng);
    for (float& v : filter_f) v = real(rng);
    for (float& v : bias_f) v = real(rng);
    std::vector<int16_t> input_s(InputElements(p));
    std::vector<int8_t> filter_s(filter_elements);
    std::vector<int64_t> bias_s(p.output_c);
    for (int16_t& v : input_s) v = static_cast<int16_t>(UniformInt(rng, -32768, 32767));
    for (int8_t& v : filter_s) v = static_cast<int8_t>(UniformInt(rng, -127, 127));
    for (int64_t& v : bias_s) v = UniformInt(rng, -(1 << 20), 1 << 20);
    const float* bf = p.has_bias ? bias_f.data() : nullptr;
    const int64_t* bs = p.has_bias ? bias_s.data() : nullptr;
    std::vector<float> expected_f(OutputElements(p));
    family.f32(p, input_f.data(), filter_f.data(), bf, expected_f.data());
    std::vector<int16_t> expected_s(OutputElements(p));
    family.s16(p, input_s.data(), filter_s.data(), bs, expected_s.data());
    int directions = 0;
    for (int32_t rows : BandRows(p, 4)) {
      for (bool direct : {false, true}) {
        directions += CheckInPlaceBands(
            BandGeometryOf(p, 4), rows, direct, AsBytes(input_f), AsBytes(expected_f),
            "float32 " + family.describe(p), [&](uint8_t* in, uint8_t* out, uint8_t* band) {
              family.f32_in_bands(p, reinterpret_cast<const float*>(in), filter_f.data(), bf,
                                  reinterpret_cast<float*>(out), rows, band);
            });
      }
    }
    for (int32_t rows : BandRows(p, 2)) {
      for (bool direct : {false, true}) {
        directions += CheckInPlaceBands(
            BandGeometryOf(p, 2), rows, direct, AsBytes(input_s), AsBytes(expected_s),
            "int16 " + family.describe(p), [&](uint8_t* in, uint8_t* out, uint8_t* band) {
              family.s16_in_bands(p, reinterpret_cast<const int16_t*>(in), filter_s.data(), bs,
                                  reinterpret_cast<int16_t*>(out), rows, band);
            });
      }
    }
    if (::testing::Test::HasFatalFailure()) return;
    in_place_cases += directions > 0 ? 1 : 0;
  }
  EXPECT_GT(in_place_cases, cases / 3);
}

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_SUPPORT_IN_PLACE_CONV_SWEEPS_H_
