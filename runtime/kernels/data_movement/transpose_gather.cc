// TRANSPOSE and GATHER, and this folder's kernel list.
#include <cstring>

#include "kernels/data_movement/data_movement.h"
#include "kernels/data_movement/prepare_util.h"

namespace mote {
namespace {

void EvalTranspose(const EvalContext& ctx) {
  TransposeCopy(ctx.op_data<TransposeParams>(), ctx.input<void>(0), ctx.output<void>(0));
}

Status PrepareTranspose(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "TRANSPOSE needs input and perm");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  MOTE_TRY(dm::CheckTypes(in, out, "output"));
  const int rank = in.rank();
  int32_t perm[kMaxRank];
  int n = 0;
  MOTE_TRY(dm::ReadConstInts(ctx.input(1), "perm", perm, kMaxRank, &n));
  if (n != rank || out.rank() != rank) {
    return Status::Error(StatusCode::kInvalidModel, "perm has %d entries for rank %d", n, rank);
  }
  MOTE_ASSIGN_OR_RETURN(TransposeParams * p, ctx.AllocateOpData<TransposeParams>());
  int64_t stride[kMaxRank];
  if (rank > 0) stride[rank - 1] = 1;
  for (int a = rank - 2; a >= 0; --a) stride[a] = stride[a + 1] * in.dim(a + 1);
  bool used[kMaxRank] = {};
  for (int a = 0; a < rank; ++a) {
    const int32_t src = perm[a];
    if (src < 0 || src >= rank || used[src]) {
      return Status::Error(StatusCode::kInvalidModel, "perm is not a permutation of 0..%d",
                           rank - 1);
    }
    used[src] = true;
    if (out.dim(a) != in.dim(src)) return dm::ShapeMismatch("output");
    p->out_dims[a] = out.dim(a);
    p->in_stride[a] = stride[src];
  }
  p->rank = rank;
  p->element_size = static_cast<int32_t>(DataTypeSize(in.type()));
  ctx.set_eval(&EvalTranspose);
  return Status::Ok();
}

void EvalGather(const EvalContext& ctx) {
  GatherCopy(ctx.op_data<GatherParams>(), ctx.input<void>(0), ctx.input<void>(1),
             ctx.output<void>(0));
}

uint32_t Product(Span<const int32_t> shape, int begin, int end) {
  uint32_t n = 1;
  for (int a = begin; a < end; ++a) n *= static_cast<uint32_t>(shape[static_cast<size_t>(a)]);
  return n;
}

Status PrepareGather(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "GATHER needs params and indices");
  }
  const TensorView in = ctx.input(0);
  const TensorView idx = ctx.input(1);
  const TensorView out = ctx.output(0);
  MOTE_TRY(dm::CheckTypes(in, out, "output"));
  if (idx.type() != DataType::kInt32 && idx.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "indices must be int32 or int64");
  }
  const int rank = in.rank();
  const int idx_rank = idx.rank();
  int axis = 0;
  MOTE_TRY(dm::NormalizeAxis(ctx.options().GetInt32(0, 0), rank, &axis));
  int32_t batch_dims = ctx.options().GetInt32(1, 0);
  if (batch_dims < 0) batch_dims += idx_rank;
  if (batch_dims < 0 || batch_dims > idx_rank || batch_dims > axis) {
    return Status::Error(StatusCode::kInvalidModel, "batch_dims %d is out of range",
                         static_cast<int>(batch_dims));
  }
  for (int a = 0; a < batch_dims; ++a) {
    if (idx.dim(a) != in.dim(a)) return dm::ShapeMismatch("indices batch");
  }
  // Output shape: in[:axis] + indices[batch_dims:] + in[axis+1:].
  const int out_rank = rank - 1 + idx_rank - batch_dims;
  if (out.rank() != out_rank) return dm::ShapeMismatch("output");
  int o = 0;
  for (int a = 0; a < axis; ++a) {
    if (out.dim(o++) != in.dim(a)) return dm::ShapeMismatch("output");
  }
  for (int a = batch_dims; a < idx_rank; ++a) {
    if (out.dim(o++) != idx.dim(a)) return dm::ShapeMismatch("output");
  }
  for (int a = axis + 1; a < rank; ++a) {
    if (out.dim(o++) != in.dim(a)) return dm::ShapeMismatch("output");
  }
  MOTE_ASSIGN_OR_RETURN(GatherParams * p, ctx.AllocateOpData<GatherParams>());
  p->batches = Product(in.shape(), 0, batch_dims);
  p->outer = Product(in.shape(), batch_dims, axis);
  p->num_indices = Product(idx.shape(), batch_dims, idx_rank);
  p->axis_size = in.dim(axis);
  p->inner_bytes =
      Product(in.shape(), axis + 1, rank) * static_cast<uint32_t>(DataTypeSize(in.type()));
  p->indices_int64 = idx.type() == DataType::kInt64;
  // Constant indices are checked now; runtime ones are made safe in GatherCopy.
  if (idx.is_constant() && idx.data().size() >= idx.bytes()) {
    const uint8_t* raw = idx.data().data();
    for (uint32_t i = 0; i < idx.num_elements(); ++i) {
      int64_t v = 0;
      if (p->indices_int64) {
        std::memcpy(&v, raw + 8 * i, 8);
      } else {
        int32_t v32;
        std::memcpy(&v32, raw + 4 * i, 4);
        v = v32;
      }
      if (v < 0 || v >= p->axis_size) {
        return Status::Error(StatusCode::kInvalidModel, "index %lld is out of range [0, %d)",
                             static_cast<long long>(v), static_cast<int>(p->axis_size));
      }
    }
  }
  ctx.set_eval(&EvalGather);
  return Status::Ok();
}

constexpr OpKernel kTranspose{BuiltinOp::kTranspose, nullptr, &PrepareTranspose};
constexpr OpKernel kGather{BuiltinOp::kGather, nullptr, &PrepareGather};

}  // namespace

namespace ops {
const OpKernel& Transpose() { return kTranspose; }
const OpKernel& Gather() { return kGather; }

Span<const OpKernel* const> data_movement_kernels() {
  static const OpKernel* const kList[] = {&dm::kConcatenation, &dm::kPack,  &dm::kSplit,
                                          &dm::kUnpack,        &kTranspose, &kGather,
                                          &dm::kSplitV};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
