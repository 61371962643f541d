#include "kernels/common/quantization.h"

#include <cfloat>
#include <cmath>

namespace mote {

void QuantizeMultiplier(double real_multiplier, int32_t* multiplier, int* shift) {
  if (real_multiplier == 0.0) {
    *multiplier = 0;
    *shift = 0;
    return;
  }
  const double q = std::frexp(real_multiplier, shift);
  int64_t q_fixed = static_cast<int64_t>(std::round(q * static_cast<double>(int64_t{1} << 31)));
  if (q_fixed == (int64_t{1} << 31)) {
    q_fixed /= 2;
    ++*shift;
  }
  if (*shift < -31) {  // every bit would be shifted out
    *shift = 0;
    q_fixed = 0;
  }
  if (*shift > 30) {  // beyond what the single multiply supports: saturate
    *shift = 30;
    q_fixed = (int64_t{1} << 31) - 1;
  }
  *multiplier = static_cast<int32_t>(q_fixed);
}

ActivationRange TypeRange(DataType type) {
  switch (type) {
    case DataType::kInt8: return {-128, 127};
    case DataType::kUInt8: return {0, 255};
    case DataType::kInt16: return {-32768, 32767};
    default: return {std::numeric_limits<int32_t>::min(), std::numeric_limits<int32_t>::max()};
  }
}

Result<ActivationRange> QuantizedActivationRange(FusedActivation activation, DataType type,
                                                 float output_scale, int32_t output_zero_point) {
  const ActivationRange limits = TypeRange(type);
  // zero_point + round(f / scale), as TFLM computes it; saturated to int32 so
  // a tiny (but valid) scale cannot overflow the conversion. The result is
  // clamped to the type's range below, so saturation changes nothing real.
  auto quantize = [&](float f) -> int32_t {
    const float q = std::round(f / output_scale);
    if (!(q > -2147483648.0f && q < 2147483648.0f)) {
      return q > 0 ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int32_t>::min();
    }
    const int64_t v = static_cast<int64_t>(output_zero_point) + static_cast<int64_t>(q);
    return static_cast<int32_t>(std::max<int64_t>(std::numeric_limits<int32_t>::min(),
                                                  std::min<int64_t>(std::numeric_limits<int32_t>::max(), v)));
  };
  ActivationRange r = limits;
  switch (activation) {
    case FusedActivation::kNone:
      break;
    case FusedActivation::kRelu:
      r.min = std::max(limits.min, quantize(0.0f));
      break;
    case FusedActivation::kRelu6:
      r.min = std::max(limits.min, quantize(0.0f));
      r.max = std::min(limits.max, quantize(6.0f));
      break;
    case FusedActivation::kReluN1To1:
      r.min = std::max(limits.min, quantize(-1.0f));
      r.max = std::min(limits.max, quantize(1.0f));
      break;
    default:
      return Status::Error(StatusCode::kUnsupported,
                           "fused activation %d is not supported for quantized ops",
                           static_cast<int>(activation));
  }
  return r;
}

Result<FloatActivationRange> FloatActivationRangeFor(FusedActivation activation) {
  switch (activation) {
    case FusedActivation::kNone: return FloatActivationRange{-FLT_MAX, FLT_MAX};
    case FusedActivation::kRelu: return FloatActivationRange{0.0f, FLT_MAX};
    case FusedActivation::kRelu6: return FloatActivationRange{0.0f, 6.0f};
    case FusedActivation::kReluN1To1: return FloatActivationRange{-1.0f, 1.0f};
    default:
      return Status::Error(StatusCode::kUnsupported, "fused activation %d is not supported",
                           static_cast<int>(activation));
  }
}

Result<TensorQuant> PerTensorQuant(const TensorView& tensor, const char* what) {
  const QuantizationView q = tensor.quantization();
  if (q.scale.empty() || !(q.scale[0] > 0.0f)) {
    return Status::Error(StatusCode::kInvalidModel, "%s tensor has no quantization scale", what);
  }
  const int64_t zp = q.zero_point.empty() ? 0 : q.zero_point[0];
  const ActivationRange range = TypeRange(tensor.type());
  if (zp < range.min || zp > range.max) {
    return Status::Error(StatusCode::kInvalidModel, "%s tensor zero point %lld out of range for %s",
                         what, static_cast<long long>(zp), DataTypeName(tensor.type()));
  }
  return TensorQuant{q.scale[0], static_cast<int32_t>(zp)};
}

}  // namespace mote
