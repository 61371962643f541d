// SHAPE, FILL, ZEROS_LIKE: Prepare checks the tensors and precomputes the
// output (SHAPE) or its size; Eval only writes.
#include "kernels/fill/fill.h"

#include <cstring>

namespace mote {
namespace {

void EvalShape(const EvalContext& ctx) {
  WriteShape(ctx.op_data<ShapeParams>(), ctx.output<void>(0));
}
void EvalFill(const EvalContext& ctx) {
  FillValue(ctx.op_data<FillParams>(), ctx.input<void>(1), ctx.output<void>(0));
}
void EvalZerosLike(const EvalContext& ctx) {
  FillZeros(ctx.op_data<FillParams>(), ctx.output<void>(0));
}

Status Missing(const char* op) {
  return Status::Error(StatusCode::kInvalidModel, "%s is missing an input", op);
}

Status PrepareShape(PrepareContext& ctx) {
  if (!ctx.has_input(0)) return Missing("SHAPE");
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (out.type() != DataType::kInt32 && out.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kUnsupported, "SHAPE output must be int32 or int64, not %s",
                         DataTypeName(out.type()));
  }
  if (out.rank() != 1 || out.dim(0) != in.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "SHAPE output must be 1-D with %d entries",
                         in.rank());
  }
  MOTE_ASSIGN_OR_RETURN(ShapeParams * p, ctx.AllocateOpData<ShapeParams>());
  p->rank = in.rank();
  p->int64_output = out.type() == DataType::kInt64;
  for (int a = 0; a < in.rank(); ++a) p->dims[a] = in.dim(a);
  ctx.set_eval(&EvalShape);
  return Status::Ok();
}

bool FillTypeOk(DataType t, bool allow_bool) {
  return t == DataType::kFloat32 || t == DataType::kInt32 || t == DataType::kInt64 ||
         t == DataType::kInt8 || t == DataType::kInt16 || (allow_bool && t == DataType::kBool);
}

// A constant dims tensor must name exactly the output's shape.
Status CheckDims(const TensorView& dims, const TensorView& out) {
  if (dims.type() != DataType::kInt32 && dims.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "FILL dims must be int32 or int64");
  }
  if (dims.rank() != 1 || dims.dim(0) != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "FILL dims must be 1-D with %d entries",
                         out.rank());
  }
  if (!dims.is_constant()) return Status::Ok();  // the output's shape decides, as in TFLM
  if (dims.data().size() < dims.bytes()) {
    return Status::Error(StatusCode::kInvalidModel, "FILL dims data is truncated");
  }
  const uint8_t* raw = dims.data().data();
  for (int a = 0; a < out.rank(); ++a) {
    int64_t v;
    if (dims.type() == DataType::kInt32) {
      int32_t v32;
      std::memcpy(&v32, raw + 4 * a, 4);
      v = v32;
    } else {
      std::memcpy(&v, raw + 8 * a, 8);
    }
    if (v != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel, "FILL dims[%d] = %lld but the output has %d",
                           a, static_cast<long long>(v), static_cast<int>(out.dim(a)));
    }
  }
  return Status::Ok();
}

Status PrepareFill(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) return Missing("FILL");
  const TensorView value = ctx.input(1);
  const TensorView out = ctx.output(0);
  if (value.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "FILL value type %s differs from output %s",
                         DataTypeName(value.type()), DataTypeName(out.type()));
  }
  if (!FillTypeOk(out.type(), true)) {
    return Status::Error(StatusCode::kUnsupported, "FILL does not support %s",
                         DataTypeName(out.type()));
  }
  if (value.rank() != 0) {
    return Status::Error(StatusCode::kInvalidModel, "FILL value must be a scalar");
  }
  MOTE_TRY(CheckDims(ctx.input(0), out));
  MOTE_ASSIGN_OR_RETURN(FillParams * p, ctx.AllocateOpData<FillParams>());
  p->count = out.num_elements();
  p->element_size = static_cast<int32_t>(DataTypeSize(out.type()));
  ctx.set_eval(&EvalFill);
  return Status::Ok();
}

Status PrepareZerosLike(PrepareContext& ctx) {
  if (!ctx.has_input(0)) return Missing("ZEROS_LIKE");
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type() || !FillTypeOk(out.type(), false)) {
    return Status::Error(StatusCode::kUnsupported, "ZEROS_LIKE from %s to %s is not supported",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (in.rank() != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "ZEROS_LIKE output shape differs from input");
  }
  for (int a = 0; a < in.rank(); ++a) {
    if (in.dim(a) != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel, "ZEROS_LIKE output shape differs");
    }
  }
  MOTE_ASSIGN_OR_RETURN(FillParams * p, ctx.AllocateOpData<FillParams>());
  p->count = out.num_elements();
  p->element_size = static_cast<int32_t>(DataTypeSize(out.type()));
  ctx.set_eval(&EvalZerosLike);
  return Status::Ok();
}

constexpr OpKernel kShape{BuiltinOp::kShape, nullptr, &PrepareShape};
constexpr OpKernel kFill{BuiltinOp::kFill, nullptr, &PrepareFill};
constexpr OpKernel kZerosLike{BuiltinOp::kZerosLike, nullptr, &PrepareZerosLike};

}  // namespace

namespace ops {
Span<const OpKernel* const> fill_kernels() {
  static const OpKernel* const kList[] = {&kShape, &kFill, &kZerosLike};
  return Span<const OpKernel* const>(kList);
}
const OpKernel& Shape() { return kShape; }
const OpKernel& Fill() { return kFill; }
const OpKernel& ZerosLike() { return kZerosLike; }
}  // namespace ops

}  // namespace mote
