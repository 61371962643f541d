// MUL, DIV, MINIMUM, MAXIMUM (ADD and SUB: add_sub.cc): the op's params with
// its broadcast shape as const data and a call to the element type's
// reference function.
#include "kernels/elementwise/elementwise.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input1}}, {{input2}}, {{output}});
)";

Fields QuantMulFields(const QuantMulParams& p) {
  Fields f;
  f.Nested("shape", BroadcastShapeFields(p.shape), 8)
      .Int("input1_offset", p.input1_offset)
      .Int("input2_offset", p.input2_offset)
      .Int("output_offset", p.output_offset)
      .Int("output_multiplier", p.output_multiplier)
      .Int("output_shift", p.output_shift)
      .Int("activation_min", p.activation_min)
      .Int("activation_max", p.activation_max);
  return f;
}

Fields FloatFields(const FloatBinaryParams& p) {
  Fields f;
  f.Nested("shape", BroadcastShapeFields(p.shape), 8)
      .Float("activation_min", p.activation_min)
      .Float("activation_max", p.activation_max);
  return f;
}

Fields IntFields(const IntBinaryParams& p) {
  Fields f;
  f.Nested("shape", BroadcastShapeFields(p.shape), 8)
      .Int("activation_min", p.activation_min)
      .Int("activation_max", p.activation_max);
  return f;
}

void EmitBinary(OpEmitContext& ctx, const std::string& params_type, const std::string& fn,
                const Fields& fields) {
  ctx.Include("kernels/elementwise/elementwise.h");
  ctx.Define(
      Fill(kParamsTemplate,
           {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", fields.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", fn},
                                {"stem", ctx.stem()},
                                {"input1", ctx.In(0, "Input1")},
                                {"input2", ctx.In(1, "Input2")},
                                {"output", ctx.Out(0)}}));
}

}  // namespace

Status EmitMul(OpEmitContext& ctx) {
  const DataType type = ctx.output(0).type;
  switch (type) {
    case DataType::kInt8:
    case DataType::kInt16:
      EmitBinary(ctx, "QuantMulParams", type == DataType::kInt8 ? "MulS8" : "MulS16",
                 QuantMulFields(ctx.op_data<QuantMulParams>()));
      return Status::Ok();
    case DataType::kFloat32:
      EmitBinary(ctx, "FloatBinaryParams", "MulF32", FloatFields(ctx.op_data<FloatBinaryParams>()));
      return Status::Ok();
    case DataType::kInt32:
      EmitBinary(ctx, "IntBinaryParams", "MulS32", IntFields(ctx.op_data<IntBinaryParams>()));
      return Status::Ok();
    default:
      return Status::Error(StatusCode::kUnsupported, "%s output", DataTypeName(type));
  }
}

Status EmitDiv(OpEmitContext& ctx) {
  const DataType type = ctx.output(0).type;
  switch (type) {
    case DataType::kInt8:
      EmitBinary(ctx, "QuantDivParams", "DivS8", QuantMulFields(ctx.op_data<QuantDivParams>()));
      return Status::Ok();
    case DataType::kFloat32:
      EmitBinary(ctx, "FloatBinaryParams", "DivF32", FloatFields(ctx.op_data<FloatBinaryParams>()));
      return Status::Ok();
    case DataType::kInt32:
      EmitBinary(ctx, "IntBinaryParams", "DivS32", IntFields(ctx.op_data<IntBinaryParams>()));
      return Status::Ok();
    default:
      return Status::Error(StatusCode::kUnsupported, "%s output", DataTypeName(type));
  }
}

Status EmitMinimumMaximum(OpEmitContext& ctx) {
  const DataType type = ctx.output(0).type;
  const char* suffix = type == DataType::kFloat32 ? "F32"
                       : type == DataType::kInt8  ? "S8"
                       : type == DataType::kInt16 ? "S16"
                       : type == DataType::kInt32 ? "S32"
                       : type == DataType::kInt64 ? "S64"
                                                  : nullptr;
  if (suffix == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "%s output", DataTypeName(type));
  }
  const bool max = ctx.op().builtin == BuiltinOp::kMaximum;
  EmitBinary(ctx, "BroadcastShape", std::string(max ? "Maximum" : "Minimum") + suffix,
             BroadcastShapeFields(ctx.op_data<BroadcastShape>()));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
