// Malformed-model generator (host/test only): from one valid .tflite model,
// produces corrupted variants by patching bytes in place at flatbuffer field
// locations found by walking the model's tables (model, subgraphs, tensors,
// quantization, operators, operator codes, buffers).
//
//   for (const Variant& v : MutateModel(bytes)) { ... load v.bytes, expect an error ... }
//
// Every variant says what it breaks and what a correct loader must do with it.
#ifndef MOTE_TESTS_ROBUSTNESS_MODEL_MUTATOR_H_
#define MOTE_TESTS_ROBUSTNESS_MODEL_MUTATOR_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace mote {
namespace robustness {

enum class Expect {
  kRejectAtLoad,     // Model::Load must fail with one of `needles` in the message
  kRejectBeforeRun,  // Load or AllocateTensors must fail (message must name one of `needles`,
                     // or any message when `needles` is empty)
  kNoCrash,          // may be accepted or rejected; must never crash (Invoke runs if accepted)
};

struct Variant {
  std::string cls;   // mutation class, e.g. "tensor_buffer_index"
  std::string what;  // the exact change, e.g. "subgraph 0 tensor 3: buffer = 4294967295"
  Expect expect = Expect::kRejectAtLoad;
  std::vector<std::string> needles;
  std::vector<uint8_t> bytes;
};

// Variants of every class for `model` (which must be a valid model). At most
// `max_per_class` variants per class, spread evenly over the candidates.
std::vector<Variant> MutateModel(const std::vector<uint8_t>& model, size_t max_per_class = 48);

// The class names MutateModel can produce (for reports).
const std::vector<std::string>& MutationClasses();

}  // namespace robustness
}  // namespace mote

#endif  // MOTE_TESTS_ROBUSTNESS_MODEL_MUTATOR_H_
