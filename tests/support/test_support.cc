#include "support/test_support.h"
#include "core/interpreter_hooks.h"

#include <sys/wait.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

namespace mote {
namespace testing {

std::vector<uint8_t> ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return {};
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
}

std::string ConformanceDir() {
  const std::string dir = std::string(MOTE_SHARED_DIR) + "/conformance";
  std::ifstream probe(dir + "/models/kws_ref_model.tflite");
  return probe ? dir : std::string();
}

CommandResult RunCommand(const std::string& command) {
  CommandResult c;
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return c;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) c.out.append(buf, n);
  const int status = pclose(p);
  c.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return c;
}

ModelRunner::ModelRunner(std::vector<uint8_t> bytes, size_t arena_bytes) {
  storage_.resize(bytes.size() + 16);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(storage_.data()) % 16) % 16;
  std::memcpy(storage_.data() + pad, bytes.data(), bytes.size());
  bytes_ = Span<const uint8_t>(storage_.data() + pad, bytes.size());
  arena_storage_.resize(arena_bytes + 16);
}

Status ModelRunner::Init(const OpResolver& resolver, const PlannerOptions& options) {
  Result<Model> model = Model::Load(bytes_);
  if (!model.ok()) return model.status();
  model_ = model.value();
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(arena_storage_.data()) % 16) % 16;
  interpreter_ = std::make_unique<Interpreter>(
      model_, resolver, Span<uint8_t>(arena_storage_.data() + pad, arena_storage_.size() - 16));
  InterpreterHooks::set_planner_options(*interpreter_, options);
  return interpreter_->AllocateTensors();
}

void ModelRunner::SetInputBytes(size_t i, const void* data, size_t bytes) {
  TensorRef in = interpreter_->input(i);
  ASSERT_EQ(in.bytes, bytes) << "input " << i << " size";
  if (bytes > 0) std::memcpy(in.data, data, bytes);  // an empty vector's data() may be null
}

}  // namespace testing
}  // namespace mote
