#include "kernels/resize/resize.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace mote {

int32_t NearestSourceIndex(int32_t out, int32_t in_size, int32_t out_size, bool align_corners,
                           bool half_pixel_centers) {
  const float scale = (align_corners && out_size > 1)
                          ? static_cast<float>(in_size - 1) / static_cast<float>(out_size - 1)
                          : static_cast<float>(in_size) / static_cast<float>(out_size);
  const float offset = half_pixel_centers ? 0.5f : 0.0f;
  const float pos = (static_cast<float>(out) + offset) * scale;
  const int32_t index = static_cast<int32_t>(align_corners ? std::round(pos) : std::floor(pos));
  return std::max<int32_t>(0, std::min<int32_t>(index, in_size - 1));
}

void ResizeNearestCopy(const ResizeNearestParams& p, const void* input, void* output) {
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t row = static_cast<size_t>(p.in_width) * p.pixel_bytes;
  const size_t image = static_cast<size_t>(p.in_height) * row;
  for (int32_t b = 0; b < p.batches; ++b) {
    for (int32_t y = 0; y < p.out_height; ++y) {
      const int32_t in_y =
          NearestSourceIndex(y, p.in_height, p.out_height, p.align_corners, p.half_pixel_centers);
      const uint8_t* src_row = in + b * image + static_cast<size_t>(in_y) * row;
      for (int32_t x = 0; x < p.out_width; ++x) {
        const int32_t in_x =
            NearestSourceIndex(x, p.in_width, p.out_width, p.align_corners, p.half_pixel_centers);
        std::memcpy(out, src_row + static_cast<size_t>(in_x) * p.pixel_bytes, p.pixel_bytes);
        out += p.pixel_bytes;
      }
    }
  }
}

namespace {

void Eval(const EvalContext& ctx) {
  ResizeNearestCopy(ctx.op_data<ResizeNearestParams>(), ctx.input<void>(0), ctx.output<void>(0));
}

Status Prepare(PrepareContext& ctx) {
  if (!ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "RESIZE_NEAREST_NEIGHBOR needs input, size");
  }
  const TensorView in = ctx.input(0);
  const TensorView size = ctx.input(1);
  const TensorView out = ctx.output(0);
  if (in.type() != out.type()) {
    return Status::Error(StatusCode::kInvalidModel, "input and output types differ");
  }
  const DataType t = in.type();
  if (t != DataType::kInt8 && t != DataType::kInt16 && t != DataType::kFloat32 &&
      t != DataType::kInt32) {
    return Status::Error(StatusCode::kUnsupported, "type %s is not supported", DataTypeName(t));
  }
  if (in.rank() != 4 || out.rank() != 4) {
    return Status::Error(StatusCode::kUnsupported, "input and output must be 4-D (NHWC)");
  }
  if (!size.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "size must be a constant tensor");
  }
  if (size.type() != DataType::kInt32 || size.num_elements() != 2 ||
      size.data().size() < 8) {
    return Status::Error(StatusCode::kInvalidModel, "size must be 2 int32 values");
  }
  int32_t hw[2];
  std::memcpy(hw, size.data().data(), 8);
  if (hw[0] <= 0 || hw[1] <= 0 || in.dim(1) <= 0 || in.dim(2) <= 0) {
    return Status::Error(StatusCode::kInvalidModel, "sizes must be positive");
  }
  if (out.dim(0) != in.dim(0) || out.dim(1) != hw[0] || out.dim(2) != hw[1] ||
      out.dim(3) != in.dim(3)) {
    return Status::Error(StatusCode::kInvalidModel, "output shape does not match size input");
  }
  MOTE_ASSIGN_OR_RETURN(ResizeNearestParams * p, ctx.AllocateOpData<ResizeNearestParams>());
  p->batches = in.dim(0);
  p->in_height = in.dim(1);
  p->in_width = in.dim(2);
  p->out_height = hw[0];
  p->out_width = hw[1];
  p->pixel_bytes = static_cast<uint32_t>(in.dim(3)) * static_cast<uint32_t>(DataTypeSize(t));
  p->align_corners = ctx.options().GetBool(0, false);
  p->half_pixel_centers = ctx.options().GetBool(1, false);
  ctx.set_eval(&Eval);
  return Status::Ok();
}

constexpr OpKernel kResizeNearest{BuiltinOp::kResizeNearestNeighbor, nullptr, &Prepare};

}  // namespace

namespace ops {
const OpKernel& ResizeNearestNeighbor() { return kResizeNearest; }
Span<const OpKernel* const> resize_kernels() {
  static const OpKernel* const kList[] = {&kResizeNearest};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
