#include "audio/pcm_convert.h"

#include <cmath>
#include <cstring>
#include <vector>

namespace mote {
namespace audio {

namespace {

int16_t Saturate(int64_t v) {
  return static_cast<int16_t>(v > 32767 ? 32767 : v < -32768 ? -32768 : v);
}

// v / 2^shift rounded to nearest, half away from zero, saturated.
int16_t DropLowBits(int64_t v, int shift) {
  const int64_t half = int64_t{1} << (shift - 1);
  const int64_t q = v >= 0 ? (v + half) >> shift : -((-v + half) >> shift);
  return Saturate(q);
}

int16_t FloatToInt16(double x) {
  if (std::isnan(x)) return 0;
  const double scaled = x * 32768.0;
  if (scaled >= 32767.0) return 32767;  // also +inf
  if (scaled <= -32768.0) return -32768;
  return static_cast<int16_t>(std::lround(scaled));  // half away from zero
}

}  // namespace

int16_t SampleToInt16(const uint8_t* p, SampleLayout layout) {
  if (layout.encoding == SampleEncoding::kFloat) {
    if (layout.bytes == 8) {
      uint64_t bits = 0;
      for (int i = 7; i >= 0; --i) bits = bits << 8 | p[i];
      double x;
      std::memcpy(&x, &bits, sizeof(x));
      return FloatToInt16(x);
    }
    const uint32_t bits =
        uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
    float x;
    std::memcpy(&x, &bits, sizeof(x));
    return FloatToInt16(x);
  }
  switch (layout.bytes) {
    case 1:
      return static_cast<int16_t>((p[0] - 128) * 256);
    case 2:
      return static_cast<int16_t>(static_cast<uint16_t>(p[0] | p[1] << 8));
    case 3: {
      const uint32_t u = uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16;
      const int32_t v = static_cast<int32_t>(u ^ 0x800000u) - 0x800000;  // sign-extend 24 bits
      return DropLowBits(v, 8);
    }
    default: {
      const uint32_t u =
          uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
      return DropLowBits(static_cast<int32_t>(u), 16);
    }
  }
}

int16_t MixDown(const int16_t* values, int count) {
  int64_t sum = 0;
  for (int c = 0; c < count; ++c) sum += values[c];
  const int64_t half = count / 2;  // round half away from zero
  const int64_t q = sum >= 0 ? (sum + half) / count : -((-sum + half) / count);
  return static_cast<int16_t>(q);
}

void FramesToMonoInt16(const uint8_t* data, size_t frames, SampleLayout layout, int16_t* out) {
  const size_t frame_bytes = static_cast<size_t>(layout.channels) * layout.bytes;
  if (layout.channels == 1) {
    for (size_t i = 0; i < frames; ++i) out[i] = SampleToInt16(data + i * layout.bytes, layout);
    return;
  }
  std::vector<int16_t> channel(static_cast<size_t>(layout.channels));
  for (size_t i = 0; i < frames; ++i) {
    const uint8_t* frame = data + i * frame_bytes;
    for (int c = 0; c < layout.channels; ++c) {
      channel[c] = SampleToInt16(frame + static_cast<size_t>(c) * layout.bytes, layout);
    }
    out[i] = MixDown(channel.data(), layout.channels);
  }
}

}  // namespace audio
}  // namespace mote
