// ADD and SUB: QuantAddSubParams / FloatBinaryParams / IntBinaryParams with
// the broadcast shape as const data. int8 ADD calls the kernel variant Prepare
// picked for the target (with its packed constants and scratch).
#include "compiler/emitter.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input1}}, {{input2}}, {{output}});
)";

}  // namespace

Status EmitAddSub(OpEmitContext& ctx) {
  const bool sub = ctx.op().builtin == BuiltinOp::kSub;
  const std::string op = sub ? "Sub" : "Add";
  const DataType type = ctx.output(0).type;
  std::string params_type, fn;
  Fields f;
  const AddS8OpData* add_s8 = nullptr;
  if (type == DataType::kInt8 || type == DataType::kInt16) {
    if (type == DataType::kInt8 && !sub) add_s8 = &ctx.op_data<AddS8OpData>();
    const QuantAddSubParams& p =
        add_s8 != nullptr ? add_s8->params : ctx.op_data<QuantAddSubParams>();
    params_type = "QuantAddSubParams";
    fn = op + (type == DataType::kInt8 ? "S8" : "S16");
    f.Nested("shape", BroadcastShapeFields(p.shape), 8)
        .Int("input1_offset", p.input1_offset)
        .Int("input2_offset", p.input2_offset)
        .Int("output_offset", p.output_offset)
        .Int("left_shift", p.left_shift)
        .Int("input1_multiplier", p.input1_multiplier)
        .Int("input1_shift", p.input1_shift)
        .Int("input2_multiplier", p.input2_multiplier)
        .Int("input2_shift", p.input2_shift)
        .Int("output_multiplier", p.output_multiplier)
        .Int("output_shift", p.output_shift)
        .Int("activation_min", p.activation_min)
        .Int("activation_max", p.activation_max);
  } else if (type == DataType::kFloat32) {
    const FloatBinaryParams& p = ctx.op_data<FloatBinaryParams>();
    params_type = "FloatBinaryParams";
    fn = op + "F32";
    f.Nested("shape", BroadcastShapeFields(p.shape), 8)
        .Float("activation_min", p.activation_min)
        .Float("activation_max", p.activation_max);
  } else if (type == DataType::kInt32) {
    const IntBinaryParams& p = ctx.op_data<IntBinaryParams>();
    params_type = "IntBinaryParams";
    fn = op + "S32";
    f.Nested("shape", BroadcastShapeFields(p.shape), 8)
        .Int("activation_min", p.activation_min)
        .Int("activation_max", p.activation_max);
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s output", DataTypeName(type));
  }
  ctx.Include("kernels/elementwise/elementwise.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  if (add_s8 != nullptr && add_s8->s8 != nullptr) {
    const AddS8Variant& v = *add_s8->s8;
    ctx.CallVariant(
        v.name, ctx.In(0, "Input1") + ", " + ctx.In(1, "Input2") + ", " + ctx.Out(0) + ", " +
                    ctx.VariantConstants(v, add_s8->params, add_s8->packed, add_s8->scratch_index));
    return Status::Ok();
  }
  ctx.Call(Fill(kCallTemplate, {{"fn", fn},
                                {"stem", ctx.stem()},
                                {"input1", ctx.In(0, "Input1")},
                                {"input2", ctx.In(1, "Input2")},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
