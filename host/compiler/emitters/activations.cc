// RELU, RELU6, LEAKY_RELU, LOGISTIC, TANH, HARD_SWISH: the op's params struct
// as const data and a call to the element-type's reference function.
#include "kernels/activations/activations.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] = R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});
)";

struct Printed {
  std::string params_type;
  Fields fields;
};

Printed Relu(const ReluParams& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Int("input_zero_point", p.input_zero_point)
      .Int("output_zero_point", p.output_zero_point)
      .Int("multiplier", p.multiplier)
      .Int("shift", p.shift)
      .Int("act_min", p.act_min)
      .Int("act_max", p.act_max);
  return {"ReluParams", f};
}

Printed Relu6(const Relu6Params& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u").Int("zero", p.zero).Int("six", p.six);
  return {"Relu6Params", f};
}

Printed LeakyRelu(const LeakyReluParams& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Float("alpha", p.alpha)
      .Int("input_zero_point", p.input_zero_point)
      .Int("output_zero_point", p.output_zero_point)
      .Int("multiplier_identity", p.multiplier_identity)
      .Int("shift_identity", p.shift_identity)
      .Int("multiplier_alpha", p.multiplier_alpha)
      .Int("shift_alpha", p.shift_alpha);
  return {"LeakyReluParams", f};
}

Printed Sigmoid(const SigmoidParams& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Int("input_zero_point", p.input_zero_point)
      .Int("input_range_radius", p.input_range_radius)
      .Int("input_multiplier", p.input_multiplier)
      .Int("input_left_shift", p.input_left_shift);
  return {"SigmoidParams", f};
}

Printed SigmoidS16(const SigmoidS16Params& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Int("multiplier", p.multiplier)
      .Int("right_shift", p.right_shift);
  return {"SigmoidS16Params", f};
}

Printed HardSwish(const HardSwishParams& p) {
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Int("input_zero_point", p.input_zero_point)
      .Int("output_zero_point", p.output_zero_point)
      .Add("reluish_multiplier", "static_cast<int16_t>(" + IntLiteral(p.reluish_multiplier) + ")")
      .Int("reluish_exponent", p.reluish_exponent)
      .Add("output_multiplier", "static_cast<int16_t>(" + IntLiteral(p.output_multiplier) + ")")
      .Int("output_exponent", p.output_exponent);
  return {"HardSwishParams", f};
}

}  // namespace

Status EmitActivation(OpEmitContext& ctx) {
  const DataType type = ctx.input(0).type;
  const char* suffix = type == DataType::kFloat32 ? "F32"
                       : type == DataType::kInt8  ? "S8"
                       : type == DataType::kInt16 ? "S16"
                                                  : nullptr;
  if (suffix == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  }
  Printed printed;
  std::string fn;
  switch (ctx.op().builtin) {
    case BuiltinOp::kRelu:
      printed = Relu(ctx.op_data<ReluParams>());
      fn = "Relu";
      break;
    case BuiltinOp::kRelu6:
      printed = Relu6(ctx.op_data<Relu6Params>());
      fn = "Relu6";
      break;
    case BuiltinOp::kLeakyRelu:
      printed = LeakyRelu(ctx.op_data<LeakyReluParams>());
      fn = "LeakyRelu";
      break;
    case BuiltinOp::kLogistic:
    case BuiltinOp::kTanh:
      printed = type == DataType::kInt16 ? SigmoidS16(ctx.op_data<SigmoidS16Params>())
                                         : Sigmoid(ctx.op_data<SigmoidParams>());
      fn = ctx.op().builtin == BuiltinOp::kLogistic ? "Logistic" : "Tanh";
      break;
    case BuiltinOp::kHardSwish:
      if (type == DataType::kInt16) {
        return Status::Error(StatusCode::kUnsupported, "int16 HARD_SWISH");
      }
      printed = HardSwish(ctx.op_data<HardSwishParams>());
      fn = "HardSwish";
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "not an activation");
  }
  ctx.Include("kernels/activations/activations.h");
  ctx.Define(Fill(kParamsTemplate, {{"params_type", printed.params_type},
                                    {"stem", ctx.stem()},
                                    {"fields", printed.fields.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", fn + suffix},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(0, "Input")},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
