// TFLM's "yes" clip stored as other WAV layouts (24-bit stereo, 32-bit float
// mono, 64-bit float 3-channel): the reader gives back the original samples
// exactly, so the front end gives TFLM's 49 x 40 golden features.
#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audio/keyword_spotter.h"
#include "audio/wav_bytes.h"
#include "audio/wav_reader.h"
#include "support/test_support.h"

namespace mote {
namespace {

using testing::WavSpec;

std::string Dir() {
  const std::string root = testing::ConformanceDir();
  return root.empty() ? "" : root + "/micro_speech";
}

class YesAsOtherLayouts : public ::testing::Test {
 protected:
  void SetUp() override {
    if (Dir().empty()) {
      GTEST_SKIP() << "../shared/conformance is absent: the micro_speech goldens come from TFLM";
    }
    std::string error;
    ASSERT_TRUE(audio::ReadWav(Dir() + "/wav/yes_1000ms.wav", &yes_, &error)) << error;
    ASSERT_EQ(yes_.samples.size(), 16000u);
    ASSERT_TRUE(frontend_.Load(testing::ConformanceDir() + "/models/audio_preprocessor_int8.tflite",
                               &error))
        << error;
    const std::vector<uint8_t> want = testing::ReadFile(Dir() + "/yes_1000ms.features.bin");
    golden_.assign(want.begin(), want.end());
    ASSERT_EQ(golden_.size(), 49u * 40u);
  }

  void ExpectSameAsOriginal(const std::vector<uint8_t>& file, const char* what) {
    audio::WavAudio w;
    std::string error;
    ASSERT_TRUE(audio::ParseWav(file, &w, &error)) << what << ": " << error;
    EXPECT_EQ(w.sample_rate, 16000);
    ASSERT_EQ(w.samples, yes_.samples) << what;
    EXPECT_EQ(frontend_.ProcessClip(w.samples), golden_) << what;
  }

  audio::WavAudio yes_;
  audio::FeatureExtractor frontend_;
  std::vector<int8_t> golden_;
};

TEST_F(YesAsOtherLayouts, Stereo24Bit) {
  // Left and right differ in their low 8 bits (by less than half an int16
  // step each way), so both round to the original and so does their mean.
  std::vector<int64_t> v;
  for (size_t k = 0; k < yes_.samples.size(); ++k) {
    const int64_t base = int64_t{yes_.samples[k]} * 256;
    const int64_t e = static_cast<int64_t>(k * 37 % 255) - 127;
    v.push_back(std::clamp<int64_t>(base + e, -0x800000, 0x7FFFFF));
    v.push_back(std::clamp<int64_t>(base - e, -0x800000, 0x7FFFFF));
  }
  WavSpec s;
  s.channels = 2;
  s.bits = 24;
  ExpectSameAsOriginal(testing::MakeWav(s, testing::IntSamples(v, 3)), "24-bit stereo");
  s.extensible = true;
  ExpectSameAsOriginal(testing::MakeWav(s, testing::IntSamples(v, 3)), "24-bit stereo extensible");
}

TEST_F(YesAsOtherLayouts, Float32Mono) {
  std::vector<float> f;
  for (int16_t x : yes_.samples) f.push_back(x / 32768.0f);
  WavSpec s;
  s.tag = 3;
  s.bits = 32;
  ExpectSameAsOriginal(testing::MakeWav(s, testing::Float32Samples(f)), "float32 mono");
}

TEST_F(YesAsOtherLayouts, Float64ThreeChannels) {
  // Channels x - 1/3, x, x + 1/3 (in int16 steps): each rounds to x.
  std::vector<double> f;
  for (int16_t x : yes_.samples) {
    for (double d : {-1.0 / 3, 0.0, 1.0 / 3}) f.push_back((x + d) / 32768.0);
  }
  WavSpec s;
  s.tag = 3;
  s.bits = 64;
  s.channels = 3;
  ExpectSameAsOriginal(testing::MakeWav(s, testing::Float64Samples(f)), "float64 3-channel");
}

}  // namespace
}  // namespace mote
