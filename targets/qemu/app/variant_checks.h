// On-target kernel-variant checks (the mote_variant_tests firmware): every
// variant of a family that this CPU runs, against the family's reference,
// byte for byte, over a deterministic list of cases (the host's GoogleTest
// sweeps in tests/kernels/variants/ are the exhaustive ones; here the Arm DSP
// variants run on the real instructions). Each family adds a Check* function
// here and a call in variant_tests.cc.
#ifndef MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_
#define MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_

#include <cstdint>

#include "app_util.h"
#include "mote/kernel_arch.h"

namespace vcheck {

// Deterministic pseudo-random numbers (xorshift32).
class Rng {
 public:
  explicit Rng(uint32_t seed) : state_(seed != 0 ? seed : 1) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  // Uniform in [lo, hi] (hi - lo < 2^31).
  int32_t Uniform(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(Next() % static_cast<uint32_t>(hi - lo + 1));
  }
  int8_t Int8() { return static_cast<int8_t>(Next()); }
  // An int8 zero point, often at the extremes.
  int32_t ZeroPoint() {
    const int32_t k = Uniform(0, 3);
    return k == 0 ? -128 : k == 1 ? 127 : Uniform(-128, 127);
  }

 private:
  uint32_t state_;
};

// The variants the interpreter may pick on this CPU.
inline bool RunsHere(mote::KernelArch arch) {
  return (mote::NativeKernelArchs() & mote::KernelArchBit(arch)) != 0;
}

// Reports one variant's result: its name, the cases it accepted, whether all
// were bit-exact; a variant for this CPU's extension must accept at least
// `min_cases` (its intended shapes are in the list).
inline void Report(app::Checks& c, const char* family, const char* name, int accepted,
                   int mismatches, int min_cases) {
  char line[160];
  snprintf(line, sizeof(line), "%s %s: %d cases, %d mismatches", family, name, accepted,
           mismatches);
  c.Check(mismatches == 0 && accepted >= min_cases, line);
}

void CheckArmDsp(app::Checks& c);
void CheckConv2dVariants(app::Checks& c);
void CheckFullyConnectedVariants(app::Checks& c);
void CheckDepthwiseConv2dVariants(app::Checks& c);
void CheckPoolingVariants(app::Checks& c);
void CheckAddVariants(app::Checks& c);

}  // namespace vcheck

#endif  // MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_
