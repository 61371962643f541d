// TFLM's micro_speech example end to end: WAV -> audio front end (signal ops,
// state carried across the 49 frames) -> features -> classifier -> scores,
// byte-equal to TFLM's goldens.
#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audio/keyword_spotter.h"
#include "audio/wav_reader.h"
#include "support/test_support.h"

namespace mote {
namespace {

std::string Dir() {
  const std::string root = testing::ConformanceDir();
  return root.empty() ? "" : root + "/micro_speech";
}

#define SKIP_WITHOUT_SHARED()                                          \
  if (Dir().empty())                                                   \
  GTEST_SKIP() << "../shared/conformance is absent: the micro_speech " \
                  "goldens come from TFLM (CI always has them)"

struct Pipeline {
  audio::FeatureExtractor frontend;
  audio::KeywordClassifier classifier;
  void Load() {
    const std::string models = testing::ConformanceDir() + "/models/";
    std::string error;
    ASSERT_TRUE(frontend.Load(models + "audio_preprocessor_int8.tflite", &error)) << error;
    ASSERT_TRUE(classifier.Load(models + "micro_speech_quantized.tflite", &error)) << error;
  }
};

std::vector<int8_t> ReadS8(const std::string& path) {
  const std::vector<uint8_t> b = testing::ReadFile(path);
  return std::vector<int8_t>(b.begin(), b.end());
}

class MicroSpeech : public ::testing::TestWithParam<std::string> {};

TEST_P(MicroSpeech, FeaturesAndScoresMatchTflm) {
  SKIP_WITHOUT_SHARED();
  const std::string clip = GetParam() + "_1000ms";
  audio::WavAudio wav;
  std::string error;
  ASSERT_TRUE(audio::ReadWav(Dir() + "/wav/" + clip + ".wav", &wav, &error)) << error;
  EXPECT_EQ(wav.sample_rate, 16000);
  const std::vector<uint8_t> pcm = testing::ReadFile(Dir() + "/" + clip + ".audio_int16.bin");
  ASSERT_EQ(pcm.size(), wav.samples.size() * 2);
  EXPECT_EQ(std::memcmp(pcm.data(), wav.samples.data(), pcm.size()), 0) << "WAV samples";

  Pipeline p;
  p.Load();
  const std::vector<int8_t> features = p.frontend.ProcessClip(wav.samples);
  const std::vector<int8_t> want = ReadS8(Dir() + "/" + clip + ".features.bin");
  ASSERT_EQ(features.size(), 49u * 40u);
  ASSERT_EQ(want.size(), features.size());
  for (int f = 0; f < 49; ++f) {
    EXPECT_TRUE(
        std::equal(want.begin() + f * 40, want.begin() + (f + 1) * 40, features.begin() + f * 40))
        << clip << ": feature row " << f << " differs";
  }
  const std::vector<int8_t> scores = p.classifier.Classify(features.data());
  EXPECT_EQ(scores, ReadS8(Dir() + "/" + clip + ".scores.bin")) << clip;

  // A second stream through the same extractor starts fresh.
  EXPECT_EQ(p.frontend.ProcessClip(wav.samples), features);
}

INSTANTIATE_TEST_SUITE_P(Clips, MicroSpeech, ::testing::Values("yes", "no", "silence", "noise"));

TEST(MicroSpeech30ms, FirstFeatureRowMatchesTflm) {
  SKIP_WITHOUT_SHARED();
  Pipeline p;
  p.Load();
  for (const std::string clip : {"yes_30ms", "no_30ms"}) {
    audio::WavAudio wav;
    std::string error;
    ASSERT_TRUE(audio::ReadWav(Dir() + "/wav/" + clip + ".wav", &wav, &error)) << error;
    ASSERT_EQ(audio::FrameCount(wav.samples.size()), 1) << clip;
    const std::vector<int8_t> features = p.frontend.ProcessClip(wav.samples);
    const std::vector<int8_t> want = ReadS8(Dir() + "/check_30ms/" + clip + ".features.bin");
    ASSERT_GE(want.size(), 40u);
    EXPECT_EQ(features, std::vector<int8_t>(want.begin(), want.begin() + 40)) << clip;
    // TFLM classified the zero-padded grid; so do we.
    std::vector<int8_t> grid(p.classifier.input_bytes(), 0);
    std::copy(features.begin(), features.end(), grid.begin());
    EXPECT_EQ(p.classifier.Classify(grid.data()),
              ReadS8(Dir() + "/check_30ms/" + clip + ".scores.bin"))
        << clip;
  }
}

TEST(MicroSpeechState, NoiseEstimateCarriesAcrossFramesAndResets) {
  SKIP_WITHOUT_SHARED();
  Pipeline p;
  p.Load();
  audio::WavAudio wav;
  std::string error;
  ASSERT_TRUE(audio::ReadWav(Dir() + "/wav/noise_1000ms.wav", &wav, &error)) << error;
  // The same window twice in a row gives different features (state moved on) ...
  std::vector<int8_t> a(40), b(40), c(40);
  p.frontend.Reset();
  p.frontend.ProcessWindow(wav.samples.data(), a.data());
  p.frontend.ProcessWindow(wav.samples.data(), b.data());
  EXPECT_NE(a, b);
  // ... and the same as the first after a reset.
  p.frontend.Reset();
  p.frontend.ProcessWindow(wav.samples.data(), c.data());
  EXPECT_EQ(a, c);
}

TEST(MicroSpeechStream, DetectsKeywordsInALongRecording) {
  SKIP_WITHOUT_SHARED();
  Pipeline p;
  p.Load();
  // 7 s: silence, yes, silence, no, noise, silence, silence, one preprocessor state.
  std::vector<int16_t> stream;
  for (const char* clip : {"silence", "yes", "silence", "no", "noise", "silence", "silence"}) {
    const std::vector<uint8_t> b =
        testing::ReadFile(Dir() + "/" + std::string(clip) + "_1000ms.audio_int16.bin");
    const size_t n = stream.size();
    stream.resize(n + b.size() / 2);
    std::memcpy(stream.data() + n, b.data(), b.size());
  }
  const std::vector<int8_t> features = p.frontend.ProcessClip(stream);
  size_t windows = 0;
  const auto found =
      audio::DetectKeywords(p.classifier, features, 40, 1, audio::RecognizerOptions{}, 2, &windows);
  EXPECT_EQ(windows, static_cast<size_t>(audio::FrameCount(stream.size()) - 48));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].label, 2);  // yes, while its second is in the window
  EXPECT_GT(found[0].time_ms, 1000);
  EXPECT_LT(found[0].time_ms, 3000);
  EXPECT_EQ(found[1].label, 3);  // no
  EXPECT_GT(found[1].time_ms, 3000);
  EXPECT_LT(found[1].time_ms, 5000);
}

TEST(CommandRecognizer, AveragesAndSuppresses) {
  audio::CommandRecognizer r(audio::RecognizerOptions{});
  const std::vector<int8_t> yes = {-128, -128, 127, -128};
  int label = -1, score = -1;
  EXPECT_FALSE(r.Process(yes, 0, &label, &score));  // fewer than 3 results
  EXPECT_FALSE(r.Process(yes, 20, &label, &score));
  EXPECT_TRUE(r.Process(yes, 40, &label, &score));  // 3 results averaging 255 > 200
  EXPECT_EQ(label, 2);
  EXPECT_EQ(score, 255);
  EXPECT_FALSE(r.Process(yes, 60, &label, &score));    // same label, within 1.5 s
  EXPECT_FALSE(r.Process(yes, 1560, &label, &score));  // old results left the 1 s window
  EXPECT_FALSE(r.Process(yes, 1580, &label, &score));
  EXPECT_TRUE(r.Process(yes, 1600, &label, &score));  // 3 results again, suppression over
}

}  // namespace
}  // namespace mote
