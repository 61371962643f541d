// FULLY_CONNECTED int8 variant for x86-64 with AVX2
// (kernels/common/avx2_s8.h): fully_connected_s8__x86_avx2, accum_depth >= 8,
// per-tensor (any weight zero point) or per-channel quantization.
//
// Each input row plus the input offset is dotted with eight weight rows at a
// time (one int32 accumulator per unit, reduced horizontally at the end). A
// weight zero point fo adds fo * sum(x + io), once per input row:
// sum((w + fo) * (x + io)) = sum(w * (x + io)) + fo * sum(x + io), modulo
// 2^32 like the reference's wrapping int32. Nothing is packed.
#include <cstring>

#include "kernels/common/avx2_s8.h"
#include "kernels/fully_connected/fully_connected.h"

namespace mote {
namespace {

bool PerChannel(const FullyConnectedParams& p) { return p.channel_multiplier != nullptr; }

// The weight zero point the reference applies (none for per-channel weights).
int32_t FilterOffset(const FullyConnectedParams& p) { return PerChannel(p) ? 0 : p.filter_offset; }

bool Supports(const FullyConnectedParams& p) {
  const bool shifts_ok = PerChannel(p) ? avx2::ShiftsInRange(p.channel_shift, p.output_depth)
                                       : avx2::ShiftsInRange(&p.shift, 1);
  return p.accum_depth >= 8 && p.input_offset >= -127 && p.input_offset <= 128 &&
         p.act_min >= -128 && p.act_max <= 127 && shifts_ok && avx2::CpuHasAvx2();
}

// What every block of units shares.
struct FcConsts {
  const int8_t* weights;
  const int32_t* bias;        // [units], or null
  const int32_t* multiplier;  // [units], or null (per tensor: the vectors below)
  const int32_t* shift;
  int32_t depth, units;
  avx2::DotChunks chunks;
  __m256i input_offset;  // int16 lanes
  __m256i multiplier_all, shift_all;
  __m256i output_offset, act_min, act_max;
};

// sum(x) over one input row.
MOTE_AVX2_INLINE int32_t RowSum(const int8_t* x, const avx2::DotChunks& c) {
  const __m256i ones = _mm256_set1_epi16(1);
  __m256i acc = _mm256_setzero_si256();
  for (int32_t k = 0; k < c.full_end; k += 16) {
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(avx2::Load16(x + k), ones));
  }
  if (c.tail8 && c.tail > 0) acc = _mm256_add_epi32(acc, _mm256_madd_epi16(avx2::Load8(x), ones));
  if (c.tail >= 0) {
    const __m256i v = c.tail8 ? avx2::Load8(x + c.tail) : avx2::Load16(x + c.tail);
    acc = _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_and_si256(v, c.tail_mask), ones));
  }
  __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
  s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
  return _mm_cvtsi128_si32(s);
}

// Units lane[0..7] of input row x; stores n outputs from out[u0].
MOTE_AVX2_INLINE void Block(const FcConsts& k, const int8_t* x, const int32_t* lane, __m256i bias,
                            __m256i multiplier, __m256i shift, __m256i row_term, int8_t* out,
                            int32_t u0, int32_t n) {
  const int8_t* w[8];
  for (int j = 0; j < 8; ++j) w[j] = k.weights + static_cast<size_t>(lane[j]) * k.depth;
  const int8_t* const rows[1] = {x};
  __m256i acc[8];
  avx2::DotTile<1, 8>(rows, k.input_offset, w, k.chunks, acc);
  const __m256i sums = _mm256_add_epi32(_mm256_add_epi32(avx2::Reduce8(acc), bias), row_term);
  const __m128i bytes =
      avx2::RequantizeToS8(sums, multiplier, shift, k.output_offset, k.act_min, k.act_max);
  if (n == 8) {
    avx2::Store8(out + u0, bytes);
    return;
  }
  alignas(16) int8_t tmp[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(tmp), bytes);
  std::memcpy(out + u0, tmp, static_cast<size_t>(n));
}

}  // namespace

MOTE_AVX2 void fully_connected_s8__x86_avx2(const FullyConnectedParams& p,
                                            const FullyConnectedS8Args& a) {
  FcConsts k;
  k.weights = a.weights;
  k.bias = a.bias;
  k.multiplier = p.channel_multiplier;
  k.shift = p.channel_shift;
  k.depth = p.accum_depth;
  k.units = p.output_depth;
  k.chunks = avx2::PlanDot(p.accum_depth);
  k.input_offset = _mm256_set1_epi16(static_cast<int16_t>(p.input_offset));
  k.multiplier_all = _mm256_set1_epi32(p.multiplier);
  k.shift_all = _mm256_set1_epi32(p.shift);
  k.output_offset = _mm256_set1_epi32(p.output_offset);
  k.act_min = _mm256_set1_epi32(p.act_min);
  k.act_max = _mm256_set1_epi32(p.act_max);
  const uint32_t fo = static_cast<uint32_t>(FilterOffset(p));
  const int32_t units = p.output_depth;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* x = a.input + static_cast<size_t>(b) * p.accum_depth;
    int8_t* out = a.output + static_cast<size_t>(b) * units;
    // fo * sum(x + io) = fo * (sum(x) + D * io).
    const uint32_t row_sum =
        static_cast<uint32_t>(RowSum(x, k.chunks)) +
        static_cast<uint32_t>(p.accum_depth) * static_cast<uint32_t>(p.input_offset);
    const __m256i row_term = _mm256_set1_epi32(fo == 0 ? 0 : static_cast<int32_t>(fo * row_sum));
    if (units < 8) {  // fewer units than lanes: repeat the last one
      alignas(32) int32_t lane[8], bias[8], multiplier[8], shift[8];
      for (int j = 0; j < 8; ++j) {
        lane[j] = j < units ? j : units - 1;
        bias[j] = k.bias != nullptr ? k.bias[lane[j]] : 0;
        multiplier[j] = k.multiplier != nullptr ? k.multiplier[lane[j]] : p.multiplier;
        shift[j] = k.shift != nullptr ? k.shift[lane[j]] : p.shift;
      }
      Block(k, x, lane, avx2::LoadI32x8(bias), avx2::LoadI32x8(multiplier), avx2::LoadI32x8(shift),
            row_term, out, 0, units);
      continue;
    }
    for (int32_t u = 0; u < units; u += 8) {
      // The last block ends at the last unit (recomputing a few if needed).
      const int32_t u0 = u + 8 <= units ? u : units - 8;
      const int32_t lane[8] = {u0, u0 + 1, u0 + 2, u0 + 3, u0 + 4, u0 + 5, u0 + 6, u0 + 7};
      const __m256i multiplier =
          k.multiplier != nullptr ? avx2::LoadI32x8(k.multiplier + u0) : k.multiplier_all;
      const __m256i shift = k.shift != nullptr ? avx2::LoadI32x8(k.shift + u0) : k.shift_all;
      const __m256i bias =
          k.bias != nullptr ? avx2::LoadI32x8(k.bias + u0) : _mm256_setzero_si256();
      Block(k, x, lane, bias, multiplier, shift, row_term, out, u0, 8);
    }
  }
}

const FullyConnectedS8Variant kFullyConnectedS8X86Avx2{
    "fully_connected_s8__x86_avx2", KernelArch::kX86Avx2, &Supports, nullptr, nullptr, nullptr,
    &fully_connected_s8__x86_avx2};

}  // namespace mote
