#include "kernels/elementwise/binary_prepare.h"

#include <limits>

namespace mote {
namespace elementwise {

Status PrepareBinary(PrepareContext& ctx, uint8_t options_type, const DataType* allowed,
                     size_t num_allowed, BinaryTensors* tensors, BroadcastShape* shape) {
  if (ctx.num_inputs() != 2 || !ctx.has_input(0) || !ctx.has_input(1)) {
    return Status::Error(StatusCode::kInvalidModel, "expected 2 inputs, got %zu", ctx.num_inputs());
  }
  if (ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "expected 1 output, got %zu",
                         ctx.num_outputs());
  }
  const OptionsView options = ctx.options();
  if (options.present() && options.type() != options_type) {
    return Status::Error(StatusCode::kInvalidModel, "options type %d, expected %d",
                         static_cast<int>(options.type()), static_cast<int>(options_type));
  }
  tensors->in1 = ctx.input(0);
  tensors->in2 = ctx.input(1);
  tensors->out = ctx.output(0);
  const DataType type = tensors->out.type();
  if (tensors->in1.type() != type || tensors->in2.type() != type) {
    return Status::Error(StatusCode::kInvalidModel, "input types %s, %s differ from output %s",
                         DataTypeName(tensors->in1.type()), DataTypeName(tensors->in2.type()),
                         DataTypeName(type));
  }
  bool supported = false;
  for (size_t i = 0; i < num_allowed; ++i) supported = supported || allowed[i] == type;
  if (!supported) {
    return Status::Error(StatusCode::kUnsupported, "type %s is not supported", DataTypeName(type));
  }
  MOTE_TRY(ComputeBroadcastShape(tensors->in1, tensors->in2, tensors->out, shape));
  // Without broadcasting, output element i depends on input elements i only:
  // the output may overwrite either input.
  if (!shape->broadcast) ctx.AllowInPlace(/*any_input=*/true);
  return Status::Ok();
}

Result<FusedActivation> ReadActivation(const PrepareContext& ctx) {
  const int8_t code = ctx.options().GetInt8(0, 0);
  if (code < 0 || code > static_cast<int8_t>(FusedActivation::kSignBit)) {
    return Status::Error(StatusCode::kInvalidModel, "unknown fused activation %d",
                         static_cast<int>(code));
  }
  return static_cast<FusedActivation>(code);
}

Result<TensorQuant> PerTensor(const TensorView& tensor, const char* what) {
  if (tensor.quantization().per_channel()) {
    return Status::Error(StatusCode::kUnsupported, "%s tensor must be per-tensor quantized", what);
  }
  return PerTensorQuant(tensor, what);
}

Status CheckNotQuantized(const TensorView& tensor, const char* what) {
  if (!tensor.quantization().empty()) {
    return Status::Error(StatusCode::kUnsupported, "quantized int32 %s is not supported", what);
  }
  return Status::Ok();
}

Result<ActivationRange> Int32ActivationRange(FusedActivation activation) {
  constexpr int32_t kMin = std::numeric_limits<int32_t>::min();
  constexpr int32_t kMax = std::numeric_limits<int32_t>::max();
  switch (activation) {
    case FusedActivation::kNone:
      return ActivationRange{kMin, kMax};
    case FusedActivation::kRelu:
      return ActivationRange{0, kMax};
    case FusedActivation::kRelu6:
      return ActivationRange{0, 6};
    case FusedActivation::kReluN1To1:
      return ActivationRange{-1, 1};
    default:
      return Status::Error(StatusCode::kUnsupported, "fused activation %d is not supported",
                           static_cast<int>(activation));
  }
}

}  // namespace elementwise
}  // namespace mote
