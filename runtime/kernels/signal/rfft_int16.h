// Fixed-point (Q15) real FFT with the exact int16 rounding of the KISS FFT
// configuration TFLM's SignalRfft uses: a complex FFT of half the length
// (radix-4 stages first, then radix 2), each stage dividing its inputs by the
// radix, then the real-input split with a further halving. Power-of-two
// lengths from 4 to 4096.
#ifndef MOTE_KERNELS_SIGNAL_RFFT_INT16_H_
#define MOTE_KERNELS_SIGNAL_RFFT_INT16_H_

#include <cstddef>
#include <cstdint>

namespace mote {
namespace signal {

struct Complex16 {
  int16_t r;
  int16_t i;
};

constexpr int kMaxFftStages = 8;

struct RfftInt16Plan {
  int32_t fft_length = 0;  // real input length N
  int32_t half = 0;        // complex FFT length N / 2
  int32_t num_stages = 0;
  int32_t radix[kMaxFftStages] = {};
  int32_t span[kMaxFftStages] = {};     // stage's sub-FFT length (half / product of radices so far)
  Complex16* twiddles = nullptr;        // half entries: exp(-2 pi i k / half)
  Complex16* super_twiddles = nullptr;  // half / 2 entries
};

// True for the lengths RfftInt16 supports.
bool RfftInt16LengthSupported(int32_t fft_length);
// Twiddle storage needed for `fft_length`, in Complex16 entries.
size_t RfftInt16TwiddleCount(int32_t fft_length);
// Fills `plan` for a supported length; `twiddles` holds RfftInt16TwiddleCount entries.
void RfftInt16Init(int32_t fft_length, Complex16* twiddles, RfftInt16Plan* plan);
// packed: the N real samples as N / 2 complex values (even samples real, odd
// imaginary); work: N / 2 entries; out: N / 2 + 1 bins as (real, imag) int16 pairs.
void RfftInt16(const RfftInt16Plan& plan, const Complex16* packed, Complex16* work, int16_t* out);

}  // namespace signal
}  // namespace mote

#endif  // MOTE_KERNELS_SIGNAL_RFFT_INT16_H_
