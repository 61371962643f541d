// ADD int8 variants on the target: a deterministic list of cases (the ResNet
// ADDs' constants, rescalings that land on rounding ties, then pseudo-random
// multipliers and shifts, zero points, activation ranges and lengths, with
// the output over an input as the planner allows), each variant against
// AddS8 byte for byte.
#include <cstring>

#include "kernels/elementwise/elementwise.h"
#include "variant_checks.h"

namespace vcheck {
namespace {

constexpr size_t kMaxElements = 2048, kMaxPacked = 4096;

int8_t g_in1[kMaxElements + 16], g_in2[kMaxElements + 16];
int8_t g_expected[kMaxElements];
int8_t g_output[kMaxElements + 16];
alignas(16) uint8_t g_packed[kMaxPacked];

void MakeCase(int i, Rng& rng, mote::QuantAddSubParams* out) {
  mote::QuantAddSubParams p{};
  const uint32_t n = static_cast<uint32_t>(i < 8 ? kMaxElements - i : rng.Uniform(1, 700));
  p.shape.size = n;
  p.shape.broadcast = false;
  p.left_shift = 20;
  p.input1_offset = -rng.ZeroPoint();
  p.input2_offset = -rng.ZeroPoint();
  p.output_offset = rng.ZeroPoint();
  if (i < 4) {  // ResNet's first ADD
    p.input1_multiplier = 1623821475, p.input1_shift = -2;
    p.input2_multiplier = 1073741824, p.input2_shift = 0;
    p.output_multiplier = 1098017566, p.output_shift = -17;
  } else if (i < 8) {  // ties: each input rescales to (x + offset) / 2
    const int32_t e1 = 1 + 6 * (i - 4), e2 = 20 - 6 * (i - 4);
    p.input1_multiplier = 1 << (10 + e1), p.input1_shift = -e1;
    p.input2_multiplier = 1 << (10 + e2), p.input2_shift = -e2;
    p.output_multiplier = 1 << 30, p.output_shift = -(1 + (i & 1));
  } else {
    p.input1_multiplier = rng.Uniform(1 << 30, INT32_MAX);
    p.input1_shift = rng.Uniform(0, 1) == 0 ? rng.Uniform(-3, 0) : rng.Uniform(-31, 0);
    p.input2_multiplier = rng.Uniform(0, 2) == 0 ? (1 << 30) : rng.Uniform(1 << 30, INT32_MAX);
    p.input2_shift = rng.Uniform(0, 2) == 0 ? 0 : rng.Uniform(-24, 0);
    p.output_multiplier = rng.Uniform(1 << 30, INT32_MAX);
    p.output_shift = rng.Uniform(-22, -1);
  }
  if (i < 8 || rng.Uniform(0, 1) == 0) {
    p.activation_min = -128, p.activation_max = 127;
  } else {
    p.activation_min = rng.Uniform(-128, 0);
    p.activation_max = rng.Uniform(p.activation_min, 127);
  }
  for (uint32_t k = 0; k < n; ++k) {
    // Cases 4..7: input 1 runs through every int8 value against 8 of input 2.
    g_in1[k] = i >= 4 && i < 8 ? static_cast<int8_t>(k) : rng.Int8();
    g_in2[k] = i >= 4 && i < 8 ? static_cast<int8_t>(37 * (k >> 8)) : rng.Int8();
  }
  *out = p;
}

}  // namespace

void CheckAddVariants(app::Checks& c) {
  const mote::Span<const mote::AddS8Variant* const> variants = mote::AddS8Variants();
  constexpr size_t kMaxVariants = 4;
  VariantTally<kMaxVariants> tally;
  static int8_t in1_copy[kMaxElements + 16], in2_copy[kMaxElements + 16];
  Rng rng(2027);
  for (int i = 0; i < 160; ++i) {
    mote::QuantAddSubParams p;
    MakeCase(i, rng, &p);
    const size_t n = p.shape.size;
    mote::AddS8(p, g_in1, g_in2, g_expected);
    for (size_t v = 0; v < variants.size() && v < kMaxVariants; ++v) {
      const mote::AddS8Variant& variant = *variants[v];
      if (!Accepts(variant, p, 0, kMaxPacked)) continue;
      const size_t packed = variant.packed_bytes != nullptr ? variant.packed_bytes(p) : 0;
      // The output over input 1, over input 2, or apart.
      memcpy(in1_copy, g_in1, n);
      memcpy(in2_copy, g_in2, n);
      memset(g_output, 0x5A, n + 16);
      const int alias = (i + static_cast<int>(v)) % 3;
      int8_t* out = alias == 1 ? in1_copy : alias == 2 ? in2_copy : g_output;
      memset(out + n, 0x5A, 16);
      mote::AddS8Args a{in1_copy, in2_copy, out, nullptr, nullptr};
      if (packed > 0) {
        variant.pack(p, a, g_packed);
        a.packed = g_packed;
      }
      variant.eval(p, a);
      if (tally.Add(v, OutputMatches(out, g_expected, n))) {
        app::Print("  %s case %d: n %lu shifts %ld %ld %ld\n", variant.name, i,
                   static_cast<unsigned long>(n), static_cast<long>(p.input1_shift),
                   static_cast<long>(p.input2_shift), static_cast<long>(p.output_shift));
      }
    }
  }
  tally.ReportAll(c, "add", variants, 100);
}

}  // namespace vcheck
