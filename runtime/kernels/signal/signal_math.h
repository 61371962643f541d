// Fixed-point helpers shared by the signal ops (TFLM's signal library
// arithmetic): bit length, integer square roots, integer log, PCAN gain.
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H_
#define MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H_

#include <cstdint>

namespace mote {
namespace signal {

// Number of bits needed to hold x (x > 0). As TFLM, 0 gives 32 / 64.
inline uint32_t BitLength32(uint32_t x) { return x != 0 ? 32u - __builtin_clz(x) : 32u; }
inline uint32_t BitLength64(uint64_t x) { return x != 0 ? 64u - __builtin_clzll(x) : 64u; }

// Rounded integer square roots (digit-by-digit).
uint16_t Sqrt32(uint32_t num);
// Numbers below 2^32 take the 32-bit path, as TFLM does.
uint32_t Sqrt64(uint64_t num);

// Natural log of x (x > 1) scaled by out_scale / 65536, from a 128-segment
// interpolated log2 table.
uint32_t Log32(uint32_t x, uint32_t out_scale);

// Largest |value| (int16 wrap-around for -32768, as TFLM).
int16_t MaxAbs16(const int16_t* input, int size);

// PCAN: the gain for a noise estimate from the piecewise-quadratic table
// (lut has 3 coefficients per octave), and the shrink function.
int16_t PcanGain(uint32_t noise_estimate, const int16_t* lut);
uint32_t PcanShrink(uint32_t snr);
constexpr int kPcanSnrBits = 12;
constexpr int kPcanOutputBits = 6;

}  // namespace signal
}  // namespace mote

#endif  // MOTE_KERNELS_SIGNAL_SIGNAL_MATH_H_
