// The WAV reader: every accepted layout converts to known int16 values
// (exact where the format holds them exactly, rounding and saturation at the
// edges), channels mix down to their rounded mean, and everything else is
// refused with a message naming what the file is.
#include "audio/wav_reader.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "audio/wav_bytes.h"

namespace mote {
namespace {

using testing::Float32Samples;
using testing::Float64Samples;
using testing::IntSamples;
using testing::MakeWav;
using testing::WavSpec;

WavSpec Spec(uint16_t tag, uint16_t bits, uint16_t channels = 1) {
  WavSpec s;
  s.tag = tag;
  s.bits = bits;
  s.channels = channels;
  return s;
}

std::vector<int16_t> Read(const std::vector<uint8_t>& bytes, audio::WavAudio* w = nullptr) {
  audio::WavAudio local;
  if (w == nullptr) w = &local;
  std::string error;
  EXPECT_TRUE(audio::ParseWav(bytes, w, &error)) << error;
  return w->samples;
}

std::string Error(const std::vector<uint8_t>& bytes) {
  audio::WavAudio w;
  std::string error;
  EXPECT_FALSE(audio::ParseWav(bytes, &w, &error));
  return error;
}

const std::vector<int16_t> kValues = {0, 1, -1, 2, -2, 255, -256, 12345, -12345, 32767, -32768};

TEST(WavReader, ReadsPcm16Mono) {
  audio::WavAudio w;
  std::vector<int64_t> v(kValues.begin(), kValues.end());
  EXPECT_EQ(Read(MakeWav(Spec(1, 16), IntSamples(v, 2)), &w), kValues);
  EXPECT_EQ(w.sample_rate, 16000);
  EXPECT_EQ(w.channels, 1);
  EXPECT_EQ(w.bits, 16);
  EXPECT_FALSE(w.is_float);
  EXPECT_FALSE(audio::WasConverted(w, 16000));
  EXPECT_TRUE(audio::WasConverted(w, 8000));
}

TEST(WavReader, Pcm8IsUnsignedShiftedLeft) {
  audio::WavAudio w;
  EXPECT_EQ(Read(MakeWav(Spec(1, 8), {0, 1, 127, 128, 129, 255}), &w),
            (std::vector<int16_t>{-32768, -32512, -256, 0, 256, 32512}));
  EXPECT_EQ(w.bits, 8);
  EXPECT_TRUE(audio::WasConverted(w, 16000));
}

TEST(WavReader, Pcm24And32HoldInt16ValuesExactly) {
  std::vector<int64_t> v24, v32;
  for (int16_t v : kValues) {
    v24.push_back(int64_t{v} * 256);
    v32.push_back(int64_t{v} * 65536);
  }
  EXPECT_EQ(Read(MakeWav(Spec(1, 24), IntSamples(v24, 3))), kValues);
  EXPECT_EQ(Read(MakeWav(Spec(1, 32), IntSamples(v32, 4))), kValues);
}

TEST(WavReader, Pcm24RoundsHalfAwayFromZeroAndSaturates) {
  const std::vector<int64_t> in = {127,      128,      -127,     -128,      -383,      -384,
                                   0x7FFF7F, 0x7FFF80, 0x7FFFFF, -0x800000, -0x7FFF80, -0x7FFF81};
  const std::vector<int16_t> want = {0,     1,     0,     -1,     -1,     -2,
                                     32767, 32767, 32767, -32768, -32768, -32768};
  EXPECT_EQ(Read(MakeWav(Spec(1, 24), IntSamples(in, 3))), want);
}

TEST(WavReader, Pcm32RoundsHalfAwayFromZeroAndSaturates) {
  const int64_t h = 1 << 15;
  const std::vector<int64_t> in = {h - 1,       h,          -h + 1,     -h,         3 * h,
                                   -3 * h,      0x7FFF7FFF, 0x7FFF8000, 0x7FFFFFFF, -0x7FFFFFFF - 1,
                                   -0x7FFF8000, -0x7FFF8001};
  const std::vector<int16_t> want = {0,     1,     0,     -1,     2,      -2,
                                     32767, 32767, 32767, -32768, -32768, -32768};
  EXPECT_EQ(Read(MakeWav(Spec(1, 32), IntSamples(in, 4))), want);
}

TEST(WavReader, Pcm20InThreeBytesIsRead) {
  WavSpec s = Spec(1, 20);
  s.block_align = 3;
  audio::WavAudio w;
  EXPECT_EQ(Read(MakeWav(s, IntSamples({-32768 * 256, 5 * 256 + 16, 32767 * 256}, 3)), &w),
            (std::vector<int16_t>{-32768, 5, 32767}));
  EXPECT_EQ(w.bits, 20);
  EXPECT_NE(audio::DescribeSource(w).find("20-bit PCM"), std::string::npos);
}

TEST(WavReader, FloatScalesRoundsAndSaturates) {
  std::vector<float> f32;
  std::vector<double> f64;
  for (int16_t v : kValues) {
    f32.push_back(v / 32768.0f);
    f64.push_back(v / 32768.0);
  }
  audio::WavAudio w;
  EXPECT_EQ(Read(MakeWav(Spec(3, 32), Float32Samples(f32)), &w), kValues);
  EXPECT_TRUE(w.is_float);
  EXPECT_EQ(w.bits, 32);
  EXPECT_EQ(Read(MakeWav(Spec(3, 64), Float64Samples(f64)), &w), kValues);
  EXPECT_EQ(w.bits, 64);

  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> edge = {
      0.5 / 32768,     -0.5 / 32768,     0.49 / 32768, 1.5 / 32768, -1.5 / 32768, 1.0,  -1.0,
      32767.5 / 32768, -32768.6 / 32768, 7.0,          -7.0,        inf,          -inf, nan};
  const std::vector<int16_t> want = {1,     -1,     0,     2,      -2,    32767,  -32768,
                                     32767, -32768, 32767, -32768, 32767, -32768, 0};
  EXPECT_EQ(Read(MakeWav(Spec(3, 64), Float64Samples(edge))), want);
  const std::vector<float> edge32(edge.begin(), edge.end());
  EXPECT_EQ(Read(MakeWav(Spec(3, 32), Float32Samples(edge32))), want);
}

TEST(WavReader, ChannelsMixToTheirRoundedMean) {
  audio::WavAudio w;
  EXPECT_EQ(Read(MakeWav(Spec(1, 16, 2), IntSamples({1, 2, -1, -2, 32767, 32767, -32768, -32768,
                                                     32767, -32768, 100, -100, 7, 8},
                                                    2)),
                 &w),
            (std::vector<int16_t>{2, -2, 32767, -32768, -1, 0, 8}));
  EXPECT_EQ(w.channels, 2);
  EXPECT_EQ(audio::DescribeSource(w), "16000 Hz stereo 16-bit PCM");
  EXPECT_EQ(Read(MakeWav(Spec(1, 16, 3), IntSamples({1, 1, 2, 1, 2, 2, -1, -2, -2}, 2)), &w),
            (std::vector<int16_t>{1, 2, -2}));
  EXPECT_EQ(audio::DescribeSource(w), "16000 Hz 3-channel 16-bit PCM");
  // Each channel is converted to int16 first, then mixed: 24-bit stereo.
  EXPECT_EQ(Read(MakeWav(Spec(1, 24, 2), IntSamples({256 + 128, 0, -256 * 3, -256 * 4}, 3))),
            (std::vector<int16_t>{1, -4}));
  // 6-channel 32-bit float.
  std::vector<float> six = {1 / 32768.f, 2 / 32768.f, 3 / 32768.f,
                            4 / 32768.f, 5 / 32768.f, 6 / 32768.f};
  EXPECT_EQ(Read(MakeWav(Spec(3, 32, 6), Float32Samples(six)), &w),
            (std::vector<int16_t>{4}));  // 21 / 6 = 3.5
  EXPECT_EQ(audio::DescribeSource(w), "16000 Hz 6-channel 32-bit float");
}

TEST(WavReader, ExtensibleWithPcmOrFloatSubFormat) {
  WavSpec s = Spec(1, 24, 2);
  s.extensible = true;
  s.rate = 44100;
  audio::WavAudio w;
  EXPECT_EQ(Read(MakeWav(s, IntSamples({256, 512, -2560, -2560}, 3)), &w),
            (std::vector<int16_t>{2, -10}));  // 1.5 rounds to 2
  EXPECT_EQ(audio::DescribeSource(w), "44100 Hz stereo 24-bit PCM");
  s.valid_bits = 20;  // 20 valid bits, left-justified in 24
  EXPECT_EQ(Read(MakeWav(s, IntSamples({256 * 7, 256 * 9}, 3))), (std::vector<int16_t>{8}));
  WavSpec f = Spec(3, 32);
  f.extensible = true;
  EXPECT_EQ(Read(MakeWav(f, Float32Samples({-0.25f})), &w), (std::vector<int16_t>{-8192}));
  EXPECT_TRUE(w.is_float);
  WavSpec p16 = Spec(1, 16);
  p16.extensible = true;
  EXPECT_EQ(Read(MakeWav(p16, IntSamples({-3}, 2)), &w), (std::vector<int16_t>{-3}));
  EXPECT_FALSE(audio::WasConverted(w, 16000));
}

TEST(WavReader, RefusesExtensibleOddities) {
  WavSpec s = Spec(2, 4);
  s.extensible = true;
  EXPECT_NE(Error(MakeWav(s, {1, 2})).find("Microsoft ADPCM audio (WAVE_FORMAT_EXTENSIBLE)"),
            std::string::npos);
  s = Spec(1, 16);
  s.extensible = true;
  s.bad_guid = true;
  EXPECT_NE(Error(MakeWav(s, {1, 2})).find("unknown sub-format GUID"), std::string::npos);
  s.bad_guid = false;
  s.valid_bits = 17;
  EXPECT_NE(Error(MakeWav(s, {1, 2})).find("17 valid bits in a 16-bit container"),
            std::string::npos);
  // An extensible tag in a 16-byte 'fmt ' chunk.
  std::vector<uint8_t> short_fmt = MakeWav(Spec(1, 16), {1, 2});
  short_fmt[20] = 0xFE;
  short_fmt[21] = 0xFF;
  EXPECT_NE(Error(short_fmt).find("truncated WAVE_FORMAT_EXTENSIBLE"), std::string::npos);
}

TEST(WavReader, NamesCompressedFormats) {
  const std::pair<uint16_t, const char*> formats[] = {
      {2, "Microsoft ADPCM"}, {6, "A-law"},   {7, "mu-law"},      {0x11, "IMA ADPCM"},
      {0x55, "MP3"},          {0x50, "MPEG"}, {0x31, "GSM 6.10"}, {0x1234, "format tag 0x1234"}};
  for (const auto& [tag, name] : formats) {
    const std::string e = Error(MakeWav(Spec(tag, 8), {1, 2}));
    EXPECT_NE(e.find(std::string(name) + " audio is not supported"), std::string::npos) << e;
  }
}

TEST(WavReader, RefusesMalformedOrUnsupportedLayouts) {
  EXPECT_NE(Error(MakeWav(Spec(1, 12), {1, 2})).find("12-bit PCM is not supported"),
            std::string::npos);
  WavSpec twenty = Spec(1, 20);
  twenty.block_align = 4;  // 20-bit samples only in a 3-byte container
  EXPECT_NE(Error(MakeWav(twenty, {1, 2, 3, 4})).find("20-bit PCM is not supported"),
            std::string::npos);
  EXPECT_NE(Error(MakeWav(Spec(3, 16), {1, 2})).find("16-bit IEEE float is not supported"),
            std::string::npos);
  EXPECT_NE(Error(MakeWav(Spec(1, 16, 0), {1, 2})).find("0 channels"), std::string::npos);
  WavSpec s = Spec(1, 16, 2);
  s.block_align = 2;
  EXPECT_NE(Error(MakeWav(s, {1, 2})).find("block_align 2 does not match 2 channel(s) x 2 bytes"),
            std::string::npos);
  s.rate = 0;
  s.block_align = -1;
  EXPECT_NE(Error(MakeWav(s, {1, 2})).find("sample rate 0 Hz is out of range"), std::string::npos);
  std::vector<uint8_t> rifx = MakeWav(Spec(1, 16), {1, 2});
  rifx[3] = 'X';
  EXPECT_NE(Error(rifx).find("big-endian WAV (RIFX)"), std::string::npos);
  EXPECT_NE(Error({'O', 'g', 'g', 'S', 0, 0, 0, 0, 0, 0, 0, 0}).find("not a WAV file"),
            std::string::npos);
  EXPECT_NE(Error({}).find("not a WAV file"), std::string::npos);
  std::vector<uint8_t> truncated = MakeWav(Spec(1, 16), {1, 2});
  truncated.resize(30);  // inside the 'fmt ' chunk
  EXPECT_NE(Error(truncated).find("truncated or malformed 'fmt ' chunk"), std::string::npos);
  std::vector<uint8_t> no_data = MakeWav(Spec(1, 16), {});
  no_data.resize(no_data.size() - 8);
  EXPECT_EQ(Error(no_data), "no 'data' chunk");
  // A chunk claiming 4 GB ends the scan.
  std::vector<uint8_t> huge = MakeWav(Spec(1, 16), {});
  huge.resize(huge.size() - 8);
  huge.insert(huge.end(), {'j', 'u', 'n', 'k', 0xFF, 0xFF, 0xFF, 0xFF, 0});
  EXPECT_EQ(Error(huge), "no 'data' chunk");
}

TEST(WavReader, DataLongerThanTheFileKeepsWholeFrames) {
  std::vector<uint8_t> b = MakeWav(Spec(1, 24, 2), IntSamples({256, 256, 512, 512, 768}, 3));
  const size_t size_at = b.size() - 15 - 4;  // the data chunk's size field
  b[size_at] = 200;                          // claims 200 bytes, 15 are there
  EXPECT_EQ(Read(b), (std::vector<int16_t>{1, 2}));
}

TEST(WavReader, MissingFileNamesThePath) {
  audio::WavAudio w;
  std::string error;
  EXPECT_FALSE(audio::ReadWav("/nonexistent/x.wav", &w, &error));
  EXPECT_NE(error.find("/nonexistent/x.wav"), std::string::npos);
}

}  // namespace
}  // namespace mote
