// Reads 16-bit PCM mono WAV files (RIFF/WAVE). Anything else is refused with
// a message saying what the file is (stereo, 8-bit, float, compressed, ...).
#ifndef MOTE_HOST_AUDIO_WAV_READER_H_
#define MOTE_HOST_AUDIO_WAV_READER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace audio {

struct WavAudio {
  int sample_rate = 0;
  std::vector<int16_t> samples;
};

// Parses WAV bytes; on failure returns false and sets *error (without the path).
bool ParseWav(const std::vector<uint8_t>& bytes, WavAudio* out, std::string* error);
// Reads and parses `path`; errors start with the path.
bool ReadWav(const std::string& path, WavAudio* out, std::string* error);

}  // namespace audio
}  // namespace mote

#endif  // MOTE_HOST_AUDIO_WAV_READER_H_
