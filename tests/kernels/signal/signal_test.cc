// Unit tests of the signal ops' arithmetic and option parsing. Bit-exactness
// against TFLM is checked by the conformance suite (audio_preprocessor_*) and
// tests/audio (micro_speech end to end).
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#define FLATBUFFERS_LOCALE_INDEPENDENT 0  // as signal_options.cc
#include "flatbuffers/flexbuffers.h"
#include "kernels/signal/rfft_int16.h"
#include "kernels/signal/signal.h"
#include "kernels/signal/signal_math.h"
#include "kernels/signal/signal_options.h"

namespace mote {
namespace {

TEST(SignalMath, SquareRootsAreRounded) {
  EXPECT_EQ(signal::Sqrt32(0), 0);
  EXPECT_EQ(signal::Sqrt32(4), 2);
  EXPECT_EQ(signal::Sqrt32(6), 2);
  EXPECT_EQ(signal::Sqrt32(7), 3);                 // 2.65 rounds up
  EXPECT_EQ(signal::Sqrt32(0xFFFFFFFFu), 0xFFFF);  // no rounding past 16 bits
  std::mt19937_64 rng(1);
  for (int i = 0; i < 2000; ++i) {
    const uint64_t x = rng() >> (rng() % 64);
    const double want = std::sqrt(static_cast<double>(x));
    const double got = x >> 32 ? signal::Sqrt64(x) : signal::Sqrt32(static_cast<uint32_t>(x));
    EXPECT_LE(std::fabs(got - want), 1.0) << x;
  }
}

TEST(SignalMath, LogApproximatesNaturalLog) {
  for (uint32_t x : {2u, 3u, 10u, 1000u, 65536u, 1000000u, 0xFFFFFFFFu}) {
    const double want = std::log(static_cast<double>(x)) * 1024;
    EXPECT_NEAR(signal::Log32(x, 1024), want, want * 0.002 + 1) << x;
  }
}

TEST(SignalMath, MaxAbsWrapsLikeTflm) {
  const int16_t a[] = {3, -7, 5};
  EXPECT_EQ(signal::MaxAbs16(a, 3), 7);
  const int16_t b[] = {1, -32768};
  EXPECT_EQ(signal::MaxAbs16(b, 2), -32768);  // int16 wrap, as TFLM
}

TEST(SignalRfft, CosineLandsInItsBin) {
  constexpr int kN = 512;
  std::vector<signal::Complex16> twiddles(signal::RfftInt16TwiddleCount(kN));
  signal::RfftInt16Plan plan;
  signal::RfftInt16Init(kN, twiddles.data(), &plan);
  std::vector<int16_t> x(kN);
  for (int i = 0; i < kN; ++i) {
    x[i] = static_cast<int16_t>(std::lround(16000 * std::cos(2 * M_PI * 8 * i / kN)));
  }
  std::vector<signal::Complex16> packed(kN / 2), work(kN / 2);
  std::memcpy(packed.data(), x.data(), sizeof(int16_t) * kN);
  std::vector<int16_t> out(kN + 2);
  signal::RfftInt16(plan, packed.data(), work.data(), out.data());
  // The fixed-point FFT scales by 1 / N: a cosine of amplitude A gives A / 2.
  EXPECT_NEAR(out[2 * 8], 8000, 8);
  for (int k = 0; k <= kN / 2; ++k) {
    if (k == 8) continue;
    EXPECT_LE(std::abs(out[2 * k]) + std::abs(out[2 * k + 1]), 6) << "bin " << k;
  }
}

TEST(SignalRfft, OnlyPowersOfTwo) {
  EXPECT_TRUE(signal::RfftInt16LengthSupported(512));
  EXPECT_FALSE(signal::RfftInt16LengthSupported(480));
  EXPECT_FALSE(signal::RfftInt16LengthSupported(0));
  EXPECT_FALSE(signal::RfftInt16LengthSupported(1 << 20));
}

std::vector<uint8_t> Options() {
  flexbuffers::Builder fbb;
  fbb.Map([&]() {
    fbb.Int("fft_length", 512);
    fbb.Int("T", 7);
    fbb.Bool("clamping", true);
    fbb.Int("big", int64_t{1} << 40);
    fbb.String("name", "x");
  });
  fbb.Finish();
  return fbb.GetBuffer();
}

TEST(SignalOptions, ReadsNamedIntegers) {
  const std::vector<uint8_t> blob = Options();
  const char* const keys[] = {"T", "fft_length", "clamping"};
  int32_t v[3] = {};
  ASSERT_TRUE(
      signal::ReadIntOptions(Span<const uint8_t>(blob.data(), blob.size()), keys, v, 3).ok());
  EXPECT_EQ(v[0], 7);
  EXPECT_EQ(v[1], 512);
  EXPECT_EQ(v[2], 1);
}

TEST(SignalOptions, RejectsMissingWrongTypeAndOutOfRange) {
  const std::vector<uint8_t> blob = Options();
  const Span<const uint8_t> span(blob.data(), blob.size());
  int32_t v = 0;
  for (const char* key : {"missing", "name", "big"}) {
    const char* const keys[] = {key};
    const Status s = signal::ReadIntOptions(span, keys, &v, 1);
    EXPECT_FALSE(s.ok()) << key;
    EXPECT_NE(std::string(s.message()).find(key), std::string::npos) << s.message();
  }
  const char* const keys[] = {"T"};
  EXPECT_FALSE(signal::ReadIntOptions(Span<const uint8_t>(), keys, &v, 1).ok());
}

TEST(SignalOptions, MalformedBlobsGiveErrorsNotCrashes) {
  const std::vector<uint8_t> good = Options();
  const char* const keys[] = {"T", "fft_length"};
  int32_t v[2];
  std::mt19937 rng(7);
  for (int i = 0; i < 5000; ++i) {
    std::vector<uint8_t> b = good;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) b[rng() % b.size()] = static_cast<uint8_t>(rng());
    if (rng() % 4 == 0) b.resize(rng() % b.size());
    (void)signal::ReadIntOptions(Span<const uint8_t>(b.data(), b.size()), keys, v, 2);
  }
  std::vector<uint8_t> big(signal::kMaxOptionsBytes + 1, 0);
  EXPECT_FALSE(
      signal::ReadIntOptions(Span<const uint8_t>(big.data(), big.size()), keys, v, 2).ok());
}

TEST(SignalKernels, RegistersNineCustomOps) {
  const auto list = ops::signal_kernels();
  ASSERT_EQ(list.size(), 9u);
  for (const OpKernel* k : list) {
    EXPECT_EQ(k->builtin, BuiltinOp::kCustom);
    EXPECT_EQ(std::strncmp(k->custom_name, "Signal", 6), 0) << k->custom_name;
  }
}

}  // namespace
}  // namespace mote
