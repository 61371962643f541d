// Every int8 -> int8 SOFTMAX variant (SoftmaxS8Variants()) against the
// reference SoftmaxS8, byte for byte, over random depths, row counts, input
// scales and betas. Only the reference is registered so far (softmax costs a
// few thousand instructions per inference in the models measured); the sweep
// is here for the variants to come.
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "kernels/common/quantization.h"
#include "kernels/softmax/softmax.h"

namespace mote {
namespace {

// Params as Prepare computes them for an int8 input scale and beta.
SoftmaxParams MakeParams(std::mt19937& rng, int32_t outer, int32_t depth) {
  SoftmaxParams p;
  p.outer_size = outer;
  p.depth = depth;
  const double scale = std::exp(std::uniform_real_distribution<double>(-6.0, 0.0)(rng));
  p.beta = Uniform(rng, 0, 1) == 0 ? 1.0f : 0.5f;
  const double real = std::fmin(p.beta * scale * static_cast<double>(1 << 26),
                                static_cast<double>((int64_t{1} << 31) - 1));
  QuantizeMultiplier(real, &p.input_multiplier, &p.input_left_shift);
  const double radius = 31.0 * static_cast<double>(int64_t{1} << 26) /
                        static_cast<double>(int64_t{1} << p.input_left_shift);
  p.diff_min = -static_cast<int32_t>(std::floor(radius));
  return p;
}

TEST(SoftmaxVariantsTest, EveryVariantMatchesTheReference) {
  const Span<const SoftmaxS8Variant* const> variants = SoftmaxS8Variants();
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, "softmax_s8__ref");
  std::mt19937 rng(20240614);
  for (int i = 0; i < 500; ++i) {
    const int32_t outer = Uniform(rng, 1, 4);
    const int32_t depth = Uniform(rng, 0, 3) == 0 ? Uniform(rng, 1, 4) : Uniform(rng, 1, 40);
    const SoftmaxParams p = MakeParams(rng, outer, depth);
    std::vector<int8_t> input(static_cast<size_t>(outer) * depth);
    for (int8_t& v : input) v = static_cast<int8_t>(Uniform(rng, -128, 127));
    std::vector<int8_t> expected(input.size());
    SoftmaxS8(p, input.data(), expected.data());
    for (const SoftmaxS8Variant* v : variants) {
      if (!CanRunHere(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
      const size_t packed_bytes = v->packed_bytes != nullptr ? v->packed_bytes(p) : 0;
      const size_t scratch_bytes = v->scratch_bytes != nullptr ? v->scratch_bytes(p) : 0;
      std::vector<uint8_t> packed(packed_bytes + 16), scratch(scratch_bytes + 16);
      std::vector<int8_t> out(input.size());
      SoftmaxS8Args a{input.data(), out.data(), nullptr, scratch_bytes ? scratch.data() : nullptr};
      if (packed_bytes > 0) {
        v->pack(p, a, packed.data());
        a.packed = packed.data();
      }
      v->eval(p, a);
      ASSERT_EQ(out, expected) << v->name << " case " << i << " depth " << depth;
    }
  }
}

}  // namespace
}  // namespace mote
