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

template <typename T>
T Max(T current, T in) {
  return in > current ? in : current;  // TFLM's order: a NaN input never wins
}

}  // namespace

void SumF32(const MeanParams& p, const float* input, float* output) {
  reduce::ReduceInto(p, input, output, 0.0f, [](float acc, float x) { return acc + x; });
}
void ReduceMaxF32(const MeanParams& p, const float* input, float* output) {
  reduce::ReduceInto(p, input, output, std::numeric_limits<float>::lowest(), &Max<float>);
}
void ReduceMaxS8(const MeanParams& p, const int8_t* input, int8_t* output) {
  reduce::ReduceInto(p, input, output, std::numeric_limits<int8_t>::lowest(), &Max<int8_t>);
}

namespace {

template <typename T, void (*Fn)(const MeanParams&, const T*, T*)>
void EvalReduce(const EvalContext& ctx) {
  Fn(ctx.op_data<MeanParams>(), ctx.input<T>(0), ctx.output<T>(0));
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
  int64_t count = 0;
  MOTE_TRY(reduce::PlanReduction(ctx, p, &count));
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
