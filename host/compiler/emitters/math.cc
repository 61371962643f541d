// Float32 unary math (ABS, NEG, FLOOR, CEIL, ROUND, SQRT, RSQRT, SQUARE, SIN,
// COS, EXP, LOG): the element count as const data and a call to the op's
// reference function.
#include "kernels/math/math.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {

Status EmitUnaryMath(OpEmitContext& ctx) {
  const char* fn = UnaryF32FunctionName(ctx.op().builtin);
  if (fn == nullptr) return Status::Error(StatusCode::kInternal, "not a unary math op");
  const UnaryParams& p = *static_cast<const UnaryParams*>(ctx.op().op_data);
  Fields f;
  f.Add("size", std::to_string(p.size) + "u");
  ctx.Include("kernels/math/math.h");
  ctx.Define(Fill("const mote::UnaryParams k{{stem}}Params = {{fields}};\n",
                  {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(
      "  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});\n",
      {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
