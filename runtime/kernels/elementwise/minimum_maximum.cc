// MINIMUM / MAXIMUM: raw comparison of the stored values, so quantized inputs
// and output must share one scale and zero point (checked in Prepare).
#include <cstdint>

#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

namespace {

// TFLM's order: the first input wins unless the second is strictly larger
// (smaller), which fixes the result when a float is NaN.
template <typename T>
void Maximum(const BroadcastShape& s, const T* in1, const T* in2, T* out) {
  ForEachBroadcastIndex(
      s, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = in1[i] > in2[j] ? in1[i] : in2[j]; });
}
template <typename T>
void Minimum(const BroadcastShape& s, const T* in1, const T* in2, T* out) {
  ForEachBroadcastIndex(
      s, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = in1[i] < in2[j] ? in1[i] : in2[j]; });
}

}  // namespace

void MaximumF32(const BroadcastShape& s, const float* a, const float* b, float* out) {
  Maximum(s, a, b, out);
}
void MaximumS8(const BroadcastShape& s, const int8_t* a, const int8_t* b, int8_t* out) {
  Maximum(s, a, b, out);
}
void MaximumS16(const BroadcastShape& s, const int16_t* a, const int16_t* b, int16_t* out) {
  Maximum(s, a, b, out);
}
void MaximumS32(const BroadcastShape& s, const int32_t* a, const int32_t* b, int32_t* out) {
  Maximum(s, a, b, out);
}
void MaximumS64(const BroadcastShape& s, const int64_t* a, const int64_t* b, int64_t* out) {
  Maximum(s, a, b, out);
}
void MinimumF32(const BroadcastShape& s, const float* a, const float* b, float* out) {
  Minimum(s, a, b, out);
}
void MinimumS8(const BroadcastShape& s, const int8_t* a, const int8_t* b, int8_t* out) {
  Minimum(s, a, b, out);
}
void MinimumS16(const BroadcastShape& s, const int16_t* a, const int16_t* b, int16_t* out) {
  Minimum(s, a, b, out);
}
void MinimumS32(const BroadcastShape& s, const int32_t* a, const int32_t* b, int32_t* out) {
  Minimum(s, a, b, out);
}
void MinimumS64(const BroadcastShape& s, const int64_t* a, const int64_t* b, int64_t* out) {
  Minimum(s, a, b, out);
}

namespace {

constexpr uint8_t kMaximumMinimumOptions = 39;

template <typename T, void (*Fn)(const BroadcastShape&, const T*, const T*, T*)>
void EvalMinMax(const EvalContext& ctx) {
  Fn(ctx.op_data<BroadcastShape>(), ctx.input<T>(0), ctx.input<T>(1), ctx.output<T>(0));
}

Status CheckSameQuantization(const elementwise::BinaryTensors& t) {
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q1, elementwise::PerTensor(t.in1, "input 1"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant q2, elementwise::PerTensor(t.in2, "input 2"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant qo, elementwise::PerTensor(t.out, "output"));
  if (q1.scale != qo.scale || q2.scale != qo.scale || q1.zero_point != qo.zero_point ||
      q2.zero_point != qo.zero_point) {
    return Status::Error(StatusCode::kUnsupported,
                         "inputs and output must share scale and zero point");
  }
  return Status::Ok();
}

template <bool kMax>
Status PrepareMinMax(PrepareContext& ctx) {
  static constexpr DataType kTypes[] = {DataType::kFloat32, DataType::kInt8, DataType::kInt16,
                                        DataType::kInt32, DataType::kInt64};
  elementwise::BinaryTensors t;
  BroadcastShape shape;
  MOTE_TRY(elementwise::PrepareBinary(ctx, kMaximumMinimumOptions, kTypes, 5, &t, &shape));
  const DataType type = t.out.type();
  if (type == DataType::kInt8 || type == DataType::kInt16) MOTE_TRY(CheckSameQuantization(t));
  MOTE_ASSIGN_OR_RETURN(BroadcastShape * p, ctx.AllocateOpData<BroadcastShape>());
  *p = shape;
  switch (type) {
    case DataType::kFloat32:
      ctx.set_eval(kMax ? &EvalMinMax<float, MaximumF32> : &EvalMinMax<float, MinimumF32>);
      break;
    case DataType::kInt8:
      ctx.set_eval(kMax ? &EvalMinMax<int8_t, MaximumS8> : &EvalMinMax<int8_t, MinimumS8>);
      break;
    case DataType::kInt16:
      ctx.set_eval(kMax ? &EvalMinMax<int16_t, MaximumS16> : &EvalMinMax<int16_t, MinimumS16>);
      break;
    case DataType::kInt32:
      ctx.set_eval(kMax ? &EvalMinMax<int32_t, MaximumS32> : &EvalMinMax<int32_t, MinimumS32>);
      break;
    default:
      ctx.set_eval(kMax ? &EvalMinMax<int64_t, MaximumS64> : &EvalMinMax<int64_t, MinimumS64>);
      break;
  }
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kMaximum{BuiltinOp::kMaximum, nullptr, &PrepareMinMax<true>};
const OpKernel kMinimum{BuiltinOp::kMinimum, nullptr, &PrepareMinMax<false>};
}  // namespace elementwise

namespace ops {
const OpKernel& Maximum() { return elementwise::kMaximum; }
const OpKernel& Minimum() { return elementwise::kMinimum; }
}  // namespace ops

}  // namespace mote
