#include "kernels/common/kernel_variant.h"

namespace mote {

const char* KernelArchName(KernelArch arch) {
  switch (arch) {
    case KernelArch::kPortable:
      return "portable";
    case KernelArch::kArmV7emDsp:
      return "armv7em_dsp";
    case KernelArch::kX86Avx2:
      return "x86_avx2";
  }
  return "unknown";
}

}  // namespace mote
