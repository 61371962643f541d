// Small single-op models (built with host/tflite_builder) for the ops the
// AOT compiler supports but no shared model exercises fully: other element
// types, broadcasting, several frames, runtime indices, carried state.
#ifndef MOTE_TESTS_AOT_SINGLE_OP_MODELS_H_
#define MOTE_TESTS_AOT_SINGLE_OP_MODELS_H_

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace mote {
namespace testing {

struct SingleOpCase {
  std::string name;            // a C identifier: the compiled model's name
  std::vector<uint8_t> model;  // .tflite bytes
  // Inclusive value range of integer input i; inputs not listed use a
  // default range for their type (see aot_single_op_test.cc).
  std::map<size_t, std::pair<int64_t, int64_t>> ranges;
};

std::vector<SingleOpCase> SingleOpCases();

// SLICE, SPLIT_V, SHAPE, FILL, ZEROS_LIKE, SELECT_V2, float32 unary math
// (single_op_models_shape_math.cc).
void AddShapeAndMathCases(std::vector<SingleOpCase>* cases);

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_AOT_SINGLE_OP_MODELS_H_
