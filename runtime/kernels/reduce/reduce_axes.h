// Prepare helpers shared by the reduce kernels (reduce.cc, sum_max.cc).
#ifndef MOTE_KERNELS_REDUCE_REDUCE_AXES_H_
#define MOTE_KERNELS_REDUCE_REDUCE_AXES_H_

#include "mote/kernel.h"
#include "mote/model.h"

namespace mote {
namespace reduce {

// Reads the constant axis tensor and marks reduced axes (negatives wrap,
// duplicates allowed as in TFLite).
Status ReadAxes(const TensorView& t, int rank, bool* reduced);

// SUM and REDUCE_MAX (sum_max.cc).
extern const OpKernel kSum, kReduceMax;

}  // namespace reduce
}  // namespace mote

#endif  // MOTE_KERNELS_REDUCE_REDUCE_AXES_H_
