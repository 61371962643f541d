// Float32 PRELU and SQUARED_DIFFERENCE: the broadcast shape as const data and
// a call to the reference function.
#include "compiler/emitter.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace aot {

Status EmitFloatBinary(OpEmitContext& ctx) {
  const bool prelu = ctx.op().builtin == BuiltinOp::kPrelu;
  ctx.Include("kernels/elementwise/elementwise.h");
  ctx.Define(Fill("const mote::BroadcastShape k{{stem}}Params = {{fields}};\n",
                  {{"stem", ctx.stem()},
                   {"fields", BroadcastShapeFields(ctx.op_data<BroadcastShape>()).Render()}}));
  ctx.Call(Fill("  mote::{{fn}}(k{{stem}}Params, {{input1}}, {{input2}}, {{output}});\n",
                {{"fn", prelu ? "PreluF32" : "SquaredDifferenceF32"},
                 {"stem", ctx.stem()},
                 {"input1", ctx.In(0, "Input1")},
                 {"input2", ctx.In(1, prelu ? "Alpha" : "Input2")},
                 {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
