#include "kernels/reduce/reduce.h"

#include <algorithm>
#include <cstring>

#include "kernels/common/quantization.h"
#include "kernels/reduce/reduce_axes.h"

namespace mote {
namespace {

void EvalMeanF32(const EvalContext& ctx) {
  MeanF32(ctx.op_data<MeanOpData>().params, ctx.input<float>(0), ctx.output<float>(0));
}
void EvalMeanS8(const EvalContext& ctx) {
  const MeanOpData& d = ctx.op_data<MeanOpData>();
  MeanS8(d.params, ctx.input<int8_t>(0), static_cast<int32_t*>(ctx.scratch(d.scratch)),
         ctx.output<int8_t>(0));
}
void EvalMeanS16(const EvalContext& ctx) {
  const MeanOpData& d = ctx.op_data<MeanOpData>();
  MeanS16(d.params, ctx.input<int16_t>(0), static_cast<int32_t*>(ctx.scratch(d.scratch)),
          ctx.output<int16_t>(0));
}

}  // namespace

namespace reduce {
Status ReadAxes(const TensorView& t, int rank, bool* reduced) {
  if (!t.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "axis must be a constant tensor");
  }
  if (t.type() != DataType::kInt32 && t.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "axis must be int32 or int64");
  }
  if (t.data().size() < t.bytes() || t.num_elements() > 16) {
    return Status::Error(StatusCode::kInvalidModel, "axis tensor is malformed");
  }
  for (uint32_t i = 0; i < t.num_elements(); ++i) {
    int64_t v;
    if (t.type() == DataType::kInt32) {
      int32_t v32;
      std::memcpy(&v32, t.data().data() + 4 * i, 4);
      v = v32;
    } else {
      std::memcpy(&v, t.data().data() + 8 * i, 8);
    }
    if (v < -rank || v >= rank) {
      return Status::Error(StatusCode::kInvalidModel, "axis %lld is out of range for rank %d",
                           static_cast<long long>(v), rank);
    }
    reduced[v < 0 ? v + rank : v] = true;
  }
  return Status::Ok();
}

Status PlanReduction(PrepareContext& ctx, MeanParams* p, int64_t* count) {
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const int rank = in.rank();
  bool reduced[kMaxRank] = {};
  MOTE_TRY(ReadAxes(ctx.input(1), rank, reduced));
  const bool keep_dims = ctx.options().GetBool(0, false);
  int32_t out_dims[kMaxRank];
  int out_rank = 0;
  *count = 1;
  p->rank = rank;
  for (int a = 0; a < rank; ++a) {
    p->in_dims[a] = in.dim(a);
    if (reduced[a]) {
      *count *= in.dim(a);
      if (keep_dims) out_dims[out_rank++] = 1;
    } else {
      out_dims[out_rank++] = in.dim(a);
    }
  }
  bool shape_ok = out.rank() == out_rank;
  for (int a = 0; shape_ok && a < out_rank; ++a) shape_ok = out.dim(a) == out_dims[a];
  if (!shape_ok) {
    return Status::Error(StatusCode::kInvalidModel, "output shape does not match the reduction");
  }
  int64_t stride = 1;
  for (int a = rank - 1; a >= 0; --a) {
    p->out_stride[a] = reduced[a] ? 0 : stride;
    if (!reduced[a]) stride *= in.dim(a);
  }
  p->num_outputs = out.num_elements();
  p->count = static_cast<int32_t>(*count);
  return Status::Ok();
}
}  // namespace reduce

namespace {

Status PrepareMean(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "MEAN needs input and axis");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const DataType type = in.type();
  if (type != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input and output types differ");
  }
  if (type != DataType::kFloat32 && type != DataType::kInt8 && type != DataType::kInt16) {
    return Status::Error(StatusCode::kUnsupported, "MEAN does not support %s", DataTypeName(type));
  }
  MOTE_ASSIGN_OR_RETURN(MeanOpData * d, ctx.AllocateOpData<MeanOpData>());
  MeanParams& p = d->params;
  int64_t count = 0;
  MOTE_TRY(reduce::PlanReduction(ctx, &p, &count));
  if (count <= 0) {
    return Status::Error(StatusCode::kUnsupported, "MEAN over an empty axis");
  }

  if (type == DataType::kFloat32) {
    ctx.set_eval(&EvalMeanF32);
    return Status::Ok();
  }
  const QuantizationView qi = in.quantization();
  const QuantizationView qo = out.quantization();
  if (qi.scale.size() != 1 || qo.scale.size() != 1 || qi.zero_point.size() != 1 ||
      qo.zero_point.size() != 1 || !(qi.scale[0] > 0.f) || !(qo.scale[0] > 0.f)) {
    return Status::Error(StatusCode::kInvalidModel, "MEAN needs per-tensor quantization");
  }
  const int64_t lo = type == DataType::kInt8 ? -128 : -32768;
  const int64_t hi = type == DataType::kInt8 ? 127 : 32767;
  if (qi.zero_point[0] < lo || qi.zero_point[0] > hi || qo.zero_point[0] < lo ||
      qo.zero_point[0] > hi) {
    return Status::Error(StatusCode::kInvalidModel, "zero point out of range");
  }
  // int32 sums of up to count values of magnitude <= 32768 must not overflow.
  if (count > (int64_t{1} << 31) / (hi + 1)) {
    return Status::Error(StatusCode::kUnsupported, "MEAN over %lld elements may overflow",
                         static_cast<long long>(count));
  }
  p.input_zero_point = static_cast<int32_t>(qi.zero_point[0]);
  p.output_zero_point = static_cast<int32_t>(qo.zero_point[0]);
  // TFLM's rule: the scale ratio's multiplier, then 1/count folded into it.
  int32_t multiplier = 0;
  int shift = 0;
  QuantizeMultiplier(static_cast<double>(qi.scale[0]) / static_cast<double>(qo.scale[0]),
                     &multiplier, &shift);
  int count_shift = 0;  // floor(log2(count))
  while ((count >> (count_shift + 1)) != 0) ++count_shift;
  count_shift = std::min(count_shift, 32);
  count_shift = std::min(count_shift, 31 + shift);
  p.multiplier = static_cast<int32_t>((static_cast<int64_t>(multiplier) << count_shift) / count);
  p.shift = shift - count_shift;
  MOTE_ASSIGN_OR_RETURN(d->scratch, ctx.RequestScratch(p.num_outputs * sizeof(int32_t)));
  ctx.set_eval(type == DataType::kInt8 ? &EvalMeanS8 : &EvalMeanS16);
  return Status::Ok();
}

template <typename T, void (*Fn)(const ArgMaxParams&, const T*, void*)>
void EvalArgMax(const EvalContext& ctx) {
  Fn(ctx.op_data<ArgMaxParams>(), ctx.input<T>(0), ctx.output<void>(0));
}

Status PrepareArgMax(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "ARG_MAX needs input and axis");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const TensorView axis_t = ctx.input(1);
  const int rank = in.rank();
  if (out.type() != DataType::kInt32 && out.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "ARG_MAX output must be int32 or int64");
  }
  if (axis_t.num_elements() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "axis must hold one value");
  }
  bool reduced[kMaxRank] = {};
  if (rank == 0) return Status::Error(StatusCode::kInvalidModel, "ARG_MAX of a scalar");
  MOTE_TRY(reduce::ReadAxes(axis_t, rank, reduced));
  int axis = 0;
  while (!reduced[axis]) ++axis;
  if (out.rank() != rank - 1) {
    return Status::Error(StatusCode::kInvalidModel, "output rank must be %d", rank - 1);
  }
  for (int a = 0, o = 0; a < rank; ++a) {
    if (a != axis && out.dim(o++) != in.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel, "output shape does not match input");
    }
  }
  if (in.dim(axis) <= 0) return Status::Error(StatusCode::kInvalidModel, "empty axis");
  MOTE_ASSIGN_OR_RETURN(ArgMaxParams * p, ctx.AllocateOpData<ArgMaxParams>());
  p->outer = 1;
  p->inner = 1;
  for (int a = 0; a < axis; ++a) p->outer *= static_cast<uint32_t>(in.dim(a));
  for (int a = axis + 1; a < rank; ++a) p->inner *= static_cast<uint32_t>(in.dim(a));
  p->axis_size = static_cast<uint32_t>(in.dim(axis));
  p->output_int64 = out.type() == DataType::kInt64;
  switch (in.type()) {
    case DataType::kFloat32:
      ctx.set_eval(&EvalArgMax<float, &ArgMaxF32>);
      break;
    case DataType::kInt8:
      ctx.set_eval(&EvalArgMax<int8_t, &ArgMaxS8>);
      break;
    case DataType::kInt16:
      ctx.set_eval(&EvalArgMax<int16_t, &ArgMaxS16>);
      break;
    case DataType::kInt32:
      ctx.set_eval(&EvalArgMax<int32_t, &ArgMaxS32>);
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "ARG_MAX does not support %s",
                           DataTypeName(in.type()));
  }
  return Status::Ok();
}

constexpr OpKernel kMean{BuiltinOp::kMean, nullptr, &PrepareMean};
constexpr OpKernel kArgMax{BuiltinOp::kArgMax, nullptr, &PrepareArgMax};

}  // namespace

namespace ops {
const OpKernel& Mean() { return kMean; }
const OpKernel& ArgMax() { return kArgMax; }
Span<const OpKernel* const> reduce_kernels() {
  static const OpKernel* const kList[] = {&kMean, &kArgMax, &reduce::kSum, &reduce::kReduceMax};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
