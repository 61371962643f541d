#include "kernels/svdf/svdf.h"

#include <cmath>
#include <cstdint>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// SVDFOptions field numbers (.tflite schema).
constexpr int kRankField = 0;
constexpr int kActivationField = 1;

// Operand positions.
constexpr size_t kInput = 0;
constexpr size_t kWeightsFeature = 1;
constexpr size_t kWeightsTime = 2;
constexpr size_t kBias = 3;
constexpr size_t kState = 4;

void EvalF32(const EvalContext& ctx) {
  const auto& d = ctx.op_data<SvdfOpData>();
  SvdfF32(d.params, ctx.input<float>(kInput), ctx.input<float>(kWeightsFeature),
          ctx.input<float>(kWeightsTime), d.params.has_bias ? ctx.input<float>(kBias) : nullptr,
          ctx.mutable_input<float>(kState), static_cast<float*>(ctx.scratch(d.scratch)),
          ctx.output<float>(0));
}

void EvalS8StateS16(const EvalContext& ctx) {
  const auto& d = ctx.op_data<SvdfOpData>();
  SvdfS8StateS16(d.params, ctx.input<int8_t>(kInput), ctx.input<int8_t>(kWeightsFeature),
                 ctx.input<int16_t>(kWeightsTime),
                 d.params.has_bias ? ctx.input<int32_t>(kBias) : nullptr,
                 ctx.mutable_input<int16_t>(kState), static_cast<int32_t*>(ctx.scratch(d.scratch)),
                 static_cast<int32_t*>(ctx.scratch(d.scratch_output)), ctx.output<int8_t>(0));
}

void EvalS8StateS8(const EvalContext& ctx) {
  const auto& d = ctx.op_data<SvdfOpData>();
  SvdfS8StateS8(d.params, ctx.input<int8_t>(kInput), ctx.input<int8_t>(kWeightsFeature),
                ctx.input<int8_t>(kWeightsTime),
                d.params.has_bias ? ctx.input<int32_t>(kBias) : nullptr,
                ctx.mutable_input<int8_t>(kState), static_cast<int32_t*>(ctx.scratch(d.scratch)),
                static_cast<int32_t*>(ctx.scratch(d.scratch_output)), ctx.output<int8_t>(0));
}

Status Invalid(const char* what) { return Status::Error(StatusCode::kInvalidModel, "%s", what); }

// `t` must be [d0, d1] with both dimensions > 0.
Status CheckMatrix(const TensorView& t, const char* what) {
  if (t.rank() != 2 || t.dim(0) <= 0 || t.dim(1) <= 0) {
    return Status::Error(StatusCode::kInvalidModel, "%s must be 2-D with dimensions > 0",
                         what);
  }
  return Status::Ok();
}

Status PrepareShapes(const PrepareContext& ctx, SvdfParams* p) {
  const TensorView input = ctx.input(kInput);
  const TensorView feature = ctx.input(kWeightsFeature);
  const TensorView time = ctx.input(kWeightsTime);
  const TensorView state = ctx.input(kState);
  const TensorView output = ctx.output(0);
  MOTE_TRY(CheckMatrix(input, "input"));
  MOTE_TRY(CheckMatrix(feature, "weights_feature"));
  MOTE_TRY(CheckMatrix(time, "weights_time"));
  MOTE_TRY(CheckMatrix(state, "activation state"));
  MOTE_TRY(CheckMatrix(output, "output"));
  const int32_t rank = ctx.options().GetInt32(kRankField, 0);
  if (rank <= 0) {
    return Status::Error(StatusCode::kInvalidModel, "rank %d is not > 0", static_cast<int>(rank));
  }
  p->batches = input.dim(0);
  p->input_size = input.dim(1);
  p->num_filters = feature.dim(0);
  p->rank = rank;
  p->memory_size = time.dim(1);
  if (feature.dim(1) != p->input_size) {
    return Status::Error(StatusCode::kInvalidModel,
                         "weights_feature has %d columns but the input has %d features",
                         static_cast<int>(feature.dim(1)), static_cast<int>(p->input_size));
  }
  if (p->num_filters % rank != 0) {
    return Status::Error(StatusCode::kInvalidModel, "%d filters are not a multiple of rank %d",
                         static_cast<int>(p->num_filters), static_cast<int>(rank));
  }
  p->num_units = p->num_filters / rank;
  if (time.dim(0) != p->num_filters) {
    return Status::Error(StatusCode::kInvalidModel, "weights_time has %d rows; expected %d",
                         static_cast<int>(time.dim(0)), static_cast<int>(p->num_filters));
  }
  if (state.dim(0) != p->batches ||
      int64_t{state.dim(1)} != int64_t{p->memory_size} * p->num_filters) {
    return Status::Error(StatusCode::kInvalidModel,
                         "activation state must be [%d, %d x %d]", static_cast<int>(p->batches),
                         static_cast<int>(p->memory_size), static_cast<int>(p->num_filters));
  }
  if (!state.is_variable() || state.is_constant()) {
    return Invalid("activation state must be a variable tensor");
  }
  if (output.dim(0) != p->batches || output.dim(1) != p->num_units) {
    return Status::Error(StatusCode::kInvalidModel, "output must be [%d, %d]",
                         static_cast<int>(p->batches), static_cast<int>(p->num_units));
  }
  p->has_bias = ctx.has_input(kBias);
  if (p->has_bias && ctx.input(kBias).num_elements() != static_cast<uint32_t>(p->num_units)) {
    return Status::Error(StatusCode::kInvalidModel, "bias has %u elements; expected %d",
                         ctx.input(kBias).num_elements(), static_cast<int>(p->num_units));
  }
  return Status::Ok();
}

Status CheckType(const TensorView& t, DataType type, const char* what) {
  if (t.type() != type) {
    return Status::Error(StatusCode::kUnsupported, "%s type %s is not supported (expected %s)",
                         what, DataTypeName(t.type()), DataTypeName(type));
  }
  return Status::Ok();
}

Status CheckZeroPointInRange(int32_t zp, DataType type, const char* what) {
  const ActivationRange r = TypeRange(type);
  if (zp < r.min || zp > r.max) {
    return Status::Error(StatusCode::kInvalidModel, "%s zero point %d is out of range", what,
                         static_cast<int>(zp));
  }
  return Status::Ok();
}

// Multipliers as TFLM's PrepareSvdf computes them (float products, then double).
Status PrepareQuant(const PrepareContext& ctx, SvdfParams* p) {
  const TensorView state = ctx.input(kState);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(ctx.input(kInput), "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant wf_q,
                        PerTensorQuant(ctx.input(kWeightsFeature), "weights_feature"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant wt_q,
                        PerTensorQuant(ctx.input(kWeightsTime), "weights_time"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant st_q, PerTensorQuant(state, "activation state"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(ctx.output(0), "output"));
  if (wf_q.zero_point != 0 || wt_q.zero_point != 0) {
    return Status::Error(StatusCode::kUnsupported, "weight zero points must be 0 (%d, %d)",
                         static_cast<int>(wf_q.zero_point), static_cast<int>(wt_q.zero_point));
  }
  if (state.type() == DataType::kInt16 && st_q.zero_point != 0) {
    return Status::Error(StatusCode::kUnsupported, "int16 activation state needs zero point 0");
  }
  MOTE_TRY(CheckZeroPointInRange(in_q.zero_point, DataType::kInt8, "input"));
  MOTE_TRY(CheckZeroPointInRange(out_q.zero_point, DataType::kInt8, "output"));
  MOTE_TRY(CheckZeroPointInRange(st_q.zero_point, state.type(), "activation state"));
  const float state_product = st_q.scale * wt_q.scale;
  if (p->has_bias) {
    MOTE_ASSIGN_OR_RETURN(const TensorQuant b_q, PerTensorQuant(ctx.input(kBias), "bias"));
    if (!(std::abs(static_cast<double>(b_q.scale) - static_cast<double>(state_product)) < 1e-5)) {
      return Status::Error(StatusCode::kInvalidModel,
                           "bias scale %g differs from state scale x weights_time scale %g",
                           static_cast<double>(b_q.scale), static_cast<double>(state_product));
    }
  }
  const float scale_1 = in_q.scale * wf_q.scale / st_q.scale;
  const float scale_2 = state_product / out_q.scale;
  if (!std::isfinite(scale_1) || !std::isfinite(scale_2)) {
    return Invalid("effective scales are not finite");
  }
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(scale_1), &p->feature_multiplier, &shift);
  p->feature_shift = shift;
  QuantizeMultiplier(static_cast<double>(scale_2), &p->output_multiplier, &shift);
  p->output_shift = shift;
  p->input_zero_point = in_q.zero_point;
  p->state_zero_point = st_q.zero_point;
  p->output_zero_point = out_q.zero_point;
  return Status::Ok();
}

Result<int> Scratch(PrepareContext& ctx, int32_t rows, int32_t cols, size_t element) {
  const uint64_t bytes = uint64_t{static_cast<uint32_t>(rows)} * static_cast<uint32_t>(cols) *
                         element;
  if (bytes > kMaxTensorBytes) {
    return Status::Error(StatusCode::kUnsupported, "scratch of %llu bytes is too large",
                         static_cast<unsigned long long>(bytes));
  }
  return ctx.RequestScratch(static_cast<size_t>(bytes));
}

Status Prepare(PrepareContext& ctx) {
  if (ctx.num_inputs() != 5 || ctx.num_outputs() != 1) {
    return Invalid(
        "needs 5 inputs (input, weights_feature, weights_time, bias, state) and 1 output");
  }
  if (!ctx.has_input(kInput) || !ctx.has_input(kWeightsFeature) || !ctx.has_input(kWeightsTime) ||
      !ctx.has_input(kState)) {
    return Invalid("only the bias input may be omitted");
  }
  MOTE_ASSIGN_OR_RETURN(SvdfOpData * d, ctx.AllocateOpData<SvdfOpData>());
  SvdfParams* p = &d->params;
  MOTE_TRY(PrepareShapes(ctx, p));

  const DataType type = ctx.input(kInput).type();
  const DataType state_type = ctx.input(kState).type();
  EvalFn eval = nullptr;
  if (type == DataType::kFloat32) {
    MOTE_TRY(CheckType(ctx.input(kWeightsFeature), DataType::kFloat32, "weights_feature"));
    MOTE_TRY(CheckType(ctx.input(kWeightsTime), DataType::kFloat32, "weights_time"));
    MOTE_TRY(CheckType(ctx.input(kState), DataType::kFloat32, "activation state"));
    if (p->has_bias) MOTE_TRY(CheckType(ctx.input(kBias), DataType::kFloat32, "bias"));
    MOTE_TRY(CheckType(ctx.output(0), DataType::kFloat32, "output"));
    const auto activation =
        static_cast<FusedActivation>(ctx.options().GetInt8(kActivationField, 0));
    if (static_cast<int>(activation) < 0 || activation > FusedActivation::kSignBit) {
      return Status::Error(StatusCode::kUnsupported, "fused activation %d is not supported",
                           static_cast<int>(activation));
    }
    p->activation = activation;
    eval = &EvalF32;
  } else if (type == DataType::kInt8) {
    MOTE_TRY(CheckType(ctx.input(kWeightsFeature), DataType::kInt8, "weights_feature"));
    if (state_type != DataType::kInt16 && state_type != DataType::kInt8) {
      return Status::Error(StatusCode::kUnsupported, "%s activation state is not supported",
                           DataTypeName(state_type));
    }
    MOTE_TRY(CheckType(ctx.input(kWeightsTime), state_type, "weights_time"));
    if (p->has_bias) MOTE_TRY(CheckType(ctx.input(kBias), DataType::kInt32, "bias"));
    MOTE_TRY(CheckType(ctx.output(0), DataType::kInt8, "output"));
    MOTE_TRY(PrepareQuant(ctx, p));
    eval = state_type == DataType::kInt16 ? &EvalS8StateS16 : &EvalS8StateS8;
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s input is not supported",
                         DataTypeName(type));
  }
  MOTE_ASSIGN_OR_RETURN(d->scratch, Scratch(ctx, p->batches, p->num_filters, 4));
  if (type == DataType::kInt8) {
    MOTE_ASSIGN_OR_RETURN(d->scratch_output, Scratch(ctx, p->batches, p->num_units, 4));
  }
  ctx.set_eval(eval);
  return Status::Ok();
}

constexpr OpKernel kSvdf{BuiltinOp::kSvdf, nullptr, &Prepare};

}  // namespace

namespace ops {
const OpKernel& Svdf() { return kSvdf; }

Span<const OpKernel* const> svdf_kernels() {
  static const OpKernel* const kList[] = {&kSvdf};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
