#include "audio/resample.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace mote {
namespace audio {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kStopbandDb = 80.0;
// Transition band and cutoff as fractions of the lower of the two rates.
constexpr double kTransition = 0.05;
constexpr double kCutoff = 0.5 - kTransition / 2;
// Largest phase table (coefficients). Rate pairs that would need more (e.g.
// 44101 -> 16000 Hz: 16000 phases) use the nearest of fewer, evenly spaced
// phases instead: a timing error of at most 1 / (2 * phases) input samples,
// about -83 dB at the passband edge, below the filter's own stopband.
constexpr size_t kMaxTableCoefficients = size_t{1} << 21;

// Modified Bessel function of the first kind, order 0 (power series).
double BesselI0(double x) {
  const double q = x * x / 4;
  double term = 1, sum = 1;
  for (int k = 1; k < 500 && term > 1e-17 * sum; ++k) {
    term *= q / (static_cast<double>(k) * k);
    sum += term;
  }
  return sum;
}

class Interpolator {
 public:
  Interpolator(int rate_in, int rate_out) {
    const int64_t g = std::gcd(int64_t{rate_in}, int64_t{rate_out});
    up_ = static_cast<uint64_t>(rate_out / g);
    down_ = static_cast<uint64_t>(rate_in / g);
    const double low = rate_in < rate_out ? rate_in : rate_out;
    cutoff_ = kCutoff * low / rate_in;  // cycles per input sample
    beta_ = 0.1102 * (kStopbandDb - 8.7);
    // Kaiser's estimate of the length, in input samples.
    const double taps = (kStopbandDb - 7.95) / (14.36 * kTransition * low / rate_in);
    half_ = static_cast<int64_t>(std::ceil(taps / 2));
    i0_beta_ = BesselI0(beta_);
    width_ = static_cast<size_t>(2 * half_);
    exact_ = up_ * width_ <= kMaxTableCoefficients;
    // Quantized: phases 0, 1/phases_, ..., 1 (the last one is phase 0 of the
    // next input sample, expressed with this sample's tap positions).
    phases_ = exact_ ? up_ : std::max<uint64_t>(2, kMaxTableCoefficients / width_) - 1;
    const uint64_t count = exact_ ? up_ : phases_ + 1;
    table_.resize(count * width_);
    for (uint64_t p = 0; p < count; ++p) {
      Compute(static_cast<double>(p) / static_cast<double>(phases_), &table_[p * width_]);
    }
  }

  int64_t half() const { return half_; }
  uint64_t up() const { return up_; }
  uint64_t down() const { return down_; }

  // Taps for the output at input time n0 + phase / up, applied to
  // x[n0 - half + 1 .. n0 + half].
  const double* Taps(uint64_t phase) const {
    const uint64_t index = exact_ ? phase : (2 * phase * phases_ + up_) / (2 * up_);
    return &table_[index * width_];
  }

 private:
  double Kernel(double u) const {
    const double r = u / static_cast<double>(half_);
    if (r <= -1 || r >= 1) return 0;
    const double window = BesselI0(beta_ * std::sqrt(1 - r * r)) / i0_beta_;
    const double x = 2 * cutoff_ * u;
    const double sinc = x == 0 ? 1 : std::sin(kPi * x) / (kPi * x);
    return 2 * cutoff_ * sinc * window;
  }

  // Taps for the output at input time n0 + frac (0 <= frac <= 1).
  void Compute(double frac, double* taps) const {
    double sum = 0;
    for (int64_t j = 0; j < 2 * half_; ++j) {
      taps[j] = Kernel(static_cast<double>(half_ - 1 - j) + frac);
      sum += taps[j];
    }
    for (int64_t j = 0; j < 2 * half_; ++j) taps[j] /= sum;
  }

  uint64_t up_ = 1, down_ = 1;
  double cutoff_ = 0, beta_ = 0, i0_beta_ = 1;
  int64_t half_ = 1;
  size_t width_ = 2;  // taps per output sample: 2 * half_
  bool exact_ = true;
  uint64_t phases_ = 1;
  std::vector<double> table_;  // exact_: up_ phases, else phases_ + 1; width_ taps each
};

int16_t RoundToInt16(double y) {
  if (y >= 32767) return 32767;
  if (y <= -32768) return -32768;
  return static_cast<int16_t>(std::lround(y));
}

}  // namespace

size_t ResampledLength(size_t n, int rate_in, int rate_out) {
  if (rate_in <= 0 || rate_out <= 0) return 0;
  const uint64_t in = static_cast<uint64_t>(rate_in), out = static_cast<uint64_t>(rate_out);
  const uint64_t q = n / in, r = n % in;
  return static_cast<size_t>(q * out + (2 * r * out + in) / (2 * in));
}

std::vector<int16_t> Resample(const std::vector<int16_t>& in, int rate_in, int rate_out) {
  if (rate_in <= 0 || rate_out <= 0) return {};
  if (rate_in == rate_out) return in;
  Interpolator f(rate_in, rate_out);
  std::vector<int16_t> out(ResampledLength(in.size(), rate_in, rate_out));
  const int64_t n = static_cast<int64_t>(in.size());
  const int64_t half = f.half();
  int64_t n0 = 0;      // integer part of the output's input time
  uint64_t phase = 0;  // fractional part, in 1/up steps
  for (size_t m = 0; m < out.size(); ++m) {
    const double* taps = f.Taps(phase);
    const int64_t first = n0 - half + 1;
    const int64_t lo = first < 0 ? 0 : first;
    const int64_t hi = n0 + half < n ? n0 + half : n - 1;
    double y = 0;
    for (int64_t k = lo; k <= hi; ++k) y += taps[k - first] * in[static_cast<size_t>(k)];
    out[m] = RoundToInt16(y);
    phase += f.down();
    n0 += static_cast<int64_t>(phase / f.up());
    phase %= f.up();
  }
  return out;
}

}  // namespace audio
}  // namespace mote
