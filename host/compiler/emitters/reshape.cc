// RESHAPE, SQUEEZE, EXPAND_DIMS: a copy, or nothing when the planner put the
// output on the input (ReshapeCopy skips equal pointers).
#include "kernels/reshape/reshape.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kCopyTemplate[] =
    R"(  mote::ReshapeCopy(mote::ReshapeParams{ {{bytes}} }, {{input}}, {{output}});
)";
constexpr char kAliasTemplate[] = R"(  // (the output shares the input's memory: nothing to do)
)";

}  // namespace

Status EmitReshape(OpEmitContext& ctx) {
  const AotTensor& in = ctx.input(0);
  const AotTensor& out = ctx.output(0);
  if (in.storage == Storage::kArena && out.storage == Storage::kArena && in.offset == out.offset) {
    ctx.Call(kAliasTemplate);
    return Status::Ok();
  }
  const ReshapeParams& p = ctx.op_data<ReshapeParams>();
  ctx.Include("kernels/reshape/reshape.h");
  ctx.Call(Fill(kCopyTemplate, {{"bytes", std::to_string(p.bytes) + "u"},
                                {"input", ctx.In(0, "Input")},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
