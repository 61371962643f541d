// AVERAGE_POOL_2D and MAX_POOL_2D: PoolParams as const data; int8 calls the
// kernel variant Prepare picked for the target (with its packed constants and
// scratch), float32 / int16 the reference.
#include "kernels/pooling/pooling.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::PoolParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] = R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});
)";

}  // namespace

Status EmitPooling(OpEmitContext& ctx) {
  const char* suffix = nullptr;
  switch (ctx.input(0).type) {
    case DataType::kFloat32:
      suffix = "F32";
      break;
    case DataType::kInt8:
      suffix = "S8";
      break;
    case DataType::kInt16:
      suffix = "S16";
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(ctx.input(0).type));
  }
  const std::string fn =
      std::string(ctx.op().builtin == BuiltinOp::kMaxPool2D ? "MaxPool" : "AveragePool") + suffix;
  const PoolOpData& d = ctx.op_data<PoolOpData>();
  const PoolParams& p = d.params;
  Fields f;
  f.Int("batches", p.batches)
      .Int("input_height", p.input_height)
      .Int("input_width", p.input_width)
      .Int("depth", p.depth)
      .Int("output_height", p.output_height)
      .Int("output_width", p.output_width)
      .Int("filter_height", p.filter_height)
      .Int("filter_width", p.filter_width)
      .Int("stride_height", p.stride_height)
      .Int("stride_width", p.stride_width)
      .Int("pad_height", p.pad_height)
      .Int("pad_width", p.pad_width)
      .Int("activation_min", p.activation_min)
      .Int("activation_max", p.activation_max)
      .Float("float_activation_min", p.float_activation_min)
      .Float("float_activation_max", p.float_activation_max);
  ctx.Include("kernels/pooling/pooling.h");
  ctx.Define(Fill(kParamsTemplate, {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  if (d.s8 != nullptr) {
    ctx.CallVariant(d.s8->name, ctx.In(0) + ", " + ctx.Out(0) + ", " +
                                    ctx.VariantConstants(*d.s8, p, d.packed, d.scratch_index));
    return Status::Ok();
  }
  ctx.Call(Fill(kCallTemplate,
                {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0)}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
