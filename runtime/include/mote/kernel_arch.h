// Instruction sets that optimized kernel variants may require, and the set a
// build or a target offers (see kernels/common/kernel_variant.h).
#ifndef MOTE_KERNEL_ARCH_H_
#define MOTE_KERNEL_ARCH_H_

#include <cstdint>

namespace mote {

enum class KernelArch : uint8_t {
  kPortable = 0,    // plain C++ (the reference and portable optimizations)
  kArmV7emDsp = 1,  // Armv7E-M / Armv8-M DSP extension (Cortex-M4/M7/M33/M55)
  kX86Avx2 = 2,     // x86-64 with AVX2 (variants also check the CPU at run time)
};
constexpr int kNumKernelArchs = 3;

// A set of KernelArch, one bit each.
using KernelArchSet = uint32_t;
constexpr KernelArchSet KernelArchBit(KernelArch arch) {
  return KernelArchSet{1} << static_cast<int>(arch);
}
constexpr KernelArchSet kPortableArchs = KernelArchBit(KernelArch::kPortable);

const char* KernelArchName(KernelArch arch);

// The instruction sets of the machine this code is compiled for: what the
// interpreter uses unless told otherwise (Interpreter::set_kernel_archs).
constexpr KernelArchSet NativeKernelArchs() {
  return kPortableArchs
#if defined(__ARM_FEATURE_DSP)
         | KernelArchBit(KernelArch::kArmV7emDsp)
#endif
#if defined(__x86_64__)
         | KernelArchBit(KernelArch::kX86Avx2)
#endif
      ;
}

}  // namespace mote

#endif  // MOTE_KERNEL_ARCH_H_
