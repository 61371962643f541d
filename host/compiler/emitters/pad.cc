// PAD / PADV2: PadParams as const data; the pad value is the params' default
// or PADV2's third input.
#include "kernels/pad/pad.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::PadParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::PadCopy(k{{stem}}Params, {{input}}, {{value}}, {{output}});
)";

}  // namespace

Status EmitPad(OpEmitContext& ctx) {
  const PadParams& p = ctx.op_data<PadParams>();
  std::string bytes = "{";
  for (int i = 0; i < 8; ++i) bytes += (i ? ", " : "") + std::to_string(p.default_pad_value[i]);
  bytes += "}";
  Fields f;
  f.Int("rank", p.rank)
      .Int("element_size", p.element_size)
      .Add("in_dims", IntList(p.in_dims, kMaxRank))
      .Add("out_dims", IntList(p.out_dims, kMaxRank))
      .Add("left", IntList(p.left, kMaxRank))
      .Add("right", IntList(p.right, kMaxRank))
      .Bool("has_pad_value_input", p.has_pad_value_input)
      .Add("default_pad_value", bytes);
  const std::string stem = ctx.stem();
  ctx.Include("kernels/pad/pad.h");
  ctx.Define(Fill(kParamsTemplate, {{"stem", stem}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate,
                {{"stem", stem},
                 {"input", ctx.In(0, "Input")},
                 {"value", p.has_pad_value_input ? ctx.In(2, "PadValue")
                                                 : "k" + stem + "Params.default_pad_value"},
                 {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
