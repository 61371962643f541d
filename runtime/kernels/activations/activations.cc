#include "kernels/activations/activations.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

constexpr int kLeakyReluOptionAlpha = 0;  // LeakyReluOptions.alpha

// One input, one output, same type and element count.
Status CheckUnary(PrepareContext& ctx, const char* op) {
  if (ctx.num_inputs() != 1 || !ctx.has_input(0) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "%s needs 1 input and 1 output", op);
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (in.num_elements() != out.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel, "input has %u elements but output has %u",
                         in.num_elements(), out.num_elements());
  }
  return Status::Ok();
}

Status Unsupported(const char* op, DataType type) {
  return Status::Error(StatusCode::kUnsupported, "%s does not support %s", op,
                       DataTypeName(type));
}

Result<TensorQuant> FiniteQuant(const TensorView& t, const char* what) {
  if (t.quantization().scale.size() > 1) {
    return Status::Error(StatusCode::kUnsupported, "%s must be quantized per tensor", what);
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q, PerTensorQuant(t, what));
  if (!std::isfinite(q.scale)) {
    return Status::Error(StatusCode::kInvalidModel, "%s scale is not finite", what);
  }
  return q;
}

// A real multiplier the int32 requantization can apply (|m| < 2^30).
Status CheckMultiplier(double m, const char* what) {
  if (!std::isfinite(m) || std::fabs(m) >= static_cast<double>(int64_t{1} << 30)) {
    return Status::Error(StatusCode::kUnsupported, "%s multiplier %g cannot be applied", what, m);
  }
  return Status::Ok();
}

template <typename P, typename T, void (*Fn)(const P&, const T*, T*)>
void EvalWith(const EvalContext& ctx) {
  Fn(ctx.op_data<P>(), ctx.input<T>(0), ctx.output<T>(0));
}

// ---- RELU ----

Status PrepareRelu(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "RELU"));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  MOTE_ASSIGN_OR_RETURN(ReluParams * p, ctx.AllocateOpData<ReluParams>());
  p->size = in.num_elements();
  if (type == DataType::kFloat32) {
    ctx.set_eval(&EvalWith<ReluParams, float, &ReluF32>);
    return Status::Ok();
  }
  if (type != DataType::kInt8 && type != DataType::kInt16) return Unsupported("RELU", type);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, FiniteQuant(ctx.output(0), "output"));
  if (type == DataType::kInt16 && (in_q.zero_point != 0 || out_q.zero_point != 0)) {
    return Status::Error(StatusCode::kUnsupported, "int16 RELU needs zero points of 0");
  }
  const double m = static_cast<double>(in_q.scale) / static_cast<double>(out_q.scale);
  MOTE_TRY(CheckMultiplier(m, "RELU"));
  QuantizeMultiplier(m, &p->multiplier, &p->shift);
  const ActivationRange range = TypeRange(type);
  p->input_zero_point = in_q.zero_point;
  p->output_zero_point = out_q.zero_point;
  p->act_min = std::max(range.min, out_q.zero_point);  // quantized 0.0
  p->act_max = range.max;
  ctx.set_eval(type == DataType::kInt8 ? &EvalWith<ReluParams, int8_t, &ReluS8>
                                       : &EvalWith<ReluParams, int16_t, &ReluS16>);
  return Status::Ok();
}

// ---- RELU6 ----

Status PrepareRelu6(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "RELU6"));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  MOTE_ASSIGN_OR_RETURN(Relu6Params * p, ctx.AllocateOpData<Relu6Params>());
  p->size = in.num_elements();
  if (type == DataType::kFloat32) {
    ctx.set_eval(&EvalWith<Relu6Params, float, &Relu6F32>);
    return Status::Ok();
  }
  if (type != DataType::kInt8 && type != DataType::kInt16) return Unsupported("RELU6", type);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
  const ActivationRange range = TypeRange(type);
  // round(6 / scale) + zero_point, clamped to the type.
  const double six = static_cast<double>(std::round(6.0f / in_q.scale)) + in_q.zero_point;
  p->zero = in_q.zero_point;
  p->six = six >= range.max ? range.max : six <= range.min ? range.min : static_cast<int32_t>(six);
  ctx.set_eval(type == DataType::kInt8 ? &EvalWith<Relu6Params, int8_t, &Relu6S8>
                                       : &EvalWith<Relu6Params, int16_t, &Relu6S16>);
  return Status::Ok();
}

// ---- LEAKY_RELU ----

Status PrepareLeakyRelu(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "LEAKY_RELU"));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  const float alpha = ctx.options().GetFloat(kLeakyReluOptionAlpha, 0.0f);
  if (!std::isfinite(alpha)) {
    return Status::Error(StatusCode::kInvalidModel, "LEAKY_RELU alpha is not finite");
  }
  MOTE_ASSIGN_OR_RETURN(LeakyReluParams * p, ctx.AllocateOpData<LeakyReluParams>());
  p->size = in.num_elements();
  p->alpha = alpha;
  if (type == DataType::kFloat32) {
    ctx.set_eval(&EvalWith<LeakyReluParams, float, &LeakyReluF32>);
    return Status::Ok();
  }
  if (type != DataType::kInt8 && type != DataType::kInt16) return Unsupported("LEAKY_RELU", type);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, FiniteQuant(ctx.output(0), "output"));
  // TFLite computes both ratios in float, then widens.
  const double alpha_m = static_cast<double>(in_q.scale * alpha / out_q.scale);
  const double identity_m = static_cast<double>(in_q.scale / out_q.scale);
  MOTE_TRY(CheckMultiplier(alpha_m, "alpha"));
  MOTE_TRY(CheckMultiplier(identity_m, "identity"));
  QuantizeMultiplier(alpha_m, &p->multiplier_alpha, &p->shift_alpha);
  QuantizeMultiplier(identity_m, &p->multiplier_identity, &p->shift_identity);
  p->input_zero_point = in_q.zero_point;
  p->output_zero_point = out_q.zero_point;
  ctx.set_eval(type == DataType::kInt8 ? &EvalWith<LeakyReluParams, int8_t, &LeakyReluS8>
                                       : &EvalWith<LeakyReluParams, int16_t, &LeakyReluS16>);
  return Status::Ok();
}

// ---- LOGISTIC / TANH ----

// int8 input scaling to Q4.27 as TFLite does it (frexp of scale * 2^27).
Status PrepareSigmoidS8(const TensorQuant& in_q, SigmoidParams* p) {
  constexpr int kInputIntegerBits = 4;
  const double real = static_cast<double>(in_q.scale) *
                      static_cast<double>(1 << (31 - kInputIntegerBits));
  int shift = 0;
  const double q = std::frexp(real, &shift);
  const double m = std::round(q * static_cast<double>(int64_t{1} << 31));
  if (shift < 0 || shift > 30 || m >= static_cast<double>(int64_t{1} << 31)) {
    return Status::Error(StatusCode::kUnsupported, "input scale %g is out of the supported range",
                         static_cast<double>(in_q.scale));
  }
  p->input_multiplier = static_cast<int32_t>(m);
  p->input_left_shift = shift;
  p->input_zero_point = in_q.zero_point;
  const double radius = 1.0 * ((1 << kInputIntegerBits) - 1) *
                        static_cast<double>(int64_t{1} << (31 - kInputIntegerBits)) /
                        static_cast<double>(int64_t{1} << shift);
  p->input_range_radius = static_cast<int32_t>(std::floor(radius));
  return Status::Ok();
}

Status PrepareSigmoidLike(PrepareContext& ctx, bool logistic) {
  const char* name = logistic ? "LOGISTIC" : "TANH";
  MOTE_TRY(CheckUnary(ctx, name));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  MOTE_ASSIGN_OR_RETURN(SigmoidParams * p, ctx.AllocateOpData<SigmoidParams>());
  p->size = in.num_elements();
  if (type == DataType::kFloat32) {
    ctx.set_eval(logistic ? &EvalWith<SigmoidParams, float, &LogisticF32>
                          : &EvalWith<SigmoidParams, float, &TanhF32>);
    return Status::Ok();
  }
  if (type != DataType::kInt8) return Unsupported(name, type);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, FiniteQuant(ctx.output(0), "output"));
  // The output is fixed at scale 1/256, zero point -128 (LOGISTIC) or 1/128, 0
  // (TANH); TFLite checks only LOGISTIC's zero point.
  if (logistic && out_q.zero_point != -128) {
    return Status::Error(StatusCode::kUnsupported, "LOGISTIC int8 output zero point must be -128");
  }
  MOTE_TRY(PrepareSigmoidS8(in_q, p));
  ctx.set_eval(logistic ? &EvalWith<SigmoidParams, int8_t, &LogisticS8>
                        : &EvalWith<SigmoidParams, int8_t, &TanhS8>);
  return Status::Ok();
}

Status PrepareLogistic(PrepareContext& ctx) { return PrepareSigmoidLike(ctx, true); }
Status PrepareTanh(PrepareContext& ctx) { return PrepareSigmoidLike(ctx, false); }

// ---- HARD_SWISH ----

Status PrepareHardSwish(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "HARD_SWISH"));
  const DataType type = ctx.input(0).type();
  if (type != DataType::kFloat32) return Unsupported("HARD_SWISH", type);
  MOTE_ASSIGN_OR_RETURN(HardSwishParams * p, ctx.AllocateOpData<HardSwishParams>());
  p->size = ctx.input(0).num_elements();
  ctx.set_eval(&EvalWith<HardSwishParams, float, &HardSwishF32>);
  return Status::Ok();
}

constexpr OpKernel kRelu{BuiltinOp::kRelu, nullptr, &PrepareRelu};
constexpr OpKernel kRelu6{BuiltinOp::kRelu6, nullptr, &PrepareRelu6};
constexpr OpKernel kLeakyRelu{BuiltinOp::kLeakyRelu, nullptr, &PrepareLeakyRelu};
constexpr OpKernel kLogistic{BuiltinOp::kLogistic, nullptr, &PrepareLogistic};
constexpr OpKernel kTanh{BuiltinOp::kTanh, nullptr, &PrepareTanh};
constexpr OpKernel kHardSwish{BuiltinOp::kHardSwish, nullptr, &PrepareHardSwish};

}  // namespace

namespace ops {
const OpKernel& Relu() { return kRelu; }
const OpKernel& Relu6() { return kRelu6; }
const OpKernel& LeakyRelu() { return kLeakyRelu; }
const OpKernel& Logistic() { return kLogistic; }
const OpKernel& Tanh() { return kTanh; }
const OpKernel& HardSwish() { return kHardSwish; }

Span<const OpKernel* const> activations_kernels() {
  static const OpKernel* const kList[] = {&kRelu,     &kRelu6, &kLeakyRelu,
                                          &kLogistic, &kTanh,  &kHardSwish};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
