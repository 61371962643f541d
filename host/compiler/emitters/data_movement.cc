// CONCATENATION, PACK, SPLIT, UNPACK, TRANSPOSE, GATHER: the byte-copying
// reference kernels with their params as const data; the parts of a join or
// split are passed as a local pointer table.
#include "kernels/data_movement/data_movement.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kJoinTemplate[] = R"(  {
    const void* const parts[] = {{parts}};
    mote::JoinCopy(k{{stem}}Params, parts, {{output}});
  }
)";

constexpr char kSplitTemplate[] = R"(  {
    void* const parts[] = {{parts}};
    mote::SplitCopy(k{{stem}}Params, {{input}}, parts);
  }
)";

constexpr char kTransposeTemplate[] =
    R"(  mote::TransposeCopy(k{{stem}}Params, {{input}}, {{output}});
)";

constexpr char kGatherTemplate[] =
    R"(  mote::GatherCopy(k{{stem}}Params, {{input}}, {{indices}}, {{output}});
)";

Fields JoinFields(const JoinParams& p) {
  std::string chunks = "{";
  for (int32_t i = 0; i < p.num_parts; ++i) {
    chunks += (i ? ", " : "") + std::to_string(p.chunk_bytes[i]) + "u";
  }
  chunks += "}";
  Fields f;
  f.Int("num_parts", p.num_parts)
      .Add("outer", std::to_string(p.outer) + "u")
      .Add("chunk_bytes", chunks);
  return f;
}

void DefineParams(OpEmitContext& ctx, const char* params_type, const Fields& f) {
  ctx.Include("kernels/data_movement/data_movement.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
}

}  // namespace

Status EmitJoin(OpEmitContext& ctx) {
  const JoinParams& p = ctx.op_data<JoinParams>();
  if (static_cast<size_t>(p.num_parts) != ctx.num_inputs()) {
    return Status::Error(StatusCode::kInternal, "%d parts for %zu inputs", p.num_parts,
                         ctx.num_inputs());
  }
  std::string parts;
  for (size_t i = 0; i < ctx.num_inputs(); ++i) {
    parts += (i ? ", " : "{") + ctx.In(i, "Input" + std::to_string(i));
  }
  parts += "}";
  DefineParams(ctx, "JoinParams", JoinFields(p));
  ctx.Call(Fill(kJoinTemplate, {{"parts", parts}, {"stem", ctx.stem()}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSplit(OpEmitContext& ctx) {
  const JoinParams& p = ctx.op_data<JoinParams>();
  if (static_cast<size_t>(p.num_parts) != ctx.num_outputs()) {
    return Status::Error(StatusCode::kInternal, "%d parts for %zu outputs", p.num_parts,
                         ctx.num_outputs());
  }
  // SPLIT's input 0 is the axis; UNPACK has the tensor first.
  const size_t joined = ctx.op().builtin == BuiltinOp::kSplit ? 1 : 0;
  std::string parts;
  for (size_t i = 0; i < ctx.num_outputs(); ++i) parts += (i ? ", " : "{") + ctx.Out(i);
  parts += "}";
  DefineParams(ctx, "JoinParams", JoinFields(p));
  ctx.Call(Fill(kSplitTemplate,
                {{"parts", parts}, {"stem", ctx.stem()}, {"input", ctx.In(joined, "Input")}}));
  return Status::Ok();
}

Status EmitTranspose(OpEmitContext& ctx) {
  const TransposeParams& p = ctx.op_data<TransposeParams>();
  std::string strides = "{";
  for (int i = 0; i < kMaxRank; ++i) strides += (i ? ", " : "") + IntLiteral(p.in_stride[i]);
  strides += "}";
  Fields f;
  f.Int("rank", p.rank)
      .Int("element_size", p.element_size)
      .Add("out_dims", IntList(p.out_dims, kMaxRank))
      .Add("in_stride", strides);
  DefineParams(ctx, "TransposeParams", f);
  ctx.Call(Fill(kTransposeTemplate,
                {{"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitGather(OpEmitContext& ctx) {
  const GatherParams& p = ctx.op_data<GatherParams>();
  Fields f;
  f.Add("batches", std::to_string(p.batches) + "u")
      .Add("outer", std::to_string(p.outer) + "u")
      .Add("num_indices", std::to_string(p.num_indices) + "u")
      .Int("axis_size", p.axis_size)
      .Add("inner_bytes", std::to_string(p.inner_bytes) + "u")
      .Bool("indices_int64", p.indices_int64);
  DefineParams(ctx, "GatherParams", f);
  ctx.Call(Fill(kGatherTemplate, {{"stem", ctx.stem()},
                                  {"input", ctx.In(0, "Params")},
                                  {"indices", ctx.In(1, "Indices")},
                                  {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
