// Prepare/Eval of the float32 unary math ops (math.h): one float32 input and
// an output of the same shape; Eval calls the op's reference function.
#include "kernels/math/math.h"

namespace mote {
namespace {

struct UnaryEntry {
  BuiltinOp op;
  UnaryF32Fn fn;
  const char* name;
};

constexpr UnaryEntry kUnary[] = {
    {BuiltinOp::kAbs, &AbsF32, "AbsF32"},       {BuiltinOp::kNeg, &NegF32, "NegF32"},
    {BuiltinOp::kFloor, &FloorF32, "FloorF32"}, {BuiltinOp::kCeil, &CeilF32, "CeilF32"},
    {BuiltinOp::kRound, &RoundF32, "RoundF32"}, {BuiltinOp::kSqrt, &SqrtF32, "SqrtF32"},
    {BuiltinOp::kRsqrt, &RsqrtF32, "RsqrtF32"}, {BuiltinOp::kSquare, &SquareF32, "SquareF32"},
    {BuiltinOp::kSin, &SinF32, "SinF32"},       {BuiltinOp::kCos, &CosF32, "CosF32"},
    {BuiltinOp::kExp, &ExpF32, "ExpF32"},       {BuiltinOp::kLog, &LogF32, "LogF32"},
    {BuiltinOp::kElu, &EluF32, "EluF32"},
};

const UnaryEntry* Find(BuiltinOp op) {
  for (const UnaryEntry& e : kUnary) {
    if (e.op == op) return &e;
  }
  return nullptr;
}

struct UnaryOpData {
  UnaryParams params;
  UnaryF32Fn fn;
};

void EvalUnary(const EvalContext& ctx) {
  const UnaryOpData& d = ctx.op_data<UnaryOpData>();
  d.fn(d.params, ctx.input<float>(0), ctx.output<float>(0));
}

Status PrepareUnary(PrepareContext& ctx) {
  const UnaryEntry* e = Find(ctx.op().builtin());
  if (e == nullptr) return Status::Error(StatusCode::kInternal, "not a unary math op");
  if (!ctx.has_input(0)) return Status::Error(StatusCode::kInvalidModel, "input is missing");
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  if (in.type() != DataType::kFloat32 || out.type() != DataType::kFloat32) {
    return Status::Error(StatusCode::kUnsupported, "%s to %s is not supported (float32 only)",
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (in.rank() != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "output shape differs from input");
  }
  for (int a = 0; a < in.rank(); ++a) {
    if (in.dim(a) != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel, "output shape differs from input");
    }
  }
  MOTE_ASSIGN_OR_RETURN(UnaryOpData * d, ctx.AllocateOpData<UnaryOpData>());
  d->params.size = out.num_elements();
  d->fn = e->fn;
  ctx.set_eval(&EvalUnary);
  return Status::Ok();
}

#define MOTE_UNARY_KERNEL(name, op) \
  constexpr OpKernel name { BuiltinOp::op, nullptr, &PrepareUnary, kOutputMayOverwriteInput }
MOTE_UNARY_KERNEL(kAbs, kAbs);
MOTE_UNARY_KERNEL(kNeg, kNeg);
MOTE_UNARY_KERNEL(kFloor, kFloor);
MOTE_UNARY_KERNEL(kCeil, kCeil);
MOTE_UNARY_KERNEL(kRound, kRound);
MOTE_UNARY_KERNEL(kSqrt, kSqrt);
MOTE_UNARY_KERNEL(kRsqrt, kRsqrt);
MOTE_UNARY_KERNEL(kSquare, kSquare);
MOTE_UNARY_KERNEL(kSin, kSin);
MOTE_UNARY_KERNEL(kCos, kCos);
MOTE_UNARY_KERNEL(kExp, kExp);
MOTE_UNARY_KERNEL(kLog, kLog);
MOTE_UNARY_KERNEL(kElu, kElu);
#undef MOTE_UNARY_KERNEL

}  // namespace

UnaryF32Fn UnaryF32Function(BuiltinOp op) {
  const UnaryEntry* e = Find(op);
  return e != nullptr ? e->fn : nullptr;
}
const char* UnaryF32FunctionName(BuiltinOp op) {
  const UnaryEntry* e = Find(op);
  return e != nullptr ? e->name : nullptr;
}

namespace ops {
const OpKernel& Abs() { return kAbs; }
const OpKernel& Neg() { return kNeg; }
const OpKernel& Floor() { return kFloor; }
const OpKernel& Ceil() { return kCeil; }
const OpKernel& Round() { return kRound; }
const OpKernel& Sqrt() { return kSqrt; }
const OpKernel& Rsqrt() { return kRsqrt; }
const OpKernel& Square() { return kSquare; }
const OpKernel& Sin() { return kSin; }
const OpKernel& Cos() { return kCos; }
const OpKernel& Exp() { return kExp; }
const OpKernel& Log() { return kLog; }
const OpKernel& Elu() { return kElu; }
Span<const OpKernel* const> math_kernels() {
  static const OpKernel* const kList[] = {&kAbs,  &kNeg,   &kFloor,  &kCeil, &kRound,
                                          &kSqrt, &kRsqrt, &kSquare, &kSin,  &kCos,
                                          &kExp,  &kLog,   &kElu};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
