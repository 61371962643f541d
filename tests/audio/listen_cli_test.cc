// `mote listen` on WAV layouts other than 16 kHz 16-bit mono: TFLM's "yes"
// clip resampled to 48 kHz stereo 16-bit and to 22.05 kHz float is still
// "yes", the JSON says what the file was and stderr has one note line; the
// original file gets no note.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "audio/resample.h"
#include "audio/wav_bytes.h"
#include "audio/wav_reader.h"
#include "support/test_support.h"

namespace mote {
namespace {

struct Command {
  int exit_code = -1;
  std::string out, err;
};

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
}

// Runs `mote listen ... WAV --json`, stdout and stderr apart.
Command Listen(const std::string& wav) {
  const std::string models = testing::ConformanceDir() + "/models/";
  const std::string err_path = std::string(LISTEN_WORK_DIR) + "/listen_stderr.txt";
  const std::string command = std::string(MOTE_BIN) + " listen --frontend " + models +
                              "audio_preprocessor_int8.tflite --model " + models +
                              "micro_speech_quantized.tflite --labels silence,unknown,yes,no " +
                              wav + " --json 2>" + err_path;
  const testing::CommandResult r = testing::RunCommand(command);
  Command c;
  c.exit_code = r.exit_code;
  c.out = r.out;
  c.err = Slurp(err_path);
  return c;
}

class ListenCli : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::ConformanceDir().empty()) {
      GTEST_SKIP() << "../shared/conformance is absent: the micro_speech models come from TFLM";
    }
    yes_path_ = testing::ConformanceDir() + "/micro_speech/wav/yes_1000ms.wav";
    std::string error;
    ASSERT_TRUE(audio::ReadWav(yes_path_, &yes_, &error)) << error;
  }

  std::string Write(const std::string& name, const std::vector<uint8_t>& bytes) {
    const std::string path = std::string(LISTEN_WORK_DIR) + "/" + name;
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<long>(bytes.size()));
    return path;
  }

  void ExpectYes(const std::string& path, const nlohmann::json& source, const std::string& note) {
    const Command c = Listen(path);
    ASSERT_EQ(c.exit_code, 0) << c.out << c.err;
    const nlohmann::json j = nlohmann::json::parse(c.out, nullptr, /*allow_exceptions=*/false);
    ASSERT_FALSE(j.is_discarded()) << c.out;
    EXPECT_EQ(j["label"], "yes") << c.out;
    EXPECT_EQ(j["source"], source);
    EXPECT_EQ(j["frames"], 49);
    EXPECT_EQ(c.err, note.empty() ? "" : "mote: " + path + ": " + note + "\n");
  }

  std::string yes_path_;
  audio::WavAudio yes_;
};

TEST_F(ListenCli, OriginalNeedsNoConversion) {
  ExpectYes(yes_path_, {{"sample_rate", 16000}, {"channels", 1}, {"bits", 16}, {"format", "pcm"}},
            "");
}

TEST_F(ListenCli, Stereo48kHz) {
  const std::vector<int16_t> up = audio::Resample(yes_.samples, 16000, 48000);
  ASSERT_EQ(up.size(), 48000u);
  std::vector<int64_t> interleaved;
  for (int16_t x : up) interleaved.insert(interleaved.end(), {x, x});
  testing::WavSpec s;
  s.channels = 2;
  s.rate = 48000;
  const std::string path =
      Write("yes_48k_stereo.wav", testing::MakeWav(s, testing::IntSamples(interleaved, 2)));
  ExpectYes(path, {{"sample_rate", 48000}, {"channels", 2}, {"bits", 16}, {"format", "pcm"}},
            "48000 Hz stereo 16-bit PCM -> 16000 Hz mono 16-bit");
}

TEST_F(ListenCli, Float22050Hz) {
  const std::vector<int16_t> down = audio::Resample(yes_.samples, 16000, 22050);
  std::vector<float> f;
  for (int16_t x : down) f.push_back(x / 32768.0f);
  testing::WavSpec s;
  s.tag = 3;
  s.bits = 32;
  s.rate = 22050;
  const std::string path =
      Write("yes_22050_float.wav", testing::MakeWav(s, testing::Float32Samples(f)));
  ExpectYes(path, {{"sample_rate", 22050}, {"channels", 1}, {"bits", 32}, {"format", "float"}},
            "22050 Hz mono 32-bit float -> 16000 Hz mono 16-bit");
}

}  // namespace
}  // namespace mote
