#include "kernels/strided_slice/strided_slice.h"

#include <cstring>
#include <limits>

namespace mote {
namespace {

constexpr int kMaxEntries = 32;

void Eval(const EvalContext& ctx) {
  StridedSliceCopy(ctx.op_data<StridedSliceOpData>().params, ctx.input<void>(0), ctx.output<void>(0));
}

// Copies a constant 1-D int32/int64 tensor into `out` (values must fit int32).
Status ReadIndexTensor(const TensorView& t, const char* what, int32_t* out, int* count) {
  if (!t.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "%s must be a constant tensor", what);
  }
  if (t.type() != DataType::kInt32 && t.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "%s must be int32 or int64", what);
  }
  if (t.rank() != 1 || t.dim(0) > kMaxEntries || t.data().size() < t.bytes()) {
    return Status::Error(StatusCode::kInvalidModel, "%s must be 1-D with at most %d entries",
                         what, kMaxEntries);
  }
  *count = t.dim(0);
  const uint8_t* raw = t.data().data();
  for (int i = 0; i < *count; ++i) {
    if (t.type() == DataType::kInt32) {
      std::memcpy(&out[i], raw + 4 * i, 4);
    } else {
      int64_t v;
      std::memcpy(&v, raw + 8 * i, 8);
      if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
        return Status::Error(StatusCode::kUnsupported, "%s value %lld does not fit int32", what,
                             static_cast<long long>(v));
      }
      out[i] = static_cast<int32_t>(v);
    }
  }
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  if (ctx.num_inputs() < 3 || !ctx.has_input(0) || !ctx.has_input(1) || !ctx.has_input(2) ||
      ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel,
                         "STRIDED_SLICE needs input, begin, end (, strides) and one output");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const DataType type = in.type();
  if (type != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(type), DataTypeName(out.type()));
  }
  const size_t element_size = DataTypeSize(type);
  if (element_size != 1 && element_size != 2 && element_size != 4 && element_size != 8) {
    return Status::Error(StatusCode::kUnsupported, "STRIDED_SLICE does not support %s",
                         DataTypeName(type));
  }
  int32_t begin[kMaxEntries], end[kMaxEntries], strides[kMaxEntries];
  int n_begin = 0, n_end = 0, n_strides = 0;
  MOTE_TRY(ReadIndexTensor(ctx.input(1), "begin", begin, &n_begin));
  MOTE_TRY(ReadIndexTensor(ctx.input(2), "end", end, &n_end));
  if (ctx.has_input(3)) {
    MOTE_TRY(ReadIndexTensor(ctx.input(3), "strides", strides, &n_strides));
  } else {
    n_strides = n_begin;
    for (int i = 0; i < n_strides; ++i) strides[i] = 1;
  }
  if (n_begin != n_end || n_begin != n_strides) {
    return Status::Error(StatusCode::kInvalidModel,
                         "begin, end and strides have %d, %d and %d entries", n_begin, n_end,
                         n_strides);
  }
  const OptionsView o = ctx.options();
  StridedSliceSpec spec;
  spec.num_entries = n_begin;
  spec.begin = begin;
  spec.end = end;
  spec.strides = strides;
  spec.begin_mask = o.GetInt32(0, 0);
  spec.end_mask = o.GetInt32(1, 0);
  spec.ellipsis_mask = o.GetInt32(2, 0);
  spec.new_axis_mask = o.GetInt32(3, 0);
  spec.shrink_axis_mask = o.GetInt32(4, 0);
  spec.offset = o.GetBool(5, false);

  MOTE_ASSIGN_OR_RETURN(StridedSliceOpData * data, ctx.AllocateOpData<StridedSliceOpData>());
  int32_t out_dims[kMaxRank];
  int out_rank = 0;
  MOTE_TRY(ResolveStridedSlice(spec, in.shape(), &data->params, out_dims, &out_rank));
  data->params.element_size = static_cast<int32_t>(element_size);
  if (out_rank != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "slice gives rank %d but output has rank %d",
                         out_rank, out.rank());
  }
  for (int a = 0; a < out_rank; ++a) {
    if (out_dims[a] != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel,
                           "slice gives output dimension %d = %d but the model declares %d", a,
                           static_cast<int>(out_dims[a]), static_cast<int>(out.dim(a)));
    }
  }
  ctx.set_eval(&Eval);
  return Status::Ok();
}

constexpr OpKernel kStridedSlice{BuiltinOp::kStridedSlice, nullptr, &Prepare};

}  // namespace

namespace ops {
const OpKernel& StridedSlice() { return kStridedSlice; }

Span<const OpKernel* const> strided_slice_kernels() {
  static const OpKernel* const kList[] = {&kStridedSlice, &strided_slice::kSlice};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
