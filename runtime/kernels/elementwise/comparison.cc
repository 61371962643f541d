// EQUAL, NOT_EQUAL, GREATER, GREATER_EQUAL, LESS, LESS_EQUAL (bool output,
// broadcasting) and LOGICAL_AND, LOGICAL_OR, LOGICAL_NOT. Bool inputs are
// read as bytes, any non-zero byte being true; outputs are 0 or 1. Values are
// compared raw (quantization parameters of float/int tensors are ignored, as
// in TFLM; int8 comparisons with rescaling are not supported).
#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

namespace {

template <typename T, typename Cmp>
void CompareWith(const BroadcastShape& s, const T* a, const T* b, bool* out, Cmp cmp) {
  ForEachBroadcastIndex(s, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = cmp(a[i], b[j]); });
}

template <typename T>
void Compare(const ComparisonParams& p, const T* a, const T* b, bool* out) {
  switch (p.kind) {
    case ComparisonKind::kEqual:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x == y; });
      break;
    case ComparisonKind::kNotEqual:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x != y; });
      break;
    case ComparisonKind::kGreater:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x > y; });
      break;
    case ComparisonKind::kGreaterEqual:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x >= y; });
      break;
    case ComparisonKind::kLess:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x < y; });
      break;
    default:
      CompareWith(p.shape, a, b, out, [](T x, T y) { return x <= y; });
      break;
  }
}

// Bool bytes as 0/1.
inline bool Truth(const bool* p, uint32_t i) { return reinterpret_cast<const uint8_t*>(p)[i] != 0; }

}  // namespace

void CompareF32(const ComparisonParams& p, const float* a, const float* b, bool* out) {
  Compare(p, a, b, out);
}
void CompareS32(const ComparisonParams& p, const int32_t* a, const int32_t* b, bool* out) {
  Compare(p, a, b, out);
}
void CompareS64(const ComparisonParams& p, const int64_t* a, const int64_t* b, bool* out) {
  Compare(p, a, b, out);
}
void CompareBool(const ComparisonParams& p, const bool* a, const bool* b, bool* out) {
  const bool equal = p.kind == ComparisonKind::kEqual;
  ForEachBroadcastIndex(p.shape, [&](uint32_t o, uint32_t i, uint32_t j) {
    out[o] = (Truth(a, i) == Truth(b, j)) == equal;
  });
}
void LogicalAnd(const BroadcastShape& s, const bool* a, const bool* b, bool* out) {
  ForEachBroadcastIndex(
      s, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = Truth(a, i) && Truth(b, j); });
}
void LogicalOr(const BroadcastShape& s, const bool* a, const bool* b, bool* out) {
  ForEachBroadcastIndex(
      s, [&](uint32_t o, uint32_t i, uint32_t j) { out[o] = Truth(a, i) || Truth(b, j); });
}
void LogicalNot(uint32_t size, const bool* in, bool* out) {
  for (uint32_t i = 0; i < size; ++i) out[i] = !Truth(in, i);
}

namespace {

template <typename T, void (*Fn)(const ComparisonParams&, const T*, const T*, bool*)>
void EvalCompare(const EvalContext& ctx) {
  Fn(ctx.op_data<ComparisonParams>(), ctx.input<T>(0), ctx.input<T>(1), ctx.output<bool>(0));
}

ComparisonKind KindOf(BuiltinOp op) {
  switch (op) {
    case BuiltinOp::kEqual:
      return ComparisonKind::kEqual;
    case BuiltinOp::kNotEqual:
      return ComparisonKind::kNotEqual;
    case BuiltinOp::kGreater:
      return ComparisonKind::kGreater;
    case BuiltinOp::kGreaterEqual:
      return ComparisonKind::kGreaterEqual;
    case BuiltinOp::kLess:
      return ComparisonKind::kLess;
    default:
      return ComparisonKind::kLessEqual;
  }
}

Status RequireInputs(const PrepareContext& ctx, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (!ctx.has_input(i)) {
      return Status::Error(StatusCode::kInvalidModel, "input %zu is missing", i);
    }
  }
  return Status::Ok();
}

Status PrepareComparison(PrepareContext& ctx) {
  MOTE_TRY(RequireInputs(ctx, 2));
  const TensorView a = ctx.input(0), b = ctx.input(1), out = ctx.output(0);
  const ComparisonKind kind = KindOf(ctx.op().builtin());
  const DataType type = a.type();
  if (b.type() != type) {
    return Status::Error(StatusCode::kInvalidModel, "input types %s and %s differ",
                         DataTypeName(type), DataTypeName(b.type()));
  }
  if (out.type() != DataType::kBool) {
    return Status::Error(StatusCode::kInvalidModel, "output must be bool, not %s",
                         DataTypeName(out.type()));
  }
  const bool equality = kind == ComparisonKind::kEqual || kind == ComparisonKind::kNotEqual;
  if (type != DataType::kFloat32 && type != DataType::kInt32 && type != DataType::kInt64 &&
      !(equality && type == DataType::kBool)) {
    return Status::Error(StatusCode::kUnsupported, "%s inputs are not supported",
                         DataTypeName(type));
  }
  MOTE_ASSIGN_OR_RETURN(ComparisonParams * p, ctx.AllocateOpData<ComparisonParams>());
  MOTE_TRY(ComputeBroadcastShape(a, b, out, &p->shape));
  p->kind = kind;
  switch (type) {
    case DataType::kFloat32:
      ctx.set_eval(&EvalCompare<float, CompareF32>);
      break;
    case DataType::kInt32:
      ctx.set_eval(&EvalCompare<int32_t, CompareS32>);
      break;
    case DataType::kInt64:
      ctx.set_eval(&EvalCompare<int64_t, CompareS64>);
      break;
    default:
      ctx.set_eval(&EvalCompare<bool, CompareBool>);
      break;
  }
  return Status::Ok();
}

Status CheckBool(const TensorView& t, const char* what) {
  if (t.type() != DataType::kBool) {
    return Status::Error(StatusCode::kUnsupported, "%s must be bool, not %s", what,
                         DataTypeName(t.type()));
  }
  return Status::Ok();
}

template <bool kAnd>
void EvalLogicalBinary(const EvalContext& ctx) {
  (kAnd ? &LogicalAnd : &LogicalOr)(ctx.op_data<BroadcastShape>(), ctx.input<bool>(0),
                                    ctx.input<bool>(1), ctx.output<bool>(0));
}

template <bool kAnd>
Status PrepareLogicalBinary(PrepareContext& ctx) {
  MOTE_TRY(RequireInputs(ctx, 2));
  MOTE_TRY(CheckBool(ctx.input(0), "input 1"));
  MOTE_TRY(CheckBool(ctx.input(1), "input 2"));
  MOTE_TRY(CheckBool(ctx.output(0), "output"));
  MOTE_ASSIGN_OR_RETURN(BroadcastShape * s, ctx.AllocateOpData<BroadcastShape>());
  MOTE_TRY(ComputeBroadcastShape(ctx.input(0), ctx.input(1), ctx.output(0), s));
  ctx.set_eval(&EvalLogicalBinary<kAnd>);
  return Status::Ok();
}

void EvalLogicalNot(const EvalContext& ctx) {
  LogicalNot(ctx.op_data<uint32_t>(), ctx.input<bool>(0), ctx.output<bool>(0));
}

Status PrepareLogicalNot(PrepareContext& ctx) {
  MOTE_TRY(RequireInputs(ctx, 1));
  const TensorView in = ctx.input(0), out = ctx.output(0);
  MOTE_TRY(CheckBool(in, "input"));
  MOTE_TRY(CheckBool(out, "output"));
  if (in.rank() != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "output shape differs from input");
  }
  for (int a = 0; a < in.rank(); ++a) {
    if (in.dim(a) != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel, "output shape differs from input");
    }
  }
  MOTE_ASSIGN_OR_RETURN(uint32_t * size, ctx.AllocateOpData<uint32_t>());
  *size = out.num_elements();
  ctx.set_eval(&EvalLogicalNot);
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kEqual{BuiltinOp::kEqual, nullptr, &PrepareComparison};
const OpKernel kNotEqual{BuiltinOp::kNotEqual, nullptr, &PrepareComparison};
const OpKernel kGreater{BuiltinOp::kGreater, nullptr, &PrepareComparison};
const OpKernel kGreaterEqual{BuiltinOp::kGreaterEqual, nullptr, &PrepareComparison};
const OpKernel kLess{BuiltinOp::kLess, nullptr, &PrepareComparison};
const OpKernel kLessEqual{BuiltinOp::kLessEqual, nullptr, &PrepareComparison};
const OpKernel kLogicalAnd{BuiltinOp::kLogicalAnd, nullptr, &PrepareLogicalBinary<true>};
const OpKernel kLogicalOr{BuiltinOp::kLogicalOr, nullptr, &PrepareLogicalBinary<false>};
const OpKernel kLogicalNot{BuiltinOp::kLogicalNot, nullptr, &PrepareLogicalNot,
                           kOutputMayOverwriteInput};
}  // namespace elementwise

}  // namespace mote
