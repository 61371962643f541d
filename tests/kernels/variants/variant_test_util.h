// Helpers shared by the kernel-variant sweeps: which variants can run on
// this machine, and the random draws every sweep uses.
#ifndef MOTE_TESTS_KERNELS_VARIANTS_VARIANT_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_VARIANTS_VARIANT_TEST_UTIL_H_

#include <cstdint>
#include <random>

#include "mote/kernel_arch.h"

namespace mote {

// Arm DSP variants run on the dsp:: emulation off-target; x86 ones need AVX2.
inline bool CanRunHere(KernelArch arch) {
  switch (arch) {
    case KernelArch::kPortable:
    case KernelArch::kArmV7emDsp:  // emulated off-target
      return true;
    case KernelArch::kX86Avx2:
#if defined(__x86_64__)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
  }
  return false;
}

inline int32_t Uniform(std::mt19937& rng, int32_t lo, int32_t hi) {
  return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
}

inline int32_t RandomZeroPoint(std::mt19937& rng) {
  switch (Uniform(rng, 0, 3)) {
    case 0:
      return -128;
    case 1:
      return 127;
    default:
      return Uniform(rng, -128, 127);
  }
}

}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_VARIANTS_VARIANT_TEST_UTIL_H_
