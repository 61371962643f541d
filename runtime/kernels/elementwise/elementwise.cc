#include "kernels/elementwise/elementwise.h"

#include "kernels/elementwise/binary_prepare.h"

namespace mote {
namespace ops {

Span<const OpKernel* const> elementwise_kernels() {
  static const OpKernel* const kList[] = {&elementwise::kAdd,
                                          &elementwise::kSub,
                                          &elementwise::kMul,
                                          &elementwise::kDiv,
                                          &elementwise::kMinimum,
                                          &elementwise::kMaximum,
                                          &elementwise::kSelectV2,
                                          &elementwise::kEqual,
                                          &elementwise::kNotEqual,
                                          &elementwise::kGreater,
                                          &elementwise::kGreaterEqual,
                                          &elementwise::kLess,
                                          &elementwise::kLessEqual,
                                          &elementwise::kLogicalAnd,
                                          &elementwise::kLogicalOr,
                                          &elementwise::kLogicalNot,
                                          &elementwise::kSquaredDifference,
                                          &elementwise::kPrelu};
  return Span<const OpKernel* const>(kList);
}

}  // namespace ops
}  // namespace mote
