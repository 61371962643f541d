// Converts interleaved WAV sample frames (8/16/24/32-bit PCM, 32/64-bit IEEE
// float, any channel count) to 16-bit mono. The rules, all round half away
// from zero:
//   8-bit unsigned u     -> (u - 128) << 8 (exact)
//   16-bit               -> unchanged (exact)
//   24/32-bit signed v   -> v / 2^8 or v / 2^16 rounded, saturated to int16
//   float x              -> x * 32768 rounded, saturated; NaN -> 0
//   channels             -> the rounded mean of the channels' int16 values
#ifndef MOTE_HOST_AUDIO_PCM_CONVERT_H_
#define MOTE_HOST_AUDIO_PCM_CONVERT_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace audio {

enum class SampleEncoding { kPcm, kFloat };

struct SampleLayout {
  SampleEncoding encoding = SampleEncoding::kPcm;
  int bytes = 2;     // container bytes per sample: 1..4 (PCM), 4 or 8 (float)
  int channels = 1;  // >= 1; one frame is channels * bytes bytes
};

// One sample in `layout`'s container at `p` to int16 (rules above).
int16_t SampleToInt16(const uint8_t* p, SampleLayout layout);
// Rounded mean of `count` int16 values (count >= 1): always fits int16.
int16_t MixDown(const int16_t* values, int count);
// Converts `frames` frames starting at `data` into `out` (frames values).
void FramesToMonoInt16(const uint8_t* data, size_t frames, SampleLayout layout, int16_t* out);

}  // namespace audio
}  // namespace mote

#endif  // MOTE_HOST_AUDIO_PCM_CONVERT_H_
