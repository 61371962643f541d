// Registration of FULLY_CONNECTED's int8 variants: the order is the
// preference (most specialised first); the reference comes last and accepts
// everything. A variant is listed only where its source is compiled (CMake
// sets MOTE_KERNELS_<ARCH> for the instruction sets this build compiles).
#include "kernels/fully_connected/fully_connected.h"

namespace mote {

void fully_connected_s8__ref(const FullyConnectedParams& p, const FullyConnectedS8Args& a) {
  FullyConnectedS8(p, a.input, a.weights, a.bias, a.output);
}

namespace {
constexpr FullyConnectedS8Variant kRef{
    "fully_connected_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &fully_connected_s8__ref};
}  // namespace

Span<const FullyConnectedS8Variant* const> FullyConnectedS8Variants() {
  static const FullyConnectedS8Variant* const kList[] = {
#if defined(MOTE_KERNELS_X86)
      &kFullyConnectedS8X86Avx2,
#endif
      &kFullyConnectedS8W16ArmV7emDsp,
      &kFullyConnectedS8ArmV7emDsp,
      &kRef,
  };
  return Span<const FullyConnectedS8Variant* const>(kList);
}

}  // namespace mote
