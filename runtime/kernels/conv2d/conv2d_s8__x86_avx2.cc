// CONV_2D int8 variants for x86-64 with AVX2 (kernels/common/avx2_s8.h):
//   conv2d_s8_1x1__x86_avx2  1x1 filters: a GEMM reading the input pixels in place
//   conv2d_s8__x86_avx2      any filter, stride, dilation, padding: im2col of
//                            two output pixels into scratch, then the same GEMM
// Both need groups == 1 and a depth (filter_h * filter_w * input_c) of at
// least 8. The GEMM computes two pixels x four output channels per tile (one
// pixel x eight channels for the last pixel of an odd count) of
// sum((x + input_offset) * w); padded taps hold the zero point itself
// (x + input_offset = 0), so they contribute nothing, as the reference's
// skipped taps do. Nothing is packed: no arena is spent on per-channel tables.
#include <cstring>

#include "kernels/common/avx2_s8.h"
#include "kernels/conv2d/conv2d.h"

namespace mote {
namespace {

// What every tile of one op's GEMM shares.
struct ConvGemm {
  const int8_t* filter;  // [output_c][depth]
  const int32_t* bias;   // [output_c], or null
  const int32_t* multiplier;
  const int32_t* shift;
  int32_t depth;
  int32_t channels;
  avx2::DotChunks chunks;
  __m256i input_offset;  // int16 lanes
  __m256i output_offset, act_min, act_max;
};

MOTE_AVX2_INLINE ConvGemm MakeGemm(const ConvParams& p, const ConvS8Args& a, int32_t depth) {
  ConvGemm g;
  g.filter = a.filter;
  g.bias = a.bias;
  g.multiplier = p.multiplier;
  g.shift = p.shift;
  g.depth = depth;
  g.channels = p.output_c;
  g.chunks = avx2::PlanDot(depth);
  g.input_offset = _mm256_set1_epi16(static_cast<int16_t>(p.input_offset));
  g.output_offset = _mm256_set1_epi32(p.output_offset);
  g.act_min = _mm256_set1_epi32(p.act_min);
  g.act_max = _mm256_set1_epi32(p.act_max);
  return g;
}

// The tile's per-lane int32 parameters: four channels twice (two pixels) or
// eight channels (one pixel).
template <int P>
MOTE_AVX2_INLINE __m256i LoadLanes(const int32_t* p) {
  return P == 2 ? avx2::LoadI32x4Twice(p) : avx2::LoadI32x8(p);
}

// Output channels lane[0 .. 8 / P) of P pixels (P = 2: four channels each,
// P = 1: eight) whose depth-long activation rows are a[0 .. P); stores the
// first n channels of each pixel at out[i] + oc0.
template <int P>
MOTE_AVX2_INLINE void Tile(const ConvGemm& g, const int8_t* const* a, const int32_t* lane,
                           __m256i bias, __m256i multiplier, __m256i shift, int8_t* const* out,
                           int32_t oc0, int32_t n) {
  constexpr int kO = 8 / P;
  const int8_t* w[kO];
  for (int j = 0; j < kO; ++j) w[j] = g.filter + static_cast<size_t>(lane[j]) * g.depth;
  __m256i acc[8];
  avx2::DotTile<P, kO>(a, g.input_offset, w, g.chunks, acc);
  const __m256i sums = _mm256_add_epi32(avx2::Reduce8(acc), bias);
  const __m128i bytes =
      avx2::RequantizeToS8(sums, multiplier, shift, g.output_offset, g.act_min, g.act_max);
  if (n == kO) {
    if (P == 1) {
      avx2::Store8(out[0] + oc0, bytes);
    } else {
      avx2::Store4(out[0] + oc0, bytes);
      avx2::Store4(out[P - 1] + oc0, _mm_srli_si128(bytes, 4));
    }
    return;
  }
  alignas(16) int8_t tmp[16];
  _mm_store_si128(reinterpret_cast<__m128i*>(tmp), bytes);
  for (int i = 0; i < P; ++i) std::memcpy(out[i] + oc0, tmp + kO * i, static_cast<size_t>(n));
}

// All output channels of P (2 or 1) pixels.
template <int P>
MOTE_AVX2_INLINE void Pixels(const ConvGemm& g, const int8_t* const* a, int8_t* const* out) {
  constexpr int kO = 8 / P;
  const int32_t channels = g.channels;
  if (channels < kO) {  // fewer channels than lanes: repeat the last one
    alignas(32) int32_t bias[kO], multiplier[kO], shift[kO], lane[kO];
    for (int j = 0; j < kO; ++j) {
      lane[j] = j < channels ? j : channels - 1;
      bias[j] = g.bias != nullptr ? g.bias[lane[j]] : 0;
      multiplier[j] = g.multiplier[lane[j]];
      shift[j] = g.shift[lane[j]];
    }
    Tile<P>(g, a, lane, LoadLanes<P>(bias), LoadLanes<P>(multiplier), LoadLanes<P>(shift), out, 0,
            channels);
    return;
  }
  for (int32_t oc = 0; oc < channels; oc += kO) {
    // The last tile ends at the last channel (recomputing a few if needed).
    const int32_t oc0 = oc + kO <= channels ? oc : channels - kO;
    int32_t lane[kO];
    for (int j = 0; j < kO; ++j) lane[j] = oc0 + j;
    const __m256i bias = g.bias != nullptr ? LoadLanes<P>(g.bias + oc0) : _mm256_setzero_si256();
    Tile<P>(g, a, lane, bias, LoadLanes<P>(g.multiplier + oc0), LoadLanes<P>(g.shift + oc0), out,
            oc0, kO);
  }
}

// Walks output pixels in memory order.
struct PixelCursor {
  int32_t b = 0, y = 0, x = 0;
  void Next(const ConvParams& p) {
    if (++x < p.output_w) return;
    x = 0;
    if (++y < p.output_h) return;
    y = 0;
    ++b;
  }
};

// Runs `row(cursor, slot)` (the activation row of that pixel, built in slot
// 0 or 1 if needed) and the GEMM for every pair of output pixels.
template <typename RowFn>
MOTE_AVX2_INLINE void ForEachPixelPair(const ConvParams& p, const ConvGemm& g, int8_t* output,
                                       RowFn row) {
  const int64_t pixels = int64_t{p.batches} * p.output_h * p.output_w;
  PixelCursor cursor;
  for (int64_t i = 0; i < pixels; i += 2) {
    int8_t* out0 = output + static_cast<size_t>(i) * p.output_c;
    const int8_t* a0 = row(cursor, 0);
    cursor.Next(p);
    if (i + 1 < pixels) {
      const int8_t* const a[2] = {a0, row(cursor, 1)};
      cursor.Next(p);
      int8_t* const out[2] = {out0, out0 + p.output_c};
      Pixels<2>(g, a, out);
    } else {  // the last pixel of an odd count
      Pixels<1>(g, &a0, &out0);
    }
  }
}

// Shared checks: groups == 1, depth >= 8, zero points and activation range
// in int8, shifts the vector requantization handles, and the CPU.
bool SupportsCommon(const ConvParams& p, int64_t depth) {
  return p.filter_c == p.input_c && depth >= 8 && depth <= (int64_t{1} << 28) &&
         p.input_offset >= -127 && p.input_offset <= 128 && p.act_min >= -128 && p.act_max <= 127 &&
         avx2::ShiftsInRange(p.shift, p.output_c) && avx2::CpuHasAvx2();
}

int64_t Depth(const ConvParams& p) { return int64_t{p.filter_h} * p.filter_w * p.filter_c; }

bool Supports1x1(const ConvParams& p) {
  return p.filter_h == 1 && p.filter_w == 1 && SupportsCommon(p, p.input_c);
}
size_t Scratch1x1(const ConvParams& p) { return static_cast<size_t>(p.input_c); }

bool SupportsGeneral(const ConvParams& p) { return SupportsCommon(p, Depth(p)); }
size_t ScratchGeneral(const ConvParams& p) { return 2 * static_cast<size_t>(Depth(p)); }

// memcpy / memset for the short runs of im2col, without a call: 32-, 16-,
// 8- or 4-byte moves, the last one ending at n (overlapping the one before).
MOTE_AVX2_INLINE void CopyRun(int8_t* dst, const int8_t* src, size_t n) {
  if (n >= 32) {
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i),
                          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + i)));
    }
    if (i < n) {
      _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + n - 32),
                          _mm256_loadu_si256(reinterpret_cast<const __m256i*>(src + n - 32)));
    }
  } else if (n >= 16) {
    const __m128i head = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
    const __m128i tail = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + n - 16));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), head);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dst + n - 16), tail);
  } else if (n >= 8) {
    uint64_t head, tail;
    std::memcpy(&head, src, 8);
    std::memcpy(&tail, src + n - 8, 8);
    std::memcpy(dst, &head, 8);
    std::memcpy(dst + n - 8, &tail, 8);
  } else if (n >= 4) {
    uint32_t head, tail;
    std::memcpy(&head, src, 4);
    std::memcpy(&tail, src + n - 4, 4);
    std::memcpy(dst, &head, 4);
    std::memcpy(dst + n - 4, &tail, 4);
  } else {
    for (size_t i = 0; i < n; ++i) dst[i] = src[i];
  }
}

MOTE_AVX2_INLINE void FillRun(int8_t* dst, int8_t value, size_t n) {
  if (n >= 32) {
    const __m256i v = _mm256_set1_epi8(value);
    size_t i = 0;
    for (; i + 32 <= n; i += 32) _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + i), v);
    if (i < n) _mm256_storeu_si256(reinterpret_cast<__m256i*>(dst + n - 32), v);
  } else if (n >= 8) {
    const uint64_t v = 0x0101010101010101ull * static_cast<uint8_t>(value);
    for (size_t i = 0; i + 8 <= n; i += 8) std::memcpy(dst + i, &v, 8);
    std::memcpy(dst + n - 8, &v, 8);
  } else {
    for (size_t i = 0; i < n; ++i) dst[i] = value;
  }
}

// The depth-long im2col row of output pixel (b, oy, ox): filter taps in
// [fy][fx][c] order; taps outside the input hold the zero point.
MOTE_AVX2 void Im2Col(const ConvParams& p, const int8_t* input, const PixelCursor& at,
                      int8_t zero_point, int8_t* dst) {
  const int32_t c = p.input_c;
  const int in_y0 = at.y * p.stride_h - p.pad_h;
  const int in_x0 = at.x * p.stride_w - p.pad_w;
  // Filter columns [fx_lo, fx_hi) fall inside the input.
  int32_t fx_lo = in_x0 >= 0 ? 0 : (-in_x0 + p.dilation_w - 1) / p.dilation_w;
  int32_t fx_hi = in_x0 < p.input_w ? (p.input_w - 1 - in_x0) / p.dilation_w + 1 : 0;
  fx_lo = fx_lo < p.filter_w ? fx_lo : p.filter_w;
  fx_hi = fx_hi < p.filter_w ? fx_hi : p.filter_w;
  fx_hi = fx_hi > fx_lo ? fx_hi : fx_lo;
  const size_t row_bytes = static_cast<size_t>(p.filter_w) * c;
  const size_t left = static_cast<size_t>(fx_lo) * c;
  const size_t right = static_cast<size_t>(p.filter_w - fx_hi) * c;
  const int8_t* batch = input + static_cast<size_t>(at.b) * p.input_h * p.input_w * c;
  const size_t input_row = static_cast<size_t>(p.input_w) * c;
  const int last_y = in_y0 + p.dilation_h * (p.filter_h - 1);
  if (p.dilation_w == 1 && left == 0 && right == 0 && in_y0 >= 0 && last_y < p.input_h) {
    // The whole window is inside: one run per filter row.
    const int8_t* src =
        batch + static_cast<size_t>(in_y0) * input_row + static_cast<size_t>(in_x0) * c;
    const size_t step = static_cast<size_t>(p.dilation_h) * input_row;
    for (int32_t fy = 0; fy < p.filter_h; ++fy, dst += row_bytes, src += step) {
      CopyRun(dst, src, row_bytes);
    }
    return;
  }
  for (int32_t fy = 0; fy < p.filter_h; ++fy, dst += row_bytes) {
    const int in_y = in_y0 + p.dilation_h * fy;
    if (in_y < 0 || in_y >= p.input_h) {
      FillRun(dst, zero_point, row_bytes);
      continue;
    }
    const int8_t* src = batch + static_cast<size_t>(in_y) * input_row;
    FillRun(dst, zero_point, left);
    if (p.dilation_w == 1) {
      CopyRun(dst + left, src + static_cast<ptrdiff_t>(in_x0 + fx_lo) * c,
              static_cast<size_t>(fx_hi - fx_lo) * c);
    } else {
      for (int32_t fx = fx_lo; fx < fx_hi; ++fx) {
        CopyRun(dst + static_cast<size_t>(fx) * c,
                src + static_cast<ptrdiff_t>(in_x0 + p.dilation_w * fx) * c,
                static_cast<size_t>(c));
      }
    }
    FillRun(dst + row_bytes - right, zero_point, right);
  }
}

}  // namespace

MOTE_AVX2 void conv2d_s8_1x1__x86_avx2(const ConvParams& p, const ConvS8Args& a) {
  const ConvGemm g = MakeGemm(p, a, p.input_c);
  // Pixels that fall in the padding read a row of zero points.
  int8_t* zero_row = static_cast<int8_t*>(a.scratch);
  std::memset(zero_row, static_cast<int8_t>(-p.input_offset), static_cast<size_t>(p.input_c));
  const size_t c = static_cast<size_t>(p.input_c);
  ForEachPixelPair(p, g, a.output, [&](const PixelCursor& at, int) -> const int8_t* {
    const int in_y = at.y * p.stride_h - p.pad_h;
    const int in_x = at.x * p.stride_w - p.pad_w;
    if (in_y < 0 || in_y >= p.input_h || in_x < 0 || in_x >= p.input_w) return zero_row;
    return a.input + ((static_cast<size_t>(at.b) * p.input_h + in_y) * p.input_w + in_x) * c;
  });
}

MOTE_AVX2 void conv2d_s8__x86_avx2(const ConvParams& p, const ConvS8Args& a) {
  const int32_t depth = static_cast<int32_t>(Depth(p));
  const ConvGemm g = MakeGemm(p, a, depth);
  int8_t* const cols = static_cast<int8_t*>(a.scratch);
  const int8_t zero_point = static_cast<int8_t>(-p.input_offset);
  ForEachPixelPair(p, g, a.output, [&](const PixelCursor& at, int slot) -> const int8_t* {
    int8_t* col = cols + static_cast<size_t>(slot) * depth;
    Im2Col(p, a.input, at, zero_point, col);
    return col;
  });
}

const ConvS8Variant kConv2dS8_1x1X86Avx2{
    "conv2d_s8_1x1__x86_avx2", KernelArch::kX86Avx2, &Supports1x1, &Scratch1x1, nullptr, nullptr,
    &conv2d_s8_1x1__x86_avx2};
const ConvS8Variant kConv2dS8X86Avx2{"conv2d_s8__x86_avx2",
                                     KernelArch::kX86Avx2,
                                     &SupportsGeneral,
                                     &ScratchGeneral,
                                     nullptr,
                                     nullptr,
                                     &conv2d_s8__x86_avx2};

}  // namespace mote
