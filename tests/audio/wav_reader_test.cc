#include "audio/wav_reader.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace mote {
namespace {

void Put16(std::vector<uint8_t>& b, uint16_t v) {
  b.push_back(v & 0xFF);
  b.push_back(v >> 8);
}
void Put32(std::vector<uint8_t>& b, uint32_t v) {
  Put16(b, v & 0xFFFF);
  Put16(b, v >> 16);
}

std::vector<uint8_t> Wav(uint16_t tag, uint16_t channels, uint16_t bits, uint32_t rate,
                         const std::vector<int16_t>& samples) {
  std::vector<uint8_t> b = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E', 'f', 'm', 't', ' '};
  Put32(b, 16);
  Put16(b, tag);
  Put16(b, channels);
  Put32(b, rate);
  Put32(b, rate * channels * bits / 8);
  Put16(b, static_cast<uint16_t>(channels * bits / 8));
  Put16(b, bits);
  b.insert(b.end(), {'L', 'I', 'S', 'T'});  // a chunk to skip (odd size, padded)
  Put32(b, 3);
  b.insert(b.end(), {'a', 'b', 'c', 0});
  b.insert(b.end(), {'d', 'a', 't', 'a'});
  Put32(b, static_cast<uint32_t>(samples.size() * 2));
  for (int16_t s : samples) Put16(b, static_cast<uint16_t>(s));
  return b;
}

std::string Error(const std::vector<uint8_t>& bytes) {
  audio::WavAudio w;
  std::string error;
  EXPECT_FALSE(audio::ParseWav(bytes, &w, &error));
  return error;
}

TEST(WavReader, ReadsPcm16Mono) {
  audio::WavAudio w;
  std::string error;
  ASSERT_TRUE(audio::ParseWav(Wav(1, 1, 16, 16000, {1, -2, 32767, -32768}), &w, &error)) << error;
  EXPECT_EQ(w.sample_rate, 16000);
  EXPECT_EQ(w.samples, (std::vector<int16_t>{1, -2, 32767, -32768}));
}

TEST(WavReader, NamesWhatTheFileIs) {
  EXPECT_NE(Error(Wav(1, 2, 16, 16000, {1, 2})).find("2-channel audio (stereo)"),
            std::string::npos);
  EXPECT_NE(Error(Wav(1, 1, 8, 16000, {1})).find("8-bit PCM"), std::string::npos);
  EXPECT_NE(Error(Wav(3, 1, 32, 16000, {1, 2})).find("IEEE float"), std::string::npos);
  EXPECT_NE(Error(Wav(0x55, 1, 16, 16000, {1})).find("MP3"), std::string::npos);
  EXPECT_NE(Error({'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0}).find("not a WAV file"),
            std::string::npos);
  EXPECT_NE(Error({}).find("not a WAV file"), std::string::npos);
  std::vector<uint8_t> truncated = Wav(1, 1, 16, 16000, {1});
  truncated.resize(20);
  EXPECT_FALSE(Error(truncated).empty());
}

TEST(WavReader, MissingFileNamesThePath) {
  audio::WavAudio w;
  std::string error;
  EXPECT_FALSE(audio::ReadWav("/nonexistent/x.wav", &w, &error));
  EXPECT_NE(error.find("/nonexistent/x.wav"), std::string::npos);
}

}  // namespace
}  // namespace mote
