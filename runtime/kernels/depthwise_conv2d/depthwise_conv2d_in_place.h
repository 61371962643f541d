// DEPTHWISE_CONV_2D computed in bands of output rows when the memory planner placed its
// output over its input (kernels/common/banded.h). The interpreter's Eval and
// the AOT compiler's generated code call these when the pointers overlap;
// results are byte-identical to the direct call.
#ifndef MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_IN_PLACE_H_
#define MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_IN_PLACE_H_

#include <cstdint>

#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {

// An int8 variant's function (DepthwiseS8Variant::eval).
using DepthwiseS8Fn = void (*)(const DepthwiseParams& p, const DepthwiseS8Args& a);

// `band` holds band_rows * output_w * output_c elements.
void DepthwiseConvS8InBands(DepthwiseS8Fn kernel, const DepthwiseParams& p,
                            const DepthwiseS8Args& a, int32_t band_rows, void* band);
// One band (streaming, mote/kernel.h StreamDecl): output rows
// [first_row, first_row + rows) of batch 0 into `band`, a.output unused.
void DepthwiseConvS8Band(DepthwiseS8Fn kernel, const DepthwiseParams& p, const DepthwiseS8Args& a,
                         int32_t first_row, int32_t rows, void* band);
void DepthwiseConvF32InBands(const DepthwiseParams& p, const float* input, const float* filter,
                             const float* bias, float* output, int32_t band_rows, void* band);
void DepthwiseConvS16InBands(const DepthwiseParams& p, const int16_t* input, const int8_t* filter,
                             const int64_t* bias, int16_t* output, int32_t band_rows, void* band);

}  // namespace mote

#endif  // MOTE_KERNELS_DEPTHWISE_CONV2D_DEPTHWISE_CONV2D_IN_PLACE_H_
