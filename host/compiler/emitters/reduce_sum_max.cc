// SUM and REDUCE_MAX: the reduction's shape (MeanParams) as const data and a
// call to the reference function.
#include "compiler/emitter.h"
#include "kernels/reduce/reduce.h"

namespace mote {
namespace aot {

Status EmitSumMax(OpEmitContext& ctx) {
  const DataType type = ctx.input(0).type;
  const bool is_sum = ctx.op().builtin == BuiltinOp::kSum;
  const char* fn = is_sum                       ? (type == DataType::kFloat32 ? "SumF32" : nullptr)
                   : type == DataType::kFloat32 ? "ReduceMaxF32"
                   : type == DataType::kInt8    ? "ReduceMaxS8"
                                                : nullptr;
  if (fn == nullptr) return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  const MeanParams& p = ctx.op_data<MeanParams>();
  std::string strides = "{";
  for (int i = 0; i < kMaxRank; ++i) strides += (i ? ", " : "") + IntLiteral(p.out_stride[i]);
  strides += "}";
  Fields f;
  f.Int("rank", p.rank)
      .Add("in_dims", IntList(p.in_dims, kMaxRank))
      .Add("out_stride", strides)
      .Add("num_outputs", std::to_string(p.num_outputs) + "u")
      .Int("count", p.count)
      .Int("multiplier", p.multiplier)  // unused by SUM / REDUCE_MAX
      .Int("shift", p.shift)
      .Int("input_zero_point", p.input_zero_point)
      .Int("output_zero_point", p.output_zero_point);
  ctx.Include("kernels/reduce/reduce.h");
  ctx.Define(Fill("const mote::MeanParams k{{stem}}Params = {{fields}};\n",
                  {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(
      "  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});\n",
      {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
