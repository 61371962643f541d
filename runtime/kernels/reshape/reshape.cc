#include "kernels/reshape/reshape.h"

#include <cstring>

namespace mote {

void ReshapeCopy(const ReshapeParams& params, const void* input, void* output) {
  if (input != output) std::memmove(output, input, params.bytes);
}

namespace {

void Eval(const EvalContext& ctx) {
  ReshapeCopy(ctx.op_data<ReshapeParams>(), ctx.input<void>(0), ctx.output<void>(0));
}

// All three ops: same type, same element count; the output shape is the one
// the model declares (shape inputs/options are checked against it).
Status PrepareShapeOnly(PrepareContext& ctx) {
  if (!ctx.has_input(0)) return Status::Error(StatusCode::kInvalidModel, "input 0 is missing");
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (in.num_elements() != out.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input has %u elements but output has %u", in.num_elements(),
                         out.num_elements());
  }
  MOTE_ASSIGN_OR_RETURN(ReshapeParams * params, ctx.AllocateOpData<ReshapeParams>());
  params->bytes = out.bytes();
  ctx.set_eval(&Eval);
  return Status::Ok();
}

Status PrepareReshape(PrepareContext& ctx) {
  // A constant new-shape input, if given, must agree with the output shape
  // (-1 stands for the one inferred dimension).
  if (ctx.has_input(1) && ctx.input(1).is_constant() && ctx.input(1).type() == DataType::kInt32) {
    const TensorView shape = ctx.input(1);
    const auto out_shape = ctx.output(0).shape();
    const uint32_t n = shape.num_elements();
    const int32_t* dims = reinterpret_cast<const int32_t*>(shape.data().data());
    // A scalar/empty shape [] or [0]-length vector means a scalar output.
    if (n != out_shape.size() && !(n == 1 && out_shape.size() == 0)) {
      return Status::Error(StatusCode::kInvalidModel,
                           "shape input has %u entries but output rank is %zu", n,
                           out_shape.size());
    }
    for (uint32_t i = 0; i < n && i < out_shape.size(); ++i) {
      if (dims[i] != -1 && dims[i] != out_shape[i]) {
        return Status::Error(StatusCode::kInvalidModel,
                             "shape input dimension %u is %d but output has %d", i,
                             static_cast<int>(dims[i]), static_cast<int>(out_shape[i]));
      }
    }
  }
  return PrepareShapeOnly(ctx);
}

constexpr OpKernel kReshape{BuiltinOp::kReshape, nullptr, &PrepareReshape, kOutputIsView};
constexpr OpKernel kSqueeze{BuiltinOp::kSqueeze, nullptr, &PrepareShapeOnly, kOutputIsView};
constexpr OpKernel kExpandDims{BuiltinOp::kExpandDims, nullptr, &PrepareShapeOnly, kOutputIsView};

}  // namespace

namespace ops {
const OpKernel& Reshape() { return kReshape; }
const OpKernel& Squeeze() { return kSqueeze; }
const OpKernel& ExpandDims() { return kExpandDims; }

Span<const OpKernel* const> reshape_kernels() {
  static const OpKernel* const kList[] = {&kReshape, &kSqueeze, &kExpandDims};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
