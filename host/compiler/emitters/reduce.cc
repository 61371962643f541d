// MEAN and ARG_MAX: MeanParams / ArgMaxParams as const data; quantized MEAN
// sums in arena scratch.
#include "kernels/reduce/reduce.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{scratch}}{{output}});
)";

std::string Int64List(const int64_t* v, int n) {
  std::string s = "{";
  for (int i = 0; i < n; ++i) s += (i ? ", " : "") + IntLiteral(v[i]);
  return s + "}";
}

// "F32", "S8", ... for the reference function of `type`; nullptr if none.
const char* Suffix(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return "F32";
    case DataType::kInt8:
      return "S8";
    case DataType::kInt16:
      return "S16";
    case DataType::kInt32:
      return "S32";
    default:
      return nullptr;
  }
}

}  // namespace

Status EmitMean(OpEmitContext& ctx) {
  const DataType type = ctx.input(0).type;
  const char* suffix = Suffix(type);
  if (suffix == nullptr || type == DataType::kInt32) {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  }
  const MeanOpData& d = ctx.op_data<MeanOpData>();
  const MeanParams& p = d.params;
  std::string scratch;
  if (type != DataType::kFloat32) {
    scratch = ctx.Scratch(d.scratch, p.num_outputs * sizeof(int32_t), "int32_t") + ", ";
  }
  Fields f;
  f.Int("rank", p.rank)
      .Add("in_dims", IntList(p.in_dims, kMaxRank))
      .Add("out_stride", Int64List(p.out_stride, kMaxRank))
      .Add("num_outputs", std::to_string(p.num_outputs) + "u")
      .Int("count", p.count)
      .Int("multiplier", p.multiplier)
      .Int("shift", p.shift)
      .Int("input_zero_point", p.input_zero_point)
      .Int("output_zero_point", p.output_zero_point);
  ctx.Include("kernels/reduce/reduce.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", "MeanParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", std::string("Mean") + suffix},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(0, "Input")},
                                {"scratch", scratch},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitArgMax(OpEmitContext& ctx) {
  const DataType type = ctx.input(0).type;
  const char* suffix = Suffix(type);
  if (suffix == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  }
  const ArgMaxParams& p = ctx.op_data<ArgMaxParams>();
  Fields f;
  f.Add("outer", std::to_string(p.outer) + "u")
      .Add("axis_size", std::to_string(p.axis_size) + "u")
      .Add("inner", std::to_string(p.inner) + "u")
      .Bool("output_int64", p.output_int64);
  ctx.Include("kernels/reduce/reduce.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", "ArgMaxParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", std::string("ArgMax") + suffix},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(0, "Input")},
                                {"scratch", ""},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
