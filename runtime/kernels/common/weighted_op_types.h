// Type selection shared by the ops with weights (CONV_2D, DEPTHWISE_CONV_2D,
// FULLY_CONNECTED): the three supported combinations are
//   float32 input/weights/bias, int8 input with int8 weights and int32 bias,
//   int16 input with int8 weights and int64 bias.
#ifndef MOTE_KERNELS_COMMON_WEIGHTED_OP_TYPES_H_
#define MOTE_KERNELS_COMMON_WEIGHTED_OP_TYPES_H_

#include "mote/kernel.h"

namespace mote {

enum class WeightedVariant : uint8_t { kF32 = 0, kS8 = 1, kS16 = 2 };

struct WeightedOpTypes {
  WeightedVariant variant;
  DataType bias;  // the bias type this variant expects
};

// Checks that output and input types agree and that `weights` has the type
// the input type needs; `weights_name` ("filter", "weights") names it in errors.
inline Result<WeightedOpTypes> SelectWeightedOpTypes(const TensorView& input,
                                                     const TensorView& weights,
                                                     const TensorView& output,
                                                     const char* weights_name) {
  const DataType type = input.type();
  if (output.type() != type) {
    return Status::Error(StatusCode::kInvalidModel, "input type %s differs from output type %s",
                         DataTypeName(type), DataTypeName(output.type()));
  }
  WeightedOpTypes t{WeightedVariant::kS8, DataType::kInt32};
  DataType weights_type = DataType::kInt8;
  switch (type) {
    case DataType::kFloat32:
      t = {WeightedVariant::kF32, DataType::kFloat32};
      weights_type = DataType::kFloat32;
      break;
    case DataType::kInt8:
      break;
    case DataType::kInt16:
      t = {WeightedVariant::kS16, DataType::kInt64};
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "%s input is not supported",
                           DataTypeName(type));
  }
  if (weights.type() != weights_type) {
    return Status::Error(StatusCode::kUnsupported, "%s %s with %s input is not supported",
                         DataTypeName(weights.type()), weights_name, DataTypeName(type));
  }
  return t;
}

}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_WEIGHTED_OP_TYPES_H_
