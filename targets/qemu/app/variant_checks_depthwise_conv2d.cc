// DEPTHWISE_CONV_2D int8 variants on the target: a deterministic list of cases
// (KWS-, MobileNet- and micro_speech-like layers, then pseudo-random shapes crossing the
// 4-channel groups, the interior / border / window paths of the 3x3 variants,
// strides, dilation, depth multipliers, negative and large padding, batches,
// extreme zero points, multipliers on and off the fused requantization, all
// activation ranges), each variant against DepthwiseConvS8 byte for byte. Also
// the instructions the variants add to arm_dsp.h against their emulation.
#include "kernels/common/arm_dsp.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxInput = 4096, kMaxFilter = 2048, kMaxOutput = 4096, kMaxChannels = 72;
constexpr size_t kMaxScratch = 8192, kMaxPacked = 8192;

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
bool MakeCase(int i, Rng& rng, mote::DepthwiseParams* out) {
  mote::DepthwiseParams p{};
  p.batches = 1;
  p.depth_multiplier = 1;
  p.stride_h = p.stride_w = 1;
  p.dilation_h = p.dilation_w = 1;
  p.filter_h = p.filter_w = 3;
  switch (i) {
    case 0:  // KWS: 3x3 SAME over 64 channels, 5 columns
      p.input_h = 6, p.input_w = 5, p.input_c = 64;
      p.pad_h = p.pad_w = 1;
      break;
    case 1:  // a band of KWS rows (negative pad_h: rows above the band are real)
      p.input_h = 6, p.input_w = 5, p.input_c = 64;
      p.pad_h = -2, p.pad_w = 1;
      break;
    case 2:  // MobileNet-like stride 2, SAME with the extra padding after
      p.input_h = 8, p.input_w = 8, p.input_c = 32;
      p.stride_h = p.stride_w = 2;
      p.pad_h = p.pad_w = 0;
      break;
    case 3:  // channels not a multiple of 4
      p.input_h = 5, p.input_w = 4, p.input_c = 13;
      p.pad_h = p.pad_w = 1;
      break;
    case 4:  // micro_speech: one channel, 10x8 filter, x8, stride 2, SAME
      p.input_h = 13, p.input_w = 12, p.input_c = 1;
      p.filter_h = 10, p.filter_w = 8, p.depth_multiplier = 8;
      p.stride_h = p.stride_w = 2;
      p.pad_h = 4, p.pad_w = 3;
      break;
    default:
      p.batches = rng.Uniform(0, 3) == 0 ? 2 : 1;
      p.input_h = rng.Uniform(1, 7);
      p.input_w = rng.Uniform(1, 7);
      p.input_c = rng.Uniform(0, 2) == 0 ? rng.Uniform(1, 9) : rng.Uniform(1, 40);
      if (i % 2 == 1) {  // any shape (the 3x3 variants refuse most)
        p.filter_h = rng.Uniform(1, 5);
        p.filter_w = rng.Uniform(1, 5);
        p.dilation_h = rng.Uniform(0, 3) == 0 ? 2 : 1;
        p.dilation_w = rng.Uniform(0, 3) == 0 ? 2 : 1;
        if (rng.Uniform(0, 2) == 0) {
          p.depth_multiplier = rng.Uniform(2, 8);
          p.input_c = rng.Uniform(1, 9);
        }
        if (i % 4 == 3) {  // one input channel, audio-like wide filters (1ch*)
          p.input_c = 1;
          p.depth_multiplier = rng.Uniform(0, 3) != 0 ? 4 * rng.Uniform(1, 3) : rng.Uniform(1, 12);
          p.input_h = rng.Uniform(1, 14);
          p.input_w = rng.Uniform(1, 14);
          p.filter_h = rng.Uniform(1, 10);
          p.filter_w = rng.Uniform(1, 10);
          p.dilation_w = 1;
        }
      }
      p.stride_h = rng.Uniform(1, 2);
      p.stride_w = rng.Uniform(1, 2);
      p.pad_h = rng.Uniform(0, 4) == 0 ? rng.Uniform(-8, 8) : rng.Uniform(-2, 2);
      p.pad_w = rng.Uniform(0, 4) == 0 ? rng.Uniform(-8, 8) : rng.Uniform(-2, 2);
      break;
  }
  p.output_c = p.input_c * p.depth_multiplier;
  const auto size = [&rng](int32_t in, int32_t pad, int32_t f, int32_t d, int32_t s) {
    const int32_t n = (in + 2 * pad - (f - 1) * d - 1) / s + 1;
    return n < 1 ? rng.Uniform(1, 3) : n;
  };
  p.output_h = size(p.input_h, p.pad_h, p.filter_h, p.dilation_h, p.stride_h);
  p.output_w = size(p.input_w, p.pad_w, p.filter_w, p.dilation_w, p.stride_w);
  const size_t filter_bytes = static_cast<size_t>(p.filter_h) * p.filter_w * p.output_c;
  *out = p;
  return FinishConvCase(i, rng, filter_bytes, kBuffers, out);
}

// Smlabb / Smlatt / Smax8 / Smin8 against their emulation.
void CheckInstructions(app::Checks& c) {
  using namespace mote::dsp;
  Rng rng(77);
  int mismatches = 0;
  for (int i = 0; i < 20000; ++i) {
    const int32_t a = i < 4 ? static_cast<int32_t>(0x80008000u) : static_cast<int32_t>(rng.Next());
    const int32_t b = i < 4 ? static_cast<int32_t>(0x80008000u) : static_cast<int32_t>(rng.Next());
    const int32_t acc = i < 2 ? INT32_MAX : static_cast<int32_t>(rng.Next());
    mismatches += Smlabb(a, b, acc) != portable::Smlabb(a, b, acc);
    mismatches += Smlatt(a, b, acc) != portable::Smlatt(a, b, acc);
    mismatches += Smax8(a, b) != portable::Smax8(a, b);
    mismatches += Smin8(a, b) != portable::Smin8(a, b);
  }
  c.Check(mismatches == 0, "arm_dsp Smlabb / Smlatt / Smax8 / Smin8 match their emulation");
}

}  // namespace

void CheckDepthwiseConv2dVariants(app::Checks& c) {
  CheckInstructions(c);
  const mote::Span<const mote::DepthwiseS8Variant* const> variants = mote::DepthwiseS8Variants();
  constexpr size_t kMaxVariants = 8;
  VariantTally<kMaxVariants> tally;
  Rng rng(2025);
  for (int i = 0; i < 240; ++i) {
    mote::DepthwiseParams p;
    if (!MakeCase(i, rng, &p)) continue;
    const int32_t* bias = p.has_bias ? g_bias : nullptr;
    mote::DepthwiseConvS8(p, g_input, g_filter, bias, g_expected);
    for (size_t v = 0; v < variants.size() && v < kMaxVariants; ++v) {
      const mote::DepthwiseS8Variant& variant = *variants[v];
      if (!Accepts(variant, p, kMaxScratch, kMaxPacked)) continue;
      const mote::DepthwiseS8Args a{g_input, g_filter, bias, g_output, nullptr, g_scratch};
      if (tally.Add(v, RunMatches(variant, p, a, g_packed, g_expected, ConvOutputBytes(p)))) {
        app::Print("  %s case %d: in %ldx%ldx%ld filter %ldx%ld x%ld stride %ld,%ld pad %ld,%ld\n",
                   variant.name, i, static_cast<long>(p.input_h), static_cast<long>(p.input_w),
                   static_cast<long>(p.input_c), static_cast<long>(p.filter_h),
                   static_cast<long>(p.filter_w), static_cast<long>(p.depth_multiplier),
                   static_cast<long>(p.stride_h), static_cast<long>(p.stride_w),
                   static_cast<long>(p.pad_h), static_cast<long>(p.pad_w));
      }
    }
  }
  tally.ReportAll(c, "depthwise_conv2d", variants, 40);
}

}  // namespace vcheck
