// Comparisons (EQUAL ... LESS_EQUAL) and LOGICAL_AND / LOGICAL_OR /
// LOGICAL_NOT: the broadcast shape (and comparison kind) as const data and a
// call to the element type's reference function.
#include "compiler/emitter.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace aot {
namespace {

const char* KindName(ComparisonKind kind) {
  switch (kind) {
    case ComparisonKind::kEqual:
      return "mote::ComparisonKind::kEqual";
    case ComparisonKind::kNotEqual:
      return "mote::ComparisonKind::kNotEqual";
    case ComparisonKind::kGreater:
      return "mote::ComparisonKind::kGreater";
    case ComparisonKind::kGreaterEqual:
      return "mote::ComparisonKind::kGreaterEqual";
    case ComparisonKind::kLess:
      return "mote::ComparisonKind::kLess";
    default:
      return "mote::ComparisonKind::kLessEqual";
  }
}

void EmitCall(OpEmitContext& ctx, const std::string& params_type, const Fields& fields,
              const std::string& fn) {
  ctx.Include("kernels/elementwise/elementwise.h");
  ctx.Define(Fill("const mote::{{type}} k{{stem}}Params = {{fields}};\n",
                  {{"type", params_type}, {"stem", ctx.stem()}, {"fields", fields.Render()}}));
  ctx.Call(Fill("  mote::{{fn}}(k{{stem}}Params, {{input1}}, {{input2}}, {{output}});\n",
                {{"fn", fn},
                 {"stem", ctx.stem()},
                 {"input1", ctx.In(0, "Input1")},
                 {"input2", ctx.In(1, "Input2")},
                 {"output", ctx.Out(0)}}));
}

}  // namespace

Status EmitComparison(OpEmitContext& ctx) {
  const ComparisonParams& p = ctx.op_data<ComparisonParams>();
  const DataType type = ctx.input(0).type;
  const char* fn = type == DataType::kFloat32 ? "CompareF32"
                   : type == DataType::kInt32 ? "CompareS32"
                   : type == DataType::kInt64 ? "CompareS64"
                   : type == DataType::kBool  ? "CompareBool"
                                              : nullptr;
  if (fn == nullptr) {
    return Status::Error(StatusCode::kUnsupported, "%s inputs", DataTypeName(type));
  }
  Fields f;
  f.Nested("shape", BroadcastShapeFields(p.shape), 8).Add("kind", KindName(p.kind));
  EmitCall(ctx, "ComparisonParams", f, fn);
  return Status::Ok();
}

Status EmitLogical(OpEmitContext& ctx) {
  if (ctx.op().builtin == BuiltinOp::kLogicalNot) {
    const uint32_t size = ctx.op_data<uint32_t>();
    ctx.Include("kernels/elementwise/elementwise.h");
    ctx.Call(Fill(
        "  mote::LogicalNot({{size}}u, {{input}}, {{output}});\n",
        {{"size", std::to_string(size)}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
    return Status::Ok();
  }
  const bool is_and = ctx.op().builtin == BuiltinOp::kLogicalAnd;
  EmitCall(ctx, "BroadcastShape", BroadcastShapeFields(ctx.op_data<BroadcastShape>()),
           is_and ? "LogicalAnd" : "LogicalOr");
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
