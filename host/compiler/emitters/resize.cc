// RESIZE_NEAREST_NEIGHBOR: ResizeNearestParams as const data and the
// pixel-copying reference kernel (any element type).
#include "kernels/resize/resize.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::ResizeNearestParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::ResizeNearestCopy(k{{stem}}Params, {{input}}, {{output}});
)";

}  // namespace

Status EmitResizeNearest(OpEmitContext& ctx) {
  const ResizeNearestParams& p = ctx.op_data<ResizeNearestParams>();
  Fields f;
  f.Int("batches", p.batches)
      .Int("in_height", p.in_height)
      .Int("in_width", p.in_width)
      .Int("out_height", p.out_height)
      .Int("out_width", p.out_width)
      .Add("pixel_bytes", std::to_string(p.pixel_bytes) + "u")
      .Bool("align_corners", p.align_corners)
      .Bool("half_pixel_centers", p.half_pixel_centers);
  ctx.Include("kernels/resize/resize.h");
  ctx.Define(Fill(kParamsTemplate, {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate,
                {{"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
