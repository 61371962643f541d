// int8 ADD without broadcasting for x86-64 with AVX2 (kernels/common/avx2_s8.h):
// 32 elements per iteration, then 8, then a scalar tail. TFLite's arithmetic,
// exactly (add_sub.cc): an input x is rescaled to
//   s = RoundingDivideByPOT(SRDHM((x + offset) << 20, m), e)
// and the output is RoundingDivideByPOT(SRDHM(s1 + s2, m_out), e_out) + zero
// point, clamped. The identities used (offsets in [-127, 128], multipliers
// >= 0, shifts in [-31, 0]):
// - SRDHM(a, m) with gemmlowp's nudge and truncating division is
//   floor((a * m + 2^30) / 2^31) unless a = m = INT32_MIN (never here:
//   |a| < 2^29).
// - For the inputs, a = (x + offset) * 2^20, so that is
//   floor((x * m + C) / 2^11) with the 64-bit constant C = offset * m + 2^10:
//   one _mm256_mul_epi32 per pair of lanes and no shift of x.
// - RoundingDivideByPOT(v, e) with e >= 1 (ties away from zero) is
//   (v + 2^(e-1) + (v >> 31)) >> e; with e = 0 it is v (template flag).
// - The int32 result saturated to int16, plus the zero point (saturating),
//   saturated to int8 and clamped, equals the int32 result plus the zero
//   point clamped, because the clamp range lies within int8.
#include <algorithm>
#include <cstdint>

#include "kernels/common/avx2_s8.h"
#include "kernels/common/quantization.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace {

bool Supports(const QuantAddSubParams& p) {
  const auto offset_ok = [](int32_t o) { return o >= -127 && o <= 128; };
  const auto scale_ok = [](int32_t m, int32_t shift) {
    return m >= 0 && shift <= 0 && shift >= -31;
  };
  return !p.shape.broadcast && p.left_shift == 20 && offset_ok(p.input1_offset) &&
         offset_ok(p.input2_offset) && scale_ok(p.input1_multiplier, p.input1_shift) &&
         scale_ok(p.input2_multiplier, p.input2_shift) &&
         scale_ok(p.output_multiplier, p.output_shift) && p.output_offset >= -128 &&
         p.output_offset <= 127 && p.activation_min >= -128 && p.activation_max <= 127 &&
         p.activation_min <= p.activation_max && avx2::CpuHasAvx2();
}

// One rescaling stage's constants, in every lane.
struct Stage {
  __m256i multiplier;  // int32 lanes (mul_epi32 reads the even ones)
  __m256i nudge;       // int64 lanes
  __m256i half;        // 2^(e-1), int32 lanes
  __m128i shift;       // e
};

MOTE_AVX2_INLINE Stage MakeStage(int32_t multiplier, int64_t nudge, int32_t shift) {
  const int32_t e = -shift;
  return Stage{_mm256_set1_epi32(multiplier), _mm256_set1_epi64x(nudge),
               _mm256_set1_epi32(e > 0 ? static_cast<int32_t>(1u << (e - 1)) : 0),
               _mm_cvtsi32_si128(e)};
}

// RoundingDivideByPOT(v, e); kRound: e >= 1.
template <bool kRound>
MOTE_AVX2_INLINE __m256i DivideByPot(__m256i v, const Stage& s) {
  if (!kRound) return v;
  const __m256i biased = _mm256_add_epi32(_mm256_add_epi32(v, s.half), _mm256_srai_epi32(v, 31));
  return _mm256_sra_epi32(biased, s.shift);
}

// Bits kLow..kLow+31 of (x * m + nudge) for each int32 lane x (64-bit
// products of the even lanes, then of the odd ones).
template <int kLow>
MOTE_AVX2_INLINE __m256i HighProduct(__m256i x, const Stage& s) {
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, s.multiplier), s.nudge);
  const __m256i odd =
      _mm256_add_epi64(_mm256_mul_epi32(_mm256_srli_epi64(x, 32), s.multiplier), s.nudge);
  return _mm256_blend_epi32(_mm256_srli_epi64(even, kLow), _mm256_slli_epi64(odd, 32 - kLow), 0xAA);
}

struct Stages {
  Stage in1, in2, out;
  __m256i output_offset;     // int16 lanes
  __m256i act_min, act_max;  // int8 lanes
};

// The rescaled input of 8 int8 at p.
template <bool kRound>
MOTE_AVX2_INLINE __m256i Rescale8(const int8_t* p, const Stage& s) {
  const __m256i x = _mm256_cvtepi8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
  return DivideByPot<kRound>(HighProduct<11>(x, s), s);
}

// The output of 8 elements before the zero point, int32 lanes.
template <bool kRound1, bool kRound2, bool kRoundOut>
MOTE_AVX2_INLINE __m256i Raw8(const int8_t* in1, const int8_t* in2, const Stages& s) {
  const __m256i sum =
      _mm256_add_epi32(Rescale8<kRound1>(in1, s.in1), Rescale8<kRound2>(in2, s.in2));
  return DivideByPot<kRoundOut>(HighProduct<31>(sum, s.out), s.out);
}

// The reference's arithmetic for one element (the tail).
int8_t AddOne(const QuantAddSubParams& p, int8_t a, int8_t b) {
  const int32_t scaled1 = MultiplyByQuantizedMultiplier((p.input1_offset + a) * (1 << 20),
                                                        p.input1_multiplier, p.input1_shift);
  const int32_t scaled2 = MultiplyByQuantizedMultiplier((p.input2_offset + b) * (1 << 20),
                                                        p.input2_multiplier, p.input2_shift);
  const int32_t result =
      MultiplyByQuantizedMultiplier(scaled1 + scaled2, p.output_multiplier, p.output_shift) +
      p.output_offset;
  return static_cast<int8_t>(std::min(p.activation_max, std::max(p.activation_min, result)));
}

template <bool kRound1, bool kRound2, bool kRoundOut>
MOTE_AVX2 void Run(const QuantAddSubParams& p, const AddS8Args& a) {
  const auto input_nudge = [](int32_t offset, int32_t m) {
    return int64_t{offset} * m + (int64_t{1} << 10);
  };
  Stages s;
  s.in1 = MakeStage(p.input1_multiplier, input_nudge(p.input1_offset, p.input1_multiplier),
                    p.input1_shift);
  s.in2 = MakeStage(p.input2_multiplier, input_nudge(p.input2_offset, p.input2_multiplier),
                    p.input2_shift);
  s.out = MakeStage(p.output_multiplier, int64_t{1} << 30, p.output_shift);
  s.output_offset = _mm256_set1_epi16(static_cast<int16_t>(p.output_offset));
  s.act_min = _mm256_set1_epi8(static_cast<int8_t>(p.activation_min));
  s.act_max = _mm256_set1_epi8(static_cast<int8_t>(p.activation_max));
  // packs_epi32 then packs_epi16 of four groups leave, per 128-bit half,
  // 4 bytes of each group: dwords g0a g1a g2a g3a g0b g1b g2b g3b.
  const __m256i order = _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7);

  const int8_t* in1 = a.input1;
  const int8_t* in2 = a.input2;
  int8_t* out = a.output;
  uint32_t n = p.shape.size;
  for (; n >= 32; n -= 32, in1 += 32, in2 += 32, out += 32) {
    const __m256i r0 = Raw8<kRound1, kRound2, kRoundOut>(in1, in2, s);
    const __m256i r1 = Raw8<kRound1, kRound2, kRoundOut>(in1 + 8, in2 + 8, s);
    const __m256i r2 = Raw8<kRound1, kRound2, kRoundOut>(in1 + 16, in2 + 16, s);
    const __m256i r3 = Raw8<kRound1, kRound2, kRoundOut>(in1 + 24, in2 + 24, s);
    const __m256i w01 = _mm256_adds_epi16(_mm256_packs_epi32(r0, r1), s.output_offset);
    const __m256i w23 = _mm256_adds_epi16(_mm256_packs_epi32(r2, r3), s.output_offset);
    __m256i b = _mm256_permutevar8x32_epi32(_mm256_packs_epi16(w01, w23), order);
    b = _mm256_min_epi8(_mm256_max_epi8(b, s.act_min), s.act_max);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), b);
  }
  for (; n >= 8; n -= 8, in1 += 8, in2 += 8, out += 8) {
    const __m256i r = Raw8<kRound1, kRound2, kRoundOut>(in1, in2, s);
    const __m128i w =
        _mm_adds_epi16(_mm_packs_epi32(_mm256_castsi256_si128(r), _mm256_extracti128_si256(r, 1)),
                       _mm256_castsi256_si128(s.output_offset));
    __m128i b = _mm_packs_epi16(w, w);
    b = _mm_min_epi8(_mm_max_epi8(b, _mm256_castsi256_si128(s.act_min)),
                     _mm256_castsi256_si128(s.act_max));
    avx2::Store8(out, b);
  }
  for (; n > 0; --n) *out++ = AddOne(p, *in1++, *in2++);
}

using RunFn = void (*)(const QuantAddSubParams&, const AddS8Args&);
// Indexed by (input 1 rounds) * 4 + (input 2 rounds) * 2 + (output rounds).
constexpr RunFn kRuns[8] = {
    &Run<false, false, false>, &Run<false, false, true>, &Run<false, true, false>,
    &Run<false, true, true>,   &Run<true, false, false>, &Run<true, false, true>,
    &Run<true, true, false>,   &Run<true, true, true>,
};

}  // namespace

void add_s8__x86_avx2(const QuantAddSubParams& p, const AddS8Args& a) {
  const int index =
      (p.input1_shift < 0 ? 4 : 0) + (p.input2_shift < 0 ? 2 : 0) + (p.output_shift < 0 ? 1 : 0);
  kRuns[index](p, a);
}

const AddS8Variant kAddS8X86Avx2{
    "add_s8__x86_avx2", KernelArch::kX86Avx2, &Supports, nullptr, nullptr, nullptr,
    &add_s8__x86_avx2};

}  // namespace mote
