#include "kernels/fully_connected/fully_connected.h"
#include "kernels/common/weighted_op_types.h"

#include "kernels/common/typed_registration.h"
#include "kernels/common/variant_prepare.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// FullyConnectedOptions field numbers (.tflite schema).
constexpr int kActivationField = 0;
constexpr int kWeightsFormatField = 1;
constexpr int kKeepNumDimsField = 2;

void EvalF32(const EvalContext& ctx) {
  const auto& p = ctx.op_data<FullyConnectedOpData>().params;
  FullyConnectedF32(p, ctx.input<float>(0), ctx.input<float>(1),
                    p.has_bias ? ctx.input<float>(2) : nullptr, ctx.output<float>(0));
}

void EvalS8(const EvalContext& ctx) {
  const FullyConnectedOpData& d = ctx.op_data<FullyConnectedOpData>();
  const FullyConnectedParams& p = d.params;
  const FullyConnectedS8Args a =
      WeightedS8Args<FullyConnectedS8Args>(ctx, d, ctx.output<int8_t>(0));
  d.s8->eval(p, a);
}

// Streaming: input 0 arrives in slices (the interpreter pairs this op with
// the conv producing it; see mote/kernel.h StreamDecl).
void AccumulateS8(const EvalContext& ctx, const void* slice, size_t first, size_t count,
                  int32_t* acc) {
  FullyConnectedS8Accumulate(ctx.op_data<FullyConnectedOpData>().params, ctx.input<int8_t>(1),
                             static_cast<const int8_t*>(slice), first, count, acc);
}
void FinishS8(const EvalContext& ctx, const int32_t* acc) {
  const FullyConnectedParams& p = ctx.op_data<FullyConnectedOpData>().params;
  FullyConnectedS8Finish(p, p.has_bias ? ctx.input<int32_t>(2) : nullptr, acc,
                         ctx.output<int8_t>(0));
}

void EvalS16(const EvalContext& ctx) {
  const auto& p = ctx.op_data<FullyConnectedOpData>().params;
  FullyConnectedS16(p, ctx.input<int16_t>(0), ctx.input<int8_t>(1),
                    p.has_bias ? ctx.input<int64_t>(2) : nullptr, ctx.output<int16_t>(0));
}

Status Invalid(const char* what) { return Status::Error(StatusCode::kInvalidModel, "%s", what); }

// Shapes: weights [units, depth]; output [..., units]; input holds
// batches * depth elements (with keep_num_dims, the same leading dimensions).
Status PrepareShapes(const PrepareContext& ctx, FullyConnectedParams* p) {
  const TensorView input = ctx.input(0);
  const TensorView weights = ctx.input(1);
  const TensorView output = ctx.output(0);
  if (weights.rank() != 2 || weights.dim(0) <= 0 || weights.dim(1) <= 0) {
    return Status::Error(StatusCode::kInvalidModel,
                         "weights must be [units, depth] with both > 0 (rank %d)", weights.rank());
  }
  p->output_depth = weights.dim(0);
  p->accum_depth = weights.dim(1);
  if (output.rank() < 1 || output.dim(output.rank() - 1) != p->output_depth) {
    return Status::Error(StatusCode::kInvalidModel,
                         "output's last dimension must be the %d units of the weights",
                         static_cast<int>(p->output_depth));
  }
  if (input.rank() < 1) return Invalid("input must have rank >= 1");
  const uint32_t batches = output.num_elements() / static_cast<uint32_t>(p->output_depth);
  p->batches = static_cast<int32_t>(batches);
  if (uint64_t{batches} * static_cast<uint64_t>(p->accum_depth) != input.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input has %u elements; expected %u batches x %d", input.num_elements(),
                         batches, static_cast<int>(p->accum_depth));
  }
  if (ctx.options().GetBool(kKeepNumDimsField, false)) {
    if (input.rank() != output.rank() || input.dim(input.rank() - 1) != p->accum_depth) {
      return Invalid("keep_num_dims: input must be [..., depth] of the output's rank");
    }
    for (int i = 0; i + 1 < input.rank(); ++i) {
      if (input.dim(i) != output.dim(i)) {
        return Status::Error(StatusCode::kInvalidModel,
                             "keep_num_dims: input dimension %d is %d but output's is %d", i,
                             static_cast<int>(input.dim(i)), static_cast<int>(output.dim(i)));
      }
    }
  }
  return Status::Ok();
}

Status CheckBias(const PrepareContext& ctx, DataType type, int32_t units, bool* has_bias) {
  *has_bias = ctx.has_input(2);
  if (!*has_bias) return Status::Ok();
  const TensorView bias = ctx.input(2);
  if (bias.type() != type) {
    return Status::Error(StatusCode::kUnsupported, "bias type %s is not supported (expected %s)",
                         DataTypeName(bias.type()), DataTypeName(type));
  }
  if (bias.num_elements() != static_cast<uint32_t>(units)) {
    return Status::Error(StatusCode::kInvalidModel, "bias has %u elements but there are %d units",
                         bias.num_elements(), static_cast<int>(units));
  }
  return Status::Ok();
}

// int16 x int8: the 64-bit requantization needs |accumulator| < 2^47. Each
// product is below 2^23 in magnitude (weights with their offset fit 9 bits).
Status CheckS16AccumulatorRange(const PrepareContext& ctx, bool has_bias, int32_t depth) {
  const int64_t limit = int64_t{1} << 47;
  int64_t max_bias = 0;
  if (has_bias) {
    const TensorView bias = ctx.input(2);
    if (!bias.is_constant()) {
      return Status::Error(StatusCode::kUnsupported, "int16 FULLY_CONNECTED needs a constant bias");
    }
    const uint8_t* data = bias.data().data();
    for (uint32_t i = 0; i < bias.num_elements(); ++i) {
      int64_t b;
      std::memcpy(&b, data + static_cast<size_t>(i) * sizeof(b), sizeof(b));
      if (b <= -limit || b >= limit) {
        return Status::Error(StatusCode::kUnsupported, "bias value %lld is out of range",
                             static_cast<long long>(b));
      }
      max_bias = std::max(max_bias, b < 0 ? -b : b);
    }
  }
  if (int64_t{depth} * (int64_t{1} << 23) + max_bias >= limit) {
    return Status::Error(StatusCode::kUnsupported, "accumulator over %d inputs could overflow",
                         static_cast<int>(depth));
  }
  return Status::Ok();
}

// A zero weight scale (an all-zero unit) gives multiplier 0, as in TFLM.
bool ValidScale(float s) { return s >= 0.0f && std::isfinite(s); }

// Multipliers as TFLM's CalculateOpDataFullyConnected computes them: per tensor
// from the float product input_scale * weight_scale; per channel in double.
Status PrepareQuant(PrepareContext& ctx, FusedActivation activation, FullyConnectedParams* p) {
  const TensorView input = ctx.input(0);
  const TensorView weights = ctx.input(1);
  const TensorView output = ctx.output(0);
  const DataType type = input.type();
  if (input.quantization().per_channel() || output.quantization().per_channel()) {
    return Status::Error(StatusCode::kUnsupported,
                         "per-channel quantized activations are not supported");
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(input, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(output, "output"));
  const ActivationRange limits = TypeRange(type);
  if (type == DataType::kInt16 && (in_q.zero_point != 0 || out_q.zero_point != 0)) {
    return Status::Error(StatusCode::kUnsupported,
                         "int16 activations need zero points of 0 (input %d, output %d)",
                         static_cast<int>(in_q.zero_point), static_cast<int>(out_q.zero_point));
  }
  if (in_q.zero_point < limits.min || in_q.zero_point > limits.max ||
      out_q.zero_point < limits.min || out_q.zero_point > limits.max) {
    return Status::Error(StatusCode::kInvalidModel, "zero point out of range (input %d, output %d)",
                         static_cast<int>(in_q.zero_point), static_cast<int>(out_q.zero_point));
  }
  const QuantizationView wq = weights.quantization();
  const size_t n = wq.scale.size();
  const int32_t units = p->output_depth;
  if (n == 0) return Invalid("weights have no quantization scale");
  if (n != 1 && n != static_cast<size_t>(units)) {
    return Status::Error(StatusCode::kInvalidModel,
                         "weights have %zu scales; expected 1 or %d (one per unit)", n,
                         static_cast<int>(units));
  }
  for (size_t i = 0; i < n; ++i) {
    if (!ValidScale(wq.scale[i])) {
      return Status::Error(StatusCode::kInvalidModel, "weight scale %g (index %zu) is not >= 0",
                           static_cast<double>(wq.scale[i]), i);
    }
  }
  const int64_t filter_zp = wq.zero_point.empty() ? 0 : wq.zero_point[0];
  if (filter_zp < -128 || filter_zp > 127) return Invalid("weight zero point out of int8 range");
  p->input_offset = -in_q.zero_point;
  p->output_offset = out_q.zero_point;
  p->filter_offset = -static_cast<int32_t>(filter_zp);

  if (n > 1) {
    if (type != DataType::kInt8) {
      return Status::Error(StatusCode::kUnsupported,
                           "per-channel weights are supported only with int8 input");
    }
    for (size_t i = 0; i < wq.zero_point.size(); ++i) {
      if (wq.zero_point[i] != 0) {
        return Status::Error(StatusCode::kUnsupported,
                             "per-channel weight zero point %lld (unit %zu) is not 0",
                             static_cast<long long>(wq.zero_point[i]), i);
      }
    }
    MOTE_ASSIGN_OR_RETURN(
        void* mem,
        ctx.AllocatePersistent(2 * static_cast<size_t>(units) * sizeof(int32_t), alignof(int32_t)));
    int32_t* multiplier = static_cast<int32_t*>(mem);
    int32_t* shift = multiplier + units;
    for (int32_t u = 0; u < units; ++u) {
      const double effective = static_cast<double>(in_q.scale) *
                               static_cast<double>(wq.scale[static_cast<size_t>(u)]) /
                               static_cast<double>(out_q.scale);
      if (!std::isfinite(effective)) return Invalid("output multiplier is not finite");
      int s = 0;
      QuantizeMultiplier(effective, &multiplier[u], &s);
      shift[u] = s;
    }
    p->channel_multiplier = multiplier;
    p->channel_shift = shift;
  } else {
    // The product is rounded to float first, as TFLM does.
    const float product = in_q.scale * wq.scale[0];
    if (ctx.has_input(2)) {
      // TFLM: the bias scale must be close to input_scale * weight_scale.
      const QuantizationView bq = ctx.input(2).quantization();
      if (!bq.scale.empty()) {
        const double diff =
            std::abs(static_cast<double>(in_q.scale) * static_cast<double>(wq.scale[0]) -
                     static_cast<double>(bq.scale[0]));
        if (!(diff / static_cast<double>(out_q.scale) <= 0.02)) {
          return Status::Error(StatusCode::kInvalidModel,
                               "bias scale %g does not match input scale x weight scale %g",
                               static_cast<double>(bq.scale[0]), static_cast<double>(product));
        }
      }
    }
    const double effective = static_cast<double>(product) / static_cast<double>(out_q.scale);
    if (!std::isfinite(effective)) return Invalid("output multiplier is not finite");
    int s = 0;
    QuantizeMultiplier(effective, &p->multiplier, &s);
    p->shift = s;
    // The 64-bit requantization of int16 shifts right by 15 - shift bits.
    if (type == DataType::kInt16 && s > 14) {
      return Invalid("output multiplier is too large for int16");
    }
  }
  MOTE_ASSIGN_OR_RETURN(
      const ActivationRange act,
      QuantizedActivationRange(activation, output.type(), out_q.scale, out_q.zero_point));
  if (act.min > act.max) {
    return Status::Error(StatusCode::kInvalidModel, "empty activation range [%d, %d]",
                         static_cast<int>(act.min), static_cast<int>(act.max));
  }
  p->act_min = act.min;
  p->act_max = act.max;
  return Status::Ok();
}

template <unsigned kTypes>
Status Prepare(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1) || ctx.num_outputs() != 1) {
    return Invalid("needs input, weights and one output");
  }
  if (ctx.num_inputs() > 3) return Invalid("takes at most 3 inputs (input, weights, bias)");
  const TensorView input = ctx.input(0);
  const TensorView weights = ctx.input(1);
  const TensorView output = ctx.output(0);
  MOTE_ASSIGN_OR_RETURN(const WeightedOpTypes types,
                        SelectWeightedOpTypes(input, weights, output, "weights"));
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
  const OptionsView options = ctx.options();
  const int8_t format = options.GetInt8(kWeightsFormatField, 0);
  if (format != 0) {
    return Status::Error(StatusCode::kUnsupported, "weights format %d is not supported",
                         static_cast<int>(format));
  }
  const auto activation = static_cast<FusedActivation>(options.GetInt8(kActivationField, 0));

  MOTE_ASSIGN_OR_RETURN(FullyConnectedOpData * d, ctx.AllocateOpData<FullyConnectedOpData>());
  FullyConnectedParams* p = &d->params;
  MOTE_TRY(PrepareShapes(ctx, p));
  MOTE_TRY(CheckBias(ctx, bias_type, p->output_depth, &p->has_bias));
  if (type == DataType::kFloat32) {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    p->float_min = range.min;
    p->float_max = range.max;
  } else {
    MOTE_TRY(PrepareQuant(ctx, activation, p));
    if (type == DataType::kInt16) {
      MOTE_TRY(CheckS16AccumulatorRange(ctx, p->has_bias, p->accum_depth));
    }
  }
  if (type == DataType::kInt8) {
    const FullyConnectedS8Args constants{
        nullptr,
        static_cast<const int8_t*>(ctx.constant_input(1)),
        p->has_bias ? static_cast<const int32_t*>(ctx.constant_input(2)) : nullptr,
        nullptr,
        nullptr,
        nullptr};
    const bool weights_constant =
        constants.weights != nullptr && (!p->has_bias || constants.bias != nullptr);
    ChosenVariant<FullyConnectedParams, FullyConnectedS8Args> chosen;
    MOTE_TRY(PrepareKernelVariant(ctx,
                                  RegisteredVariants<kTypes, &FullyConnectedS8Variants,
                                                     &FullyConnectedS8InterpreterVariants>(),
                                  *p, constants, weights_constant,
                                  static_cast<size_t>(p->output_depth), &chosen));
    d->s8 = chosen.variant;
    d->packed = chosen.packed;
    d->scratch_index = chosen.scratch_index;
    if (p->batches == 1 && !ctx.input(0).is_constant()) {
      ctx.AllowStreamedInput(static_cast<uint32_t>(p->output_depth));  // StreamFns
    }
  }
  ctx.set_eval(eval);
  return Status::Ok();
}

constexpr StreamFns kStreamFns{nullptr, &AccumulateS8, &FinishS8};
constexpr OpKernel kFullyConnected{BuiltinOp::kFullyConnected, nullptr, &Prepare<kTypesAll>, 0,
                                   &kStreamFns};
constexpr OpKernel kFullyConnectedInt8{BuiltinOp::kFullyConnected, nullptr, &Prepare<kTypesS8>, 0,
                                       &kStreamFns};

}  // namespace

namespace ops {
const OpKernel& FullyConnected() { return kFullyConnected; }
const OpKernel& FullyConnectedInt8() { return kFullyConnectedInt8; }

Span<const OpKernel* const> fully_connected_kernels() {
  static const OpKernel* const kList[] = {&kFullyConnected};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

namespace {
constexpr FullyConnectedS8Variant kInterpreterRef{
    "fully_connected_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &fully_connected_s8__ref};
}  // namespace

Span<const FullyConnectedS8Variant* const> FullyConnectedS8InterpreterVariants() {
  static const FullyConnectedS8Variant* const kList[] = {
#if defined(MOTE_KERNELS_X86)
    &kFullyConnectedS8X86Avx2,
#endif
    &kFullyConnectedS8ArmV7emDsp,
    &kInterpreterRef,
  };
  return Span<const FullyConnectedS8Variant* const>(kList);
}

}  // namespace mote
