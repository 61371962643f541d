#include "kernels/softmax/softmax.h"

#include <cmath>

#include "kernels/common/quantization.h"
#include "kernels/common/typed_registration.h"
#include "kernels/common/variant_prepare.h"

namespace mote {
namespace {

constexpr int kSoftmaxOptionBeta = 0;  // SoftmaxOptions.beta
constexpr int kScaledDiffIntegerBits = 5;
// int16: the row sum of Q0.15 exps must fit an int32.
constexpr int32_t kMaxInt16Depth = 65536;

const SoftmaxParams& Params(const EvalContext& ctx) { return ctx.op_data<SoftmaxOpData>().params; }

void EvalF32(const EvalContext& ctx) {
  SoftmaxF32(Params(ctx), ctx.input<float>(0), ctx.output<float>(0));
}
// int8 -> int8: the variant Prepare chose.
void EvalS8(const EvalContext& ctx) {
  const SoftmaxOpData& d = ctx.op_data<SoftmaxOpData>();
  const SoftmaxS8Args a{ctx.input<int8_t>(0), ctx.output<int8_t>(0), d.packed,
                        d.scratch_index >= 0 ? ctx.scratch(d.scratch_index) : nullptr};
  d.s8->eval(d.params, a);
}
void EvalS8S16(const EvalContext& ctx) {
  SoftmaxS8S16(Params(ctx), ctx.input<int8_t>(0), ctx.output<int16_t>(0));
}
void EvalS16(const EvalContext& ctx) {
  SoftmaxS16(Params(ctx), ctx.input<int16_t>(0), ctx.output<int16_t>(0));
}

float ExpForLut(float x) { return std::exp(x); }
float OneOverOnePlusXForLut(float x) { return 1.0f / (1.0f + x); }

bool Near(float value, float target, float tolerance) {
  return std::fabs(value - target) <= tolerance;
}

// Output quantization TFLite requires for each quantized variant.
Status CheckOutputQuant(DataType in_type, DataType out_type, const TensorQuant& out_q) {
  if (in_type == DataType::kInt16) {
    if (out_q.zero_point != 0 || !Near(out_q.scale, 1.0f / 32768, 0.001f / 32768)) {
      return Status::Error(StatusCode::kUnsupported,
                           "int16 output must have scale 1/32768 and zero point 0");
    }
  } else if (out_type == DataType::kInt16) {
    if (out_q.zero_point != -32768 || !Near(out_q.scale, 1.0f / 65536, 0.001f / 65536)) {
      return Status::Error(StatusCode::kUnsupported,
                           "int16 output of int8 input must have scale 1/65536 and zero point "
                           "-32768");
    }
  } else if (out_q.zero_point != -128 || out_q.scale != 1.0f / 256) {
    return Status::Error(StatusCode::kUnsupported,
                         "int8 output must have scale 1/256 and zero point -128");
  }
  return Status::Ok();
}

// kInt8Only (ops::SoftmaxInt8): int8 input only, so that no int16 code is referenced.
template <bool kInt8Only>
Status PrepareQuantized(PrepareContext& ctx, SoftmaxParams* p, float beta, DataType in_type,
                        DataType out_type) {
  if (kInt8Only) in_type = DataType::kInt8;  // checked by Prepare
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(ctx.input(0), "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(ctx.output(0), "output"));
  MOTE_TRY(CheckOutputQuant(in_type, out_type, out_q));
  if (!(beta > 0.0f) || !std::isfinite(beta)) {
    return Status::Error(StatusCode::kUnsupported, "beta %g must be positive and finite",
                         static_cast<double>(beta));
  }
  if (in_type == DataType::kInt16) {
    if (p->depth > kMaxInt16Depth) {
      return Status::Error(StatusCode::kUnsupported, "int16 softmax depth %d exceeds %d",
                           static_cast<int>(p->depth), static_cast<int>(kMaxInt16Depth));
    }
    // Differences in [-65535, 0] map to [-10, 0].
    const double rescale =
        static_cast<double>(in_q.scale) * static_cast<double>(beta) / (10.0 / 65535.0);
    QuantizeMultiplier(rescale, &p->input_multiplier, &p->input_left_shift);
    MOTE_ASSIGN_OR_RETURN(void* exp_mem,
                          ctx.AllocatePersistent(sizeof(int16_t) * kSoftmaxLutSize, 2));
    MOTE_ASSIGN_OR_RETURN(void* recip_mem,
                          ctx.AllocatePersistent(sizeof(int16_t) * kSoftmaxLutSize, 2));
    int16_t* exp_lut = static_cast<int16_t*>(exp_mem);
    int16_t* recip_lut = static_cast<int16_t*>(recip_mem);
    SoftmaxGenerateLut(&ExpForLut, -10.0f, 0.0f, -1.0f, 1.0f, exp_lut);
    SoftmaxGenerateLut(&OneOverOnePlusXForLut, 0.0f, 1.0f, -1.0f, 1.0f, recip_lut);
    p->exp_lut = exp_lut;
    p->one_over_one_plus_x_lut = recip_lut;
    ctx.set_eval(&EvalS16);
    return Status::Ok();
  }
  // int8 input: beta * scale as a Q5.26 multiplier (> 1), capped at 2^31 - 1.
  const double real = std::fmin(static_cast<double>(beta) * static_cast<double>(in_q.scale) *
                                    static_cast<double>(1 << (31 - kScaledDiffIntegerBits)),
                                static_cast<double>((int64_t{1} << 31) - 1));
  if (!(real > 1.0)) {
    return Status::Error(StatusCode::kUnsupported,
                         "input scale * beta = %g is too small for int8 softmax",
                         static_cast<double>(beta) * static_cast<double>(in_q.scale));
  }
  QuantizeMultiplier(real, &p->input_multiplier, &p->input_left_shift);
  // Largest |difference| whose scaled value does not overflow Q5.26.
  const double radius = 1.0 * ((1 << kScaledDiffIntegerBits) - 1) *
                        static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
                        static_cast<double>(int64_t{1} << p->input_left_shift);
  p->diff_min = -static_cast<int32_t>(std::floor(radius));
  ctx.set_eval(out_type == DataType::kInt16 ? &EvalS8S16 : &EvalS8);
  return Status::Ok();
}

Status PrepareS8Variant(PrepareContext& ctx, SoftmaxOpData* d) {
  ChosenVariant<SoftmaxParams, SoftmaxS8Args> chosen;
  MOTE_TRY(PrepareKernelVariant(ctx, SoftmaxS8Variants(), d->params, SoftmaxS8Args{},
                                /*weights_constant=*/true, static_cast<size_t>(d->params.depth),
                                &chosen));
  d->s8 = chosen.variant;
  d->packed = chosen.packed;
  d->scratch_index = chosen.scratch_index;
  return Status::Ok();
}

template <bool kInt8Only>
Status Prepare(PrepareContext& ctx) {
  if (ctx.num_inputs() != 1 || !ctx.has_input(0) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "SOFTMAX needs 1 input and 1 output");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.rank() < 1) return Status::Error(StatusCode::kInvalidModel, "input must have rank >= 1");
  if (in.rank() != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "input rank %d differs from output rank %d",
                         in.rank(), out.rank());
  }
  for (int i = 0; i < in.rank(); ++i) {
    if (in.dim(i) != out.dim(i)) {
      return Status::Error(StatusCode::kInvalidModel, "input dimension %d is %d but output has %d",
                           i, static_cast<int>(in.dim(i)), static_cast<int>(out.dim(i)));
    }
  }
  if (kInt8Only && in.type() != DataType::kInt8) return TypeNotRegistered(in.type(), "int8");
  const DataType in_type = kInt8Only ? DataType::kInt8 : in.type();
  const DataType out_type = out.type();
  const bool float_ok = in_type == DataType::kFloat32 && out_type == DataType::kFloat32;
  const bool int8_ok =
      in_type == DataType::kInt8 && (out_type == DataType::kInt8 || out_type == DataType::kInt16);
  const bool int16_ok = in_type == DataType::kInt16 && out_type == DataType::kInt16;
  if (!float_ok && !int8_ok && !int16_ok) {
    return Status::Error(StatusCode::kUnsupported, "SOFTMAX %s -> %s is not supported",
                         DataTypeName(in_type), DataTypeName(out_type));
  }
  const float beta = ctx.options().GetFloat(kSoftmaxOptionBeta, 0.0f);
  MOTE_ASSIGN_OR_RETURN(SoftmaxOpData * d, ctx.AllocateOpData<SoftmaxOpData>());
  SoftmaxParams* p = &d->params;
  p->depth = in.dim(in.rank() - 1);
  p->outer_size =
      p->depth == 0 ? 0 : static_cast<int32_t>(in.num_elements() / static_cast<uint32_t>(p->depth));
  p->beta = beta;
  if (float_ok) {
    ctx.set_eval(&EvalF32);
    return Status::Ok();
  }
  MOTE_TRY(PrepareQuantized<kInt8Only>(ctx, p, beta, in_type, out_type));
  if (in_type == DataType::kInt8 && out_type == DataType::kInt8) MOTE_TRY(PrepareS8Variant(ctx, d));
  return Status::Ok();
}

constexpr OpKernel kSoftmax{BuiltinOp::kSoftmax, nullptr, &Prepare<false>};
constexpr OpKernel kSoftmaxInt8{BuiltinOp::kSoftmax, nullptr, &Prepare<true>};

}  // namespace

namespace ops {
const OpKernel& Softmax() { return kSoftmax; }
const OpKernel& SoftmaxInt8() { return kSoftmaxInt8; }

Span<const OpKernel* const> softmax_kernels() {
  static const OpKernel* const kList[] = {&kSoftmax};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
