// SELECT_V2: out = condition ? x : y per element, the bool condition, x and y
// broadcast together to the output's shape (numpy rules). Values are copied
// as bytes, so every element type works.
#include <cstring>

#include "kernels/elementwise/binary_prepare.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {

namespace {

template <typename T>
void SelectTyped(const SelectParams& p, const uint8_t* cond, const T* x, const T* y, T* out) {
  if (p.size == 0) return;
  constexpr int kInner = kBroadcastRank - 1;
  int32_t counter[kBroadcastRank] = {};
  uint32_t bc = 0, bx = 0, by = 0, o = 0;
  for (;;) {
    uint32_t c = bc, i = bx, j = by;
    for (int32_t k = 0; k < p.dims[kInner]; ++k) {
      out[o++] = cond[c] != 0 ? x[i] : y[j];  // any non-zero byte is true
      c += p.cond_stride[kInner];
      i += p.x_stride[kInner];
      j += p.y_stride[kInner];
    }
    int d = kInner - 1;
    for (; d >= 0; --d) {
      bc += p.cond_stride[d];
      bx += p.x_stride[d];
      by += p.y_stride[d];
      if (++counter[d] < p.dims[d]) break;
      counter[d] = 0;
      bc -= p.cond_stride[d] * static_cast<uint32_t>(p.dims[d]);
      bx -= p.x_stride[d] * static_cast<uint32_t>(p.dims[d]);
      by -= p.y_stride[d] * static_cast<uint32_t>(p.dims[d]);
    }
    if (d < 0) return;
  }
}

}  // namespace

void SelectV2(const SelectParams& p, const bool* condition, const void* x, const void* y,
              void* out) {
  const auto* cond = reinterpret_cast<const uint8_t*>(condition);
  switch (p.element_size) {
    case 1:
      SelectTyped(p, cond, static_cast<const uint8_t*>(x), static_cast<const uint8_t*>(y),
                  static_cast<uint8_t*>(out));
      break;
    case 2:
      SelectTyped(p, cond, static_cast<const uint16_t*>(x), static_cast<const uint16_t*>(y),
                  static_cast<uint16_t*>(out));
      break;
    case 4:
      SelectTyped(p, cond, static_cast<const uint32_t*>(x), static_cast<const uint32_t*>(y),
                  static_cast<uint32_t*>(out));
      break;
    default:
      SelectTyped(p, cond, static_cast<const uint64_t*>(x), static_cast<const uint64_t*>(y),
                  static_cast<uint64_t*>(out));
      break;
  }
}

namespace {

void EvalSelectV2(const EvalContext& ctx) {
  SelectV2(ctx.op_data<SelectParams>(), ctx.input<bool>(0), ctx.input<void>(1), ctx.input<void>(2),
           ctx.output<void>(0));
}

// Right-aligned dim d of `t` padded with leading 1s.
int32_t DimAt(const TensorView& t, int d) {
  const int src = d - (kBroadcastRank - t.rank());
  return src >= 0 ? t.dim(src) : 1;
}

Status PrepareSelectV2(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1) || !ctx.has_input(2)) {
    return Status::Error(StatusCode::kInvalidModel, "SELECT_V2 needs condition, x and y");
  }
  const TensorView cond = ctx.input(0), x = ctx.input(1), y = ctx.input(2), out = ctx.output(0);
  if (cond.type() != DataType::kBool) {
    return Status::Error(StatusCode::kInvalidModel, "SELECT_V2 condition must be bool, not %s",
                         DataTypeName(cond.type()));
  }
  if (x.type() != out.type() || y.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "SELECT_V2 x, y and output types differ");
  }
  const size_t elem = DataTypeSize(out.type());
  if (elem != 1 && elem != 2 && elem != 4 && elem != 8) {
    return Status::Error(StatusCode::kUnsupported, "SELECT_V2 does not support %s",
                         DataTypeName(out.type()));
  }
  // Each input broadcasts to the output; together they give all of it.
  BroadcastShape sc, sx, sy;
  MOTE_TRY(ComputeBroadcastShape(cond, out, out, &sc));
  MOTE_TRY(ComputeBroadcastShape(x, out, out, &sx));
  MOTE_TRY(ComputeBroadcastShape(y, out, out, &sy));
  for (int d = 0; d < kBroadcastRank; ++d) {
    const int32_t want = sc.dims[d];
    if (want != 1 && DimAt(cond, d) != want && DimAt(x, d) != want && DimAt(y, d) != want) {
      return Status::Error(StatusCode::kInvalidModel,
                           "output dimension %d is %d but the inputs broadcast to 1",
                           d - kBroadcastRank, static_cast<int>(want));
    }
  }
  MOTE_ASSIGN_OR_RETURN(SelectParams * p, ctx.AllocateOpData<SelectParams>());
  for (int d = 0; d < kBroadcastRank; ++d) {
    p->dims[d] = sc.dims[d];
    p->cond_stride[d] = sc.stride1[d];
    p->x_stride[d] = sx.stride1[d];
    p->y_stride[d] = sy.stride1[d];
  }
  p->size = out.num_elements();
  p->element_size = static_cast<int32_t>(elem);
  ctx.set_eval(&EvalSelectV2);
  return Status::Ok();
}

}  // namespace

namespace elementwise {
const OpKernel kSelectV2{BuiltinOp::kSelectV2, nullptr, &PrepareSelectV2};
}  // namespace elementwise

namespace ops {
const OpKernel& SelectV2() { return elementwise::kSelectV2; }
}  // namespace ops

}  // namespace mote
