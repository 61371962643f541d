// CONV_2D int8 variants on the target: a deterministic list of cases (KWS- and
// ResNet-like layers, then pseudo-random shapes crossing the 5-pixel and
// 4-value blocks, padding, strides, dilation, batches, extreme zero points,
// multipliers on and off the fast requantization path), each variant against
// ConvS8 byte for byte.
#include "kernels/conv2d/conv2d.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxInput = 4096, kMaxFilter = 12288, kMaxOutput = 4096, kMaxChannels = 40;
constexpr size_t kMaxScratch = 8192, kMaxPacked = 32768;

int8_t g_input[kMaxInput];
int8_t g_filter[kMaxFilter];
int8_t g_expected[kMaxOutput];
int8_t g_output[kMaxOutput + 16];
int32_t g_bias[kMaxChannels], g_multiplier[kMaxChannels], g_shift[kMaxChannels];
alignas(16) uint8_t g_scratch[kMaxScratch];
alignas(16) uint8_t g_packed[kMaxPacked];
const ConvCaseBuffers kBuffers = {g_input, kMaxInput,    g_filter, kMaxFilter,  kMaxOutput,
                                  g_bias,  g_multiplier, g_shift,  kMaxChannels};

// Case `i`: the first few fixed, the rest pseudo-random. False if it does not
// fit the buffers.
bool MakeCase(int i, Rng& rng, mote::ConvParams* out) {
  mote::ConvParams p{};
  p.batches = 1;
  p.stride_h = p.stride_w = 1;
  p.dilation_h = p.dilation_w = 1;
  switch (i) {
    case 0:  // KWS stem: 10x4 over one channel, stride 2, SAME
      p.input_h = 20, p.input_w = 10, p.input_c = 1;
      p.filter_h = 10, p.filter_w = 4, p.output_c = 16;
      p.stride_h = p.stride_w = 2;
      p.pad_h = 4, p.pad_w = 1;
      break;
    case 1:  // KWS pointwise: 5 pixels per band (output rows of width 5)
      p.input_h = 4, p.input_w = 5, p.input_c = 32;
      p.filter_h = p.filter_w = 1, p.output_c = 32;
      break;
    case 2:  // ResNet 3x3, SAME
      p.input_h = 6, p.input_w = 6, p.input_c = 16;
      p.filter_h = p.filter_w = 3, p.output_c = 16;
      p.pad_h = p.pad_w = 1;
      break;
    case 3:  // ResNet stem: 3 channels (depth 27, not a multiple of 4)
      p.input_h = 6, p.input_w = 7, p.input_c = 3;
      p.filter_h = p.filter_w = 3, p.output_c = 8;
      p.pad_h = p.pad_w = 1;
      break;
    default:
      p.batches = rng.Uniform(0, 3) == 0 ? 2 : 1;
      p.input_h = rng.Uniform(1, 7);
      p.input_w = rng.Uniform(1, 7);
      p.input_c = rng.Uniform(0, 2) == 0 ? rng.Uniform(1, 5) : rng.Uniform(1, 24);
      if (i % 3 == 0) {
        p.filter_h = p.filter_w = 1;
      } else {
        p.filter_h = rng.Uniform(1, 3);
        p.filter_w = rng.Uniform(1, 3);
      }
      p.output_c = rng.Uniform(1, 24);
      p.stride_h = rng.Uniform(1, 2);
      p.stride_w = rng.Uniform(1, 2);
      p.dilation_h = rng.Uniform(0, 4) == 0 ? 2 : 1;
      p.dilation_w = rng.Uniform(0, 4) == 0 ? 2 : 1;
      p.pad_h = rng.Uniform(-2, 2);
      p.pad_w = rng.Uniform(-2, 2);
      break;
  }
  p.filter_c = p.input_c;
  p.filters_per_group = p.output_c;
  const auto size = [](int32_t in, int32_t pad, int32_t f, int32_t d, int32_t s) {
    const int32_t n = (in + 2 * pad - (f - 1) * d - 1) / s + 1;
    return n < 1 ? 1 : n;
  };
  p.output_h = size(p.input_h, p.pad_h, p.filter_h, p.dilation_h, p.stride_h);
  p.output_w = size(p.input_w, p.pad_w, p.filter_w, p.dilation_w, p.stride_w);
  const size_t filter_bytes =
      static_cast<size_t>(p.output_c) * p.filter_h * p.filter_w * p.filter_c;
  *out = p;
  return FinishConvCase(i, rng, filter_bytes, kBuffers, out);
}

}  // namespace

void CheckConv2dVariants(app::Checks& c) {
  const mote::Span<const mote::ConvS8Variant* const> variants = mote::ConvS8Variants();
  VariantTally<8> tally;
  Rng rng(2024);
  for (int i = 0; i < 160; ++i) {
    mote::ConvParams p;
    if (!MakeCase(i, rng, &p)) continue;
    const int32_t* bias = p.has_bias ? g_bias : nullptr;
    mote::ConvS8(p, g_input, g_filter, bias, g_expected);
    for (size_t v = 0; v < variants.size() && v < 8; ++v) {
      const mote::ConvS8Variant& variant = *variants[v];
      if (!Accepts(variant, p, kMaxScratch, kMaxPacked)) continue;
      const mote::ConvS8Args a{g_input, g_filter, bias, g_output, nullptr, g_scratch};
      if (tally.Add(v, RunMatches(variant, p, a, g_packed, g_expected, ConvOutputBytes(p)))) {
        app::Print("  %s case %d: in %ldx%ldx%ld filter %ldx%ld out %ldx%ldx%ld\n", variant.name, i,
                   static_cast<long>(p.input_h), static_cast<long>(p.input_w),
                   static_cast<long>(p.input_c), static_cast<long>(p.filter_h),
                   static_cast<long>(p.filter_w), static_cast<long>(p.output_h),
                   static_cast<long>(p.output_w), static_cast<long>(p.output_c));
      }
    }
  }
  tally.ReportAll(c, "conv2d", variants, 20);
}

}  // namespace vcheck
