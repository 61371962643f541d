// SUM (float32) and REDUCE_MAX (float32, int8 with equal input/output
// quantization, as TFLM requires) over constant axes. Like TFLM's reference
// reduce, every output starts at the reduction's initial value (0, lowest)
// and the input is visited in order, each element folded into its output.
#include <cstring>
#include <limits>

#include "kernels/reduce/reduce.h"
#include "kernels/reduce/reduce_axes.h"

namespace mote {
namespace {

template <typename T, typename F>
void ReduceInto(const MeanParams& p, const T* in, T* out, T init, F fold) {
  for (uint32_t i = 0; i < p.num_outputs; ++i) out[i] = init;
  if (p.rank == 0) {
    out[0] = fold(out[0], in[0]);
    return;
  }
  for (int a = 0; a < p.rank; ++a) {
    if (p.in_dims[a] == 0) return;
  }
  int32_t index[kMaxRank] = {};
  const int last = p.rank - 1;
  for (;;) {
    int64_t base = 0;
    for (int a = 0; a < last; ++a) base += index[a] * p.out_stride[a];
    for (int32_t i = 0; i < p.in_dims[last]; ++i) {
      T& o = out[base + i * p.out_stride[last]];
      o = fold(o, *in++);
    }
    int a = last - 1;
    for (; a >= 0; --a) {
      if (++index[a] < p.in_dims[a]) break;
      index[a] = 0;
    }
    if (a < 0) break;
  }
}

template <typename T>
T Max(T current, T in) {
  return in > current ? in : current;  // TFLM's order: a NaN input never wins
}

}  // namespace

void SumF32(const MeanParams& p, const float* input, float* output) {
  ReduceInto(p, input, output, 0.0f, [](float acc, float x) { return acc + x; });
}
void ReduceMaxF32(const MeanParams& p, const float* input, float* output) {
  ReduceInto(p, input, output, std::numeric_limits<float>::lowest(), &Max<float>);
}
void ReduceMaxS8(const MeanParams& p, const int8_t* input, int8_t* output) {
  ReduceInto(p, input, output, std::numeric_limits<int8_t>::lowest(), &Max<int8_t>);
}

namespace {

template <typename T, void (*Fn)(const MeanParams&, const T*, T*)>
void EvalReduce(const EvalContext& ctx) {
  Fn(ctx.op_data<MeanParams>(), ctx.input<T>(0), ctx.output<T>(0));
}

// The output shape and strides of reducing `in` over the axes of input 1.
Status PlanReduction(PrepareContext& ctx, MeanParams* p) {
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const int rank = in.rank();
  bool reduced[kMaxRank] = {};
  MOTE_TRY(reduce::ReadAxes(ctx.input(1), rank, reduced));
  const bool keep_dims = ctx.options().GetBool(0, false);
  int32_t out_dims[kMaxRank];
  int out_rank = 0;
  int64_t count = 1;
  p->rank = rank;
  for (int a = 0; a < rank; ++a) {
    p->in_dims[a] = in.dim(a);
    if (reduced[a]) {
      count *= in.dim(a);
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
  p->count = static_cast<int32_t>(count);
  return Status::Ok();
}

Status PrepareSumMax(PrepareContext& ctx) {
  const bool is_sum = ctx.op().builtin() == BuiltinOp::kSum;
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "needs input and axis");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const DataType type = in.type();
  if (type != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input and output types differ");
  }
  if (type != DataType::kFloat32 && (is_sum || type != DataType::kInt8)) {
    return Status::Error(StatusCode::kUnsupported, "%s of %s is not supported",
                         is_sum ? "SUM" : "REDUCE_MAX", DataTypeName(type));
  }
  if (type == DataType::kInt8) {
    const QuantizationView qi = in.quantization();
    const QuantizationView qo = out.quantization();
    if (qi.scale.size() != 1 || qo.scale.size() != 1 || qi.zero_point.size() != 1 ||
        qo.zero_point.size() != 1 || qi.scale[0] != qo.scale[0] ||
        qi.zero_point[0] != qo.zero_point[0]) {
      return Status::Error(StatusCode::kUnsupported,
                           "int8 REDUCE_MAX needs one per-tensor scale and zero point shared by "
                           "input and output");
    }
  }
  MOTE_ASSIGN_OR_RETURN(MeanParams * p, ctx.AllocateOpData<MeanParams>());
  MOTE_TRY(PlanReduction(ctx, p));
  if (is_sum) {
    ctx.set_eval(&EvalReduce<float, SumF32>);
  } else if (type == DataType::kFloat32) {
    ctx.set_eval(&EvalReduce<float, ReduceMaxF32>);
  } else {
    ctx.set_eval(&EvalReduce<int8_t, ReduceMaxS8>);
  }
  return Status::Ok();
}

}  // namespace

namespace reduce {
const OpKernel kSum{BuiltinOp::kSum, nullptr, &PrepareSumMax};
const OpKernel kReduceMax{BuiltinOp::kReduceMax, nullptr, &PrepareSumMax};
}  // namespace reduce

namespace ops {
const OpKernel& Sum() { return reduce::kSum; }
const OpKernel& ReduceMax() { return reduce::kReduceMax; }
}  // namespace ops

}  // namespace mote
