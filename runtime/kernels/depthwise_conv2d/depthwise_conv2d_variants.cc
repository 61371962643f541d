// Registration of DEPTHWISE_CONV_2D's int8 variants: the order is the
// preference (most specialised first); the reference comes last and accepts
// everything. A variant is listed only where its source is compiled (CMake
// sets MOTE_KERNELS_<ARCH> for the instruction sets this build compiles).
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {

void depthwise_conv2d_s8__ref(const DepthwiseParams& p, const DepthwiseS8Args& a) {
  DepthwiseConvS8(p, a.input, a.filter, a.bias, a.output);
}

namespace {
constexpr DepthwiseS8Variant kRef{
    "depthwise_conv2d_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &depthwise_conv2d_s8__ref};
}  // namespace

Span<const DepthwiseS8Variant* const> DepthwiseS8Variants() {
  static const DepthwiseS8Variant* const kList[] = {
    &kDepthwiseConv2dS8_1chW16ArmV7emDsp,
    &kDepthwiseConv2dS8_1chArmV7emDsp,
    &kDepthwiseConv2dS8_3x3PackedArmV7emDsp,
    &kDepthwiseConv2dS8_3x3ArmV7emDsp,
    &kDepthwiseConv2dS8ArmV7emDsp,
#if defined(MOTE_KERNELS_X86)
    &kDepthwiseConv2dS8X86Avx2,
#endif
    &kRef,
  };
  return Span<const DepthwiseS8Variant* const>(kList);
}

}  // namespace mote
