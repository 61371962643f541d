// Small valid models built with host::ModelBuilder, one per kernel family the
// robustness tests corrupt (the malformed-model generator's seeds besides the
// shared conformance models, and the base of the CVE regression tests).
#ifndef MOTE_TESTS_ROBUSTNESS_BUILDER_MODELS_H_
#define MOTE_TESTS_ROBUSTNESS_BUILDER_MODELS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "tflite_builder/model_builder.h"

namespace mote {
namespace robustness {

struct NamedModel {
  std::string name;
  std::vector<uint8_t> bytes;
};

// Conv2D int8 (per-channel), input 1x4x4x2, filter 3x2x2x2 -> 1x3x3x3, VALID.
// Every argument can be overridden to build a bad variant.
struct ConvSpec {
  std::vector<int32_t> input{1, 4, 4, 2};
  std::vector<int32_t> filter{3, 2, 2, 2};
  std::vector<int32_t> output{1, 3, 3, 3};
  int32_t stride_w = 1, stride_h = 1, dilation_w = 1, dilation_h = 1;
  int8_t padding = 1;  // VALID
  bool with_bias = true;
};
std::vector<uint8_t> BuildConv(const ConvSpec& spec);

// All builder models (valid; each allocates with AllOpsResolver).
std::vector<NamedModel> BuilderModels();

}  // namespace robustness
}  // namespace mote

#endif  // MOTE_TESTS_ROBUSTNESS_BUILDER_MODELS_H_
