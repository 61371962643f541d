#include "kernels/elementwise/elementwise.h"

#include "kernels/elementwise/binary_prepare.h"

namespace mote {
namespace ops {

const OpKernel& Equal() { return elementwise::kEqual; }
const OpKernel& NotEqual() { return elementwise::kNotEqual; }
const OpKernel& Greater() { return elementwise::kGreater; }
const OpKernel& GreaterEqual() { return elementwise::kGreaterEqual; }
const OpKernel& Less() { return elementwise::kLess; }
const OpKernel& LessEqual() { return elementwise::kLessEqual; }
const OpKernel& LogicalAnd() { return elementwise::kLogicalAnd; }
const OpKernel& LogicalOr() { return elementwise::kLogicalOr; }
const OpKernel& LogicalNot() { return elementwise::kLogicalNot; }
const OpKernel& SquaredDifference() { return elementwise::kSquaredDifference; }
const OpKernel& Prelu() { return elementwise::kPrelu; }

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
