// STRIDED_SLICE: the resolved StridedSliceParams as const data.
#include "kernels/strided_slice/strided_slice.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::StridedSliceParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::StridedSliceCopy(k{{stem}}Params, {{input}}, {{output}});
)";

}  // namespace

Status EmitStridedSlice(OpEmitContext& ctx) {
  const StridedSliceParams& p = ctx.op_data<StridedSliceOpData>().params;
  Fields f;
  f.Int("rank", p.rank)
      .Int("element_size", p.element_size)
      .Add("in_dims", IntList(p.in_dims, kMaxRank))
      .Add("start", IntList(p.start, kMaxRank))
      .Add("stride", IntList(p.stride, kMaxRank))
      .Add("count", IntList(p.count, kMaxRank));
  ctx.Include("kernels/strided_slice/strided_slice.h");
  ctx.Define(Fill(kParamsTemplate, {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate,
                {{"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
