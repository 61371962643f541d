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

// TFLite's CheckedLog2: is `x` within 1e-3 (in log2) of a power of two?
bool CheckedLog2(float x, int* log2_result) {
  const float x_log2 = std::log(x) * (1.0f / std::log(2.0f));
  const float rounded = std::round(x_log2);
  *log2_result = static_cast<int>(rounded);
  return std::fabs(x_log2 - rounded) < 1e-3f;
}

// int16 input scaling to the lookup's 1/(3 * 4096) per unit, as TFLM computes
// it: a power-of-two scale of 2^-12 (TANH also 2^-11) multiplies by 3 (or 6)
// exactly; any other scale by a 15-bit multiplier and a rounding right shift.
Status PrepareSigmoidS16(const TensorQuant& in_q, const TensorQuant& out_q, bool tanh,
                         SigmoidS16Params* p) {
  if (in_q.zero_point != 0 || out_q.zero_point != 0) {
    return Status::Error(StatusCode::kUnsupported, "int16 %s needs zero points of 0",
                         tanh ? "TANH" : "LOGISTIC");
  }
  int out_log2 = 0;
  if (!CheckedLog2(out_q.scale, &out_log2) || out_log2 != -15) {
    return Status::Error(StatusCode::kUnsupported, "int16 %s output scale must be 2^-15, got %g",
                         tanh ? "TANH" : "LOGISTIC", static_cast<double>(out_q.scale));
  }
  constexpr int kInputIntegerBits = 3;
  int in_log2 = 0;
  const bool pot = CheckedLog2(in_q.scale, &in_log2);
  const int pot_shift = (15 - kInputIntegerBits) + in_log2;
  if (pot && (pot_shift == 0 || (tanh && pot_shift == 1))) {
    p->multiplier = 3 << pot_shift;
    p->right_shift = 0;
    return Status::Ok();
  }
  double multiplier = static_cast<double>(in_q.scale) * 4096.0 * 3.0;
  int shift = 0;
  while (multiplier <= 32767.0 / 2.0 && shift <= 30) {
    ++shift;
    multiplier *= 2.0;
  }
  // TFLM asserts <= 32767 (larger would overflow its int32 products); a
  // multiplier of 0 (scale < ~4e-14) it would misread as a power-of-two scale.
  if (!(multiplier >= 1.0) || multiplier >= 32768.0) {
    return Status::Error(StatusCode::kUnsupported, "int16 input scale %g is out of range",
                         static_cast<double>(in_q.scale));
  }
  p->multiplier = static_cast<int32_t>(multiplier);
  p->right_shift = shift;
  return Status::Ok();
}

Status PrepareSigmoidLike(PrepareContext& ctx, bool logistic) {
  const char* name = logistic ? "LOGISTIC" : "TANH";
  MOTE_TRY(CheckUnary(ctx, name));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  if (type == DataType::kInt16) {
    MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
    MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, FiniteQuant(ctx.output(0), "output"));
    SigmoidS16Params params;
    params.size = in.num_elements();
    MOTE_TRY(PrepareSigmoidS16(in_q, out_q, !logistic, &params));
    MOTE_ASSIGN_OR_RETURN(SigmoidS16Params * p16, ctx.AllocateOpData<SigmoidS16Params>());
    *p16 = params;
    ctx.set_eval(logistic ? &EvalWith<SigmoidS16Params, int16_t, &LogisticS16>
                          : &EvalWith<SigmoidS16Params, int16_t, &TanhS16>);
    return Status::Ok();
  }
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

// TFLite's DownScaleInt32ToInt16Multiplier: a Q31 multiplier (>= 0) rounded
// to Q15, saturating at 32767.
int16_t DownScaleMultiplierToS16(int32_t multiplier) {
  constexpr int32_t kRounding = 1 << 15;
  if (multiplier >= std::numeric_limits<int32_t>::max() - kRounding) return 32767;
  return static_cast<int16_t>((multiplier + kRounding) >> 16);
}

Status PrepareHardSwishS8(const TensorQuant& in_q, const TensorQuant& out_q, HardSwishParams* p) {
  // TFLite computes these ratios in float, then widens them.
  const float hires_input_scale = (1.0f / 128.0f) * in_q.scale;
  const float reluish_scale = 3.0f / 32768.0f;
  const double output_m = static_cast<double>(hires_input_scale / out_q.scale);
  const double reluish_m = static_cast<double>(hires_input_scale / reluish_scale);
  MOTE_TRY(CheckMultiplier(output_m, "HARD_SWISH output"));
  MOTE_TRY(CheckMultiplier(reluish_m, "HARD_SWISH reluish"));
  int32_t m32 = 0;
  QuantizeMultiplier(output_m, &m32, &p->output_exponent);
  if (p->output_exponent > 0) {
    return Status::Error(StatusCode::kUnsupported,
                         "HARD_SWISH needs input scale / 128 <= output scale (multiplier %g)",
                         output_m);
  }
  p->output_multiplier = DownScaleMultiplierToS16(m32);
  QuantizeMultiplier(reluish_m, &m32, &p->reluish_exponent);
  p->reluish_multiplier = DownScaleMultiplierToS16(m32);
  p->input_zero_point = in_q.zero_point;
  p->output_zero_point = out_q.zero_point;
  return Status::Ok();
}

Status PrepareHardSwish(PrepareContext& ctx) {
  MOTE_TRY(CheckUnary(ctx, "HARD_SWISH"));
  const TensorView in = ctx.input(0);
  const DataType type = in.type();
  if (type != DataType::kFloat32 && type != DataType::kInt8) return Unsupported("HARD_SWISH", type);
  HardSwishParams params;
  params.size = in.num_elements();
  if (type == DataType::kInt8) {
    MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, FiniteQuant(in, "input"));
    MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, FiniteQuant(ctx.output(0), "output"));
    MOTE_TRY(PrepareHardSwishS8(in_q, out_q, &params));
  }
  MOTE_ASSIGN_OR_RETURN(HardSwishParams * p, ctx.AllocateOpData<HardSwishParams>());
  *p = params;
  ctx.set_eval(type == DataType::kInt8 ? &EvalWith<HardSwishParams, int8_t, &HardSwishS8>
                                       : &EvalWith<HardSwishParams, float, &HardSwishF32>);
  return Status::Ok();
}

constexpr OpKernel kRelu{BuiltinOp::kRelu, nullptr, &PrepareRelu, kOutputMayOverwriteInput};
constexpr OpKernel kRelu6{BuiltinOp::kRelu6, nullptr, &PrepareRelu6, kOutputMayOverwriteInput};
constexpr OpKernel kLeakyRelu{BuiltinOp::kLeakyRelu, nullptr, &PrepareLeakyRelu,
                              kOutputMayOverwriteInput};
constexpr OpKernel kLogistic{BuiltinOp::kLogistic, nullptr, &PrepareLogistic,
                             kOutputMayOverwriteInput};
constexpr OpKernel kTanh{BuiltinOp::kTanh, nullptr, &PrepareTanh, kOutputMayOverwriteInput};
constexpr OpKernel kHardSwish{BuiltinOp::kHardSwish, nullptr, &PrepareHardSwish,
                              kOutputMayOverwriteInput};

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
