// CONV_2D computed in bands of output rows when the memory planner placed its
// output over its input (kernels/common/banded.h). The interpreter's Eval and
// the AOT compiler's generated code call these when the pointers overlap;
// results are byte-identical to the direct call.
#ifndef MOTE_KERNELS_CONV2D_CONV2D_IN_PLACE_H_
#define MOTE_KERNELS_CONV2D_CONV2D_IN_PLACE_H_

#include <cstdint>

#include "kernels/conv2d/conv2d.h"

namespace mote {

// An int8 variant's function (ConvS8Variant::eval).
using ConvS8Fn = void (*)(const ConvParams& p, const ConvS8Args& a);

// `band` holds band_rows * output_w * output_c elements.
void ConvS8InBands(ConvS8Fn kernel, const ConvParams& p, const ConvS8Args& a, int32_t band_rows,
                   void* band);
// One band (streaming, mote/kernel.h StreamDecl): output rows
// [first_row, first_row + rows) of batch 0 into `band`, a.output unused.
void ConvS8Band(ConvS8Fn kernel, const ConvParams& p, const ConvS8Args& a, int32_t first_row,
                int32_t rows, void* band);
void ConvF32InBands(const ConvParams& p, const float* input, const float* filter, const float* bias,
                    float* output, int32_t band_rows, void* band);
void ConvS16InBands(const ConvParams& p, const int16_t* input, const int8_t* filter,
                    const int64_t* bias, int16_t* output, int32_t band_rows, void* band);

}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_CONV2D_IN_PLACE_H_
