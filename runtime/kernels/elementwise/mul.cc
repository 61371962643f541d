// MUL: int8/int16 (one rescaling of the product), float32 and int32.
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

namespace {

template <typename T>
void QuantMul(const QuantMulParams& p, const T* in1, const T* in2, T* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    // int8: |product| <= 255 * 255; int16 (zero points 0): <= 2^30.
    const int32_t product = (p.input1_offset + in1[i]) * (p.input2_offset + in2[j]);
    const int32_t result =
        MultiplyByQuantizedMultiplier(product, p.output_multiplier, p.output_shift) +
        p.output_offset;
    out[o] = static_cast<T>(std::min(p.activation_max, std::max(p.activation_min, result)));
  });
}

}  // namespace

void MulS8(const QuantMulParams& p, const int8_t* in1, const int8_t* in2, int8_t* out) {
  QuantMul(p, in1, in2, out);
}
void MulS16(const QuantMulParams& p, const int16_t* in1, const int16_t* in2, int16_t* out) {
  QuantMul(p, in1, in2, out);
}
void MulF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = std::min(std::max(in1[i] * in2[j], p.activation_min), p.activation_max);
  });
}
void MulS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    // Wrapping product (two's complement), as int32 hardware multiplies.
    const int32_t product =
        static_cast<int32_t>(static_cast<uint32_t>(in1[i]) * static_cast<uint32_t>(in2[j]));
    out[o] = std::min(p.activation_max, std::max(p.activation_min, product));
  });
}

namespace {

constexpr uint8_t kMulOptions = 21;

template <typename P, typename T, void (*Fn)(const P&, const T*, const T*, T*)>
void EvalBinary(const EvalContext& ctx) {
  Fn(ctx.op_data<P>(), ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0));
}

Status PrepareQuantized(const elementwise::BinaryTensors& t, FusedActivation activation,
                        QuantMulParams* p) {
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q1, elementwise::PerTensor(t.in1, "input 1"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q2, elementwise::PerTensor(t.in2, "input 2"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant qo, elementwise::PerTensor(t.out, "output"));
  if (t.out.type() == DataType::kInt16 &&
      (q1.zero_point != 0 || q2.zero_point != 0 || qo.zero_point != 0)) {
    return Status::Error(StatusCode::kUnsupported, "int16 MUL needs zero points of 0");
  }
  const double real =
      static_cast<double>(q1.scale) * static_cast<double>(q2.scale) / static_cast<double>(qo.scale);
  if (!(real > 0.0) || real >= 2147483648.0) {
    return Status::Error(StatusCode::kUnsupported, "MUL output multiplier %g is out of range",
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
      QuantizedActivationRange(activation, t.out.type(), qo.scale, qo.zero_point));
  p->activation_min = range.min;
  p->activation_max = range.max;
  return Status::Ok();
}

Status PrepareMul(PrepareContext& ctx) {
  static constexpr DataType kTypes[] = {DataType::kInt8, DataType::kInt16, DataType::kFloat32,
                                        DataType::kInt32};
  elementwise::BinaryTensors t;
  BroadcastShape shape;
  MOTE_TRY(elementwise::PrepareBinary(ctx, kMulOptions, kTypes, 4, &t, &shape));
  MOTE_ASSIGN_OR_RETURN(const FusedActivation activation, elementwise::ReadActivation(ctx));
  const DataType type = t.out.type();
  if (type == DataType::kInt8 || type == DataType::kInt16) {
    MOTE_ASSIGN_OR_RETURN(QuantMulParams * p, ctx.AllocateOpData<QuantMulParams>());
    p->shape = shape;
    MOTE_TRY(PrepareQuantized(t, activation, p));
    ctx.set_eval(type == DataType::kInt8 ? &EvalBinary<QuantMulParams, int8_t, MulS8>
                                         : &EvalBinary<QuantMulParams, int16_t, MulS16>);
  } else if (type == DataType::kFloat32) {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    MOTE_ASSIGN_OR_RETURN(FloatBinaryParams * p, ctx.AllocateOpData<FloatBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(&EvalBinary<FloatBinaryParams, float, MulF32>);
  } else {
    MOTE_ASSIGN_OR_RETURN(const ActivationRange range,
                          elementwise::Int32ActivationRange(activation));
    MOTE_ASSIGN_OR_RETURN(IntBinaryParams * p, ctx.AllocateOpData<IntBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(&EvalBinary<IntBinaryParams, int32_t, MulS32>);
  }
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kMul{BuiltinOp::kMul, nullptr, &PrepareMul};
}  // namespace elementwise

namespace ops {
const OpKernel& Mul() { return elementwise::kMul; }
}  // namespace ops

}  // namespace mote
