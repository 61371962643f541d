#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/common/weighted_op_types.h"

#include "kernels/common/quantization.h"
#include "kernels/common/typed_registration.h"
#include "kernels/common/variant_prepare.h"
#include "kernels/conv2d/conv_prepare.h"
#include "kernels/conv2d/padding.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d_in_place.h"

namespace mote {
namespace {

// DepthwiseConv2DOptions field numbers (.tflite schema).
constexpr int kPaddingField = 0;
constexpr int kStrideWField = 1;
constexpr int kStrideHField = 2;
constexpr int kDepthMultiplierField = 3;
constexpr int kActivationField = 4;
constexpr int kDilationWField = 5;
constexpr int kDilationHField = 6;

// Bytes of a params' input and output (for the in-place check).
size_t InputBytes(const DepthwiseParams& p, size_t element) {
  return static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c * element;
}
size_t OutputBytes(const DepthwiseParams& p, size_t element) {
  return static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c * element;
}

// The band buffer, or nullptr when bands go straight to the output.
template <typename OpData>
void* BandBuffer(const EvalContext& ctx, const OpData& d) {
  return d.bands.scratch_index >= 0 ? ctx.scratch(d.bands.scratch_index) : nullptr;
}

// True when the planner placed the output over the input: run in bands.
bool InBands(const EvalContext& ctx, const DepthwiseOpData& d, size_t element) {
  return d.bands.rows > 0 && BandsNeeded(ctx.input<void>(0), InputBytes(d.params, element),
                                         ctx.output<void>(0), OutputBytes(d.params, element));
}

void EvalF32(const EvalContext& ctx) {
  const DepthwiseOpData& d = ctx.op_data<DepthwiseOpData>();
  const DepthwiseParams& p = d.params;
  const float* bias = p.has_bias ? ctx.input<float>(2) : nullptr;
  if (InBands(ctx, d, sizeof(float))) {
    DepthwiseConvF32InBands(p, ctx.input<float>(0), ctx.input<float>(1), bias, ctx.output<float>(0),
                            d.bands.rows, BandBuffer(ctx, d));
    return;
  }
  DepthwiseConvF32(p, ctx.input<float>(0), ctx.input<float>(1), bias, ctx.output<float>(0));
}

void EvalS8(const EvalContext& ctx) {
  const DepthwiseOpData& d = ctx.op_data<DepthwiseOpData>();
  const DepthwiseParams& p = d.params;
  const DepthwiseS8Args a = WeightedS8Args<DepthwiseS8Args>(ctx, d, ctx.output<int8_t>(0));
  if (InBands(ctx, d, 1)) {
    DepthwiseConvS8InBands(d.s8->eval, p, a, d.bands.rows, BandBuffer(ctx, d));
    return;
  }
  d.s8->eval(p, a);
}

// Streaming (mote/kernel.h StreamDecl): output rows [first_row, first_row + rows) into `band`.
void EvalBandS8(const EvalContext& ctx, int32_t first_row, int32_t rows, void* band) {
  const DepthwiseOpData& d = ctx.op_data<DepthwiseOpData>();
  const DepthwiseS8Args a = WeightedS8Args<DepthwiseS8Args>(ctx, d, nullptr);
  DepthwiseConvS8Band(d.s8->eval, d.params, a, first_row, rows, band);
}

void EvalS16(const EvalContext& ctx) {
  const DepthwiseOpData& d = ctx.op_data<DepthwiseOpData>();
  const DepthwiseParams& p = d.params;
  const int64_t* bias = p.has_bias ? ctx.input<int64_t>(2) : nullptr;
  if (InBands(ctx, d, sizeof(int16_t))) {
    DepthwiseConvS16InBands(p, ctx.input<int16_t>(0), ctx.input<int8_t>(1), bias,
                            ctx.output<int16_t>(0), d.bands.rows, BandBuffer(ctx, d));
    return;
  }
  DepthwiseConvS16(p, ctx.input<int16_t>(0), ctx.input<int8_t>(1), bias, ctx.output<int16_t>(0));
}

template <unsigned kTypes>
Status Prepare(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "needs input, filter and one output");
  }
  const TensorView input = ctx.input(0);
  const TensorView filter = ctx.input(1);
  const TensorView output = ctx.output(0);
  MOTE_TRY(CheckRank4Positive(input, "input"));
  MOTE_TRY(CheckRank4Positive(filter, "filter"));
  MOTE_TRY(CheckRank4Positive(output, "output"));

  MOTE_ASSIGN_OR_RETURN(const WeightedOpTypes types,
                        SelectWeightedOpTypes(input, filter, output, "filter"));
  MOTE_TRY(CheckRegisteredType<kTypes>(types.variant, input.type()));
  const DataType type = RegisteredType<kTypes>(input.type());
  const WeightedVariant variant = RegisteredVariant<kTypes>(types.variant);
  const DataType bias_type = types.bias;
  // Only the registered types' Evals are referenced (linked).
  EvalFn eval = nullptr;
  if constexpr ((kTypes & kTypesF32) != 0) {
    if (variant == WeightedVariant::kF32) eval = &EvalF32;
  }
  if constexpr ((kTypes & kTypesS8) != 0) {
    if (variant == WeightedVariant::kS8) eval = &EvalS8;
  }
  if constexpr ((kTypes & kTypesS16) != 0) {
    if (variant == WeightedVariant::kS16) eval = &EvalS16;
  }
  if (filter.dim(0) != 1) {
    return Status::Error(StatusCode::kInvalidModel, "filter dimension 0 is %d; expected 1",
                         static_cast<int>(filter.dim(0)));
  }

  const OptionsView options = ctx.options();
  const Padding padding = static_cast<Padding>(options.GetInt8(kPaddingField, 0));
  const int32_t stride_w = options.GetInt32(kStrideWField, 0);
  const int32_t stride_h = options.GetInt32(kStrideHField, 0);
  const int32_t depth_multiplier = options.GetInt32(kDepthMultiplierField, 0);
  const auto activation = static_cast<FusedActivation>(options.GetInt8(kActivationField, 0));
  const int32_t dilation_w = options.GetInt32(kDilationWField, 1);
  const int32_t dilation_h = options.GetInt32(kDilationHField, 1);

  MOTE_ASSIGN_OR_RETURN(DepthwiseOpData * d, ctx.AllocateOpData<DepthwiseOpData>());
  DepthwiseParams* p = &d->params;
  p->batches = input.dim(0);
  p->input_h = input.dim(1);
  p->input_w = input.dim(2);
  p->input_c = input.dim(3);
  p->filter_h = filter.dim(1);
  p->filter_w = filter.dim(2);
  p->output_c = filter.dim(3);
  // The multiplier follows from the shapes; an explicit option must agree
  // (0, the schema default, is taken as "derive it", as TFLite does).
  if (p->output_c % p->input_c != 0) {
    return Status::Error(StatusCode::kInvalidModel,
                         "filter has %d channels, not a multiple of the input's %d",
                         static_cast<int>(p->output_c), static_cast<int>(p->input_c));
  }
  p->depth_multiplier = p->output_c / p->input_c;
  if (depth_multiplier != 0 && depth_multiplier != p->depth_multiplier) {
    return Status::Error(StatusCode::kInvalidModel,
                         "depth_multiplier %d disagrees with %d input and %d filter channels",
                         static_cast<int>(depth_multiplier), static_cast<int>(p->input_c),
                         static_cast<int>(p->output_c));
  }
  MOTE_ASSIGN_OR_RETURN(const WindowAxis y, ComputeWindowAxis(padding, p->input_h, p->filter_h,
                                                              stride_h, dilation_h, "height"));
  MOTE_ASSIGN_OR_RETURN(const WindowAxis x, ComputeWindowAxis(padding, p->input_w, p->filter_w,
                                                              stride_w, dilation_w, "width"));
  if (output.dim(0) != p->batches || output.dim(1) != y.out || output.dim(2) != x.out ||
      output.dim(3) != p->output_c) {
    return Status::Error(StatusCode::kInvalidModel,
                         "output shape [%d, %d, %d, %d] should be [%d, %d, %d, %d]",
                         static_cast<int>(output.dim(0)), static_cast<int>(output.dim(1)),
                         static_cast<int>(output.dim(2)), static_cast<int>(output.dim(3)),
                         static_cast<int>(p->batches), static_cast<int>(y.out),
                         static_cast<int>(x.out), static_cast<int>(p->output_c));
  }
  p->output_h = y.out;
  p->output_w = x.out;
  p->pad_h = y.pad;
  p->pad_w = x.pad;
  p->stride_h = stride_h;
  p->stride_w = stride_w;
  p->dilation_h = dilation_h;
  p->dilation_w = dilation_w;
  MOTE_TRY(CheckConvBias(ctx, bias_type, p->output_c, &p->has_bias));

  if (type == DataType::kFloat32) {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    p->float_min = range.min;
    p->float_max = range.max;
  } else {
    ConvQuant q;
    MOTE_TRY(PrepareConvQuant(ctx, input, filter, output, p->output_c, activation, &q));
    p->input_offset = q.input_offset;
    p->output_offset = q.output_offset;
    p->multiplier = q.multiplier;
    p->shift = q.shift;
    p->act_min = q.act.min;
    p->act_max = q.act.max;
    if (type == DataType::kInt16) {
      const int64_t taps = int64_t{p->filter_h} * p->filter_w;
      MOTE_TRY(CheckS16AccumulatorRange(ctx, p->has_bias, taps));
    }
  }
  if (type == DataType::kInt8) {
    const DepthwiseS8Args constants{
        nullptr,
        static_cast<const int8_t*>(ctx.constant_input(1)),
        p->has_bias ? static_cast<const int32_t*>(ctx.constant_input(2)) : nullptr,
        nullptr,
        nullptr,
        nullptr};
    const bool weights_constant =
        constants.filter != nullptr && (!p->has_bias || constants.bias != nullptr);
    ChosenVariant<DepthwiseParams, DepthwiseS8Args> chosen;
    MOTE_TRY(PrepareKernelVariant(
        ctx, RegisteredVariants<kTypes, &DepthwiseS8Variants, &DepthwiseS8InterpreterVariants>(),
        *p, constants, weights_constant, static_cast<size_t>(p->output_c), &chosen));
    d->s8 = chosen.variant;
    d->packed = chosen.packed;
    d->scratch_index = chosen.scratch_index;
    PrepareBandedOutput(ctx, *p, d->s8);  // StreamFns: EvalBandS8
  }
  // Output over input, computed in bands, when the input dies here.
  constexpr size_t kElementBytes[] = {sizeof(float), 1, sizeof(int16_t)};
  MOTE_TRY(
      PrepareInPlaceBands(ctx, *p, kElementBytes[static_cast<int>(variant)], d->s8, &d->bands));
  if (type != DataType::kFloat32) {
    MOTE_TRY(KeepConvQuant(ctx, p->output_c, d->s8 != nullptr && d->s8->requant_only_packed,
                           &p->multiplier, &p->shift));
  }
  ctx.set_eval(eval);
  return Status::Ok();
}

constexpr StreamFns kStreamFns{&EvalBandS8, nullptr, nullptr};
constexpr OpKernel kDepthwiseConv2D{BuiltinOp::kDepthwiseConv2D, nullptr, &Prepare<kTypesAll>, 0,
                                    &kStreamFns};
constexpr OpKernel kDepthwiseConv2DInt8{BuiltinOp::kDepthwiseConv2D, nullptr, &Prepare<kTypesS8>, 0,
                                        &kStreamFns};

}  // namespace

namespace ops {
const OpKernel& DepthwiseConv2D() { return kDepthwiseConv2D; }
const OpKernel& DepthwiseConv2DInt8() { return kDepthwiseConv2DInt8; }

Span<const OpKernel* const> depthwise_conv2d_kernels() {
  static const OpKernel* const kList[] = {&kDepthwiseConv2D};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

namespace {
constexpr DepthwiseS8Variant kInterpreterRef{
    "depthwise_conv2d_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &depthwise_conv2d_s8__ref};
}  // namespace

Span<const DepthwiseS8Variant* const> DepthwiseS8InterpreterVariants() {
  static const DepthwiseS8Variant* const kList[] = {
    &kDepthwiseConv2dS8_1chArmV7emDsp,
    &kDepthwiseConv2dS8_3x3ArmV7emDsp,
    &kDepthwiseConv2dS8ArmV7emDsp,
#if defined(MOTE_KERNELS_X86)
    &kDepthwiseConv2dS8X86Avx2,
#endif
    &kInterpreterRef,
  };
  return Span<const DepthwiseS8Variant* const>(kList);
}

}  // namespace mote
