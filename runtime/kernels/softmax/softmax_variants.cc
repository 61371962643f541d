// Registration of SOFTMAX's int8 -> int8 variants: the order is the preference
// (most specialised first); the reference comes last and accepts everything.
#include "kernels/softmax/softmax.h"

namespace mote {

void softmax_s8__ref(const SoftmaxParams& p, const SoftmaxS8Args& a) {
  SoftmaxS8(p, a.input, a.output);
}

namespace {
constexpr SoftmaxS8Variant kRef{"softmax_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr,
                                nullptr,           &softmax_s8__ref};
}  // namespace

Span<const SoftmaxS8Variant* const> SoftmaxS8Variants() {
  static const SoftmaxS8Variant* const kList[] = {
      &kRef,
  };
  return Span<const SoftmaxS8Variant* const>(kList);
}

}  // namespace mote
