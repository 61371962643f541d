// CONCATENATION, PACK, SPLIT, UNPACK.
#include "kernels/data_movement/data_movement.h"
#include "kernels/data_movement/prepare_util.h"

namespace mote {
namespace {

using dm::ShapeMismatch;

void EvalJoin(const EvalContext& ctx) {
  const JoinParams& p = ctx.op_data<JoinParams>();
  const void* parts[kMaxDataMovementTensors];
  for (int32_t i = 0; i < p.num_parts; ++i) parts[i] = ctx.input<void>(static_cast<size_t>(i));
  JoinCopy(p, parts, ctx.output<void>(0));
}

void EvalSplit(const EvalContext& ctx, size_t joined_input) {
  const JoinParams& p = ctx.op_data<JoinParams>();
  void* parts[kMaxDataMovementTensors];
  for (int32_t i = 0; i < p.num_parts; ++i) parts[i] = ctx.output<void>(static_cast<size_t>(i));
  SplitCopy(p, ctx.input<void>(joined_input), parts);
}
void EvalSplitOp(const EvalContext& ctx) { EvalSplit(ctx, 1); }
void EvalUnpack(const EvalContext& ctx) { EvalSplit(ctx, 0); }

uint32_t Product(Span<const int32_t> shape, int begin, int end) {
  uint32_t n = 1;
  for (int a = begin; a < end; ++a) n *= static_cast<uint32_t>(shape[static_cast<size_t>(a)]);
  return n;
}

// Fills `p` for joining/splitting `parts` into `whole` along `axis` of `whole`.
// With `stacked`, each part lacks the axis (PACK/UNPACK) and contributes one
// slice; otherwise parts have the whole's rank and any size along the axis.
Status Plan(const TensorView& whole, const TensorView* parts, int num_parts, int axis,
            bool stacked, JoinParams* p) {
  const Span<const int32_t> ws = whole.shape();
  const int rank = whole.rank();
  const size_t elem = DataTypeSize(whole.type());
  const uint32_t inner = Product(ws, axis + 1, rank);
  int64_t axis_total = 0;
  for (int i = 0; i < num_parts; ++i) {
    MOTE_TRY(dm::CheckTypes(whole, parts[i], "part"));
    const Span<const int32_t> ps = parts[i].shape();
    if (static_cast<int>(ps.size()) != (stacked ? rank - 1 : rank)) return ShapeMismatch("part");
    for (int a = 0, b = 0; a < rank; ++a) {
      if (a == axis) {
        if (!stacked) axis_total += ps[static_cast<size_t>(b++)];
        continue;
      }
      if (ps[static_cast<size_t>(b++)] != ws[static_cast<size_t>(a)]) return ShapeMismatch("part");
    }
    const int64_t along = stacked ? 1 : ps[static_cast<size_t>(axis)];
    p->chunk_bytes[i] = static_cast<uint32_t>(along * inner * elem);
  }
  if (stacked) axis_total = num_parts;
  if (axis_total != ws[static_cast<size_t>(axis)]) return ShapeMismatch("joined");
  p->num_parts = num_parts;
  p->outer = Product(ws, 0, axis);
  return Status::Ok();
}

Status CollectInputs(PrepareContext& ctx, size_t first, TensorView* parts, int* n) {
  const size_t count = ctx.num_inputs() - first;
  if (count == 0 || count > kMaxDataMovementTensors) {
    return Status::Error(StatusCode::kUnsupported, "%zu inputs (1..%d supported)", count,
                         kMaxDataMovementTensors);
  }
  for (size_t i = 0; i < count; ++i) {
    if (!ctx.has_input(first + i)) {
      return Status::Error(StatusCode::kInvalidModel, "input %zu is missing", first + i);
    }
    parts[i] = ctx.input(first + i);
  }
  *n = static_cast<int>(count);
  return Status::Ok();
}

Status CollectOutputs(PrepareContext& ctx, TensorView* parts, int* n) {
  const size_t count = ctx.num_outputs();
  if (count == 0 || count > kMaxDataMovementTensors) {
    return Status::Error(StatusCode::kUnsupported, "%zu outputs (1..%d supported)", count,
                         kMaxDataMovementTensors);
  }
  for (size_t i = 0; i < count; ++i) parts[i] = ctx.output(i);
  *n = static_cast<int>(count);
  return Status::Ok();
}

Status PrepareConcatenation(PrepareContext& ctx) {
  TensorView parts[kMaxDataMovementTensors];
  int n = 0;
  MOTE_TRY(CollectInputs(ctx, 0, parts, &n));
  const TensorView out = ctx.output(0);
  if (ctx.options().GetInt8(1, 0) != 0) {
    return Status::Error(StatusCode::kUnsupported, "fused activation is not supported");
  }
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(ctx.options().GetInt32(0, 0), out.rank(), &axis));
  MOTE_ASSIGN_OR_RETURN(JoinParams * p, ctx.AllocateOpData<JoinParams>());
  MOTE_TRY(Plan(out, parts, n, axis, false, p));
  ctx.set_eval(&EvalJoin);
  return Status::Ok();
}

Status PreparePack(PrepareContext& ctx) {
  TensorView parts[kMaxDataMovementTensors];
  int n = 0;
  MOTE_TRY(CollectInputs(ctx, 0, parts, &n));
  const TensorView out = ctx.output(0);
  if (ctx.options().GetInt32(0, n) != n) {
    return Status::Error(StatusCode::kInvalidModel, "values_count differs from input count %d",
                         n);
  }
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(ctx.options().GetInt32(1, 0), out.rank(), &axis));
  MOTE_ASSIGN_OR_RETURN(JoinParams * p, ctx.AllocateOpData<JoinParams>());
  MOTE_TRY(Plan(out, parts, n, axis, true, p));
  ctx.set_eval(&EvalJoin);
  return Status::Ok();
}

Status PrepareSplit(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "SPLIT needs axis and input");
  }
  TensorView parts[kMaxDataMovementTensors];
  int n = 0;
  MOTE_TRY(CollectOutputs(ctx, parts, &n));
  const TensorView in = ctx.input(1);
  if (ctx.options().GetInt32(0, n) != n) {
    return Status::Error(StatusCode::kInvalidModel, "num_splits differs from output count %d", n);
  }
  int32_t axis_value = 0;
  int count = 0;
  MOTE_TRY(dm::ReadConstInts(ctx.input(0), "axis", &axis_value, 1, &count));
  if (count != 1) return Status::Error(StatusCode::kInvalidModel, "axis must be a scalar");
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(axis_value, in.rank(), &axis));
  if (in.dim(axis) % n != 0) {
    return Status::Error(StatusCode::kInvalidModel, "dimension %d is not divisible by %d",
                         static_cast<int>(in.dim(axis)), n);
  }
  for (int i = 0; i < n; ++i) {
    if (parts[i].rank() != in.rank() || parts[i].dim(axis) != in.dim(axis) / n) {
      return ShapeMismatch("output");
    }
  }
  MOTE_ASSIGN_OR_RETURN(JoinParams * p, ctx.AllocateOpData<JoinParams>());
  MOTE_TRY(Plan(in, parts, n, axis, false, p));
  ctx.set_eval(&EvalSplitOp);
  return Status::Ok();
}

Status PrepareUnpack(PrepareContext& ctx) {
  if (!ctx.has_input(0)) return Status::Error(StatusCode::kInvalidModel, "input is missing");
  TensorView parts[kMaxDataMovementTensors];
  int n = 0;
  MOTE_TRY(CollectOutputs(ctx, parts, &n));
  const TensorView in = ctx.input(0);
  if (ctx.options().GetInt32(0, n) != n) {
    return Status::Error(StatusCode::kInvalidModel, "num differs from output count %d", n);
  }
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(ctx.options().GetInt32(1, 0), in.rank(), &axis));
  MOTE_ASSIGN_OR_RETURN(JoinParams * p, ctx.AllocateOpData<JoinParams>());
  MOTE_TRY(Plan(in, parts, n, axis, true, p));
  ctx.set_eval(&EvalUnpack);
  return Status::Ok();
}

}  // namespace

namespace dm {
const OpKernel kConcatenation{BuiltinOp::kConcatenation, nullptr, &PrepareConcatenation};
const OpKernel kPack{BuiltinOp::kPack, nullptr, &PreparePack};
const OpKernel kSplit{BuiltinOp::kSplit, nullptr, &PrepareSplit};
const OpKernel kUnpack{BuiltinOp::kUnpack, nullptr, &PrepareUnpack};
}  // namespace dm

namespace ops {
const OpKernel& Concatenation() { return dm::kConcatenation; }
const OpKernel& Pack() { return dm::kPack; }
const OpKernel& Split() { return dm::kSplit; }
const OpKernel& Unpack() { return dm::kUnpack; }
}  // namespace ops

}  // namespace mote
