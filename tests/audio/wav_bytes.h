// Test helper: writes WAV files of any layout in memory, to check the reader
// against samples whose int16 values are known.
#ifndef MOTE_TESTS_AUDIO_WAV_BYTES_H_
#define MOTE_TESTS_AUDIO_WAV_BYTES_H_

#include <cstdint>
#include <cstring>
#include <vector>

namespace mote {
namespace testing {

inline void PutLe(std::vector<uint8_t>& b, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}

struct WavSpec {
  uint16_t tag = 1;  // 1 PCM, 3 IEEE float, ...; with `extensible` the sub-format
  uint16_t channels = 1;
  uint32_t rate = 16000;
  uint16_t bits = 16;
  int block_align = -1;  // -1: channels * ceil(bits / 8)
  bool extensible = false;
  uint16_t valid_bits = 0;  // extensible only; 0: bits
  bool bad_guid = false;    // extensible only: a sub-format GUID that is not KSDATAFORMAT_*
};

// A RIFF/WAVE file: 'fmt ', a skipped odd-sized 'LIST' chunk, then 'data'
// holding `data` (interleaved sample bytes).
inline std::vector<uint8_t> MakeWav(const WavSpec& s, const std::vector<uint8_t>& data) {
  std::vector<uint8_t> b = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '};
  const int align = s.block_align >= 0 ? s.block_align : s.channels * ((s.bits + 7) / 8);
  PutLe(b, s.extensible ? 40 : 16, 4);
  PutLe(b, s.extensible ? 0xFFFE : s.tag, 2);
  PutLe(b, s.channels, 2);
  PutLe(b, s.rate, 4);
  PutLe(b, uint64_t{s.rate} * align, 4);
  PutLe(b, static_cast<uint16_t>(align), 2);
  PutLe(b, s.bits, 2);
  if (s.extensible) {
    PutLe(b, 22, 2);
    PutLe(b, s.valid_bits ? s.valid_bits : s.bits, 2);
    PutLe(b, 0, 4);  // channel mask
    PutLe(b, s.tag, 2);
    const uint8_t tail[14] = {0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71};
    b.insert(b.end(), tail, tail + 14);
    if (s.bad_guid) b.back() ^= 0xFF;
  }
  b.insert(b.end(), {'L', 'I', 'S', 'T'});
  PutLe(b, 3, 4);
  b.insert(b.end(), {'a', 'b', 'c', 0});
  b.insert(b.end(), {'d', 'a', 't', 'a'});
  PutLe(b, data.size(), 4);
  b.insert(b.end(), data.begin(), data.end());
  const size_t riff = b.size() - 8;
  for (int i = 0; i < 4; ++i) b[4 + i] = static_cast<uint8_t>(riff >> (8 * i));
  return b;
}

// Signed integer samples, little-endian in `bytes` bytes each.
inline std::vector<uint8_t> IntSamples(const std::vector<int64_t>& values, int bytes) {
  std::vector<uint8_t> b;
  for (int64_t v : values) PutLe(b, static_cast<uint64_t>(v), bytes);
  return b;
}

// IEEE float samples (float or double), little-endian.
template <typename Float>
inline std::vector<uint8_t> FloatSamples(const std::vector<Float>& values) {
  std::vector<uint8_t> b;
  for (Float x : values) {
    uint64_t u = 0;
    std::memcpy(&u, &x, sizeof(Float));
    PutLe(b, u, static_cast<int>(sizeof(Float)));
  }
  return b;
}
inline std::vector<uint8_t> Float32Samples(const std::vector<float>& v) { return FloatSamples(v); }
inline std::vector<uint8_t> Float64Samples(const std::vector<double>& v) { return FloatSamples(v); }

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_AUDIO_WAV_BYTES_H_
