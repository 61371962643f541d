// SLICE: input[begin[a] : begin[a] + size[a]] along every axis, size -1 meaning
// "to the end" (TFLite's semantics). Resolved in Prepare into the same
// StridedSliceParams as STRIDED_SLICE (stride 1), so one reference kernel and
// one emitter serve both ops.
#include <cstring>

#include "kernels/strided_slice/strided_slice.h"

namespace mote {
namespace {

void EvalSlice(const EvalContext& ctx) {
  StridedSliceCopy(ctx.op_data<StridedSliceOpData>().params, ctx.input<void>(0),
                   ctx.output<void>(0));
}

// Reads a constant 1-D int32/int64 tensor of exactly `count` entries as int64.
Status ReadVector(const TensorView& t, const char* what, int count, int64_t* out) {
  if (!t.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "SLICE %s must be a constant tensor", what);
  }
  if (t.type() != DataType::kInt32 && t.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "SLICE %s must be int32 or int64", what);
  }
  if (t.rank() != 1 || t.dim(0) != count || t.data().size() < t.bytes()) {
    return Status::Error(StatusCode::kInvalidModel, "SLICE %s must be 1-D with %d entries", what,
                         count);
  }
  const uint8_t* raw = t.data().data();
  for (int i = 0; i < count; ++i) {
    if (t.type() == DataType::kInt32) {
      int32_t v;
      std::memcpy(&v, raw + 4 * i, 4);
      out[i] = v;
    } else {
      std::memcpy(&out[i], raw + 8 * i, 8);
    }
  }
  return Status::Ok();
}

Status PrepareSlice(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1) || !ctx.has_input(2) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "SLICE needs input, begin, size and 1 output");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "SLICE input type %s differs from output %s",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  const size_t element_size = DataTypeSize(in.type());
  if (element_size != 1 && element_size != 2 && element_size != 4 && element_size != 8) {
    return Status::Error(StatusCode::kUnsupported, "SLICE does not support %s",
                         DataTypeName(in.type()));
  }
  const int rank = in.rank();
  int64_t begin[kMaxRank], size[kMaxRank];
  MOTE_TRY(ReadVector(ctx.input(1), "begin", rank, begin));
  MOTE_TRY(ReadVector(ctx.input(2), "size", rank, size));
  if (out.rank() != rank) {
    return Status::Error(StatusCode::kInvalidModel, "SLICE output rank %d differs from input %d",
                         out.rank(), rank);
  }
  MOTE_ASSIGN_OR_RETURN(StridedSliceOpData * data, ctx.AllocateOpData<StridedSliceOpData>());
  StridedSliceParams& p = data->params;
  p.rank = rank;
  p.element_size = static_cast<int32_t>(element_size);
  for (int a = 0; a < kMaxRank; ++a) {
    p.in_dims[a] = 1, p.start[a] = 0, p.stride[a] = 1, p.count[a] = 1;
  }
  for (int a = 0; a < rank; ++a) {
    const int64_t dim = in.dim(a);
    const int64_t b = begin[a];
    const int64_t s = size[a] == -1 ? dim - b : size[a];
    if (b < 0 || b > dim || s < 0 || b + s > dim) {
      return Status::Error(StatusCode::kInvalidModel,
                           "SLICE begin %lld size %lld is outside dimension %d (%lld)",
                           static_cast<long long>(b), static_cast<long long>(size[a]), a,
                           static_cast<long long>(dim));
    }
    if (out.dim(a) != s) {
      return Status::Error(StatusCode::kInvalidModel,
                           "SLICE gives dimension %d = %lld but the output declares %d", a,
                           static_cast<long long>(s), static_cast<int>(out.dim(a)));
    }
    p.in_dims[a] = static_cast<int32_t>(dim);
    p.start[a] = static_cast<int32_t>(b);
    p.count[a] = static_cast<int32_t>(s);
  }
  ctx.set_eval(&EvalSlice);
  return Status::Ok();
}

}  // namespace

namespace strided_slice {
const OpKernel kSlice{BuiltinOp::kSlice, nullptr, &PrepareSlice};
}  // namespace strided_slice

namespace ops {
const OpKernel& Slice() { return strided_slice::kSlice; }
}  // namespace ops

}  // namespace mote
