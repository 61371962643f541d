// DIV: float32, int32 (truncating integer division) and int8 (quotient through
// a fixed-point reciprocal, then one rescaling), bit-exact with TFLM's reference.
//
// Division by zero never traps. float32: IEEE (+-inf or NaN, then the
// activation clamp). int32: x / 0 = 0 and INT32_MIN / -1 = INT32_MIN, the
// results of the Cortex-M SDIV instruction (with divide-by-zero trapping off)
// that TFLM's plain `a / b` compiles to there. int8: a real divisor of 0 (input
// 2 equal to its zero point) gives the activation maximum for a positive
// dividend, the minimum for a negative one and the output zero point (clamped)
// for 0 / 0, as an infinite result would; TFLM's reference does not define it.
#include <algorithm>
#include <cstdint>
#include <limits>

#include "kernels/common/quantization.h"
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"
#include "kernels/softmax/fixed_point_math.h"

namespace mote {

void DivF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = std::min(std::max(in1[i] / in2[j], p.activation_min), p.activation_max);
  });
}

void DivS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    const int32_t a = in1[i];
    const int32_t b = in2[j];
    const int32_t q = b == 0 ? 0 : (b == -1 ? (a == kMin ? kMin : -a) : a / b);
    out[o] = std::min(p.activation_max, std::max(p.activation_min, q));
  });
}

namespace {

// Bits after the sign bit that equal it (31 for 0 and -1).
inline int CountLeadingSignBits(int32_t x) {
  const uint32_t u = x < 0 ? ~static_cast<uint32_t>(x) : static_cast<uint32_t>(x);
  return u == 0 ? 31 : __builtin_clz(u) - 1;
}

inline int32_t QuantDivOne(const QuantDivParams& p, int32_t a, int32_t b) {
  int32_t x = p.input1_offset + a;  // |x|, |y| <= 255
  int32_t y = p.input2_offset + b;
  int32_t result;
  if (y == 0) {
    result = x > 0 ? p.activation_max : (x < 0 ? p.activation_min : p.output_offset);
  } else {
    if (y < 0) {  // the reciprocal needs a positive divisor
      x = -x;
      y = -y;
    }
    int recip_shift = 0;  // 1/y = reciprocal * 2^-recip_shift, reciprocal in [0.5, 1]
    const int32_t reciprocal = fixedpoint::GetReciprocal(y, 31, &recip_shift);
    const int headroom = CountLeadingSignBits(x);  // x << headroom keeps all bits
    const int32_t quotient =
        SaturatingRoundingDoublingHighMul(ShiftLeftWrapping(x, headroom), reciprocal);
    // >= 0 since Prepare keeps output_shift <= 23 and headroom >= 23; beyond 31
    // the exact rounded result is 0 (|scaled| < 2^31).
    const int exponent = headroom + recip_shift - p.output_shift;
    const int32_t scaled = SaturatingRoundingDoublingHighMul(quotient, p.output_multiplier);
    result = p.output_offset + (exponent > 31 ? 0 : RoundingDivideByPOT(scaled, exponent));
  }
  return std::min(p.activation_max, std::max(p.activation_min, result));
}

}  // namespace

void DivS8(const QuantDivParams& p, const int8_t* in1, const int8_t* in2, int8_t* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = static_cast<int8_t>(QuantDivOne(p, in1[i], in2[j]));
  });
}

namespace {

constexpr uint8_t kDivOptions = 29;

template <typename P, typename T, void (*Fn)(const P&, const T*, const T*, T*)>
void EvalBinary(const EvalContext& ctx) {
  Fn(ctx.op_data<P>(), ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0));
}

Status PrepareDivS8(const elementwise::BinaryTensors& t, FusedActivation activation,
                    QuantDivParams* p) {
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q1, elementwise::PerTensor(t.in1, "input 1"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q2, elementwise::PerTensor(t.in2, "input 2"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant qo, elementwise::PerTensor(t.out, "output"));
  // TFLM computes the ratio in float, then widens it.
  const double real = static_cast<double>(q1.scale / (q2.scale * qo.scale));
  // A multiplier of 2^22 or more would need a left shift the reference cannot do.
  if (!(real > 0.0) || real >= 4194304.0) {
    return Status::Error(StatusCode::kUnsupported, "DIV output multiplier %g is out of range",
                         real);
  }
  int shift = 0;
  QuantizeMultiplier(real, &p->output_multiplier, &shift);
  p->output_shift = shift;
  p->input1_offset = -q1.zero_point;
  p->input2_offset = -q2.zero_point;
  p->output_offset = qo.zero_point;
  MOTE_ASSIGN_OR_RETURN(
      const ActivationRange range,
      QuantizedActivationRange(activation, DataType::kInt8, qo.scale, qo.zero_point));
  p->activation_min = range.min;
  p->activation_max = range.max;
  return Status::Ok();
}

Status PrepareDiv(PrepareContext& ctx) {
  static constexpr DataType kTypes[] = {DataType::kFloat32, DataType::kInt32, DataType::kInt8};
  elementwise::BinaryTensors t;
  BroadcastShape shape;
  MOTE_TRY(elementwise::PrepareBinary(ctx, kDivOptions, kTypes, 3, &t, &shape));
  MOTE_ASSIGN_OR_RETURN(const FusedActivation activation, elementwise::ReadActivation(ctx));
  const DataType type = t.out.type();
  if (type == DataType::kInt8) {
    QuantDivParams params;
    params.shape = shape;
    MOTE_TRY(PrepareDivS8(t, activation, &params));
    MOTE_ASSIGN_OR_RETURN(QuantDivParams * p, ctx.AllocateOpData<QuantDivParams>());
    *p = params;
    ctx.set_eval(&EvalBinary<QuantDivParams, int8_t, DivS8>);
  } else if (type == DataType::kInt32) {
    // As TFLM: only unquantized int32 inputs.
    MOTE_TRY(elementwise::CheckNotQuantized(t.in1, "input 1"));
    MOTE_TRY(elementwise::CheckNotQuantized(t.in2, "input 2"));
    MOTE_ASSIGN_OR_RETURN(const ActivationRange range,
                          elementwise::Int32ActivationRange(activation));
    MOTE_ASSIGN_OR_RETURN(IntBinaryParams * p, ctx.AllocateOpData<IntBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(&EvalBinary<IntBinaryParams, int32_t, DivS32>);
  } else {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    MOTE_ASSIGN_OR_RETURN(FloatBinaryParams * p, ctx.AllocateOpData<FloatBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(&EvalBinary<FloatBinaryParams, float, DivF32>);
  }
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kDiv{BuiltinOp::kDiv, nullptr, &PrepareDiv};
}  // namespace elementwise

namespace ops {
const OpKernel& Div() { return elementwise::kDiv; }
}  // namespace ops

}  // namespace mote
