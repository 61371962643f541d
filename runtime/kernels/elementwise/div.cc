// DIV: float32 only (IEEE division: x / 0 gives +-inf or NaN, never traps).
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

void DivF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = std::min(std::max(in1[i] / in2[j], p.activation_min), p.activation_max);
  });
}

namespace {

constexpr uint8_t kDivOptions = 29;

void EvalDivF32(const EvalContext& ctx) {
  DivF32(ctx.op_data<FloatBinaryParams>(), ctx.input<float>(0), ctx.input<float>(1),
         ctx.output<float>(0));
}

Status PrepareDiv(PrepareContext& ctx) {
  static constexpr DataType kTypes[] = {DataType::kFloat32};
  elementwise::BinaryTensors t;
  BroadcastShape shape;
  MOTE_TRY(elementwise::PrepareBinary(ctx, kDivOptions, kTypes, 1, &t, &shape));
  MOTE_ASSIGN_OR_RETURN(const FusedActivation activation, elementwise::ReadActivation(ctx));
  MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
  MOTE_ASSIGN_OR_RETURN(FloatBinaryParams * p, ctx.AllocateOpData<FloatBinaryParams>());
  p->shape = shape;
  p->activation_min = range.min;
  p->activation_max = range.max;
  ctx.set_eval(&EvalDivF32);
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
