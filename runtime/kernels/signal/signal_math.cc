#include "kernels/signal/signal_math.h"

namespace mote {
namespace signal {

namespace {

// Digit-by-digit square root of `num` starting at bit `top` (even), rounded
// up when the remainder exceeds the root (unless the root is at `max_root`).
template <typename T>
T SqrtFromBit(T num, int bit_length, T max_root) {
  T res = 0;
  int top = bit_length - 1;
  top &= ~1;  // start at an even bit position
  T bit = static_cast<T>(T{1} << top);
  for (int i = top / 2 + 1; i > 0; --i) {
    if (num >= res + bit) {
      num -= res + bit;
      res = (res >> 1) + bit;
    } else {
      res >>= 1;
    }
    bit >>= 2;
  }
  if (num > res && res != max_root) ++res;
  return res;
}

// log2 fraction table: 129 corrections (plus padding) in 1/65536 units,
// added to the linear interpolation frac of log2(1 + frac).
constexpr uint16_t kLog2Correction[130] = {
    0,    224,  442,  654,  861,  1063, 1259, 1450, 1636, 1817, 1992, 2163, 2329, 2490, 2646,
    2797, 2944, 3087, 3224, 3358, 3487, 3611, 3732, 3848, 3960, 4068, 4172, 4272, 4368, 4460,
    4549, 4633, 4714, 4791, 4864, 4934, 5001, 5063, 5123, 5178, 5231, 5280, 5326, 5368, 5408,
    5444, 5477, 5507, 5533, 5557, 5578, 5595, 5610, 5622, 5631, 5637, 5640, 5641, 5638, 5633,
    5626, 5615, 5602, 5586, 5568, 5547, 5524, 5498, 5470, 5439, 5406, 5370, 5332, 5291, 5249,
    5203, 5156, 5106, 5054, 5000, 4944, 4885, 4825, 4762, 4697, 4630, 4561, 4490, 4416, 4341,
    4264, 4184, 4103, 4020, 3935, 3848, 3759, 3668, 3575, 3481, 3384, 3286, 3186, 3084, 2981,
    2875, 2768, 2659, 2549, 2437, 2323, 2207, 2090, 1971, 1851, 1729, 1605, 1480, 1353, 1224,
    1094, 963,  830,  695,  559,  421,  282,  142,  0,    0};

constexpr int kLogScaleBits = 16;
constexpr int kSegmentBits = 7;
constexpr uint32_t kLn2Q16 = 45426;  // ln(2) * 65536

}  // namespace

uint16_t Sqrt32(uint32_t num) {
  if (num == 0) return 0;
  // TFLM starts at bit (31 - ((32 - len) | 1)), i.e. the even bit at or below len - 1.
  const int start = 31 - static_cast<int>((32u - BitLength32(num)) | 1u);
  return static_cast<uint16_t>(SqrtFromBit<uint32_t>(num, start + 1, 0xFFFFu));
}

uint32_t Sqrt64(uint64_t num) {
  if ((num >> 32) == 0) return Sqrt32(static_cast<uint32_t>(num));
  const int start = 63 - static_cast<int>((64u - BitLength64(num)) | 1u);
  return static_cast<uint32_t>(SqrtFromBit<uint64_t>(num, start + 1, 0xFFFFFFFFull));
}

uint32_t Log32(uint32_t x, uint32_t out_scale) {
  const uint32_t integer = BitLength32(x) - 1;
  // Fractional part of log2(x) in Q16: linear part + table correction.
  int32_t frac = static_cast<int32_t>(x - (uint32_t{1} << integer));
  if (integer < kLogScaleBits) {
    frac = static_cast<int32_t>(static_cast<uint32_t>(frac) << (kLogScaleBits - integer));
  } else {
    frac >>= integer - kLogScaleBits;
  }
  const uint32_t seg = static_cast<uint32_t>(frac) >> (kLogScaleBits - kSegmentBits);
  const int32_t c0 = kLog2Correction[seg];
  const int32_t c1 = kLog2Correction[seg + 1];
  const int32_t seg_start = static_cast<int32_t>(seg << (kLogScaleBits - kSegmentBits));
  const int32_t interp = ((c1 - c0) * (frac - seg_start)) >> kLogScaleBits;
  const uint32_t fraction = static_cast<uint32_t>(frac + c0 + interp);
  const uint32_t log2 = (integer << kLogScaleBits) + fraction;
  const uint32_t half = 1u << (kLogScaleBits - 1);
  const uint32_t loge =
      static_cast<uint32_t>((static_cast<uint64_t>(kLn2Q16) * log2 + half) >> kLogScaleBits);
  return (out_scale * loge + half) >> kLogScaleBits;
}

int16_t MaxAbs16(const int16_t* input, int size) {
  int16_t max = 0;
  for (int i = 0; i < size; ++i) {
    const int16_t v = input[i];
    if (v > max) {
      max = v;
    } else if (-v > max) {
      max = static_cast<int16_t>(-v);
    }
  }
  return max;
}

int16_t PcanGain(uint32_t x, const int16_t* lut) {
  if (x <= 2) return lut[x];
  const int octave = static_cast<int>(BitLength32(x));
  const int16_t* c = lut + 4 * octave - 6;
  const uint32_t shifted = octave < 11 ? x << (11 - octave) : x >> (octave - 11);
  const int32_t frac = static_cast<int16_t>(shifted) & 0x3FF;
  int32_t result = (static_cast<int32_t>(c[2]) * frac) >> 5;
  result += static_cast<int32_t>(static_cast<uint32_t>(c[1]) << 5);
  result *= frac;
  result = (result + (1 << 14)) >> 15;
  result += c[0];
  return static_cast<int16_t>(result);
}

uint32_t PcanShrink(uint32_t x) {
  if (x < (2u << kPcanSnrBits)) return (x * x) >> (2 + 2 * kPcanSnrBits - kPcanOutputBits);
  return (x >> (kPcanSnrBits - kPcanOutputBits)) - (1u << kPcanOutputBits);
}

}  // namespace signal
}  // namespace mote
