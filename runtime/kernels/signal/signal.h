// TFLM's "signal" custom ops, as used by the micro_speech audio front end
// (audio_preprocessor_*.tflite): window, FFT, energy, mel filter bank, noise
// reduction (spectral subtraction), PCAN gain control and log. Bit-exact with
// TFLM's signal library. Options come from the ops' flexbuffer custom_options
// and are read and checked in Prepare only.
//
// State: SignalFilterBankSpectralSubtraction keeps its noise estimate in
// persistent arena memory and carries it from one Invoke to the next (one
// Invoke = one audio frame). AllocateTensors zeroes it; to start a new
// stream with the same interpreter call signal::ResetState(interpreter)
// (Interpreter::ResetVariables only resets variable tensors).
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_H_
#define MOTE_KERNELS_SIGNAL_SIGNAL_H_

#include <cstddef>
#include <cstdint>

#include "kernels/signal/rfft_int16.h"
#include "mote/interpreter.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// ---- Params and reference functions (pure; shared with generated code) ----

struct SignalWindowParams {
  int32_t shift;
  int32_t size;         // input elements (a multiple of window_size)
  int32_t window_size;  // weights elements
};
// output[i] = saturate_int16((input[i] * window[i % window_size]) >> shift)
void SignalWindowS16(const SignalWindowParams& p, const int16_t* input, const int16_t* window,
                     int16_t* output);

// Shifts the frame left so its largest |value| uses 15 bits; returns the shift.
int32_t SignalFftAutoScaleS16(int32_t size, const int16_t* input, int16_t* output);

struct SignalRfftParams {
  signal::RfftInt16Plan plan;
  int32_t input_length;  // samples per frame (zero-padded to fft_length)
  int32_t frames;
  int32_t output_length;  // int16 values per frame: fft_length + 2
  int work_scratch;       // fft_length / 2 packed input values
  int fft_scratch;        // fft_length / 2 complex work values
};

struct SignalEnergyParams {
  int32_t start_index;
  int32_t end_index;
  int32_t num_bins;  // output elements
};
// output[i] = re^2 + im^2 for start <= i < end; other outputs are 0.
void SignalEnergyS16(const SignalEnergyParams& p, const int16_t* spectrum, uint32_t* output);

struct SignalFilterBankParams {
  int32_t num_channels;
  const int16_t* weights;
  const int16_t* unweights;
  const int16_t* channel_frequency_starts;  // num_channels + 1 entries
  const int16_t* channel_weight_starts;
  const int16_t* channel_widths;
  int work_scratch;  // num_channels + 1 uint64 accumulators
};
// Mel filter bank: each bin's energy is shared between two adjacent channels.
void SignalFilterBankU32(const SignalFilterBankParams& p, const uint32_t* input, uint64_t* work,
                         uint64_t* output);

// output[i] = sqrt(input[i]) >> scale_bits (rounded integer square root).
void SignalFilterBankSqrtU64(int32_t num_channels, const uint64_t* input, int32_t scale_bits,
                             uint32_t* output);

struct SignalSpectralSubtractionParams {
  int32_t num_channels;
  uint32_t smoothing;
  uint32_t one_minus_smoothing;
  uint32_t alternate_smoothing;  // odd channels
  uint32_t alternate_one_minus_smoothing;
  uint32_t min_signal_remaining;
  int32_t smoothing_bits;
  int32_t spectral_subtraction_bits;
  bool clamping;
  uint32_t* noise_estimate;  // persistent state, num_channels entries
};
// Updates the noise estimate and subtracts it (keeping a floor of the signal).
void SignalSpectralSubtractionU32(const SignalSpectralSubtractionParams& p, const uint32_t* input,
                                  uint32_t* output);

struct SignalPcanParams {
  int32_t num_channels;
  int32_t snr_shift;
};
// Per-channel automatic gain control from the noise estimate (gain_lut: 125 entries).
void SignalPcanU32(const SignalPcanParams& p, const uint32_t* input, const uint32_t* noise_estimate,
                   const int16_t* gain_lut, uint32_t* output);

struct SignalFilterBankLogParams {
  int32_t num_channels;
  int32_t input_correction_bits;
  int32_t output_scale;
};
// output[i] = min(32767, log(input[i] << correction) * output_scale / 65536), 0 if <= 1.
void SignalFilterBankLogU32(const SignalFilterBankLogParams& p, const uint32_t* input,
                            int16_t* output);

namespace signal {
// Zeroes the carried state of every signal op in `interpreter` (the spectral
// subtraction noise estimates), as AllocateTensors leaves it: call between
// independent audio streams. Returns how many ops were reset.
int ResetState(const Interpreter& interpreter);
}  // namespace signal

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> signal_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_SIGNAL_SIGNAL_H_
