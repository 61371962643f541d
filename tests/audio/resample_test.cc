// The resampler against analytic signals: a 1 kHz sine at common rates comes
// out as the 16 kHz sine, a tone above the new Nyquist frequency is removed,
// a constant stays exactly constant, equal rates copy.
#include "audio/resample.h"

#include <cmath>
#include <cstdlib>
#include <vector>

#include <gtest/gtest.h>

namespace mote {
namespace {

constexpr double kPi = 3.14159265358979323846;

std::vector<int16_t> Sine(double hz, int rate, double amplitude, size_t n) {
  std::vector<int16_t> x(n);
  for (size_t k = 0; k < n; ++k) {
    x[k] = static_cast<int16_t>(std::lround(amplitude * std::sin(2 * kPi * hz * k / rate)));
  }
  return x;
}

// Largest |y[m] - A sin(2 pi hz m / rate)| for m in [edge, size - edge).
double MaxError(const std::vector<int16_t>& y, double hz, int rate, double amplitude, size_t edge) {
  double worst = 0;
  for (size_t m = edge; m + edge < y.size(); ++m) {
    const double want = amplitude * std::sin(2 * kPi * hz * m / rate);
    worst = std::max(worst, std::abs(y[m] - want));
  }
  return worst;
}

double Rms(const std::vector<int16_t>& x, size_t edge) {
  double sum = 0;
  size_t n = 0;
  for (size_t m = edge; m + edge < x.size(); ++m, ++n) sum += static_cast<double>(x[m]) * x[m];
  return std::sqrt(sum / n);
}

TEST(Resample, EqualRatesCopyExactly) {
  const std::vector<int16_t> x = {1, -2, 32767, -32768, 0, 5};
  EXPECT_EQ(audio::Resample(x, 16000, 16000), x);
  EXPECT_EQ(audio::Resample(x, 44100, 44100), x);
}

TEST(Resample, LengthIsTheRoundedRatio) {
  EXPECT_EQ(audio::ResampledLength(48000, 48000, 16000), 16000u);
  EXPECT_EQ(audio::ResampledLength(44100, 44100, 16000), 16000u);
  EXPECT_EQ(audio::ResampledLength(11025, 11025, 16000), 16000u);
  EXPECT_EQ(audio::ResampledLength(1, 48000, 16000), 0u);     // 0.33
  EXPECT_EQ(audio::ResampledLength(2, 48000, 16000), 1u);     // 0.67
  EXPECT_EQ(audio::ResampledLength(1, 32000, 16000), 1u);     // 0.5 rounds up
  EXPECT_EQ(audio::ResampledLength(100, 44100, 16000), 36u);  // 36.28
  EXPECT_EQ(audio::ResampledLength(3, 8000, 16000), 6u);
  EXPECT_EQ(audio::ResampledLength(10, 0, 16000), 0u);
  for (int rate : {8000, 11025, 22050, 44100, 48000}) {
    const std::vector<int16_t> x(12345, 7);
    EXPECT_EQ(audio::Resample(x, rate, 16000).size(), audio::ResampledLength(12345, rate, 16000));
  }
  EXPECT_TRUE(audio::Resample({1, 2, 3}, 0, 16000).empty());
  EXPECT_TRUE(audio::Resample({1, 2, 3}, 16000, -1).empty());
}

class SineTo16k : public ::testing::TestWithParam<int> {};

TEST_P(SineTo16k, MatchesTheAnalyticSine) {
  const int rate = GetParam();
  const double amplitude = 30000;
  const std::vector<int16_t> x = Sine(1000, rate, amplitude, static_cast<size_t>(rate / 2));
  const std::vector<int16_t> y = audio::Resample(x, rate, 16000);
  ASSERT_EQ(y.size(), audio::ResampledLength(x.size(), rate, 16000));
  ASSERT_GE(y.size(), 7999u);
  // Away from the first and last 10 ms (the filter sees zeros beyond the ends):
  // input and output rounding only, about 1 LSB; 0.5% of full scale is 164.
  const double error = MaxError(y, 1000, 16000, amplitude, 160);
  EXPECT_LT(error, 0.005 * 32768) << rate << " Hz";
  EXPECT_LT(error, 2.0) << rate << " Hz";  // measured: at most 1.0
}

INSTANTIATE_TEST_SUITE_P(Rates, SineTo16k,
                         ::testing::Values(8000, 11025, 22050, 32000, 44100, 48000, 96000));

TEST(Resample, UpsamplesTo48k) {
  const std::vector<int16_t> x = Sine(1000, 16000, 20000, 8000);
  const std::vector<int16_t> y = audio::Resample(x, 16000, 48000);
  ASSERT_EQ(y.size(), 24000u);
  EXPECT_LT(MaxError(y, 1000, 48000, 20000, 480), 4.0);
}

TEST(Resample, KeepsThePassbandAndRemovesWhatWouldAlias) {
  // 7 kHz is inside the 7.2 kHz passband of a 16 kHz output.
  const std::vector<int16_t> pass = audio::Resample(Sine(7000, 48000, 30000, 24000), 48000, 16000);
  EXPECT_LT(MaxError(pass, 7000, 16000, 30000, 160), 4.0);
  // 12 kHz at 48 kHz would fold to 4 kHz: attenuated by far more than 60 dB
  // (what is left is the int16 rounding of the output).
  const std::vector<int16_t> x = Sine(12000, 48000, 30000, 24000);
  const std::vector<int16_t> y = audio::Resample(x, 48000, 16000);
  const double db = 20 * std::log10(Rms(y, 160) / Rms(x, 480));
  EXPECT_LT(db, -60.0);
  // 9 kHz at 44.1 kHz (would fold to 7 kHz).
  const std::vector<int16_t> x2 = Sine(9000, 44100, 30000, 22050);
  const std::vector<int16_t> y2 = audio::Resample(x2, 44100, 16000);
  EXPECT_LT(20 * std::log10(Rms(y2, 160) / Rms(x2, 441)), -60.0);
}

TEST(Resample, ConstantStaysExactlyConstant) {
  for (int rate : {8000, 11025, 44100, 48000}) {
    const std::vector<int16_t> y = audio::Resample(std::vector<int16_t>(rate, -1234), rate, 16000);
    for (size_t m = 160; m + 160 < y.size(); ++m) ASSERT_EQ(y[m], -1234) << rate << " Hz, " << m;
  }
}

TEST(Resample, OvershootSaturatesInsteadOfWrapping) {
  // A full-scale square wave: the band-limited result overshoots (Gibbs).
  std::vector<int16_t> x(8000);
  for (size_t k = 0; k < x.size(); ++k) x[k] = (k / 40) % 2 ? -32768 : 32767;
  const std::vector<int16_t> y = audio::Resample(x, 8000, 16000);
  int at_max = 0;
  for (size_t m = 160; m + 160 < y.size(); ++m) {
    const bool high = (m / 80) % 2 == 0;
    const size_t in_period = m % 80;
    if (in_period < 10 || in_period > 70) continue;  // near a step
    if (high) {
      EXPECT_GT(y[m], 30000) << m;
      at_max += y[m] == 32767;
    } else {
      EXPECT_LT(y[m], -30000) << m;
    }
  }
  EXPECT_GT(at_max, 0);
}

TEST(Resample, UnusualRatePairsUseTheNearestTabulatedPhase) {
  // 44101 Hz: 16000 distinct phases, more than the table holds.
  const std::vector<int16_t> x = Sine(1000, 44101, 30000, 44101 / 4);
  const std::vector<int16_t> y = audio::Resample(x, 44101, 16000);
  ASSERT_EQ(y.size(), audio::ResampledLength(x.size(), 44101, 16000));
  EXPECT_LT(MaxError(y, 1000, 16000, 30000, 160), 4.0);
}

}  // namespace
}  // namespace mote
