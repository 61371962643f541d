// Every int8 AVERAGE_POOL_2D / MAX_POOL_2D variant (AveragePoolS8Variants(),
// MaxPoolS8Variants()) against the reference, byte for byte, over randomized
// params crossing the 4-channel groups and the 256-element lane sums: depths
// 1..35 and 64, windows from 1x1 to whole 25x20 images (global pooling),
// strides 1-3, SAME / VALID / partial padding, batches, activation ranges,
// inputs at -128 / 127. Arm DSP variants run on the dsp:: emulation here.
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/arm_dsp.h"
#include "kernels/pooling/pooling.h"

namespace mote {
namespace {

struct Case {
  PoolParams p{};
  std::vector<int8_t> input;
  int input_misalign = 0;
};

// Output size and padding as Prepare computes them (every window overlaps
// the input); false if this shape has no valid output.
bool Axis(bool same, int32_t in, int32_t filter, int32_t stride, int32_t* out, int32_t* pad) {
  *out = same ? (in + stride - 1) / stride : (in + stride - filter) / stride;
  const int32_t total = (*out - 1) * stride + filter - in;
  *pad = total > 0 ? total / 2 : 0;
  return *out > 0 && *pad < filter && (*out - 1) * stride - *pad < in;
}

Case RandomCase(std::mt19937& rng) {
  for (;;) {
    Case c;
    PoolParams& p = c.p;
    p.batches = Uniform(rng, 1, 3) == 3 ? 2 : 1;
    p.depth = Uniform(rng, 0, 5) == 0 ? 64 : Uniform(rng, 1, 35);
    const bool global = Uniform(rng, 0, 4) == 0;
    p.input_height = global ? Uniform(rng, 1, 25) : Uniform(rng, 1, 10);
    p.input_width = global ? Uniform(rng, 1, 20) : Uniform(rng, 1, 10);
    if (global) {
      p.filter_height = p.input_height;
      p.filter_width = p.input_width;
      p.stride_height = p.stride_width = 1;
    } else {
      p.filter_height = Uniform(rng, 1, 4);
      p.filter_width = Uniform(rng, 1, 4);
      p.stride_height = Uniform(rng, 1, 3);
      p.stride_width = Uniform(rng, 1, 3);
    }
    const bool same = Uniform(rng, 0, 1) == 0;
    if (!Axis(same, p.input_height, p.filter_height, p.stride_height, &p.output_height,
              &p.pad_height) ||
        !Axis(same, p.input_width, p.filter_width, p.stride_width, &p.output_width, &p.pad_width)) {
      continue;
    }
    switch (Uniform(rng, 0, 2)) {
      case 0:
        p.activation_min = -128;
        p.activation_max = 127;
        break;
      case 1:
        p.activation_min = Uniform(rng, -128, 0);
        p.activation_max = 127;
        break;
      default:
        p.activation_min = Uniform(rng, -128, 20);
        p.activation_max = Uniform(rng, p.activation_min, 127);
        break;
    }
    const int mode = Uniform(rng, 0, 5);  // 0: all -128, 1: all 127, else random
    c.input_misalign = Uniform(rng, 0, 3);
    c.input.resize(c.input_misalign +
                   static_cast<size_t>(p.batches) * p.input_height * p.input_width * p.depth);
    for (int8_t& v : c.input) {
      v = static_cast<int8_t>(mode == 0 ? -128 : mode == 1 ? 127 : Uniform(rng, -128, 127));
    }
    return c;
  }
}

size_t OutputBytes(const PoolParams& p) {
  return static_cast<size_t>(p.batches) * p.output_height * p.output_width * p.depth;
}

std::vector<int8_t> RunVariant(const PoolS8Variant& v, const Case& c) {
  const PoolParams& p = c.p;
  const size_t out_bytes = OutputBytes(p);
  constexpr size_t kGuard = 16;
  std::vector<int8_t> out(out_bytes + kGuard, 0x5A);
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  std::vector<uint8_t> scratch(scratch_bytes + kGuard + 16, 0xA5);
  std::vector<uint8_t> packed(packed_bytes + 16);
  uint8_t* scratch_ptr = scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  PoolS8Args a{c.input.data() + c.input_misalign, out.data(), nullptr,
               scratch_bytes > 0 ? scratch_ptr : nullptr};
  if (packed_bytes > 0) {
    v.pack(p, a, packed_ptr);
    a.packed = packed_ptr;
  }
  v.eval(p, a);
  for (size_t i = 0; i < kGuard; ++i) {
    EXPECT_EQ(out[out_bytes + i], 0x5A) << v.name << " wrote past the output";
    EXPECT_EQ(scratch_ptr[scratch_bytes + i], 0xA5) << v.name << " wrote past its scratch";
  }
  out.resize(out_bytes);
  return out;
}

std::string Describe(const PoolParams& p) {
  char buf[200];
  std::snprintf(buf, sizeof(buf),
                "b%d in %dx%dx%d filter %dx%d stride %d,%d pad %d,%d out %dx%d act [%d,%d]",
                p.batches, p.input_height, p.input_width, p.depth, p.filter_height, p.filter_width,
                p.stride_height, p.stride_width, p.pad_height, p.pad_width, p.output_height,
                p.output_width, p.activation_min, p.activation_max);
  return buf;
}

void CheckFamily(Span<const PoolS8Variant* const> variants, const char* ref_name,
                 void (*reference)(const PoolParams&, const int8_t*, int8_t*)) {
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, ref_name);
  std::vector<int> accepted(variants.size(), 0);
  std::mt19937 rng(20240612);
  for (int i = 0; i < 3000; ++i) {
    const Case c = RandomCase(rng);
    std::vector<int8_t> expected(OutputBytes(c.p));
    reference(c.p, c.input.data() + c.input_misalign, expected.data());
    for (size_t v = 0; v < variants.size(); ++v) {
      const PoolS8Variant& variant = *variants[v];
      if (!CanRunHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(c.p)) continue;
      ++accepted[v];
      ASSERT_EQ(RunVariant(variant, c), expected)
          << variant.name << " case " << i << ": " << Describe(c.p);
    }
  }
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!CanRunHere(variants[v]->arch)) continue;
    EXPECT_EQ(accepted[v], 3000) << variants[v]->name << " refused valid pooling shapes";
  }
}

TEST(PoolingVariantsTest, EveryAveragePoolVariantMatchesTheReference) {
  CheckFamily(AveragePoolS8Variants(), "avg_pool_s8__ref", &AveragePoolS8);
}

TEST(PoolingVariantsTest, EveryMaxPoolVariantMatchesTheReference) {
  CheckFamily(MaxPoolS8Variants(), "max_pool_s8__ref", &MaxPoolS8);
}

// The KWS and ResNet global average pools (25x5 and 8x8 over 64 channels).
TEST(PoolingVariantsTest, ArmDspVariantsAcceptModelShapes) {
  PoolParams p{};
  p.batches = 1;
  p.input_height = p.filter_height = 25;
  p.input_width = p.filter_width = 5;
  p.depth = 64;
  p.output_height = p.output_width = 1;
  p.stride_height = p.stride_width = 1;
  p.activation_min = -128;
  p.activation_max = 127;
  EXPECT_TRUE(kAvgPoolS8ArmV7emDsp.supports(p));
  EXPECT_TRUE(kMaxPoolS8ArmV7emDsp.supports(p));
  p.activation_max = 300;  // not an int8 range
  EXPECT_FALSE(kAvgPoolS8ArmV7emDsp.supports(p));
}

// The byte-wise max / min the variants add to arm_dsp.h.
TEST(PoolingVariantsTest, BytewiseMaxMin) {
  const int32_t a = static_cast<int32_t>(0x807F01FFu);  // bytes -1, 1, 127, -128
  const int32_t b = static_cast<int32_t>(0x7F80FF00u);  // bytes 0, -1, -128, 127
  EXPECT_EQ(static_cast<uint32_t>(dsp::Smax8(a, b)), 0x7F7F0100u);
  EXPECT_EQ(static_cast<uint32_t>(dsp::Smin8(a, b)), 0x8080FFFFu);
  EXPECT_EQ(dsp::Smax8(a, a), a);
}

}  // namespace
}  // namespace mote
