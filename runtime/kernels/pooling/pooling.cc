#include "kernels/pooling/pooling.h"

#include <cmath>
#include <limits>

#include "kernels/common/quantization.h"
#include "kernels/common/typed_registration.h"
#include "kernels/common/variant_prepare.h"

namespace mote {
namespace {

// Pool2DOptions field numbers.
constexpr int kOptPadding = 0;
constexpr int kOptStrideW = 1;
constexpr int kOptStrideH = 2;
constexpr int kOptFilterW = 3;
constexpr int kOptFilterH = 4;
constexpr int kOptActivation = 5;

// One spatial axis: output length and padding before the first element, as
// TFLite's ComputePaddingHeightWidth (dilation 1). 64-bit: options are untrusted.
struct Axis {
  int64_t out;
  int64_t pad;
};
Axis ComputeAxis(Padding padding, int64_t in, int64_t filter, int64_t stride) {
  Axis a;
  a.out = padding == Padding::kSame ? (in + stride - 1) / stride : (in + stride - filter) / stride;
  const int64_t total = (a.out - 1) * stride + filter - in;
  a.pad = total > 0 ? total / 2 : 0;
  return a;
}

Status CheckAxis(const char* what, const Axis& a, int32_t declared, int64_t in, int64_t filter,
                 int64_t stride) {
  if (a.out != declared) {
    return Status::Error(StatusCode::kInvalidModel,
                         "output %s is %d but the pool options give %lld", what,
                         static_cast<int>(declared), static_cast<long long>(a.out));
  }
  // Every window must overlap the input (the average divides by its size).
  if (a.out <= 0 || a.pad >= filter || (a.out - 1) * stride - a.pad >= in) {
    return Status::Error(StatusCode::kInvalidModel, "pool window leaves the input along the %s",
                         what);
  }
  if ((a.out - 1) * stride + filter > std::numeric_limits<int32_t>::max()) {
    return Status::Error(StatusCode::kUnsupported, "pool window extent along the %s is too large",
                         what);
  }
  return Status::Ok();
}

template <typename T, void (*Fn)(const PoolParams&, const T*, T*)>
void Eval(const EvalContext& ctx) {
  Fn(ctx.op_data<PoolOpData>().params, ctx.input<T>(0), ctx.output<T>(0));
}

// int8: the variant Prepare chose.
void EvalS8(const EvalContext& ctx) {
  const PoolOpData& d = ctx.op_data<PoolOpData>();
  const PoolS8Args a{ctx.input<int8_t>(0), ctx.output<int8_t>(0), d.packed,
                     d.scratch_index >= 0 ? ctx.scratch(d.scratch_index) : nullptr};
  d.s8->eval(d.params, a);
}

struct PoolFns {
  EvalFn f32;  // nullptr: float32 not registered (ops::...Int8)
  EvalFn s16;  // nullptr: int16 not registered
  Span<const PoolS8Variant* const> (*s8_variants)();
};

Status PreparePool(PrepareContext& ctx, const PoolFns& fns) {
  if (ctx.num_inputs() != 1 || !ctx.has_input(0) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "pooling takes one input and one output");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (in.rank() != 4 || out.rank() != 4) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input and output must have rank 4 (got %d, %d)", in.rank(), out.rank());
  }
  if (in.dim(0) != out.dim(0) || in.dim(3) != out.dim(3)) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input and output batch/depth differ ([%d,..,%d] vs [%d,..,%d])",
                         static_cast<int>(in.dim(0)), static_cast<int>(in.dim(3)),
                         static_cast<int>(out.dim(0)), static_cast<int>(out.dim(3)));
  }
  const OptionsView opt = ctx.options();
  const int32_t padding_code = opt.GetInt8(kOptPadding, 0);
  const int32_t stride_w = opt.GetInt32(kOptStrideW, 0);
  const int32_t stride_h = opt.GetInt32(kOptStrideH, 0);
  const int32_t filter_w = opt.GetInt32(kOptFilterW, 0);
  const int32_t filter_h = opt.GetInt32(kOptFilterH, 0);
  const auto activation = static_cast<FusedActivation>(opt.GetInt8(kOptActivation, 0));
  if (padding_code != 0 && padding_code != 1) {
    return Status::Error(StatusCode::kInvalidModel, "unknown padding code %d",
                         static_cast<int>(padding_code));
  }
  if (stride_w <= 0 || stride_h <= 0 || filter_w <= 0 || filter_h <= 0) {
    return Status::Error(StatusCode::kInvalidModel,
                         "pool strides and filter size must be > 0 (stride %dx%d, filter %dx%d)",
                         static_cast<int>(stride_h), static_cast<int>(stride_w),
                         static_cast<int>(filter_h), static_cast<int>(filter_w));
  }
  const Padding padding = static_cast<Padding>(padding_code);
  const Axis ay = ComputeAxis(padding, in.dim(1), filter_h, stride_h);
  const Axis ax = ComputeAxis(padding, in.dim(2), filter_w, stride_w);
  MOTE_TRY(CheckAxis("height", ay, out.dim(1), in.dim(1), filter_h, stride_h));
  MOTE_TRY(CheckAxis("width", ax, out.dim(2), in.dim(2), filter_w, stride_w));

  MOTE_ASSIGN_OR_RETURN(PoolOpData * d, ctx.AllocateOpData<PoolOpData>());
  PoolParams* p = &d->params;
  p->batches = in.dim(0);
  p->input_height = in.dim(1);
  p->input_width = in.dim(2);
  p->depth = in.dim(3);
  p->output_height = out.dim(1);
  p->output_width = out.dim(2);
  p->filter_height = filter_h;
  p->filter_width = filter_w;
  p->stride_height = stride_h;
  p->stride_width = stride_w;
  p->pad_height = static_cast<int32_t>(ay.pad);
  p->pad_width = static_cast<int32_t>(ax.pad);

  switch (in.type()) {
    case DataType::kFloat32: {
      if (fns.f32 == nullptr) return TypeNotRegistered(in.type(), "int8");
      MOTE_ASSIGN_OR_RETURN(const FloatActivationRange r, FloatActivationRangeFor(activation));
      p->float_activation_min = r.min;
      p->float_activation_max = r.max;
      ctx.set_eval(fns.f32);
      return Status::Ok();
    }
    case DataType::kInt8:
    case DataType::kInt16: {
      if (in.type() == DataType::kInt16 && fns.s16 == nullptr) {
        return TypeNotRegistered(in.type(), "int8");
      }
      MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(in, "input"));
      MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(out, "output"));
      const double diff =
          std::fabs(static_cast<double>(in_q.scale) - static_cast<double>(out_q.scale));
      if (diff > 1.0e-6 || in_q.zero_point != out_q.zero_point) {
        return Status::Error(StatusCode::kUnsupported,
                             "pooling needs equal input and output quantization (scale %g/%g, "
                             "zero point %d/%d)",
                             static_cast<double>(in_q.scale), static_cast<double>(out_q.scale),
                             static_cast<int>(in_q.zero_point), static_cast<int>(out_q.zero_point));
      }
      MOTE_ASSIGN_OR_RETURN(
          const ActivationRange r,
          QuantizedActivationRange(activation, out.type(), out_q.scale, out_q.zero_point));
      if (r.min > r.max) {
        return Status::Error(StatusCode::kInvalidModel, "empty activation range [%d, %d]",
                             static_cast<int>(r.min), static_cast<int>(r.max));
      }
      p->activation_min = r.min;
      p->activation_max = r.max;
      if (in.type() == DataType::kInt16) {
        ctx.set_eval(fns.s16);
        return Status::Ok();
      }
      ChosenVariant<PoolParams, PoolS8Args> chosen;
      MOTE_TRY(PrepareKernelVariant(ctx, fns.s8_variants(), *p, PoolS8Args{},
                                    /*weights_constant=*/true, static_cast<size_t>(p->depth),
                                    &chosen));
      d->s8 = chosen.variant;
      d->packed = chosen.packed;
      d->scratch_index = chosen.scratch_index;
      ctx.set_eval(&EvalS8);
      return Status::Ok();
    }
    default:
      return Status::Error(StatusCode::kUnsupported, "pooling: %s is not supported",
                           DataTypeName(in.type()));
  }
}

Status PrepareAverage(PrepareContext& ctx) {
  static constexpr PoolFns kFns{&Eval<float, AveragePoolF32>, &Eval<int16_t, AveragePoolS16>,
                                &AveragePoolS8Variants};
  return PreparePool(ctx, kFns);
}

Status PrepareMax(PrepareContext& ctx) {
  static constexpr PoolFns kFns{&Eval<float, MaxPoolF32>, &Eval<int16_t, MaxPoolS16>,
                                &MaxPoolS8Variants};
  return PreparePool(ctx, kFns);
}

Status PrepareAverageInt8(PrepareContext& ctx) {
  static constexpr PoolFns kFns{nullptr, nullptr, &AveragePoolS8Variants};
  return PreparePool(ctx, kFns);
}

Status PrepareMaxInt8(PrepareContext& ctx) {
  static constexpr PoolFns kFns{nullptr, nullptr, &MaxPoolS8Variants};
  return PreparePool(ctx, kFns);
}

constexpr OpKernel kAveragePool2D{BuiltinOp::kAveragePool2D, nullptr, &PrepareAverage};
constexpr OpKernel kMaxPool2D{BuiltinOp::kMaxPool2D, nullptr, &PrepareMax};
constexpr OpKernel kAveragePool2DInt8{BuiltinOp::kAveragePool2D, nullptr, &PrepareAverageInt8};
constexpr OpKernel kMaxPool2DInt8{BuiltinOp::kMaxPool2D, nullptr, &PrepareMaxInt8};

}  // namespace

namespace ops {
const OpKernel& AveragePool2D() { return kAveragePool2D; }
const OpKernel& MaxPool2D() { return kMaxPool2D; }
const OpKernel& AveragePool2DInt8() { return kAveragePool2DInt8; }
const OpKernel& MaxPool2DInt8() { return kMaxPool2DInt8; }

Span<const OpKernel* const> pooling_kernels() {
  static const OpKernel* const kList[] = {&kAveragePool2D, &kMaxPool2D};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
