#include "kernels/transpose_conv/transpose_conv.h"

#include <cstring>
#include <limits>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// TransposeConvOptions field numbers.
constexpr int kOptPadding = 0;
constexpr int kOptStrideW = 1;
constexpr int kOptStrideH = 2;
constexpr int kOptActivation = 3;

constexpr size_t kOutputShapeInput = 0;
constexpr size_t kFilterInput = 1;
constexpr size_t kDataInput = 2;
constexpr size_t kBiasInput = 3;

Status Invalid(const char* message) {
  return Status::Error(StatusCode::kInvalidModel, "%s", message);
}

// Padding before the first output element along one axis. TFLM computes it as
// for a convolution whose *input* is this op's output:
//   n = SAME ? ceil(out / stride) : (out + stride - filter) / stride
//   pad = max(0, (n - 1) * stride + filter - out) / 2
int64_t TransposePadding(Padding padding, int64_t out, int64_t filter, int64_t stride) {
  const int64_t n =
      padding == Padding::kSame ? (out + stride - 1) / stride : (out + stride - filter) / stride;
  const int64_t total = (n - 1) * stride + filter - out;
  return total > 0 ? total / 2 : 0;
}

void EvalF32(const EvalContext& ctx) {
  const TransposeConvOpData& d = ctx.op_data<TransposeConvOpData>();
  TransposeConvF32(d.params, ctx.input<float>(kDataInput), ctx.input<float>(kFilterInput),
                   d.has_bias ? ctx.input<float>(kBiasInput) : nullptr, ctx.output<float>(0));
}

void EvalS8(const EvalContext& ctx) {
  const TransposeConvOpData& d = ctx.op_data<TransposeConvOpData>();
  TransposeConvS8(d.params, ctx.input<int8_t>(kDataInput), ctx.input<int8_t>(kFilterInput),
                  d.has_bias ? ctx.input<int32_t>(kBiasInput) : nullptr,
                  static_cast<int32_t*>(ctx.scratch(d.scratch_index)), ctx.output<int8_t>(0));
}

void EvalS16(const EvalContext& ctx) {
  const TransposeConvOpData& d = ctx.op_data<TransposeConvOpData>();
  const int64_t* bias = d.bias64;
  if (bias == nullptr && d.has_bias) bias = ctx.input<int64_t>(kBiasInput);
  TransposeConvS16(d.params, ctx.input<int16_t>(kDataInput), ctx.input<int8_t>(kFilterInput), bias,
                   static_cast<int64_t*>(ctx.scratch(d.scratch_index)), ctx.output<int16_t>(0));
}

Status CheckTypes(DataType in, DataType filter, DataType out, bool has_bias, DataType bias) {
  if (in != out) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(in), DataTypeName(out));
  }
  DataType want_filter = in;
  bool bias_ok = true;
  switch (in) {
    case DataType::kFloat32:
      bias_ok = bias == DataType::kFloat32;
      break;
    case DataType::kInt8:
      bias_ok = bias == DataType::kInt32;
      break;
    case DataType::kInt16:
      want_filter = DataType::kInt8;
      bias_ok = bias == DataType::kInt64 || bias == DataType::kInt16;
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "TRANSPOSE_CONV: %s input is not supported",
                           DataTypeName(in));
  }
  if (filter != want_filter) {
    return Status::Error(StatusCode::kUnsupported,
                         "TRANSPOSE_CONV: %s filter with %s input is not supported",
                         DataTypeName(filter), DataTypeName(in));
  }
  if (has_bias && !bias_ok) {
    return Status::Error(StatusCode::kUnsupported,
                         "TRANSPOSE_CONV: %s bias with %s input is not supported",
                         DataTypeName(bias), DataTypeName(in));
  }
  return Status::Ok();
}

// Shapes, options and padding (everything except quantization).
Status PrepareGeometry(PrepareContext& ctx, TransposeConvParams* p) {
  const TensorView in = ctx.input(kDataInput);
  const TensorView filter = ctx.input(kFilterInput);
  const TensorView out = ctx.output(0);
  if (in.rank() != 4 || filter.rank() != 4 || out.rank() != 4) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input, filter and output must have rank 4 (got %d, %d, %d)", in.rank(),
                         filter.rank(), out.rank());
  }
  if (in.dim(0) != out.dim(0)) {
    return Status::Error(StatusCode::kInvalidModel, "input batch %d != output batch %d",
                         static_cast<int>(in.dim(0)), static_cast<int>(out.dim(0)));
  }
  if (in.dim(3) != filter.dim(3)) {
    return Status::Error(StatusCode::kInvalidModel, "input depth %d != filter depth %d",
                         static_cast<int>(in.dim(3)), static_cast<int>(filter.dim(3)));
  }
  if (filter.dim(0) != out.dim(3)) {
    return Status::Error(StatusCode::kInvalidModel, "filter has %d output channels, output %d",
                         static_cast<int>(filter.dim(0)), static_cast<int>(out.dim(3)));
  }
  if (ctx.has_input(kOutputShapeInput)) {
    const TensorView shape = ctx.input(kOutputShapeInput);
    if (shape.type() != DataType::kInt32 || shape.num_elements() != 4) {
      return Invalid("output_shape input must be int32[4]");
    }
    if (shape.is_constant()) {
      int32_t dims[4];
      std::memcpy(dims, shape.data().data(), sizeof(dims));
      for (int i = 0; i < 4; ++i) {
        if (dims[i] != out.dim(i)) {
          return Status::Error(StatusCode::kInvalidModel,
                               "output_shape[%d] is %d but the output tensor has %d", i,
                               static_cast<int>(dims[i]), static_cast<int>(out.dim(i)));
        }
      }
    }
  }
  const OptionsView opt = ctx.options();
  const int32_t padding_code = opt.GetInt8(kOptPadding, 0);
  if (padding_code != 0 && padding_code != 1) {
    return Status::Error(StatusCode::kInvalidModel, "unknown padding code %d",
                         static_cast<int>(padding_code));
  }
  const Padding padding = static_cast<Padding>(padding_code);
  const int32_t stride_w = opt.GetInt32(kOptStrideW, 0);
  const int32_t stride_h = opt.GetInt32(kOptStrideH, 0);
  if (stride_w <= 0 || stride_h <= 0) {
    return Status::Error(StatusCode::kInvalidModel, "strides must be > 0 (got w %d, h %d)",
                         static_cast<int>(stride_w), static_cast<int>(stride_h));
  }
  const int64_t pad_h = TransposePadding(padding, out.dim(1), filter.dim(1), stride_h);
  const int64_t pad_w = TransposePadding(padding, out.dim(2), filter.dim(2), stride_w);
  // Every output coordinate the loops form must fit in int.
  const int64_t kMax = std::numeric_limits<int32_t>::max();
  const int64_t reach_h = int64_t{in.dim(1)} * stride_h + filter.dim(1);
  const int64_t reach_w = int64_t{in.dim(2)} * stride_w + filter.dim(2);
  if (reach_h > kMax || reach_w > kMax || pad_h > kMax || pad_w > kMax) {
    return Status::Error(StatusCode::kUnsupported, "TRANSPOSE_CONV window extent is too large");
  }
  p->batches = in.dim(0);
  p->input_height = in.dim(1);
  p->input_width = in.dim(2);
  p->input_depth = in.dim(3);
  p->filter_height = filter.dim(1);
  p->filter_width = filter.dim(2);
  p->output_height = out.dim(1);
  p->output_width = out.dim(2);
  p->output_depth = out.dim(3);
  p->stride_height = stride_h;
  p->stride_width = stride_w;
  p->pad_height = static_cast<int32_t>(pad_h);
  p->pad_width = static_cast<int32_t>(pad_w);
  return Status::Ok();
}

// Per-channel multipliers (PopulateConvolutionQuantizationParams semantics:
// input_scale * filter_scale / output_scale in double) and activation range.
Status PrepareQuantized(PrepareContext& ctx, FusedActivation activation, TransposeConvParams* p) {
  const TensorView in = ctx.input(kDataInput);
  const TensorView filter = ctx.input(kFilterInput);
  const TensorView out = ctx.output(0);
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(in, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(out, "output"));
  const QuantizationView fq = filter.quantization();
  const size_t channels = static_cast<size_t>(p->output_depth);
  if (fq.scale.empty()) return Invalid("filter is not quantized");
  if (fq.scale.size() != 1 && fq.scale.size() != channels) {
    return Status::Error(StatusCode::kInvalidModel, "filter has %zu scales for %zu output channels",
                         fq.scale.size(), channels);
  }
  for (size_t i = 0; i < fq.zero_point.size(); ++i) {
    if (fq.zero_point[i] != 0) return Invalid("filter zero points must be 0");
  }
  const ActivationRange limits = TypeRange(in.type());
  if (in.type() == DataType::kInt16) {
    if (in_q.zero_point != 0 || out_q.zero_point != 0) {
      return Invalid("int16 input and output zero points must be 0");
    }
  } else if (in_q.zero_point < limits.min || in_q.zero_point > limits.max ||
             out_q.zero_point < limits.min || out_q.zero_point > limits.max) {
    return Invalid("zero point out of range for int8");
  }
  MOTE_ASSIGN_OR_RETURN(
      const ActivationRange range,
      QuantizedActivationRange(activation, out.type(), out_q.scale, out_q.zero_point));
  if (range.min > range.max) return Invalid("empty activation range");
  MOTE_ASSIGN_OR_RETURN(void* mult_mem, ctx.AllocatePersistent(channels * sizeof(int32_t), 4));
  MOTE_ASSIGN_OR_RETURN(void* shift_mem, ctx.AllocatePersistent(channels * sizeof(int32_t), 4));
  int32_t* multipliers = static_cast<int32_t*>(mult_mem);
  int32_t* shifts = static_cast<int32_t*>(shift_mem);
  for (size_t c = 0; c < channels; ++c) {
    const float filter_scale = fq.scale[fq.per_channel() ? c : 0];
    if (!(filter_scale >= 0.0f)) return Invalid("filter scale must be >= 0");
    const double real = static_cast<double>(in_q.scale) * static_cast<double>(filter_scale) /
                        static_cast<double>(out_q.scale);
    int shift = 0;
    QuantizeMultiplier(real, &multipliers[c], &shift);
    if (in.type() == DataType::kInt16 && shift > 14) {
      return Status::Error(StatusCode::kUnsupported,
                           "channel %zu: effective scale %g is too large for int16", c, real);
    }
    shifts[c] = shift;
  }
  p->input_offset = -in_q.zero_point;
  p->output_offset = out_q.zero_point;
  p->activation_min = range.min;
  p->activation_max = range.max;
  p->output_multiplier = multipliers;
  p->output_shift = shifts;
  return Status::Ok();
}

// int16 activations: an int64 bias is read in place (the interpreter keeps
// constants aligned); a constant int16 bias is widened to int64 once.
Status PrepareWideBias(PrepareContext& ctx, TransposeConvOpData* d) {
  const TensorView bias = ctx.input(kBiasInput);
  const size_t n = bias.num_elements();
  if (bias.type() == DataType::kInt64) return Status::Ok();
  if (!bias.is_constant()) {
    if (bias.type() != DataType::kInt64) {
      return Status::Error(StatusCode::kUnsupported, "a non-constant int16 bias is not supported");
    }
    return Status::Ok();  // arena tensors are aligned
  }
  MOTE_ASSIGN_OR_RETURN(void* mem, ctx.AllocatePersistent(n * sizeof(int64_t), 8));
  int64_t* wide = static_cast<int64_t*>(mem);
  const uint8_t* src = bias.data().data();
  for (size_t i = 0; i < n; ++i) {
    if (bias.type() == DataType::kInt64) {
      std::memcpy(&wide[i], src + i * sizeof(int64_t), sizeof(int64_t));
    } else {
      int16_t v;
      std::memcpy(&v, src + i * sizeof(int16_t), sizeof(int16_t));
      wide[i] = v;
    }
  }
  d->bias64 = wide;
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  if (ctx.num_inputs() < 3 || ctx.num_inputs() > 4) {
    return Status::Error(StatusCode::kInvalidModel, "TRANSPOSE_CONV takes 3 or 4 inputs, got %zu",
                         ctx.num_inputs());
  }
  if (ctx.num_outputs() != 1) return Invalid("TRANSPOSE_CONV has exactly one output");
  if (!ctx.has_input(kFilterInput) || !ctx.has_input(kDataInput)) {
    return Invalid("TRANSPOSE_CONV filter or input is missing");
  }
  const bool has_bias = ctx.has_input(kBiasInput);
  const TensorView in = ctx.input(kDataInput);
  const TensorView out = ctx.output(0);
  MOTE_TRY(CheckTypes(in.type(), ctx.input(kFilterInput).type(), out.type(), has_bias,
                      has_bias ? ctx.input(kBiasInput).type() : DataType::kFloat32));

  MOTE_ASSIGN_OR_RETURN(TransposeConvOpData * d, ctx.AllocateOpData<TransposeConvOpData>());
  d->has_bias = has_bias;
  TransposeConvParams* p = &d->params;
  MOTE_TRY(PrepareGeometry(ctx, p));
  if (has_bias && ctx.input(kBiasInput).num_elements() != static_cast<uint32_t>(p->output_depth)) {
    return Status::Error(StatusCode::kInvalidModel, "bias has %lu elements for %d channels",
                         static_cast<unsigned long>(ctx.input(kBiasInput).num_elements()),
                         static_cast<int>(p->output_depth));
  }
  const auto activation = static_cast<FusedActivation>(ctx.options().GetInt8(kOptActivation, 0));

  if (in.type() == DataType::kFloat32) {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    p->float_activation_min = range.min;
    p->float_activation_max = range.max;
    ctx.set_eval(&EvalF32);
    return Status::Ok();
  }
  MOTE_TRY(PrepareQuantized(ctx, activation, p));
  // The accumulator must stay addressable with 32-bit sizes.
  const size_t elements = out.num_elements();
  if (elements > kMaxTensorBytes / sizeof(int64_t)) {
    return Status::Error(StatusCode::kUnsupported,
                         "output of %zu elements is too large for the "
                         "accumulator",
                         elements);
  }
  if (in.type() == DataType::kInt8) {
    MOTE_ASSIGN_OR_RETURN(d->scratch_index, ctx.RequestScratch(elements * sizeof(int32_t)));
    ctx.set_eval(&EvalS8);
    return Status::Ok();
  }
  if (has_bias) MOTE_TRY(PrepareWideBias(ctx, d));
  MOTE_ASSIGN_OR_RETURN(d->scratch_index, ctx.RequestScratch(elements * sizeof(int64_t)));
  ctx.set_eval(&EvalS16);
  return Status::Ok();
}

constexpr OpKernel kTransposeConv{BuiltinOp::kTransposeConv, nullptr, &Prepare};

}  // namespace

namespace ops {
const OpKernel& TransposeConv() { return kTransposeConv; }

Span<const OpKernel* const> transpose_conv_kernels() {
  static const OpKernel* const kList[] = {&kTransposeConv};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
