#include "kernels/quantize/quantize.h"

#include <cmath>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// Shared checks: one input, one output, same element count.
Status CheckUnary(PrepareContext& ctx, const char* op) {
  if (ctx.num_inputs() != 1 || !ctx.has_input(0) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "%s needs 1 input and 1 output", op);
  }
  if (ctx.input(0).num_elements() != ctx.output(0).num_elements()) {
    return Status::Error(StatusCode::kInvalidModel, "input has %u elements but output has %u",
                         ctx.input(0).num_elements(), ctx.output(0).num_elements());
  }
  return Status::Ok();
}

// Per-tensor (exactly one scale), finite positive scale, zero point in range.
Result<TensorQuant> SingleQuant(const TensorView& t, const char* what) {
  if (t.quantization().scale.size() > 1) {
    return Status::Error(StatusCode::kUnsupported, "%s must be quantized per tensor", what);
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q, PerTensorQuant(t, what));
  if (!std::isfinite(q.scale)) {
    return Status::Error(StatusCode::kInvalidModel, "%s scale is not finite", what);
  }
  return q;
}

// ---- QUANTIZE ----

void EvalF32ToS8(const EvalContext& ctx) {
  AffineQuantizeF32ToS8(ctx.op_data<AffineQuantizeParams>(), ctx.input<float>(0),
                        ctx.output<int8_t>(0));
}
void EvalF32ToS16(const EvalContext& ctx) {
  AffineQuantizeF32ToS16(ctx.op_data<AffineQuantizeParams>(), ctx.input<float>(0),
                         ctx.output<int16_t>(0));
}

template <typename InT, typename OutT>
void EvalRequantize(const EvalContext& ctx) {
  Requantize(ctx.op_data<RequantizeParams>(), ctx.input<InT>(0), ctx.output<OutT>(0));
}

// The Eval for an integer (input, output) pair TFLite Micro supports, or null.
EvalFn RequantizeEvalFor(DataType in, DataType out) {
  using D = DataType;
  if (in == D::kInt8) {
    if (out == D::kInt8) return &EvalRequantize<int8_t, int8_t>;
    if (out == D::kUInt8) return &EvalRequantize<int8_t, uint8_t>;
    if (out == D::kInt16) return &EvalRequantize<int8_t, int16_t>;
    if (out == D::kInt32) return &EvalRequantize<int8_t, int32_t>;
  } else if (in == D::kUInt8) {
    if (out == D::kInt8) return &EvalRequantize<uint8_t, int8_t>;
  } else if (in == D::kInt16) {
    if (out == D::kInt8) return &EvalRequantize<int16_t, int8_t>;
    if (out == D::kInt16) return &EvalRequantize<int16_t, int16_t>;
    if (out == D::kInt32) return &EvalRequantize<int16_t, int32_t>;
  } else if (in == D::kInt32) {
    if (out == D::kInt8) return &EvalRequantize<int32_t, int8_t>;
    if (out == D::kInt16) return &EvalRequantize<int32_t, int16_t>;
  }
  return nullptr;
}

Status PrepareQuantize(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "QUANTIZE"));
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, SingleQuant(out, "output"));
  if (in.type() == DataType::kFloat32) {
    if (out.type() != DataType::kInt8 && out.type() != DataType::kInt16) {
      return Status::Error(StatusCode::kUnsupported, "QUANTIZE float32 -> %s is not supported",
                           DataTypeName(out.type()));
    }
    MOTE_ASSIGN_OR_RETURN(AffineQuantizeParams * p, ctx.AllocateOpData<AffineQuantizeParams>());
    p->size = in.num_elements();
    p->scale = out_q.scale;
    p->zero_point = out_q.zero_point;
    ctx.set_eval(out.type() == DataType::kInt8 ? &EvalF32ToS8 : &EvalF32ToS16);
    return Status::Ok();
  }
  const EvalFn eval = RequantizeEvalFor(in.type(), out.type());
  if (eval == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "QUANTIZE %s -> %s is not supported",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, SingleQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(RequantizeParams * p, ctx.AllocateOpData<RequantizeParams>());
  p->size = in.num_elements();
  const double effective = static_cast<double>(in_q.scale) / static_cast<double>(out_q.scale);
  if (!std::isfinite(effective)) {
    return Status::Error(StatusCode::kUnsupported, "input/output scale ratio is not finite");
  }
  QuantizeMultiplier(effective, &p->multiplier, &p->shift);
  p->input_zero_point = in_q.zero_point;
  p->output_zero_point = out_q.zero_point;
  ctx.set_eval(eval);
  return Status::Ok();
}

// ---- DEQUANTIZE ----

void EvalDequantizeS8(const EvalContext& ctx) {
  DequantizeS8(ctx.op_data<DequantizeParams>(), ctx.input<int8_t>(0), ctx.output<float>(0));
}
void EvalDequantizeS16(const EvalContext& ctx) {
  DequantizeS16(ctx.op_data<DequantizeParams>(), ctx.input<int16_t>(0), ctx.output<float>(0));
}
void EvalDequantizeU8(const EvalContext& ctx) {
  DequantizeU8(ctx.op_data<DequantizeParams>(), ctx.input<uint8_t>(0), ctx.output<float>(0));
}

Status PrepareDequantize(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "DEQUANTIZE"));
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (out.type() != DataType::kFloat32) {
    return Status::Error(StatusCode::kUnsupported, "DEQUANTIZE output must be float32, not %s",
                         DataTypeName(out.type()));
  }
  EvalFn eval = nullptr;
  switch (in.type()) {
    case DataType::kInt8: eval = &EvalDequantizeS8; break;
    case DataType::kInt16: eval = &EvalDequantizeS16; break;
    case DataType::kUInt8: eval = &EvalDequantizeU8; break;
    default:
      return Status::Error(StatusCode::kUnsupported, "DEQUANTIZE of %s is not supported",
                           DataTypeName(in.type()));
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, SingleQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(DequantizeParams * p, ctx.AllocateOpData<DequantizeParams>());
  p->size = in.num_elements();
  p->scale = in_q.scale;
  p->zero_point = in_q.zero_point;
  ctx.set_eval(eval);
  return Status::Ok();
}

// ---- CAST ----

void EvalCast(const EvalContext& ctx) {
  Cast(ctx.op_data<CastParams>(), ctx.input<void>(0), ctx.output<void>(0));
}

Status PrepareCast(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "CAST"));
  const DataType from = ctx.input(0).type();
  const DataType to = ctx.output(0).type();
  if (!CastSupported(from, to)) {
    return Status::Error(StatusCode::kUnsupported, "CAST %s -> %s is not supported",
                         DataTypeName(from), DataTypeName(to));
  }
  MOTE_ASSIGN_OR_RETURN(CastParams * p, ctx.AllocateOpData<CastParams>());
  p->size = ctx.input(0).num_elements();
  p->input_type = from;
  p->output_type = to;
  ctx.set_eval(&EvalCast);
  return Status::Ok();
}

constexpr OpKernel kQuantize{BuiltinOp::kQuantize, nullptr, &PrepareQuantize,
                             kOutputMayOverwriteInput};
constexpr OpKernel kDequantize{BuiltinOp::kDequantize, nullptr, &PrepareDequantize,
                               kOutputMayOverwriteInput};
constexpr OpKernel kCast{BuiltinOp::kCast, nullptr, &PrepareCast, kOutputMayOverwriteInput};

}  // namespace

namespace ops {
const OpKernel& Quantize() { return kQuantize; }
const OpKernel& Dequantize() { return kDequantize; }
const OpKernel& Cast() { return kCast; }

Span<const OpKernel* const> quantize_kernels() {
  static const OpKernel* const kList[] = {&kQuantize, &kDequantize, &kCast};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
