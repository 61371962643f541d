// Reads RIFF/WAVE files into 16-bit mono samples at the file's sample rate:
// PCM 8/16/24/32-bit (20-bit in a 3-byte container too), IEEE float 32/64-bit,
// WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format, any channel count
// (mixed down to mono). The conversions are in audio/pcm_convert.h; 16-bit
// mono samples are copied unchanged. Resampling is audio/resample.h's job.
// Anything else (compressed formats, RIFX, malformed chunks) is refused with
// a message saying what the file is.
#ifndef MOTE_HOST_AUDIO_WAV_READER_H_
#define MOTE_HOST_AUDIO_WAV_READER_H_

#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace audio {

struct WavAudio {
  int sample_rate = 0;           // the file's rate, 1..kMaxWavSampleRate
  std::vector<int16_t> samples;  // mono, 16-bit
  // What the file held.
  int channels = 1;
  int bits = 16;  // bits per sample as the file declares them (e.g. 8, 20, 24, 32, 64)
  bool is_float = false;
};

constexpr int kMaxWavSampleRate = 1000000;

// Parses WAV bytes; on failure returns false and sets *error (without the path).
bool ParseWav(const std::vector<uint8_t>& bytes, WavAudio* out, std::string* error);
// The largest file ReadBinaryFile reads (about 9 hours of 16 kHz 32-bit stereo).
constexpr size_t kMaxAudioFileBytes = size_t{1} << 31;
// Reads a whole file without throwing (a folder, a missing file, a read
// error: false and *error "PATH: cannot read: reason").
bool ReadBinaryFile(const std::string& path, std::vector<uint8_t>* out, std::string* error);
// Reads and parses `path`; errors start with the path.
bool ReadWav(const std::string& path, WavAudio* out, std::string* error);

// "44100 Hz stereo 24-bit PCM", "8000 Hz mono 32-bit float", "48000 Hz 6-channel 16-bit PCM".
std::string DescribeSource(const WavAudio& wav);
// True unless the file was 16-bit PCM mono at `rate` (i.e. samples are the file's own).
bool WasConverted(const WavAudio& wav, int rate);

}  // namespace audio
}  // namespace mote

#endif  // MOTE_HOST_AUDIO_WAV_READER_H_
