// Float32 element-wise math, one input to one output of the same shape: ABS,
// NEG, FLOOR, CEIL, ROUND (half to even), SQRT, RSQRT, SQUARE, SIN, COS, EXP,
// LOG, ELU. Each computes with the C++ standard library function TFLM's reference
// kernel uses, so results are bit-exact with it on the same libm.
#ifndef MOTE_KERNELS_MATH_MATH_H_
#define MOTE_KERNELS_MATH_MATH_H_

#include <cstdint>

#include "mote/kernel.h"

namespace mote {

// The kernels' op data starts with UnaryParams (the AOT emitter reads it).
struct UnaryParams {
  uint32_t size;  // elements
};

void AbsF32(const UnaryParams& p, const float* in, float* out);
void NegF32(const UnaryParams& p, const float* in, float* out);
void FloorF32(const UnaryParams& p, const float* in, float* out);
void CeilF32(const UnaryParams& p, const float* in, float* out);
void RoundF32(const UnaryParams& p, const float* in, float* out);
void SqrtF32(const UnaryParams& p, const float* in, float* out);
void RsqrtF32(const UnaryParams& p, const float* in, float* out);
void SquareF32(const UnaryParams& p, const float* in, float* out);
void SinF32(const UnaryParams& p, const float* in, float* out);
void CosF32(const UnaryParams& p, const float* in, float* out);
void ExpF32(const UnaryParams& p, const float* in, float* out);
void LogF32(const UnaryParams& p, const float* in, float* out);
void EluF32(const UnaryParams& p, const float* in, float* out);  // x < 0 ? expm1(x) : x

using UnaryF32Fn = void (*)(const UnaryParams&, const float*, float*);

// The reference function of a float unary op and its name ("AbsF32"), or
// nullptr for other ops (used by the kernels and the AOT emitter).
UnaryF32Fn UnaryF32Function(BuiltinOp op);
const char* UnaryF32FunctionName(BuiltinOp op);

namespace ops {
Span<const OpKernel* const> math_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_MATH_MATH_H_
