// Every int8 ADD variant (AddS8Variants()) against the reference AddS8, byte
// for byte: quantization from random scales (as Prepare derives it) and from
// raw multipliers with every shift the variants take, extreme zero points and
// inputs, activation ranges, lengths crossing the unrolled loops (1..100 and
// more: the x86 AVX2 variant's 32- and 8-element loops and tail), misaligned
// pointers, and the output written over either input (the planner allows
// it). Arm DSP variants run on the dsp:: emulation here.
#include <gtest/gtest.h>

#include "kernels/variants/variant_test_util.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/quantization.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace {

double LogUniform(std::mt19937& rng, double lo, double hi) {
  return std::exp(std::uniform_real_distribution<double>(std::log(lo), std::log(hi))(rng));
}
enum class Alias { kNone, kInput1, kInput2 };

struct Case {
  QuantAddSubParams p{};
  std::vector<int8_t> in1, in2;
  Alias alias = Alias::kNone;
};

// Multipliers as ADD's Prepare computes them (double, left shift 20).
void FromScales(std::mt19937& rng, QuantAddSubParams* p) {
  const double s1 = LogUniform(rng, 1e-3, 1.0);
  const double s2 = Uniform(rng, 0, 3) == 0 ? s1 : LogUniform(rng, 1e-3, 1.0);
  const double so = LogUniform(rng, 1e-3, 2.0);
  const double twice_max = 2 * std::max(s1, s2);
  int shift = 0;
  QuantizeMultiplier(s1 / twice_max, &p->input1_multiplier, &shift);
  p->input1_shift = shift;
  QuantizeMultiplier(s2 / twice_max, &p->input2_multiplier, &shift);
  p->input2_shift = shift;
  QuantizeMultiplier(twice_max / ((1 << 20) * so), &p->output_multiplier, &shift);
  p->output_shift = shift;
}

// Raw multipliers with shifts across the ranges the variants take.
void FromRaw(std::mt19937& rng, QuantAddSubParams* p) {
  p->input1_multiplier = Uniform(rng, 1 << 30, INT32_MAX);
  p->input2_multiplier = Uniform(rng, 0, 2) == 0 ? (1 << 30) : Uniform(rng, 1 << 30, INT32_MAX);
  // Small shifts make rounding ties frequent.
  p->input1_shift = Uniform(rng, 0, 1) == 0 ? Uniform(rng, -3, 0) : Uniform(rng, -31, 0);
  p->input2_shift = Uniform(rng, 0, 2) == 0 ? 0 : Uniform(rng, -4, 0);
  p->output_multiplier = Uniform(rng, 1 << 30, INT32_MAX);
  p->output_shift = Uniform(rng, 0, 1) == 0 ? Uniform(rng, -3, -1) : Uniform(rng, -22, -1);
}

Case RandomCase(std::mt19937& rng) {
  Case c;
  QuantAddSubParams& p = c.p;
  const uint32_t n =
      static_cast<uint32_t>(Uniform(rng, 0, 2) == 0 ? Uniform(rng, 1, 9) : Uniform(rng, 1, 600));
  p.shape.size = n;
  p.shape.broadcast = false;
  for (int d = 0; d < kBroadcastRank; ++d) {
    p.shape.dims[d] = d == kBroadcastRank - 1 ? static_cast<int32_t>(n) : 1;
    p.shape.stride1[d] = p.shape.stride2[d] = d == kBroadcastRank - 1 ? 1u : 0u;
  }
  p.left_shift = 20;
  p.input1_offset = -RandomZeroPoint(rng);
  p.input2_offset = -RandomZeroPoint(rng);
  p.output_offset = RandomZeroPoint(rng);
  if (Uniform(rng, 0, 1) == 0) {
    FromScales(rng, &p);
  } else {
    FromRaw(rng, &p);
  }
  switch (Uniform(rng, 0, 2)) {
    case 0:
      p.activation_min = -128;
      p.activation_max = 127;
      break;
    case 1:
      p.activation_min = p.output_offset;  // ReLU
      p.activation_max = 127;
      break;
    default:
      p.activation_min = Uniform(rng, -128, 0);
      p.activation_max = Uniform(rng, p.activation_min, 127);
      break;
  }
  const int mode = Uniform(rng, 0, 5);  // 0: all -128, 1: all 127, else random
  c.in1.resize(n);
  c.in2.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    c.in1[i] = static_cast<int8_t>(mode == 0 ? -128 : mode == 1 ? 127 : Uniform(rng, -128, 127));
    c.in2[i] = static_cast<int8_t>(mode == 0 ? 127 : mode == 1 ? -128 : Uniform(rng, -128, 127));
  }
  c.alias = static_cast<Alias>(Uniform(rng, 0, 2));
  return c;
}

std::vector<int8_t> RunVariant(const AddS8Variant& v, const Case& c) {
  const QuantAddSubParams& p = c.p;
  const size_t n = p.shape.size;
  constexpr size_t kGuard = 16;
  std::vector<int8_t> in1 = c.in1, in2 = c.in2;
  std::vector<int8_t> out(n + kGuard, 0x5A);
  in1.resize(n + kGuard, 0x5A);
  in2.resize(n + kGuard, 0x5A);
  int8_t* out_ptr = c.alias == Alias::kInput1   ? in1.data()
                    : c.alias == Alias::kInput2 ? in2.data()
                                                : out.data();
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  std::vector<uint8_t> packed(packed_bytes + 16), scratch(scratch_bytes + 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  AddS8Args a{in1.data(), in2.data(), out_ptr, nullptr,
              scratch_bytes > 0 ? scratch.data() : nullptr};
  if (packed_bytes > 0) {
    v.pack(p, a, packed_ptr);
    a.packed = packed_ptr;
  }
  v.eval(p, a);
  for (size_t i = 0; i < kGuard; ++i) {
    EXPECT_EQ(out_ptr[n + i], 0x5A) << v.name << " wrote past the output";
  }
  return std::vector<int8_t>(out_ptr, out_ptr + n);
}

std::string Describe(const QuantAddSubParams& p) {
  char buf[256];
  std::snprintf(buf, sizeof(buf), "n %u off %d,%d->%d m1 %d>>%d m2 %d>>%d mo %d>>%d act [%d,%d]",
                p.shape.size, p.input1_offset, p.input2_offset, p.output_offset,
                p.input1_multiplier, -p.input1_shift, p.input2_multiplier, -p.input2_shift,
                p.output_multiplier, -p.output_shift, p.activation_min, p.activation_max);
  return buf;
}

TEST(AddVariantsTest, EveryVariantMatchesTheReference) {
  const Span<const AddS8Variant* const> variants = AddS8Variants();
  ASSERT_GT(variants.size(), 0u);
  EXPECT_STREQ(variants[variants.size() - 1]->name, "add_s8__ref");
  std::vector<int> accepted(variants.size(), 0);
  std::mt19937 rng(20240613);
  for (int i = 0; i < 3000; ++i) {
    const Case c = RandomCase(rng);
    std::vector<int8_t> expected(c.p.shape.size);
    AddS8(c.p, c.in1.data(), c.in2.data(), expected.data());
    for (size_t v = 0; v < variants.size(); ++v) {
      const AddS8Variant& variant = *variants[v];
      if (!CanRunHere(variant.arch)) continue;
      if (variant.supports != nullptr && !variant.supports(c.p)) continue;
      ++accepted[v];
      ASSERT_EQ(RunVariant(variant, c), expected)
          << variant.name << " case " << i << ": " << Describe(c.p);
    }
  }
  for (size_t v = 0; v < variants.size(); ++v) {
    if (!CanRunHere(variants[v]->arch)) continue;
    EXPECT_GT(accepted[v], 2000) << variants[v]->name << " accepted too few cases";
  }
}

// Rescalings that land exactly on rounding ties: with m = 2^(10 + e) an
// input's rescaled value is (x + offset) / 2, a tie for every odd x + offset,
// and the output stage divides by small powers of two; every pair of int8
// inputs.
TEST(AddVariantsTest, RoundingTiesMatchTheReference) {
  Case c;
  QuantAddSubParams& p = c.p;
  const uint32_t n = 256 * 256;
  p.shape.size = n;
  p.shape.broadcast = false;
  p.left_shift = 20;
  p.activation_min = -128;
  p.activation_max = 127;
  c.in1.resize(n);
  c.in2.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    c.in1[i] = static_cast<int8_t>(i & 0xFF);
    c.in2[i] = static_cast<int8_t>(i >> 8);
  }
  const int32_t exponents[][3] = {{1, 1, 1}, {1, 20, 2}, {20, 1, 3}, {5, 9, 1}, {9, 5, 2}};
  const int32_t offsets[][3] = {{0, 0, 0}, {128, -127, -128}, {-127, 1, 127}, {7, -3, 5}};
  for (const auto& e : exponents) {
    for (const auto& o : offsets) {
      p.input1_multiplier = 1 << (10 + e[0]);
      p.input1_shift = -e[0];
      p.input2_multiplier = 1 << (10 + e[1]);
      p.input2_shift = -e[1];
      p.output_multiplier = 1 << 30;
      p.output_shift = -e[2];
      p.input1_offset = o[0];
      p.input2_offset = o[1];
      p.output_offset = o[2];
      std::vector<int8_t> expected(n);
      AddS8(p, c.in1.data(), c.in2.data(), expected.data());
      for (const AddS8Variant* v : AddS8Variants()) {
        if (!CanRunHere(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
        ASSERT_EQ(RunVariant(*v, c), expected) << v->name << ": " << Describe(p);
      }
    }
  }
}

// Small multipliers make every input's rescaled value small (|s| < 2^12), so
// the doubling high multiply's own rounding reaches the output (unlike with
// Prepare's multipliers >= 2^30, where a one-off error in s shows only at rare
// output ties): every pair of int8 inputs, output shifts 0 and -1.
TEST(AddVariantsTest, SmallMultipliersExposeTheHighMultiplyRounding) {
  Case c;
  QuantAddSubParams& p = c.p;
  const uint32_t n = 256 * 256;
  p.shape.size = n;
  p.shape.broadcast = false;
  p.left_shift = 20;
  p.activation_min = -128;
  p.activation_max = 127;
  c.in1.resize(n);
  c.in2.resize(n);
  for (uint32_t i = 0; i < n; ++i) {
    c.in1[i] = static_cast<int8_t>(i & 0xFF);
    c.in2[i] = static_cast<int8_t>(i >> 8);
  }
  std::mt19937 rng(4242);
  for (int round = 0; round < 12; ++round) {
    p.input1_multiplier = Uniform(rng, 1, 1 << 10);
    p.input2_multiplier = Uniform(rng, 1, 1 << 10);
    p.input1_shift = -(round & 1);
    p.input2_shift = -((round >> 1) & 1);
    p.output_multiplier = Uniform(rng, 1 << 30, INT32_MAX);
    p.output_shift = round < 6 ? 0 : -1;
    p.input1_offset = -RandomZeroPoint(rng);
    p.input2_offset = -RandomZeroPoint(rng);
    p.output_offset = RandomZeroPoint(rng);
    std::vector<int8_t> expected(n);
    AddS8(p, c.in1.data(), c.in2.data(), expected.data());
    int varied = 0;  // outputs strictly inside the int8 range
    for (int8_t e : expected) varied += e > -128 && e < 127;
    EXPECT_GT(varied, static_cast<int>(n / 8)) << Describe(p);
    for (const AddS8Variant* v : AddS8Variants()) {
      if (!CanRunHere(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
      ASSERT_EQ(RunVariant(*v, c), expected) << v->name << ": " << Describe(p);
    }
  }
}

// Every length from 1 to 100 and a few long ones (crossing the 8-, 16- and
// 32-element loops and every tail), pointers 1..3 bytes off alignment, the
// extreme constants (multipliers 0, 1, 2^30, INT32_MAX; shifts 0 and -31;
// zero points at both ends) and clamps.
TEST(AddVariantsTest, LengthsAlignmentsAndExtremeConstants) {
  std::mt19937 rng(77);
  const int32_t multipliers[] = {0, 1, 1 << 30, INT32_MAX, 1518500250};
  const int32_t shifts[] = {0, -1, -11, -31};
  std::vector<uint32_t> lengths;
  for (uint32_t n = 1; n <= 100; ++n) lengths.push_back(n);
  for (uint32_t n : {127u, 128u, 129u, 255u, 256u, 257u, 1000u}) lengths.push_back(n);
  int checked = 0;
  for (uint32_t n : lengths) {
    QuantAddSubParams p{};
    p.shape.size = n;
    p.shape.broadcast = false;
    p.left_shift = 20;
    const auto pick = [&](const int32_t* values, int count) {
      return values[Uniform(rng, 0, count - 1)];
    };
    p.input1_multiplier = pick(multipliers, 5);
    p.input2_multiplier = pick(multipliers, 5);
    p.output_multiplier = pick(multipliers, 5);
    p.input1_shift = pick(shifts, 4);
    p.input2_shift = pick(shifts, 4);
    p.output_shift = Uniform(rng, 0, 3) == 0 ? pick(shifts, 4) : -Uniform(rng, 12, 20);
    const int32_t offsets[] = {-127, 128, 0, Uniform(rng, -127, 128)};
    p.input1_offset = pick(offsets, 4);
    p.input2_offset = pick(offsets, 4);
    p.output_offset =
        Uniform(rng, 0, 1) == 0 ? (Uniform(rng, 0, 1) == 0 ? -128 : 127) : Uniform(rng, -128, 127);
    p.activation_min = Uniform(rng, 0, 1) == 0 ? -128 : Uniform(rng, -128, 20);
    p.activation_max = Uniform(rng, 0, 1) == 0 ? 127 : Uniform(rng, p.activation_min, 127);
    // Inputs and output at byte offsets 0..3 in buffers with guard bytes.
    const size_t off1 = static_cast<size_t>(Uniform(rng, 0, 3));
    const size_t off2 = static_cast<size_t>(Uniform(rng, 0, 3));
    const size_t off_out = static_cast<size_t>(Uniform(rng, 0, 3));
    std::vector<int8_t> in1(n + 8), in2(n + 8);
    for (int8_t& v : in1) v = static_cast<int8_t>(Uniform(rng, -128, 127));
    for (int8_t& v : in2) v = static_cast<int8_t>(Uniform(rng, -128, 127));
    std::vector<int8_t> expected(n);
    AddS8(p, in1.data() + off1, in2.data() + off2, expected.data());
    for (const AddS8Variant* v : AddS8Variants()) {
      if (!CanRunHere(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
      if (v->packed_bytes != nullptr) continue;  // covered by the tests above
      std::vector<int8_t> out(n + 8, 0x5A);
      const AddS8Args a{in1.data() + off1, in2.data() + off2, out.data() + off_out, nullptr,
                        nullptr};
      v->eval(p, a);
      const std::vector<int8_t> got(out.begin() + off_out, out.begin() + off_out + n);
      ASSERT_EQ(got, expected) << v->name << " offsets " << off1 << "," << off2 << "," << off_out
                               << ": " << Describe(p);
      for (size_t i = 0; i < out.size(); ++i) {
        if (i < off_out || i >= off_out + n) {
          ASSERT_EQ(out[i], 0x5A) << v->name << " wrote outside the output";
        }
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, static_cast<int>(lengths.size()));
}

#if defined(MOTE_KERNELS_X86)
// The ResNet ADDs' constants are taken (on an AVX2 CPU); broadcasting is
// refused.
TEST(AddVariantsTest, X86Avx2VariantAcceptsItsShapes) {
  if (!CanRunHere(KernelArch::kX86Avx2)) GTEST_SKIP() << "this CPU has no AVX2";
  QuantAddSubParams p{};
  p.shape.size = 16384;
  p.left_shift = 20;
  p.input1_offset = 128;
  p.input2_offset = -4;
  p.output_offset = -128;
  p.input1_multiplier = 1623821475;
  p.input1_shift = -2;
  p.input2_multiplier = 1073741824;
  p.input2_shift = 0;
  p.output_multiplier = 1098017566;
  p.output_shift = -17;
  p.activation_min = -128;
  p.activation_max = 127;
  EXPECT_TRUE(kAddS8X86Avx2.supports(p));
  EXPECT_EQ(AddS8Variants()[0], &kAddS8X86Avx2);
  p.shape.broadcast = true;
  EXPECT_FALSE(kAddS8X86Avx2.supports(p));
  p.shape.broadcast = false;
  p.left_shift = 15;  // int16's
  EXPECT_FALSE(kAddS8X86Avx2.supports(p));
}
#endif

// The ResNet ADDs' constants are taken; broadcasting is refused.
TEST(AddVariantsTest, ArmDspVariantsAcceptTheirShapes) {
  QuantAddSubParams p{};
  p.shape.size = 16384;
  p.left_shift = 20;
  p.input1_offset = 128;
  p.input2_offset = -4;
  p.output_offset = -128;
  p.input1_multiplier = 1623821475;
  p.input1_shift = -2;
  p.input2_multiplier = 1073741824;
  p.input2_shift = 0;
  p.output_multiplier = 1098017566;
  p.output_shift = -17;
  p.activation_min = -128;
  p.activation_max = 127;
  EXPECT_TRUE(kAddS8LutArmV7emDsp.supports(p));
  EXPECT_TRUE(kAddS8ArmV7emDsp.supports(p));
  // The tables (2 KiB) are for the AOT compiler: over the interpreter's
  // budget for an op without per-channel data.
  EXPECT_GT(kAddS8LutArmV7emDsp.packed_bytes(p), 256u);
  p.shape.broadcast = true;
  EXPECT_FALSE(kAddS8LutArmV7emDsp.supports(p));
  EXPECT_FALSE(kAddS8ArmV7emDsp.supports(p));
}

}  // namespace
}  // namespace mote
