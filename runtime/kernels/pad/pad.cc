#include "kernels/pad/pad.h"

#include <cstring>
#include <limits>

namespace mote {
namespace {

void Eval(const EvalContext& ctx) {
  const PadParams& p = ctx.op_data<PadParams>();
  const void* value = p.has_pad_value_input ? ctx.input<void>(2) : p.default_pad_value;
  PadCopy(p, ctx.input<void>(0), value, ctx.output<void>(0));
}

bool SameQuantization(const TensorView& a, const TensorView& b) {
  const QuantizationView qa = a.quantization();
  const QuantizationView qb = b.quantization();
  const float sa = qa.empty() ? 0.f : qa.scale[0];
  const float sb = qb.empty() ? 0.f : qb.scale[0];
  const int64_t za = qa.zero_point.empty() ? 0 : qa.zero_point[0];
  const int64_t zb = qb.zero_point.empty() ? 0 : qb.zero_point[0];
  return sa == sb && za == zb;
}

// Reads the [rank, 2] paddings (int32 or int64, constant) into params.
Status ReadPaddings(const TensorView& paddings, PadParams* p) {
  if (!paddings.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "paddings must be a constant tensor");
  }
  const DataType type = paddings.type();
  if (type != DataType::kInt32 && type != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "paddings must be int32 or int64, not %s",
                         DataTypeName(type));
  }
  if (paddings.rank() != 2 || paddings.dim(0) != p->rank || paddings.dim(1) != 2) {
    return Status::Error(StatusCode::kInvalidModel, "paddings must have shape [%d, 2]",
                         static_cast<int>(p->rank));
  }
  const uint8_t* raw = paddings.data().data();
  if (paddings.data().size() < paddings.bytes()) {
    return Status::Error(StatusCode::kInvalidModel, "paddings buffer is too small");
  }
  for (int i = 0; i < 2 * p->rank; ++i) {
    int64_t v;
    if (type == DataType::kInt32) {
      int32_t v32;
      std::memcpy(&v32, raw + 4 * i, 4);
      v = v32;
    } else {
      std::memcpy(&v, raw + 8 * i, 8);
    }
    if (v < 0 || v > std::numeric_limits<int32_t>::max()) {
      return Status::Error(StatusCode::kUnsupported, "padding %d is %lld; must be >= 0", i,
                           static_cast<long long>(v));
    }
    (i % 2 == 0 ? p->left : p->right)[i / 2] = static_cast<int32_t>(v);
  }
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  if (ctx.num_inputs() < 2 || !ctx.has_input(0) || !ctx.has_input(1) || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "PAD needs input, paddings and one output");
  }
  const TensorView in = ctx.input(0);
  const TensorView out = ctx.output(0);
  const DataType type = in.type();
  if (type != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(type), DataTypeName(out.type()));
  }
  if (type != DataType::kInt8 && type != DataType::kInt16 && type != DataType::kFloat32 &&
      type != DataType::kInt32) {
    return Status::Error(StatusCode::kUnsupported, "PAD does not support %s", DataTypeName(type));
  }
  if (in.rank() != out.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "input rank %d differs from output rank %d",
                         in.rank(), out.rank());
  }
  MOTE_ASSIGN_OR_RETURN(PadParams * p, ctx.AllocateOpData<PadParams>());
  p->rank = in.rank();
  p->element_size = static_cast<int32_t>(DataTypeSize(type));
  MOTE_TRY(ReadPaddings(ctx.input(1), p));
  for (int a = 0; a < p->rank; ++a) {
    p->in_dims[a] = in.dim(a);
    p->out_dims[a] = out.dim(a);
    const int64_t expected = static_cast<int64_t>(in.dim(a)) + p->left[a] + p->right[a];
    if (expected != out.dim(a)) {
      return Status::Error(StatusCode::kInvalidModel,
                           "output dimension %d is %d but input + paddings give %lld", a,
                           static_cast<int>(out.dim(a)), static_cast<long long>(expected));
    }
  }

  // The pad value: a scalar third input (PADV2), else zero, which for int8 is
  // the output zero point (int16 pads with 0, as TFLM does).
  p->has_pad_value_input = ctx.has_input(2);
  std::memset(p->default_pad_value, 0, sizeof(p->default_pad_value));
  if (p->has_pad_value_input) {
    const TensorView value = ctx.input(2);
    if (value.type() != type || value.num_elements() != 1) {
      return Status::Error(StatusCode::kInvalidModel,
                           "constant_values must be one %s element", DataTypeName(type));
    }
    if ((type == DataType::kInt8 || type == DataType::kInt16) && !SameQuantization(value, out)) {
      return Status::Error(StatusCode::kInvalidModel,
                           "constant_values must have the output's scale and zero point");
    }
  } else if (type == DataType::kInt8) {
    const QuantizationView q = out.quantization();
    const int64_t zp = q.zero_point.empty() ? 0 : q.zero_point[0];
    if (zp < -128 || zp > 127) {
      return Status::Error(StatusCode::kInvalidModel, "output zero point %lld is not int8",
                           static_cast<long long>(zp));
    }
    const int8_t zp8 = static_cast<int8_t>(zp);
    std::memcpy(p->default_pad_value, &zp8, 1);
  }
  ctx.set_eval(&Eval);
  return Status::Ok();
}

constexpr OpKernel kPad{BuiltinOp::kPad, nullptr, &Prepare};
constexpr OpKernel kPadV2{static_cast<BuiltinOp>(60), nullptr, &Prepare};

}  // namespace

namespace ops {
const OpKernel& Pad() { return kPad; }
const OpKernel& PadV2() { return kPadV2; }

Span<const OpKernel* const> pad_kernels() {
  static const OpKernel* const kList[] = {&kPad, &kPadV2};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
