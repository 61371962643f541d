#include "kernels/elementwise/elementwise.h"

#include "kernels/elementwise/binary_prepare.h"

namespace mote {
namespace ops {

Span<const OpKernel* const> elementwise_kernels() {
  static const OpKernel* const kList[] = {&elementwise::kAdd,     &elementwise::kSub,
                                          &elementwise::kMul,     &elementwise::kDiv,
                                          &elementwise::kMinimum, &elementwise::kMaximum};
  return Span<const OpKernel* const>(kList);
}

}  // namespace ops
}  // namespace mote
