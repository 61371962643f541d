// The MLPerf Tiny visual wake words network's shapes (MobileNet v1, width
// 0.25, 96x96x3 int8 input, 2 classes) as an int8 .tflite built with
// host/tflite_builder, with synthetic weights: seeded random int8 values, and
// quantization parameters drawn like TFLite's converter writes them for the
// trained model (mobilenet_vww.cc): per-channel symmetric weight scales,
// asymmetric ReLU activations (zero point -128), int32 biases in their real
// range, including the dead channels' biases clamped to +-2^30. Scales keep
// every layer's activations spread over their range instead of saturating.
// Not a trained model: its outputs mean nothing, only the shapes, ops and
// quantization are real.
//
//   CONV_2D 3x3 /2 SAME -> 8, ReLU                       [1, 48, 48, 8]
//   13 x (DEPTHWISE_CONV_2D 3x3 SAME, ReLU; CONV_2D 1x1, ReLU)
//                                                        ... [1, 3, 3, 256]
//   AVERAGE_POOL_2D 3x3 VALID                            [1, 1, 1, 256]
//   RESHAPE                                              [1, 256]
//   FULLY_CONNECTED -> 2                                 [1, 2]
//   SOFTMAX                                              [1, 2]
#ifndef MOTE_TESTS_SUPPORT_MOBILENET_VWW_H_
#define MOTE_TESTS_SUPPORT_MOBILENET_VWW_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace mote {
namespace testing {

constexpr size_t kMobileNetVwwInputBytes = 96 * 96 * 3;  // int8 [1, 96, 96, 3]
constexpr size_t kMobileNetVwwClasses = 2;               // int8 [1, 2] softmax
constexpr size_t kMobileNetVwwOps = 1 + 13 * 2 + 4;      // 31

// The same seed always gives the same bytes.
std::vector<uint8_t> BuildMobileNetVww(uint32_t seed = 2026);

// Index of the FULLY_CONNECTED op (the logits before SOFTMAX) in the model.
constexpr size_t kMobileNetVwwLogitsOp = kMobileNetVwwOps - 2;

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_SUPPORT_MOBILENET_VWW_H_
