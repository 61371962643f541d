// Helpers shared by Mote's tests.
#ifndef MOTE_TESTS_SUPPORT_TEST_SUPPORT_H_
#define MOTE_TESTS_SUPPORT_TEST_SUPPORT_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mote/interpreter.h"
#include "mote/model.h"
#include "mote/op_resolver.h"

namespace mote {
namespace testing {

// Reads a whole file; empty vector if it cannot be read.
std::vector<uint8_t> ReadFile(const std::string& path);
// ../shared/conformance (or "" if absent).
std::string ConformanceDir();

// A shell command's exit code (-1 if it did not exit normally) and stdout.
struct CommandResult {
  int exit_code = -1;
  std::string out;
};
CommandResult RunCommand(const std::string& command);

// Owns the model bytes (16-byte aligned copy), the Model, a resolver and an
// arena, and runs a model end to end. For tests of single-op models.
class ModelRunner {
 public:
  explicit ModelRunner(std::vector<uint8_t> bytes, size_t arena_bytes = 1 << 20);
  // Load + AllocateTensors with `resolver`; returns the first error.
  Status Init(const OpResolver& resolver, const PlannerOptions& options = PlannerOptions());
  Interpreter& interpreter() { return *interpreter_; }
  const Model& model() const { return model_; }
  // Copies `data` into input i.
  template <typename T>
  void SetInput(size_t i, const std::vector<T>& data) {
    SetInputBytes(i, data.data(), data.size() * sizeof(T));
  }
  void SetInputBytes(size_t i, const void* data, size_t bytes);
  template <typename T>
  std::vector<T> Output(size_t i) const {
    TensorRef out = interpreter_->output(i);
    const T* p = out.data_as<T>();
    return std::vector<T>(p, p + out.bytes / sizeof(T));
  }

 private:
  std::vector<uint8_t> storage_;  // over-allocated for alignment
  Span<const uint8_t> bytes_;
  std::vector<uint8_t> arena_storage_;
  Model model_;
  std::unique_ptr<Interpreter> interpreter_;
};

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_SUPPORT_TEST_SUPPORT_H_
