// Sample-rate conversion of 16-bit audio (host only), e.g. any WAV rate to the
// 16 kHz the micro_speech front end needs.
//
// A windowed-sinc low-pass interpolator in double arithmetic: output sample m
// sits at input time t = m * rate_in / rate_out and is sum_k x[k] h(t - k),
// with h a sinc cut at 0.475 * min(rate_in, rate_out) under a Kaiser window
// (beta 7.86, 80 dB design stopband): passband up to 0.45 * min(rate_in,
// rate_out), stopband from 0.5 * min(rate_in, rate_out), about 100 taps
// measured in samples of the lower rate. Each phase's taps are normalized to
// sum to 1 (a constant stays that constant). Samples outside the input are
// zero. The result is rounded (half away from zero) and saturated to int16.
// The taps of every phase m * rate_in / rate_out mod 1 are tabulated once;
// rate pairs with too many distinct phases (e.g. 44101 Hz) use the nearest of
// about 2^21 / taps evenly spaced phases (error below the 80 dB stopband).
#ifndef MOTE_HOST_AUDIO_RESAMPLE_H_
#define MOTE_HOST_AUDIO_RESAMPLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mote {
namespace audio {

// Output length for n input samples: round(n * rate_out / rate_in), halves up.
size_t ResampledLength(size_t n, int rate_in, int rate_out);

// Resamples `in` from rate_in to rate_out (both > 0; otherwise returns an empty
// vector). Equal rates return an exact copy.
std::vector<int16_t> Resample(const std::vector<int16_t>& in, int rate_in, int rate_out);

}  // namespace audio
}  // namespace mote

#endif  // MOTE_HOST_AUDIO_RESAMPLE_H_
