#include "audio/wav_reader.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace mote {
namespace audio {

namespace {

uint32_t Le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint16_t Le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

std::string FormatName(uint16_t tag) {
  switch (tag) {
    case 1:
      return "PCM";
    case 2:
      return "Microsoft ADPCM";
    case 3:
      return "IEEE float";
    case 6:
      return "A-law";
    case 7:
      return "mu-law";
    case 0x11:
      return "IMA ADPCM";
    case 0x55:
      return "MP3";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "format tag 0x%04x", tag);
      return buf;
    }
  }
}

}  // namespace

bool ParseWav(const std::vector<uint8_t>& b, WavAudio* out, std::string* error) {
  if (b.size() < 12 || std::memcmp(b.data(), "RIFF", 4) != 0 ||
      std::memcmp(b.data() + 8, "WAVE", 4) != 0) {
    if (b.size() >= 4 && std::memcmp(b.data(), "RIFX", 4) == 0) {
      *error = "big-endian WAV (RIFX) is not supported; need little-endian 16-bit PCM mono";
    } else {
      *error = "not a WAV file (no RIFF/WAVE header)";
    }
    return false;
  }
  bool have_fmt = false;
  uint16_t tag = 0, channels = 0, bits = 0;
  uint32_t rate = 0;
  size_t pos = 12;
  while (pos + 8 <= b.size()) {
    const uint8_t* h = b.data() + pos;
    const uint32_t size = Le32(h + 4);
    const size_t body = pos + 8;
    const size_t avail = b.size() - body;
    if (std::memcmp(h, "fmt ", 4) == 0) {
      if (size < 16 || size > avail) {
        *error = "truncated or malformed 'fmt ' chunk";
        return false;
      }
      tag = Le16(b.data() + body);
      channels = Le16(b.data() + body + 2);
      rate = Le32(b.data() + body + 4);
      bits = Le16(b.data() + body + 14);
      if (tag == 0xFFFE && size >= 26) tag = Le16(b.data() + body + 24);  // extensible
      have_fmt = true;
    } else if (std::memcmp(h, "data", 4) == 0) {
      if (!have_fmt) {
        *error = "'data' chunk before the 'fmt ' chunk";
        return false;
      }
      if (tag != 1) {
        *error = FormatName(tag) + " audio is not supported; need 16-bit PCM mono";
        return false;
      }
      if (channels != 1) {
        *error = std::to_string(channels) + "-channel audio" +
                 (channels == 2 ? std::string(" (stereo)") : std::string()) +
                 " is not supported; need mono";
        return false;
      }
      if (bits != 16) {
        *error = std::to_string(bits) + "-bit PCM is not supported; need 16-bit PCM";
        return false;
      }
      const size_t n = (size > avail ? avail : size) / 2;  // tolerate a short last chunk
      out->sample_rate = static_cast<int>(rate);
      out->samples.resize(n);
      for (size_t i = 0; i < n; ++i) {
        out->samples[i] = static_cast<int16_t>(Le16(b.data() + body + 2 * i));
      }
      return true;
    }
    pos = body + size + (size & 1);  // chunks are padded to even sizes
    if (pos < body) break;           // overflow
  }
  *error = have_fmt ? "no 'data' chunk" : "no 'fmt ' chunk";
  return false;
}

bool ReadWav(const std::string& path, WavAudio* out, std::string* error) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    *error = path + ": cannot open file";
    return false;
  }
  const std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(f)),
                                   std::istreambuf_iterator<char>());
  if (!ParseWav(bytes, out, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

}  // namespace audio
}  // namespace mote
