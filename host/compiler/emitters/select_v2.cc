// SELECT_V2: the three inputs' broadcast strides as const data and a call to
// the byte-copying reference function.
#include "compiler/emitter.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace aot {

Status EmitSelectV2(OpEmitContext& ctx) {
  const SelectParams& p = ctx.op_data<SelectParams>();
  Fields f;
  f.Add("dims", IntList(p.dims, kBroadcastRank))
      .Add("cond_stride", UintList(p.cond_stride, kBroadcastRank))
      .Add("x_stride", UintList(p.x_stride, kBroadcastRank))
      .Add("y_stride", UintList(p.y_stride, kBroadcastRank))
      .Add("size", std::to_string(p.size) + "u")
      .Int("element_size", p.element_size);
  ctx.Include("kernels/elementwise/elementwise.h");
  ctx.Define(Fill("const mote::SelectParams k{{stem}}Params = {{fields}};\n",
                  {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill("  mote::SelectV2(k{{stem}}Params, {{condition}}, {{x}}, {{y}}, {{output}});\n",
                {{"stem", ctx.stem()},
                 {"condition", ctx.In(0, "Condition")},
                 {"x", ctx.In(1, "X")},
                 {"y", ctx.In(2, "Y")},
                 {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
