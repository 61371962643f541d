// Op registrations for an OpResolver: one accessor per op Mote runs. A
// firmware links only the kernels it registers, so register the ops its model
// uses (`mote inspect MODEL` lists them) and nothing else:
//
//   mote::OpResolverN<3> resolver;
//   resolver.Add(mote::ops::Conv2DInt8());       // int8 only: the smallest firmware
//   resolver.Add(mote::ops::FullyConnected());   // every type the kernel supports
//   resolver.Add(mote::ops::Softmax());
//
// Accessors named <Op>Int8 accept int8 tensors only (a float32 or int16 model
// then fails in AllocateTensors with kUnsupported): they link no float32 or
// int16 code and none of the variants only the AOT compiler uses. The others
// accept every type the kernel supports (docs/ops.md). Each accessor is
// defined in its kernel folder (runtime/kernels/<folder>/): link that
// folder's library (mote_kernel_<folder>) or the whole runtime (mote_runtime).
#ifndef MOTE_OPS_H_
#define MOTE_OPS_H_

#include "mote/kernel.h"

namespace mote {
namespace ops {

// Convolutions and matrix products (conv2d, depthwise_conv2d,
// fully_connected, transpose_conv).
const OpKernel& Conv2D();
const OpKernel& Conv2DInt8();
const OpKernel& DepthwiseConv2D();
const OpKernel& DepthwiseConv2DInt8();
const OpKernel& FullyConnected();
const OpKernel& FullyConnectedInt8();
const OpKernel& TransposeConv();

// Pooling (pooling).
const OpKernel& AveragePool2D();
const OpKernel& AveragePool2DInt8();
const OpKernel& MaxPool2D();
const OpKernel& MaxPool2DInt8();

// Activations (activations, softmax).
const OpKernel& Relu();
const OpKernel& Relu6();
const OpKernel& LeakyRelu();
const OpKernel& Logistic();
const OpKernel& Tanh();
const OpKernel& HardSwish();
const OpKernel& Softmax();
const OpKernel& SoftmaxInt8();

// Element-wise binary ops, comparisons and logic (elementwise).
const OpKernel& Add();
const OpKernel& Sub();
const OpKernel& Mul();
const OpKernel& Div();
const OpKernel& Minimum();
const OpKernel& Maximum();
const OpKernel& SquaredDifference();
const OpKernel& Prelu();
const OpKernel& SelectV2();
const OpKernel& Equal();
const OpKernel& NotEqual();
const OpKernel& Greater();
const OpKernel& GreaterEqual();
const OpKernel& Less();
const OpKernel& LessEqual();
const OpKernel& LogicalAnd();
const OpKernel& LogicalOr();
const OpKernel& LogicalNot();

// Element-wise float32 math (math).
const OpKernel& Abs();
const OpKernel& Neg();
const OpKernel& Floor();
const OpKernel& Ceil();
const OpKernel& Round();
const OpKernel& Sqrt();
const OpKernel& Rsqrt();
const OpKernel& Square();
const OpKernel& Sin();
const OpKernel& Cos();
const OpKernel& Exp();
const OpKernel& Log();
const OpKernel& Elu();

// Reductions (reduce).
const OpKernel& Mean();
const OpKernel& Sum();
const OpKernel& ReduceMax();
const OpKernel& ArgMax();

// Shapes and data movement (reshape, data_movement, strided_slice, pad,
// resize, fill).
const OpKernel& Reshape();
const OpKernel& Squeeze();
const OpKernel& ExpandDims();
const OpKernel& Concatenation();
const OpKernel& Pack();
const OpKernel& Unpack();
const OpKernel& Split();
const OpKernel& SplitV();
const OpKernel& Transpose();
const OpKernel& Gather();
const OpKernel& StridedSlice();
const OpKernel& Slice();
const OpKernel& Pad();
const OpKernel& PadV2();
const OpKernel& ResizeNearestNeighbor();
const OpKernel& Shape();
const OpKernel& Fill();
const OpKernel& ZerosLike();

// Quantization and casts (quantize).
const OpKernel& Quantize();
const OpKernel& Dequantize();
const OpKernel& Cast();

// Recurrent (lstm, svdf).
const OpKernel& UnidirectionalSequenceLstm();
const OpKernel& Svdf();

// TFLM signal library custom ops, for audio front ends (signal; docs/audio.md).
const OpKernel& SignalWindow();
const OpKernel& SignalFftAutoScale();
const OpKernel& SignalRfft();
const OpKernel& SignalEnergy();
const OpKernel& SignalFilterBank();
const OpKernel& SignalFilterBankSquareRoot();
const OpKernel& SignalFilterBankSpectralSubtraction();
const OpKernel& SignalPcan();
const OpKernel& SignalFilterBankLog();

}  // namespace ops
}  // namespace mote

#endif  // MOTE_OPS_H_
