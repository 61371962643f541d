// Registration of ADD's int8 variants: the order is the preference (most
// specialised first); the reference comes last and accepts everything. A
// variant is listed only where its source is compiled (CMake sets
// MOTE_KERNELS_<ARCH> for the instruction sets this build compiles).
#include "kernels/elementwise/elementwise.h"

namespace mote {

void add_s8__ref(const QuantAddSubParams& p, const AddS8Args& a) {
  AddS8(p, a.input1, a.input2, a.output);
}

namespace {
constexpr AddS8Variant kRef{"add_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr,
                            nullptr,       &add_s8__ref};
}  // namespace

Span<const AddS8Variant* const> AddS8Variants() {
  static const AddS8Variant* const kList[] = {
#if defined(MOTE_KERNELS_X86)
      &kAddS8X86Avx2,
#endif
      &kAddS8LutArmV7emDsp,
      &kAddS8ArmV7emDsp,
      &kRef,
  };
  return Span<const AddS8Variant* const>(kList);
}

}  // namespace mote
