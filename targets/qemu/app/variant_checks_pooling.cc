// AVERAGE_POOL_2D / MAX_POOL_2D int8 variants on the target: a deterministic
// list of cases (the KWS and ResNet global average pools, a window of more
// than 256 elements, then pseudo-random windows, strides, padding, depths and
// activation ranges), each variant against the reference byte for byte.
#include "kernels/pooling/pooling.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxInput = 8192, kMaxOutput = 4096;

int8_t g_input[kMaxInput];
int8_t g_expected[kMaxOutput];
int8_t g_output[kMaxOutput + 16];

size_t InputBytes(const mote::PoolParams& p) {
  return static_cast<size_t>(p.batches) * p.input_height * p.input_width * p.depth;
}
size_t OutputBytes(const mote::PoolParams& p) {
  return static_cast<size_t>(p.batches) * p.output_height * p.output_width * p.depth;
}

// Output size and padding as Prepare computes them; false if some window
// would miss the input.
bool Axis(bool same, int32_t in, int32_t filter, int32_t stride, int32_t* out, int32_t* pad) {
  *out = same ? (in + stride - 1) / stride : (in + stride - filter) / stride;
  const int32_t total = (*out - 1) * stride + filter - in;
  *pad = total > 0 ? total / 2 : 0;
  return *out > 0 && *pad < filter && (*out - 1) * stride - *pad < in;
}

bool MakeCase(int i, Rng& rng, mote::PoolParams* out) {
  mote::PoolParams p{};
  p.batches = 1;
  p.stride_height = p.stride_width = 1;
  bool same = false;
  switch (i) {
    case 0:  // KWS: 25x5 over 64 channels
      p.input_height = p.filter_height = 25, p.input_width = p.filter_width = 5, p.depth = 64;
      break;
    case 1:  // ResNet: 8x8 over 64 channels
      p.input_height = p.filter_height = 8, p.input_width = p.filter_width = 8, p.depth = 64;
      break;
    case 2:  // 300 elements per window: the int16 lane sums are widened mid-way
      p.input_height = p.filter_height = 20, p.input_width = p.filter_width = 15, p.depth = 7;
      break;
    default:
      p.batches = rng.Uniform(0, 3) == 0 ? 2 : 1;
      p.input_height = rng.Uniform(1, 9);
      p.input_width = rng.Uniform(1, 9);
      p.depth = rng.Uniform(0, 2) == 0 ? rng.Uniform(1, 9) : rng.Uniform(1, 40);
      p.filter_height = rng.Uniform(1, 4);
      p.filter_width = rng.Uniform(1, 4);
      p.stride_height = rng.Uniform(1, 3);
      p.stride_width = rng.Uniform(1, 3);
      same = rng.Uniform(0, 1) == 0;
      break;
  }
  if (!Axis(same, p.input_height, p.filter_height, p.stride_height, &p.output_height,
            &p.pad_height) ||
      !Axis(same, p.input_width, p.filter_width, p.stride_width, &p.output_width, &p.pad_width)) {
    return false;
  }
  if (i < 3 || rng.Uniform(0, 1) == 0) {
    p.activation_min = -128, p.activation_max = 127;
  } else {
    p.activation_min = rng.Uniform(-128, 20);
    p.activation_max = rng.Uniform(p.activation_min, 127);
  }
  if (InputBytes(p) > kMaxInput || OutputBytes(p) > kMaxOutput) return false;
  const int mode = rng.Uniform(0, 5);  // 0: all -128, 1: all 127, else random
  for (size_t k = 0; k < InputBytes(p); ++k) {
    g_input[k] = mode == 0 ? -128 : mode == 1 ? 127 : rng.Int8();
  }
  *out = p;
  return true;
}

void CheckFamily(app::Checks& c, const char* family,
                 mote::Span<const mote::PoolS8Variant* const> variants,
                 void (*reference)(const mote::PoolParams&, const int8_t*, int8_t*)) {
  constexpr size_t kMaxVariants = 4;
  VariantTally<kMaxVariants> tally;
  Rng rng(2026);
  for (int i = 0; i < 200; ++i) {
    mote::PoolParams p;
    if (!MakeCase(i, rng, &p)) continue;
    reference(p, g_input, g_expected);
    for (size_t v = 0; v < variants.size() && v < kMaxVariants; ++v) {
      const mote::PoolS8Variant& variant = *variants[v];
      // None of the pooling variants has constants or scratch yet.
      if (!Accepts(variant, p, 0, 0)) continue;
      const mote::PoolS8Args a{g_input, g_output, nullptr, nullptr};
      if (tally.Add(v, RunMatches(variant, p, a, nullptr, g_expected, OutputBytes(p)))) {
        app::Print("  %s case %d: in %ldx%ldx%ld filter %ldx%ld stride %ld,%ld\n", variant.name, i,
                   static_cast<long>(p.input_height), static_cast<long>(p.input_width),
                   static_cast<long>(p.depth), static_cast<long>(p.filter_height),
                   static_cast<long>(p.filter_width), static_cast<long>(p.stride_height),
                   static_cast<long>(p.stride_width));
      }
    }
  }
  tally.ReportAll(c, family, variants, 60);
}

}  // namespace

void CheckPoolingVariants(app::Checks& c) {
  CheckFamily(c, "average_pool_2d", mote::AveragePoolS8Variants(), &mote::AveragePoolS8);
  CheckFamily(c, "max_pool_2d", mote::MaxPoolS8Variants(), &mote::MaxPoolS8);
}

}  // namespace vcheck
