// Helpers shared by the reduce kernels (MEAN in reduce.cc, SUM and
// REDUCE_MAX in sum_max.cc): the axes, the output shape and the reduction loop.
#ifndef MOTE_KERNELS_REDUCE_REDUCE_AXES_H_
#define MOTE_KERNELS_REDUCE_REDUCE_AXES_H_

#include "kernels/reduce/reduce.h"
#include "mote/kernel.h"
#include "mote/model.h"

namespace mote {
namespace reduce {

// Reads the constant axis tensor and marks reduced axes (negatives wrap,
// duplicates allowed as in TFLite).
Status ReadAxes(const TensorView& t, int rank, bool* reduced);

// Fills p's shape fields (rank, in_dims, out_stride, num_outputs, count) for
// reducing input 0 over the axes of input 1 (keep_dims: option 0) and checks
// output 0's shape; *count is the number of values folded into each output.
Status PlanReduction(PrepareContext& ctx, MeanParams* p, int64_t* count);

// out[o] = fold(... fold(init, first value of o) ..., last value of o) for
// every output o, visiting the input in order (as TFLite's reference does).
template <typename In, typename Out, typename Fold>
void ReduceInto(const MeanParams& p, const In* in, Out* out, Out init, Fold fold) {
  for (uint32_t i = 0; i < p.num_outputs; ++i) out[i] = init;
  if (p.rank == 0) {
    out[0] = fold(out[0], in[0]);
    return;
  }
  for (int a = 0; a < p.rank; ++a) {
    if (p.in_dims[a] == 0) return;
  }
  int32_t index[kMaxRank] = {};
  const int last = p.rank - 1;
  for (;;) {
    int64_t base = 0;
    for (int a = 0; a < last; ++a) base += index[a] * p.out_stride[a];
    for (int32_t i = 0; i < p.in_dims[last]; ++i) {
      Out& o = out[base + i * p.out_stride[last]];
      o = fold(o, *in++);
    }
    int a = last - 1;
    for (; a >= 0; --a) {
      if (++index[a] < p.in_dims[a]) break;
      index[a] = 0;
    }
    if (a < 0) break;
  }
}

// SUM and REDUCE_MAX (sum_max.cc).
extern const OpKernel kSum, kReduceMax;

}  // namespace reduce
}  // namespace mote

#endif  // MOTE_KERNELS_REDUCE_REDUCE_AXES_H_
