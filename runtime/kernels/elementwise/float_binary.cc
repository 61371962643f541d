// Float32 binary ops without fused activation: SQUARED_DIFFERENCE
// ((x - y)^2) and PRELU (x >= 0 ? x : x * alpha), both broadcasting.
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

void SquaredDifferenceF32(const BroadcastShape& s, const float* a, const float* b, float* out) {
  ForEachBroadcastIndex(s, [&](uint32_t o, uint32_t i, uint32_t j) {
    const float d = a[i] - b[j];
    out[o] = d * d;
  });
}

void PreluF32(const BroadcastShape& s, const float* x, const float* alpha, float* out) {
  ForEachBroadcastIndex(s, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = x[i] >= 0.0f ? x[i] : x[i] * alpha[j];
  });
}

namespace {

template <void (*Fn)(const BroadcastShape&, const float*, const float*, float*)>
void EvalFloatBinary(const EvalContext& ctx) {
  Fn(ctx.op_data<BroadcastShape>(), ctx.input<float>(0), ctx.input<float>(1), ctx.output<float>(0));
}

template <void (*Fn)(const BroadcastShape&, const float*, const float*, float*)>
Status PrepareFloatBinary(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "an input is missing");
  }
  const TensorView a = ctx.input(0), b = ctx.input(1), out = ctx.output(0);
  if (a.type() != DataType::kFloat32 || b.type() != DataType::kFloat32 ||
      out.type() != DataType::kFloat32) {
    return Status::Error(StatusCode::kUnsupported, "%s, %s -> %s is not supported (float32 only)",
                         DataTypeName(a.type()), DataTypeName(b.type()), DataTypeName(out.type()));
  }
  MOTE_ASSIGN_OR_RETURN(BroadcastShape * s, ctx.AllocateOpData<BroadcastShape>());
  MOTE_TRY(ComputeBroadcastShape(a, b, out, s));
  if (!s->broadcast) ctx.AllowInPlace(/*any_input=*/true);
  ctx.set_eval(&EvalFloatBinary<Fn>);
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kSquaredDifference{BuiltinOp::kSquaredDifference, nullptr,
                                  &PrepareFloatBinary<SquaredDifferenceF32>};
const OpKernel kPrelu{BuiltinOp::kPrelu, nullptr, &PrepareFloatBinary<PreluF32>};
}  // namespace elementwise

}  // namespace mote
