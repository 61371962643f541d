// SHAPE, FILL, ZEROS_LIKE: the params as const data and a call to the
// byte-writing reference function (FILL reads its value tensor at run time).
#include "kernels/fill/fill.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

void DefineParams(OpEmitContext& ctx, const char* params_type, const Fields& f) {
  ctx.Include("kernels/fill/fill.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
}

Fields FillFields(const FillParams& p) {
  Fields f;
  f.Add("count", std::to_string(p.count) + "u").Int("element_size", p.element_size);
  return f;
}

}  // namespace

Status EmitShape(OpEmitContext& ctx) {
  const ShapeParams& p = ctx.op_data<ShapeParams>();
  Fields f;
  f.Int("rank", p.rank).Bool("int64_output", p.int64_output).Add("dims", IntList(p.dims, kMaxRank));
  DefineParams(ctx, "ShapeParams", f);
  ctx.Call(Fill("  mote::WriteShape(k{{stem}}Params, {{output}});\n",
                {{"stem", ctx.stem()}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitFill(OpEmitContext& ctx) {
  DefineParams(ctx, "FillParams", FillFields(ctx.op_data<FillParams>()));
  ctx.Call(Fill("  mote::FillValue(k{{stem}}Params, {{value}}, {{output}});\n",
                {{"stem", ctx.stem()}, {"value", ctx.In(1, "Value")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitZerosLike(OpEmitContext& ctx) {
  DefineParams(ctx, "FillParams", FillFields(ctx.op_data<FillParams>()));
  ctx.Call(Fill("  mote::FillZeros(k{{stem}}Params, {{output}});\n",
                {{"stem", ctx.stem()}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
