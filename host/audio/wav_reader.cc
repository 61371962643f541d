#include "audio/wav_reader.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "audio/pcm_convert.h"

namespace mote {
namespace audio {

namespace {

constexpr uint16_t kTagPcm = 1, kTagFloat = 3, kTagExtensible = 0xFFFE;
// KSDATAFORMAT_SUBTYPE_* GUIDs are {tag}-0000-0010-8000-00aa00389b71: bytes 2..15.
constexpr uint8_t kSubFormatTail[14] = {0, 0, 0, 0, 0x10, 0, 0x80, 0, 0, 0xAA, 0, 0x38, 0x9B, 0x71};

uint32_t Le32(const uint8_t* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint16_t Le16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

std::string FormatName(uint16_t tag) {
  switch (tag) {
    case 2:
      return "Microsoft ADPCM";
    case 6:
      return "A-law";
    case 7:
      return "mu-law";
    case 0x11:
      return "IMA ADPCM";
    case 0x31:
      return "GSM 6.10";
    case 0x50:
      return "MPEG";
    case 0x55:
      return "MP3";
    case 0x160:
    case 0x161:
    case 0x162:
    case 0x163:
      return "Windows Media Audio";
    case 0x2000:
      return "AC-3";
    case 0xF1AC:
      return "FLAC";
    default: {
      char buf[32];
      std::snprintf(buf, sizeof(buf), "format tag 0x%04x", tag);
      return buf;
    }
  }
}

// The 'fmt ' chunk, with an extensible format's sub-format already resolved.
struct WavFormat {
  uint16_t tag = 0;  // kTagPcm, kTagFloat or another (refused) tag
  bool extensible = false;
  uint16_t channels = 0;
  uint32_t rate = 0;
  uint16_t block_align = 0;
  uint16_t bits = 0;
};

bool ParseFmt(const uint8_t* p, uint32_t size, WavFormat* f, std::string* error) {
  if (size < 16) {
    *error = "truncated or malformed 'fmt ' chunk";
    return false;
  }
  f->tag = Le16(p);
  f->channels = Le16(p + 2);
  f->rate = Le32(p + 4);
  f->block_align = Le16(p + 12);
  f->bits = Le16(p + 14);
  if (f->tag != kTagExtensible) return true;
  f->extensible = true;
  if (size < 40 || Le16(p + 16) < 22) {
    *error = "truncated WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk (needs 40 bytes)";
    return false;
  }
  const uint16_t valid_bits = Le16(p + 18);
  if (valid_bits > f->bits) {
    *error = std::to_string(valid_bits) + " valid bits in a " + std::to_string(f->bits) +
             "-bit container: malformed WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk";
    return false;
  }
  if (std::memcmp(p + 26, kSubFormatTail, sizeof(kSubFormatTail)) != 0) {
    *error = "WAVE_FORMAT_EXTENSIBLE with an unknown sub-format GUID is not supported";
    return false;
  }
  f->tag = Le16(p + 24);  // samples are left-justified: read the whole container
  return true;
}

std::string Need() { return "; need PCM (8, 16, 24 or 32-bit) or IEEE float (32 or 64-bit)"; }

// Checks `f` and says how its samples are stored.
bool CheckFormat(const WavFormat& f, SampleLayout* layout, std::string* error) {
  if (f.tag != kTagPcm && f.tag != kTagFloat) {
    *error = FormatName(f.tag) + " audio" + (f.extensible ? " (WAVE_FORMAT_EXTENSIBLE)" : "") +
             " is not supported" + Need();
    return false;
  }
  if (f.channels == 0) {
    *error = "0 channels: malformed 'fmt ' chunk";
    return false;
  }
  if (f.rate == 0 || f.rate > static_cast<uint32_t>(kMaxWavSampleRate)) {
    *error = "sample rate " + std::to_string(f.rate) + " Hz is out of range (1 to " +
             std::to_string(kMaxWavSampleRate) + " Hz)";
    return false;
  }
  const bool is_float = f.tag == kTagFloat;
  int bytes = 0;
  if (is_float) {
    bytes = f.bits == 32 ? 4 : f.bits == 64 ? 8 : 0;
  } else if (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32) {
    bytes = f.bits / 8;
  } else if (f.bits == 20 && f.block_align == 3u * f.channels) {
    bytes = 3;  // 20-bit samples left-justified in 3 bytes
  }
  if (bytes == 0) {
    *error = std::to_string(f.bits) + "-bit " + (is_float ? "IEEE float" : "PCM") +
             " is not supported" + Need();
    return false;
  }
  if (f.block_align != static_cast<uint32_t>(bytes) * f.channels) {
    *error = "block_align " + std::to_string(f.block_align) + " does not match " +
             std::to_string(f.channels) + " channel(s) x " + std::to_string(bytes) +
             " bytes: malformed 'fmt ' chunk";
    return false;
  }
  layout->encoding = is_float ? SampleEncoding::kFloat : SampleEncoding::kPcm;
  layout->bytes = bytes;
  layout->channels = f.channels;
  return true;
}

bool CheckRiffHeader(const std::vector<uint8_t>& b, std::string* error) {
  if (b.size() >= 12 && std::memcmp(b.data(), "RIFF", 4) == 0 &&
      std::memcmp(b.data() + 8, "WAVE", 4) == 0) {
    return true;
  }
  if (b.size() >= 4 && std::memcmp(b.data(), "RIFX", 4) == 0) {
    *error = "big-endian WAV (RIFX) is not supported; need little-endian RIFF";
  } else if (b.size() >= 4 && std::memcmp(b.data(), "RF64", 4) == 0) {
    *error = "RF64 (64-bit WAV) is not supported; need RIFF";
  } else {
    *error = "not a WAV file (no RIFF/WAVE header)";
  }
  return false;
}

}  // namespace

bool ParseWav(const std::vector<uint8_t>& b, WavAudio* out, std::string* error) {
  if (!CheckRiffHeader(b, error)) return false;
  bool have_fmt = false;
  WavFormat format;
  SampleLayout layout;
  size_t pos = 12;
  while (pos <= b.size() && b.size() - pos >= 8) {
    const uint8_t* h = b.data() + pos;
    const uint32_t size = Le32(h + 4);
    const size_t body = pos + 8;
    const size_t avail = b.size() - body;
    if (std::memcmp(h, "fmt ", 4) == 0) {
      if (size > avail) {
        *error = "truncated or malformed 'fmt ' chunk";
        return false;
      }
      if (!ParseFmt(b.data() + body, size, &format, error) ||
          !CheckFormat(format, &layout, error)) {
        return false;
      }
      have_fmt = true;
    } else if (std::memcmp(h, "data", 4) == 0) {
      if (!have_fmt) {
        *error = "'data' chunk before the 'fmt ' chunk";
        return false;
      }
      // A data chunk longer than the file is tolerated: whole frames only.
      const size_t bytes = size > avail ? avail : size;
      const size_t frames = bytes / format.block_align;
      out->sample_rate = static_cast<int>(format.rate);
      out->channels = format.channels;
      out->bits = format.bits;
      out->is_float = layout.encoding == SampleEncoding::kFloat;
      out->samples.resize(frames);
      FramesToMonoInt16(b.data() + body, frames, layout, out->samples.data());
      return true;
    }
    const size_t next = body + size + (size & 1);  // chunks are padded to even sizes
    if (next < body) break;                        // overflow
    pos = next;
  }
  *error = have_fmt ? "no 'data' chunk" : "no 'fmt ' chunk";
  return false;
}

bool ReadBinaryFile(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  out->clear();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    *error = path + ": cannot read: it is a folder, not a file";
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    *error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  uint8_t buf[1 << 16];
  size_t n = 0;
  bool ok = true;
  while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) {
    if (out->size() + n > kMaxAudioFileBytes) {
      *error = path + ": cannot read: larger than " + std::to_string(kMaxAudioFileBytes) + " bytes";
      ok = false;
      break;
    }
    out->insert(out->end(), buf, buf + n);
  }
  if (ok && std::ferror(f)) {
    *error = path + ": cannot read: " + std::strerror(errno);
    ok = false;
  }
  std::fclose(f);
  if (!ok) out->clear();
  return ok;
}

bool ReadWav(const std::string& path, WavAudio* out, std::string* error) {
  std::vector<uint8_t> bytes;
  if (!ReadBinaryFile(path, &bytes, error)) return false;
  if (!ParseWav(bytes, out, error)) {
    *error = path + ": " + *error;
    return false;
  }
  return true;
}

std::string DescribeSource(const WavAudio& wav) {
  const std::string layout = wav.channels == 1   ? "mono"
                             : wav.channels == 2 ? "stereo"
                                                 : std::to_string(wav.channels) + "-channel";
  return std::to_string(wav.sample_rate) + " Hz " + layout + " " + std::to_string(wav.bits) +
         "-bit " + (wav.is_float ? "float" : "PCM");
}

bool WasConverted(const WavAudio& wav, int rate) {
  return wav.sample_rate != rate || wav.channels != 1 || wav.bits != 16 || wav.is_float;
}

}  // namespace audio
}  // namespace mote
