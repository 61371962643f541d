// SPLIT_V: input (0) split along a constant axis (2) into parts of the sizes
// in size_splits (1), one of which may be -1 (the rest of the dimension).
// Each part is a run of bytes per outer block, so SplitCopy does the work.
#include "kernels/data_movement/data_movement.h"
#include "kernels/data_movement/prepare_util.h"

namespace mote {
namespace {

void EvalSplitV(const EvalContext& ctx) {
  const JoinParams& p = ctx.op_data<JoinParams>();
  void* parts[kMaxDataMovementTensors];
  for (int32_t i = 0; i < p.num_parts; ++i) parts[i] = ctx.output<void>(static_cast<size_t>(i));
  SplitCopy(p, ctx.input<void>(0), parts);
}

// Checks a constant size_splits against the outputs' sizes along the axis.
Status CheckSizeSplits(const TensorView& t, const int32_t* sizes, int n, int32_t dim) {
  int32_t splits[kMaxDataMovementTensors];
  int count = 0;
  MOTE_TRY(dm::ReadConstInts(t, "size_splits", splits, kMaxDataMovementTensors, &count));
  if (t.rank() != 1 || count != n) {
    return Status::Error(StatusCode::kInvalidModel, "size_splits must be 1-D with %d entries", n);
  }
  int unknown = -1;
  int64_t known = 0;
  for (int i = 0; i < n; ++i) {
    if (splits[i] == -1 && unknown < 0) {
      unknown = i;
    } else if (splits[i] < 0) {
      return Status::Error(StatusCode::kInvalidModel, "size_splits[%d] = %d is invalid", i,
                           static_cast<int>(splits[i]));
    } else {
      known += splits[i];
    }
  }
  if (unknown >= 0) splits[unknown] = static_cast<int32_t>(dim - known);
  if ((unknown < 0 && known != dim) || (unknown >= 0 && known > dim)) {
    return Status::Error(StatusCode::kInvalidModel, "size_splits do not add up to %d",
                         static_cast<int>(dim));
  }
  for (int i = 0; i < n; ++i) {
    if (splits[i] != sizes[i]) {
      return Status::Error(StatusCode::kInvalidModel, "output %d has size %d, size_splits says %d",
                           i, static_cast<int>(sizes[i]), static_cast<int>(splits[i]));
    }
  }
  return Status::Ok();
}

Status PrepareSplitV(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1) || !ctx.has_input(2)) {
    return Status::Error(StatusCode::kInvalidModel, "SPLIT_V needs input, size_splits and axis");
  }
  const size_t n = ctx.num_outputs();
  if (n == 0 || n > kMaxDataMovementTensors) {
    return Status::Error(StatusCode::kUnsupported, "%zu outputs (1..%d supported)", n,
                         kMaxDataMovementTensors);
  }
  const int num = static_cast<int>(n);
  if (ctx.options().GetInt32(0, num) != num) {
    return Status::Error(StatusCode::kInvalidModel, "num_splits differs from output count %d", num);
  }
  const TensorView in = ctx.input(0);
  int32_t axis_value = 0;
  int count = 0;
  MOTE_TRY(dm::ReadConstInts(ctx.input(2), "axis", &axis_value, 1, &count));
  if (count != 1) return Status::Error(StatusCode::kInvalidModel, "axis must be a scalar");
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(axis_value, in.rank(), &axis));

  const size_t elem = DataTypeSize(in.type());
  uint32_t outer = 1, inner = 1;
  for (int a = 0; a < axis; ++a) outer *= static_cast<uint32_t>(in.dim(a));
  for (int a = axis + 1; a < in.rank(); ++a) inner *= static_cast<uint32_t>(in.dim(a));
  MOTE_ASSIGN_OR_RETURN(JoinParams * p, ctx.AllocateOpData<JoinParams>());
  int32_t sizes[kMaxDataMovementTensors];
  int64_t total = 0;
  for (int i = 0; i < num; ++i) {
    const TensorView part = ctx.output(static_cast<size_t>(i));
    MOTE_TRY(dm::CheckTypes(in, part, "output"));
    if (part.rank() != in.rank()) return dm::ShapeMismatch("output");
    for (int a = 0; a < in.rank(); ++a) {
      if (a != axis && part.dim(a) != in.dim(a)) return dm::ShapeMismatch("output");
    }
    sizes[i] = part.dim(axis);
    total += sizes[i];
    p->chunk_bytes[i] = static_cast<uint32_t>(static_cast<uint64_t>(sizes[i]) * inner * elem);
  }
  if (total != in.dim(axis)) return dm::ShapeMismatch("outputs along the axis");
  if (ctx.input(1).is_constant()) {
    MOTE_TRY(CheckSizeSplits(ctx.input(1), sizes, num, in.dim(axis)));
  }
  p->num_parts = num;
  p->outer = outer;
  ctx.set_eval(&EvalSplitV);
  return Status::Ok();
}

}  // namespace

namespace dm {
const OpKernel kSplitV{BuiltinOp::kSplitV, nullptr, &PrepareSplitV};
}  // namespace dm

namespace ops {
const OpKernel& SplitV() { return dm::kSplitV; }
}  // namespace ops

}  // namespace mote
