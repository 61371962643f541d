// ADD and SUB: int8/int16 (general rescaling path, as TFLM runs it for every
// scale combination: AddOptions.pot_scale_int16 is read by TFLite only),
// float32 and int32.
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/common/variant_prepare.h"
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

namespace {

template <bool kSubtract, typename T>
inline T QuantAddSubOne(const QuantAddSubParams& p, T a, T b) {
  // |offset + q| <= 65535, so the left shift (<= 15 for int16) fits in int32.
  const int32_t shifted1 = (p.input1_offset + a) * (int32_t{1} << p.left_shift);
  const int32_t shifted2 = (p.input2_offset + b) * (int32_t{1} << p.left_shift);
  const int32_t scaled1 =
      MultiplyByQuantizedMultiplier(shifted1, p.input1_multiplier, p.input1_shift);
  const int32_t scaled2 =
      MultiplyByQuantizedMultiplier(shifted2, p.input2_multiplier, p.input2_shift);
  const int32_t raw = kSubtract ? scaled1 - scaled2 : scaled1 + scaled2;
  const int32_t result =
      MultiplyByQuantizedMultiplier(raw, p.output_multiplier, p.output_shift) + p.output_offset;
  return static_cast<T>(std::min(p.activation_max, std::max(p.activation_min, result)));
}

template <bool kSubtract, typename T>
void QuantAddSub(const QuantAddSubParams& p, const T* in1, const T* in2, T* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = QuantAddSubOne<kSubtract>(p, in1[i], in2[j]);
  });
}

inline float ClampF(float v, const FloatBinaryParams& p) {
  return std::min(std::max(v, p.activation_min), p.activation_max);
}

// int32 arithmetic wraps (two's complement) instead of overflowing.
inline int32_t WrapAdd(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) + static_cast<uint32_t>(b));
}
inline int32_t WrapSub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) - static_cast<uint32_t>(b));
}

}  // namespace

void AddS8(const QuantAddSubParams& p, const int8_t* in1, const int8_t* in2, int8_t* out) {
  QuantAddSub<false>(p, in1, in2, out);
}
void AddS16(const QuantAddSubParams& p, const int16_t* in1, const int16_t* in2, int16_t* out) {
  QuantAddSub<false>(p, in1, in2, out);
}
void SubS8(const QuantAddSubParams& p, const int8_t* in1, const int8_t* in2, int8_t* out) {
  QuantAddSub<true>(p, in1, in2, out);
}
void SubS16(const QuantAddSubParams& p, const int16_t* in1, const int16_t* in2, int16_t* out) {
  QuantAddSub<true>(p, in1, in2, out);
}

void AddF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out) {
  ForEachBroadcastIndex(
      p.shape, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = ClampF(in1[i] + in2[j], p); });
}
void SubF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out) {
  ForEachBroadcastIndex(
      p.shape, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = ClampF(in1[i] - in2[j], p); });
}
void AddS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = std::min(p.activation_max, std::max(p.activation_min, WrapAdd(in1[i], in2[j])));
  });
}
void SubS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out) {
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = std::min(p.activation_max, std::max(p.activation_min, WrapSub(in1[i], in2[j])));
  });
}

namespace {

constexpr uint8_t kAddOptions = 11;
constexpr uint8_t kSubOptions = 28;

template <typename P, typename T, void (*Fn)(const P&, const T*, const T*, T*)>
void EvalBinary(const EvalContext& ctx) {
  Fn(ctx.op_data<P>(), ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0));
}

// int8 ADD: the variant Prepare chose.
void EvalAddS8(const EvalContext& ctx) {
  const AddS8OpData& d = ctx.op_data<AddS8OpData>();
  const AddS8Args a{ctx.input<int8_t>(0), ctx.input<int8_t>(1), ctx.output<int8_t>(0), d.packed,
                    d.scratch_index >= 0 ? ctx.scratch(d.scratch_index) : nullptr};
  d.s8->eval(d.params, a);
}

// A rescaling multiplier that must lie in (0, 1): quantized with shift <= 0.
Status SmallMultiplier(double real, const char* what, int32_t* multiplier, int32_t* shift) {
  if (!(real > 0.0 && real < 1.0)) {
    return Status::Error(StatusCode::kUnsupported, "%s multiplier %g is not in (0, 1)", what, real);
  }
  int s = 0;
  QuantizeMultiplier(real, multiplier, &s);
  if (s > 0) {
    return Status::Error(StatusCode::kUnsupported, "%s multiplier %g rounds to 1", what, real);
  }
  *shift = s;
  return Status::Ok();
}

// TFLM computes ADD's multipliers in double and SUB's in float.
Status PrepareQuantized(const elementwise::BinaryTensors& t, FusedActivation activation,
                        bool subtract, QuantAddSubParams* p) {
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q1, elementwise::PerTensor(t.in1, "input 1"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q2, elementwise::PerTensor(t.in2, "input 2"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant qo, elementwise::PerTensor(t.out, "output"));
  p->input1_offset = -q1.zero_point;
  p->input2_offset = -q2.zero_point;
  p->output_offset = qo.zero_point;
  p->left_shift = t.out.type() == DataType::kInt16 ? 15 : 20;
  double real1, real2, real_out;
  if (subtract) {
    const float twice_max = 2 * std::max(q1.scale, q2.scale);
    real1 = static_cast<double>(q1.scale / twice_max);
    real2 = static_cast<double>(q2.scale / twice_max);
    real_out = static_cast<double>(twice_max / ((1 << p->left_shift) * qo.scale));
  } else {
    const double twice_max = 2 * static_cast<double>(std::max(q1.scale, q2.scale));
    real1 = static_cast<double>(q1.scale) / twice_max;
    real2 = static_cast<double>(q2.scale) / twice_max;
    real_out = twice_max / ((1 << p->left_shift) * static_cast<double>(qo.scale));
  }
  MOTE_TRY(SmallMultiplier(real1, "input 1", &p->input1_multiplier, &p->input1_shift));
  MOTE_TRY(SmallMultiplier(real2, "input 2", &p->input2_multiplier, &p->input2_shift));
  MOTE_TRY(SmallMultiplier(real_out, "output", &p->output_multiplier, &p->output_shift));
  MOTE_ASSIGN_OR_RETURN(
      const ActivationRange range,
      QuantizedActivationRange(activation, t.out.type(), qo.scale, qo.zero_point));
  p->activation_min = range.min;
  p->activation_max = range.max;
  return Status::Ok();
}

template <bool kSubtract>
Status PrepareAddSub(PrepareContext& ctx) {
  static constexpr DataType kTypes[] = {DataType::kInt8, DataType::kInt16, DataType::kFloat32,
                                        DataType::kInt32};
  elementwise::BinaryTensors t;
  BroadcastShape shape;
  MOTE_TRY(elementwise::PrepareBinary(ctx, kSubtract ? kSubOptions : kAddOptions, kTypes, 4, &t,
                                      &shape));
  MOTE_ASSIGN_OR_RETURN(const FusedActivation activation, elementwise::ReadActivation(ctx));
  const DataType type = t.out.type();
  if (type == DataType::kInt8 && !kSubtract) {
    MOTE_ASSIGN_OR_RETURN(AddS8OpData * d, ctx.AllocateOpData<AddS8OpData>());
    d->params.shape = shape;
    MOTE_TRY(PrepareQuantized(t, activation, kSubtract, &d->params));
    // The variants' constants depend on the quantization only (no per-channel
    // data: the interpreter's budget stays at its minimum).
    ChosenVariant<QuantAddSubParams, AddS8Args> chosen;
    MOTE_TRY(PrepareKernelVariant(ctx, AddS8Variants(), d->params, AddS8Args{},
                                  /*weights_constant=*/true, /*channels=*/0, &chosen));
    d->s8 = chosen.variant;
    d->packed = chosen.packed;
    d->scratch_index = chosen.scratch_index;
    ctx.set_eval(&EvalAddS8);
  } else if (type == DataType::kInt8 || type == DataType::kInt16) {
    MOTE_ASSIGN_OR_RETURN(QuantAddSubParams * p, ctx.AllocateOpData<QuantAddSubParams>());
    p->shape = shape;
    MOTE_TRY(PrepareQuantized(t, activation, kSubtract, p));
    if (type == DataType::kInt8) {
      ctx.set_eval(kSubtract ? &EvalBinary<QuantAddSubParams, int8_t, SubS8>
                             : &EvalBinary<QuantAddSubParams, int8_t, AddS8>);
    } else {
      ctx.set_eval(kSubtract ? &EvalBinary<QuantAddSubParams, int16_t, SubS16>
                             : &EvalBinary<QuantAddSubParams, int16_t, AddS16>);
    }
  } else if (type == DataType::kFloat32) {
    MOTE_ASSIGN_OR_RETURN(const FloatActivationRange range, FloatActivationRangeFor(activation));
    MOTE_ASSIGN_OR_RETURN(FloatBinaryParams * p, ctx.AllocateOpData<FloatBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(kSubtract ? &EvalBinary<FloatBinaryParams, float, SubF32>
                           : &EvalBinary<FloatBinaryParams, float, AddF32>);
  } else {
    MOTE_TRY(elementwise::CheckNotQuantized(t.in1, "input 1"));
    MOTE_TRY(elementwise::CheckNotQuantized(t.in2, "input 2"));
    MOTE_TRY(elementwise::CheckNotQuantized(t.out, "output"));
    MOTE_ASSIGN_OR_RETURN(ActivationRange range, elementwise::Int32ActivationRange(activation));
    // TFLM's int32 ADD ignores the fused activation (SUB applies it).
    if (!kSubtract) range = elementwise::Int32ActivationRange(FusedActivation::kNone).value();
    MOTE_ASSIGN_OR_RETURN(IntBinaryParams * p, ctx.AllocateOpData<IntBinaryParams>());
    p->shape = shape;
    p->activation_min = range.min;
    p->activation_max = range.max;
    ctx.set_eval(kSubtract ? &EvalBinary<IntBinaryParams, int32_t, SubS32>
                           : &EvalBinary<IntBinaryParams, int32_t, AddS32>);
  }
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kAdd{BuiltinOp::kAdd, nullptr, &PrepareAddSub<false>};
const OpKernel kSub{BuiltinOp::kSub, nullptr, &PrepareAddSub<true>};
}  // namespace elementwise

namespace ops {
const OpKernel& Add() { return elementwise::kAdd; }
const OpKernel& Sub() { return elementwise::kSub; }
}  // namespace ops

}  // namespace mote
