// Building blocks of the x86-64 AVX2 int8 kernel variants (*__x86_avx2.cc):
// exact int8 dot products (sign-extended to int16 plus the input offset,
// _mm256_madd_epi16 into int32 lanes that wrap like the reference's
// accumulator) and the per-channel requantization, bit-exact with
// MultiplyByQuantizedMultiplier for every multiplier and every shift in
// [-31, 30] (what QuantizeMultiplier produces).
//
// Every function is compiled for AVX2 by a per-function target attribute, so
// the rest of the build keeps the baseline ISA; callers check the CPU first
// (CpuHasAvx2). Include only from files built for x86-64.
#ifndef MOTE_KERNELS_COMMON_AVX2_S8_H_
#define MOTE_KERNELS_COMMON_AVX2_S8_H_

#include <immintrin.h>

#include <cstdint>
#include <cstring>

// For functions with AVX2 code; the inline form for the small helpers below.
#define MOTE_AVX2 __attribute__((target("avx2")))
#define MOTE_AVX2_INLINE inline __attribute__((target("avx2"), always_inline))

namespace mote {
namespace avx2 {

inline bool CpuHasAvx2() { return __builtin_cpu_supports("avx2"); }

// True if every shift is one MultiplyByQuantizedMultiplier8 handles.
inline bool ShiftsInRange(const int32_t* shift, int32_t n) {
  for (int32_t i = 0; i < n; ++i) {
    if (shift[i] < -31 || shift[i] > 30) return false;
  }
  return true;
}

// 16 int8 at p (or 8, the upper lanes zero) sign-extended to int16 lanes.
MOTE_AVX2_INLINE __m256i Load16(const int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}
MOTE_AVX2_INLINE __m256i Load8(const int8_t* p) {
  return _mm256_cvtepi8_epi16(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(p)));
}

// 8 int32 at p.
MOTE_AVX2_INLINE __m256i LoadI32x8(const int32_t* p) {
  return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
}
// 4 int32 at p, in both halves.
MOTE_AVX2_INLINE __m256i LoadI32x4Twice(const int32_t* p) {
  return _mm256_broadcastsi128_si256(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)));
}

// How a dot product of length `depth` (>= 8) is split into chunks: 16-wide
// ones at 0, 16, ... below `full_end`; then, if the depth is not a multiple of
// 16, one more chunk that ENDS at `depth` (starting at `tail`, 16 or 8 wide)
// so no load leaves either row, with the activation lanes already counted
// zeroed by `tail_mask`. Weights need no masking. (A depth in (8, 16) is an
// 8-wide chunk at 0 and an 8-wide tail chunk.)
struct DotChunks {
  int32_t full_end;  // 16 * number of full chunks
  int32_t tail;      // start of the tail chunk, or -1
  bool tail8;        // the tail chunk is 8 wide
  __m256i tail_mask;
};

// 16 zeros, then 16 all-ones: the 16 int16 at kTailMaskTable + 16 - n are
// all-ones exactly in lanes >= n.
alignas(32) inline constexpr int16_t kTailMaskTable[32] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};

MOTE_AVX2_INLINE DotChunks PlanDot(int32_t depth) {
  DotChunks c;
  c.tail = -1;
  c.tail8 = false;
  c.tail_mask = _mm256_setzero_si256();
  int32_t fresh = 0;  // lanes of the tail chunk not covered before it
  if (depth >= 16) {
    c.full_end = depth & ~15;
    fresh = depth - c.full_end;
    if (fresh > 0) c.tail = depth - 16;
  } else {  // 8 <= depth < 16: an 8-wide chunk at 0, then one ending at depth
    c.full_end = 0;
    c.tail8 = true;
    c.tail = depth > 8 ? depth - 8 : 0;
    fresh = depth > 8 ? depth - 8 : 8;
  }
  if (c.tail >= 0) {
    // Keep the last `fresh` lanes of the chunk: lanes >= width - fresh.
    const int32_t width = c.tail8 ? 8 : 16;
    const int32_t first_kept = width - fresh;
    c.tail_mask =
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(kTailMaskTable + 16 - first_kept));
  }
  return c;
}

// acc += madd(x, w) (pairs of int16 products summed into int32 lanes),
// added in place: written as plain intrinsics, GCC 12 at -O3 gives each
// accumulator a new register per iteration and copies it back (a vmovdqa per
// accumulator and chunk); the asm pins the add to the accumulator's register.
MOTE_AVX2_INLINE void MulAdd(__m256i& acc, __m256i x, __m256i w) {
  const __m256i products = _mm256_madd_epi16(x, w);
  __asm__("vpaddd %1, %0, %0" : "+x"(acc) : "x"(products));
}

// Eight int32 accumulators of a tile of P activation rows x O weight rows
// (P * O == 8), accumulator i * O + j = sum over k of
// (a[i][k] + offset) * w[j][k]. `offset` (the input offset, |offset| <= 128,
// in every int16 lane) keeps the products exact: |a + offset| <= 255.
template <int P, int O>
MOTE_AVX2_INLINE void DotTile(const int8_t* const* a, __m256i offset, const int8_t* const* w,
                              const DotChunks& c, __m256i* acc) {
  static_assert(P * O == 8, "tiles have 8 accumulators");
  for (int t = 0; t < 8; ++t) acc[t] = _mm256_setzero_si256();
  for (int32_t k = 0; k < c.full_end; k += 16) {
    __m256i av[P];
    for (int i = 0; i < P; ++i) av[i] = _mm256_add_epi16(Load16(a[i] + k), offset);
    for (int j = 0; j < O; ++j) {
      const __m256i wv = Load16(w[j] + k);
      for (int i = 0; i < P; ++i) MulAdd(acc[i * O + j], av[i], wv);
    }
  }
  // Below, 8-wide chunks have activation lanes 8..15 equal to `offset` but
  // weight lanes 8..15 zero.
  if (c.tail8 && c.tail > 0) {  // depth in (8, 16): the 8-wide head chunk first
    __m256i av[P];
    for (int i = 0; i < P; ++i) av[i] = _mm256_add_epi16(Load8(a[i]), offset);
    for (int j = 0; j < O; ++j) {
      const __m256i wv = Load8(w[j]);
      for (int i = 0; i < P; ++i) MulAdd(acc[i * O + j], av[i], wv);
    }
  }
  if (c.tail >= 0) {
    const int32_t k = c.tail;
    __m256i av[P];
    for (int i = 0; i < P; ++i) {
      const __m256i v = c.tail8 ? Load8(a[i] + k) : Load16(a[i] + k);
      av[i] = _mm256_and_si256(_mm256_add_epi16(v, offset), c.tail_mask);
    }
    for (int j = 0; j < O; ++j) {
      const __m256i wv = c.tail8 ? Load8(w[j] + k) : Load16(w[j] + k);
      for (int i = 0; i < P; ++i) MulAdd(acc[i * O + j], av[i], wv);
    }
  }
}

// The horizontal sums of eight accumulators, lane t = sum of acc[t]'s lanes.
MOTE_AVX2_INLINE __m256i Reduce8(const __m256i* acc) {
  const __m256i h01 = _mm256_hadd_epi32(acc[0], acc[1]);
  const __m256i h23 = _mm256_hadd_epi32(acc[2], acc[3]);
  const __m256i h45 = _mm256_hadd_epi32(acc[4], acc[5]);
  const __m256i h67 = _mm256_hadd_epi32(acc[6], acc[7]);
  const __m256i q0 = _mm256_hadd_epi32(h01, h23);  // [0..3 low halves | 0..3 high halves]
  const __m256i q1 = _mm256_hadd_epi32(h45, h67);
  return _mm256_add_epi32(_mm256_permute2x128_si256(q0, q1, 0x20),
                          _mm256_permute2x128_si256(q0, q1, 0x31));
}

// MultiplyByQuantizedMultiplier on eight lanes, shifts in [-31, 30].
// The doubling high multiply with gemmlowp's nudge and truncating division is
// exactly (x * m + 2^30) >> 31 (arithmetic), except for x = m = INT32_MIN,
// which saturates to INT32_MAX (that lane computes 0x80000000: flipped).
MOTE_AVX2_INLINE __m256i MultiplyByQuantizedMultiplier8(__m256i x, __m256i mult, __m256i shift) {
  const __m256i zero = _mm256_setzero_si256();
  const __m256i one = _mm256_set1_epi32(1);
  const __m256i left = _mm256_max_epi32(shift, zero);
  const __m256i right = _mm256_max_epi32(_mm256_sub_epi32(zero, shift), zero);
  x = _mm256_sllv_epi32(x, left);
  const __m256i nudge = _mm256_set1_epi64x(int64_t{1} << 30);
  const __m256i even = _mm256_add_epi64(_mm256_mul_epi32(x, mult), nudge);
  const __m256i odd = _mm256_add_epi64(
      _mm256_mul_epi32(_mm256_srli_epi64(x, 32), _mm256_srli_epi64(mult, 32)), nudge);
  // Bits 31..62 of each product: to the low half (even), the high half (odd).
  __m256i high = _mm256_blend_epi32(_mm256_srli_epi64(even, 31), _mm256_slli_epi64(odd, 1), 0xAA);
  const __m256i int_min = _mm256_set1_epi32(INT32_MIN);
  const __m256i saturated =
      _mm256_and_si256(_mm256_cmpeq_epi32(x, int_min), _mm256_cmpeq_epi32(mult, int_min));
  high = _mm256_xor_si256(high, saturated);
  // Rounding division by 2^right, ties away from zero.
  const __m256i mask = _mm256_sub_epi32(_mm256_sllv_epi32(one, right), one);
  const __m256i remainder = _mm256_and_si256(high, mask);
  const __m256i threshold =
      _mm256_sub_epi32(_mm256_srli_epi32(mask, 1), _mm256_cmpgt_epi32(zero, high));
  return _mm256_sub_epi32(_mm256_srav_epi32(high, right), _mm256_cmpgt_epi32(remainder, threshold));
}

// acc (+ bias already added) -> int8: requantize, add the output offset
// (wrapping), clamp to [act_min, act_max] (within int8), narrow. The eight
// bytes are in the low 64 bits of the result.
MOTE_AVX2_INLINE __m128i RequantizeToS8(__m256i acc, __m256i multiplier, __m256i shift,
                                        __m256i output_offset, __m256i act_min, __m256i act_max) {
  __m256i v = MultiplyByQuantizedMultiplier8(acc, multiplier, shift);
  v = _mm256_add_epi32(v, output_offset);
  v = _mm256_min_epi32(_mm256_max_epi32(v, act_min), act_max);
  const __m128i s16 = _mm_packs_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
  return _mm_packs_epi16(s16, s16);
}

// Stores the low 4 / 8 bytes of v at dst.
MOTE_AVX2_INLINE void Store4(int8_t* dst, __m128i v) {
  const int32_t bytes = _mm_cvtsi128_si32(v);
  std::memcpy(dst, &bytes, 4);
}
MOTE_AVX2_INLINE void Store8(int8_t* dst, __m128i v) {
  _mm_storel_epi64(reinterpret_cast<__m128i*>(dst), v);
}

}  // namespace avx2
}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_AVX2_S8_H_
