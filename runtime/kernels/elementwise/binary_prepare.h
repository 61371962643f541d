// Prepare steps shared by the element-wise binary ops.
#ifndef MOTE_KERNELS_ELEMENTWISE_BINARY_PREPARE_H_
#define MOTE_KERNELS_ELEMENTWISE_BINARY_PREPARE_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/elementwise/broadcast.h"
#include "mote/kernel.h"

namespace mote {
namespace elementwise {

struct BinaryTensors {
  TensorView in1;
  TensorView in2;
  TensorView out;
};

// Checks 2 inputs / 1 output, the options' union type (if options are present),
// that the three tensors share one of the `num_allowed` types, and the
// broadcast of the input shapes to the output shape.
Status PrepareBinary(PrepareContext& ctx, uint8_t options_type, const DataType* allowed,
                     size_t num_allowed, BinaryTensors* tensors, BroadcastShape* shape);

// fused_activation_function (options field 0), as an enum; unknown codes fail.
Result<FusedActivation> ReadActivation(const PrepareContext& ctx);

// Per-tensor quantization of an int8/int16 tensor; per-channel is rejected.
Result<TensorQuant> PerTensor(const TensorView& tensor, const char* what);

// Fails (kUnsupported) if `tensor` carries quantization parameters.
Status CheckNotQuantized(const TensorView& tensor, const char* what);

// Activation range of an int32 result, as TFLM computes it: RELU [0, max],
// RELU6 [0, 6], RELU_N1_TO_1 [-1, 1].
Result<ActivationRange> Int32ActivationRange(FusedActivation activation);

// The kernels, defined in their op's file and listed in elementwise.cc.
extern const OpKernel kAdd, kSub, kMul, kDiv, kMinimum, kMaximum, kSelectV2;
extern const OpKernel kEqual, kNotEqual, kGreater, kGreaterEqual, kLess, kLessEqual;
extern const OpKernel kLogicalAnd, kLogicalOr, kLogicalNot;
extern const OpKernel kSquaredDifference, kPrelu;

}  // namespace elementwise
}  // namespace mote

#endif  // MOTE_KERNELS_ELEMENTWISE_BINARY_PREPARE_H_
