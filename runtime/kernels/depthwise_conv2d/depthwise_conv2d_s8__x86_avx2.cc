// DEPTHWISE_CONV_2D int8 variant for x86-64 with AVX2
// (kernels/common/avx2_s8.h): depthwise_conv2d_s8__x86_avx2, depth multiplier
// 1 and at least 8 channels, any filter, stride, dilation and padding.
//
// Channels are the vector lanes, 16 (or 8) at a time. For each output pixel
// the in-image taps are listed once (scratch); two taps at a time, the
// activations plus the input offset (int16, |x| <= 255) are interleaved with
// the weights and multiplied-added into int32 lanes (_mm256_madd_epi16, exact).
// Padded taps are simply not listed, as the reference skips them. The last
// channel block ends at the last channel (recomputing a few if needed).
#include <cstddef>

#include "kernels/common/avx2_s8.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {
namespace {

// The in-image taps of one output pixel: byte offsets into the input batch
// and the filter (channel 0 of each).
struct TapList {
  const ptrdiff_t* input;
  const ptrdiff_t* filter;
  int32_t count;
};

// What every channel block of one op shares.
struct DepthwiseConsts {
  __m256i input_offset;  // int16 lanes
  __m256i output_offset, act_min, act_max;
};

template <int kWidth>
MOTE_AVX2_INLINE __m256i Load(const int8_t* ptr) {
  return kWidth == 16 ? avx2::Load16(ptr) : avx2::Load8(ptr);
}

// `kWidth` (16 or 8) channels from c0 of one output pixel.
template <int kWidth>
MOTE_AVX2_INLINE void ChannelBlock(const DepthwiseParams& p, const DepthwiseS8Args& a,
                                   const DepthwiseConsts& k, const int8_t* in_batch,
                                   const TapList& taps, int32_t c0, int8_t* out) {
  const int8_t* in = in_batch + c0;
  const int8_t* filter = a.filter + c0;
  __m256i acc_lo = _mm256_setzero_si256();  // channels [0..3 | 8..11] of the block
  __m256i acc_hi = _mm256_setzero_si256();  // channels [4..7 | 12..15]
  int32_t t = 0;
  for (; t + 2 <= taps.count; t += 2) {
    const __m256i x0 = _mm256_add_epi16(Load<kWidth>(in + taps.input[t]), k.input_offset);
    const __m256i x1 = _mm256_add_epi16(Load<kWidth>(in + taps.input[t + 1]), k.input_offset);
    const __m256i w0 = Load<kWidth>(filter + taps.filter[t]);
    const __m256i w1 = Load<kWidth>(filter + taps.filter[t + 1]);
    avx2::MulAdd(acc_lo, _mm256_unpacklo_epi16(x0, x1), _mm256_unpacklo_epi16(w0, w1));
    avx2::MulAdd(acc_hi, _mm256_unpackhi_epi16(x0, x1), _mm256_unpackhi_epi16(w0, w1));
  }
  if (t < taps.count) {  // an odd tap, paired with zero weights
    const __m256i x0 = _mm256_add_epi16(Load<kWidth>(in + taps.input[t]), k.input_offset);
    const __m256i w0 = Load<kWidth>(filter + taps.filter[t]);
    const __m256i zero = _mm256_setzero_si256();
    avx2::MulAdd(acc_lo, _mm256_unpacklo_epi16(x0, x0), _mm256_unpacklo_epi16(w0, zero));
    avx2::MulAdd(acc_hi, _mm256_unpackhi_epi16(x0, x0), _mm256_unpackhi_epi16(w0, zero));
  }
  for (int half = 0; half < kWidth / 8; ++half) {
    const int32_t c = c0 + 8 * half;
    __m256i sums = half == 0 ? _mm256_permute2x128_si256(acc_lo, acc_hi, 0x20)
                             : _mm256_permute2x128_si256(acc_lo, acc_hi, 0x31);
    if (a.bias != nullptr) sums = _mm256_add_epi32(sums, avx2::LoadI32x8(a.bias + c));
    const __m128i bytes =
        avx2::RequantizeToS8(sums, avx2::LoadI32x8(p.multiplier + c), avx2::LoadI32x8(p.shift + c),
                             k.output_offset, k.act_min, k.act_max);
    avx2::Store8(out + c, bytes);
  }
}

// First index in [0, n) whose coordinate start + step * i is >= 0, and one
// past the last whose coordinate is < limit (clamped so lo <= hi).
void ValidRange(int start, int32_t step, int32_t n, int32_t limit, int32_t* lo, int32_t* hi) {
  int32_t first = start >= 0 ? 0 : (-start + step - 1) / step;
  int32_t end = start < limit ? (limit - 1 - start) / step + 1 : 0;
  first = first < n ? first : n;
  end = end < n ? end : n;
  *lo = first;
  *hi = end > first ? end : first;
}

bool Supports(const DepthwiseParams& p) {
  return p.depth_multiplier == 1 && p.output_c == p.input_c && p.input_c >= 8 &&
         p.input_offset >= -127 && p.input_offset <= 128 && p.act_min >= -128 && p.act_max <= 127 &&
         avx2::ShiftsInRange(p.shift, p.output_c) && avx2::CpuHasAvx2();
}

// The tap list: two offsets per filter tap.
size_t ScratchBytes(const DepthwiseParams& p) {
  return 2 * sizeof(ptrdiff_t) * static_cast<size_t>(p.filter_h) * p.filter_w;
}

}  // namespace

MOTE_AVX2 void depthwise_conv2d_s8__x86_avx2(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  DepthwiseConsts k;
  k.input_offset = _mm256_set1_epi16(static_cast<int16_t>(p.input_offset));
  k.output_offset = _mm256_set1_epi32(p.output_offset);
  k.act_min = _mm256_set1_epi32(p.act_min);
  k.act_max = _mm256_set1_epi32(p.act_max);
  const int32_t channels = p.input_c;
  ptrdiff_t* tap_input = static_cast<ptrdiff_t*>(a.scratch);
  ptrdiff_t* tap_filter = tap_input + static_cast<size_t>(p.filter_h) * p.filter_w;
  const size_t batch_bytes = static_cast<size_t>(p.input_h) * p.input_w * channels;
  int8_t* out = a.output;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* in_batch = a.input + b * batch_bytes;
    for (int32_t oy = 0; oy < p.output_h; ++oy) {
      const int in_y0 = oy * p.stride_h - p.pad_h;
      int32_t fy_lo, fy_hi;
      ValidRange(in_y0, p.dilation_h, p.filter_h, p.input_h, &fy_lo, &fy_hi);
      for (int32_t ox = 0; ox < p.output_w; ++ox, out += channels) {
        const int in_x0 = ox * p.stride_w - p.pad_w;
        int32_t fx_lo, fx_hi;
        ValidRange(in_x0, p.dilation_w, p.filter_w, p.input_w, &fx_lo, &fx_hi);
        int32_t n = 0;
        for (int32_t fy = fy_lo; fy < fy_hi; ++fy) {
          const ptrdiff_t row = static_cast<ptrdiff_t>(in_y0 + p.dilation_h * fy) * p.input_w;
          for (int32_t fx = fx_lo; fx < fx_hi; ++fx, ++n) {
            tap_input[n] = (row + in_x0 + p.dilation_w * fx) * channels;
            tap_filter[n] = static_cast<ptrdiff_t>(fy * p.filter_w + fx) * channels;
          }
        }
        const TapList taps{tap_input, tap_filter, n};
        int32_t c = 0;
        for (; c + 16 <= channels; c += 16) ChannelBlock<16>(p, a, k, in_batch, taps, c, out);
        const int32_t rest = channels - c;
        if (rest > 8 && channels >= 16) {
          ChannelBlock<16>(p, a, k, in_batch, taps, channels - 16, out);
        } else if (rest > 0) {
          if (rest > 8) ChannelBlock<8>(p, a, k, in_batch, taps, c, out);
          ChannelBlock<8>(p, a, k, in_batch, taps, channels - 8, out);
        }
      }
    }
  }
}

const DepthwiseS8Variant kDepthwiseConv2dS8X86Avx2{"depthwise_conv2d_s8__x86_avx2",
                                                   KernelArch::kX86Avx2,
                                                   &Supports,
                                                   &ScratchBytes,
                                                   nullptr,
                                                   nullptr,
                                                   &depthwise_conv2d_s8__x86_avx2};

}  // namespace mote
