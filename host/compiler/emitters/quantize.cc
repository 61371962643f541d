// QUANTIZE: float -> int8/int16 (AffineQuantizeParams) or integer requantization
// (RequantizeParams) as const data.
#include "kernels/quantize/quantize.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] = R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});
)";

}  // namespace

Status EmitQuantize(OpEmitContext& ctx) {
  const DataType in = ctx.input(0).type;
  const DataType out = ctx.output(0).type;
  std::string params_type, fn;
  Fields f;
  if (in == DataType::kFloat32) {
    const AffineQuantizeParams& p = ctx.op_data<AffineQuantizeParams>();
    params_type = "AffineQuantizeParams";
    fn = out == DataType::kInt8 ? "AffineQuantizeF32ToS8" : "AffineQuantizeF32ToS16";
    f.Add("size", std::to_string(p.size) + "u")
        .Float("scale", p.scale)
        .Int("zero_point", p.zero_point);
  } else {
    const RequantizeParams& p = ctx.op_data<RequantizeParams>();
    params_type = "RequantizeParams";
    fn = "Requantize";  // overloaded on the element types
    f.Add("size", std::to_string(p.size) + "u")
        .Int("multiplier", p.multiplier)
        .Int("shift", p.shift)
        .Int("input_zero_point", p.input_zero_point)
        .Int("output_zero_point", p.output_zero_point);
  }
  ctx.Include("kernels/quantize/quantize.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(
      kCallTemplate,
      {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
