// int8 AVERAGE_POOL_2D and MAX_POOL_2D for the Armv7E-M DSP extension, any
// shape, four channels per word:
//   avg_pool_s8__armv7em_dsp  SXTAB16 adds channels {0, 2} and {1, 3} of a
//                             word into two int16x2 sums (exact for up to 256
//                             window elements, then widened to int32), then
//                             one rounded division per channel
//   max_pool_s8__armv7em_dsp  SSUB8 + SEL keep the byte-wise maximum; the
//                             activation clamp is one more max and min
// The window is clamped to the input exactly as the reference does; channels
// after the last group of 4 go one at a time.
#include "kernels/common/arm_dsp.h"
#include "kernels/pooling/pooling.h"

namespace mote {
namespace {

// The part of one output element's window inside the input (as the reference).
struct Window {
  int32_t y0, y1, x0, x1;
};
inline Window WindowAt(const PoolParams& p, int32_t out_y, int32_t out_x) {
  const int32_t origin_y = out_y * p.stride_height - p.pad_height;
  const int32_t origin_x = out_x * p.stride_width - p.pad_width;
  Window w;
  w.y0 = origin_y > 0 ? origin_y : 0;
  w.y1 = origin_y + (p.filter_height < p.input_height - origin_y ? p.filter_height
                                                                 : p.input_height - origin_y);
  w.x0 = origin_x > 0 ? origin_x : 0;
  w.x1 = origin_x +
         (p.filter_width < p.input_width - origin_x ? p.filter_width : p.input_width - origin_x);
  return w;
}

// Windows of at most 2^24 elements keep |sum| < 2^31; the activation range
// is int8's.
bool Supports(const PoolParams& p) {
  return int64_t{p.filter_height} * p.filter_width <= (int64_t{1} << 24) &&
         p.activation_min >= -128 && p.activation_max <= 127 &&
         p.activation_min <= p.activation_max;
}

// Calls fn(window, batch input, output) for every output pixel.
template <typename Fn>
void ForEachPixel(const PoolParams& p, const PoolS8Args& a, Fn fn) {
  const size_t batch_bytes = static_cast<size_t>(p.input_height) * p.input_width * p.depth;
  int8_t* out = a.output;
  for (int32_t b = 0; b < p.batches; ++b) {
    const int8_t* batch = a.input + b * batch_bytes;
    for (int32_t oy = 0; oy < p.output_height; ++oy) {
      for (int32_t ox = 0; ox < p.output_width; ++ox, out += p.depth) {
        fn(WindowAt(p, oy, ox), batch, out);
      }
    }
  }
}

inline int32_t Clamp(int32_t v, const PoolParams& p) {
  v = v < p.activation_min ? p.activation_min : v;
  return v > p.activation_max ? p.activation_max : v;
}

// Round half away from zero (as the reference; C++ division truncates).
inline int32_t RoundedAverage(int32_t sum, int32_t count) {
  return sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
}

// Adds n pixels (each `step` bytes apart) of 4 channels to sums[0..3],
// through int16x2 lane sums of at most 256 pixels. Not inlined: the loop
// then keeps everything in registers.
[[gnu::noinline]] void SumRun(const int8_t* px, int32_t n, int32_t step, int32_t sums[4]) {
  while (n > 0) {
    int32_t chunk = n < 256 ? n : 256;
    n -= chunk;
    int32_t s02 = 0, s13 = 0;
    for (; chunk >= 2; chunk -= 2) {
      const int32_t v0 = dsp::Load32(px);
      const int32_t v1 = dsp::Load32(px + step);
      px += 2 * step;
      s02 = dsp::Sxtab16(s02, v0);
      s13 = dsp::Sxtab16Ror8(s13, v0);
      s02 = dsp::Sxtab16(s02, v1);
      s13 = dsp::Sxtab16Ror8(s13, v1);
    }
    if (chunk != 0) {
      const int32_t v = dsp::Load32(px);
      px += step;
      s02 = dsp::Sxtab16(s02, v);
      s13 = dsp::Sxtab16Ror8(s13, v);
    }
    sums[0] += static_cast<int16_t>(s02 & 0xFFFF);
    sums[2] += static_cast<int16_t>(static_cast<uint32_t>(s02) >> 16);
    sums[1] += static_cast<int16_t>(s13 & 0xFFFF);
    sums[3] += static_cast<int16_t>(static_cast<uint32_t>(s13) >> 16);
  }
}

}  // namespace

void avg_pool_s8__armv7em_dsp(const PoolParams& p, const PoolS8Args& a) {
  const int32_t c_n = p.depth;
  const int32_t row_bytes = p.input_width * c_n;
  ForEachPixel(p, a, [&](const Window& w, const int8_t* batch, int8_t* out) {
    const int32_t count = (w.y1 - w.y0) * (w.x1 - w.x0);
    // Whole input rows are one contiguous run.
    const bool full_rows = w.x0 == 0 && w.x1 == p.input_width;
    const int32_t runs = full_rows ? 1 : w.y1 - w.y0;
    const int32_t run_pixels = full_rows ? count : w.x1 - w.x0;
    const int8_t* first = batch + w.y0 * row_bytes + w.x0 * c_n;
    int32_t c = 0;
    for (; c + 4 <= c_n; c += 4) {
      int32_t sums[4] = {0, 0, 0, 0};
      const int8_t* run = first + c;
      for (int32_t r = 0; r < runs; ++r, run += row_bytes) SumRun(run, run_pixels, c_n, sums);
      for (int32_t i = 0; i < 4; ++i) {
        out[c + i] = static_cast<int8_t>(Clamp(RoundedAverage(sums[i], count), p));
      }
    }
    for (; c < c_n; ++c) {
      int32_t sum = 0;
      for (int32_t y = w.y0; y < w.y1; ++y) {
        const int8_t* px = batch + y * row_bytes + w.x0 * c_n + c;
        for (int32_t x = w.x0; x < w.x1; ++x, px += c_n) sum += *px;
      }
      out[c] = static_cast<int8_t>(Clamp(RoundedAverage(sum, count), p));
    }
  });
}

void max_pool_s8__armv7em_dsp(const PoolParams& p, const PoolS8Args& a) {
  const int32_t c_n = p.depth;
  const int32_t row_bytes = p.input_width * c_n;
  const int32_t lo4 = static_cast<int32_t>(0x01010101u * static_cast<uint8_t>(p.activation_min));
  const int32_t hi4 = static_cast<int32_t>(0x01010101u * static_cast<uint8_t>(p.activation_max));
  ForEachPixel(p, a, [&](const Window& w, const int8_t* batch, int8_t* out) {
    const bool full_rows = w.x0 == 0 && w.x1 == p.input_width;
    const int32_t runs = full_rows ? 1 : w.y1 - w.y0;
    const int32_t run_pixels = full_rows ? (w.y1 - w.y0) * p.input_width : w.x1 - w.x0;
    const int8_t* first = batch + w.y0 * row_bytes + w.x0 * c_n;
    int32_t c = 0;
    for (; c + 4 <= c_n; c += 4) {
      int32_t best = static_cast<int32_t>(0x80808080u);
      const int8_t* run = first + c;
      for (int32_t r = 0; r < runs; ++r, run += row_bytes) {
        const int8_t* px = run;
        for (int32_t n = run_pixels; n > 0; --n, px += c_n)
          best = dsp::Smax8(best, dsp::Load32(px));
      }
      dsp::Store32(out + c, dsp::Smin8(dsp::Smax8(best, lo4), hi4));
    }
    for (; c < c_n; ++c) {
      int32_t best = -128;
      for (int32_t y = w.y0; y < w.y1; ++y) {
        const int8_t* px = batch + y * row_bytes + w.x0 * c_n + c;
        for (int32_t x = w.x0; x < w.x1; ++x, px += c_n) best = *px > best ? *px : best;
      }
      out[c] = static_cast<int8_t>(Clamp(best, p));
    }
  });
}

const PoolS8Variant kAvgPoolS8ArmV7emDsp{
    "avg_pool_s8__armv7em_dsp", KernelArch::kArmV7emDsp, &Supports, nullptr, nullptr, nullptr,
    &avg_pool_s8__armv7em_dsp};
const PoolS8Variant kMaxPoolS8ArmV7emDsp{
    "max_pool_s8__armv7em_dsp", KernelArch::kArmV7emDsp, &Supports, nullptr, nullptr, nullptr,
    &max_pool_s8__armv7em_dsp};

}  // namespace mote
