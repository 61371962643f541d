// Registration of CONV_2D's int8 variants: the order is the preference
// (most specialised first); the reference comes last and accepts everything.
// A variant is listed only where its source is compiled (CMake sets
// MOTE_KERNELS_<ARCH> for the instruction sets this build compiles).
#include "kernels/conv2d/conv2d.h"

namespace mote {

void conv2d_s8__ref(const ConvParams& p, const ConvS8Args& a) {
  ConvS8(p, a.input, a.filter, a.bias, a.output);
}

namespace {
constexpr ConvS8Variant kRef{"conv2d_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr,
                             nullptr,          &conv2d_s8__ref};
}  // namespace

Span<const ConvS8Variant* const> ConvS8Variants() {
  static const ConvS8Variant* const kList[] = {
#if defined(MOTE_KERNELS_X86)
      &kConv2dS8_1x1X86Avx2,
      &kConv2dS8X86Avx2,
#endif
      &kConv2dS8W16ArmV7emDsp,
      &kConv2dS8_1x1ArmV7emDsp,
      &kConv2dS8ArmV7emDsp,
      &kRef,
  };
  return Span<const ConvS8Variant* const>(kList);
}

}  // namespace mote
