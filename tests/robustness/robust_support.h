// Helpers for the robustness tests: run bytes through Load, AllocateTensors
// and Invoke from an exact-size heap copy (so ASan sees any read past the end).
#ifndef MOTE_TESTS_ROBUSTNESS_ROBUST_SUPPORT_H_
#define MOTE_TESTS_ROBUSTNESS_ROBUST_SUPPORT_H_

#include <cstdint>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace robustness {

enum class Stage { kLoad, kAllocate, kAccepted };

struct Outcome {
  Stage stage = Stage::kLoad;  // where it failed, or kAccepted
  Status status;               // the failure (ok when accepted)
};

class ExactBytes {
 public:
  explicit ExactBytes(const std::vector<uint8_t>& bytes) : size_(bytes.size()) {
    data_ = static_cast<uint8_t*>(::operator new(size_ == 0 ? 1 : size_, std::align_val_t(16)));
    if (size_ != 0) std::memcpy(data_, bytes.data(), size_);
  }
  ~ExactBytes() { ::operator delete(data_, std::align_val_t(16)); }
  ExactBytes(const ExactBytes&) = delete;
  ExactBytes& operator=(const ExactBytes&) = delete;
  Span<const uint8_t> span() const { return Span<const uint8_t>(data_, size_); }

 private:
  uint8_t* data_;
  size_t size_;
};

// Loads, allocates (in `arena`) and, if `invoke` and accepted, runs once with
// inputs filled with a byte pattern.
inline Outcome RunBytes(const std::vector<uint8_t>& bytes, std::vector<uint8_t>& arena,
                        bool invoke) {
  static const AllOpsResolver resolver;
  ExactBytes copy(bytes);
  Outcome out;
  Result<Model> model = Model::Load(copy.span());
  if (!model.ok()) {
    out.status = model.status();
    return out;
  }
  Interpreter interpreter(*model, resolver, Span<uint8_t>(arena.data(), arena.size()));
  const Status s = interpreter.AllocateTensors();
  if (!s.ok()) {
    out.stage = Stage::kAllocate;
    out.status = s;
    return out;
  }
  out.stage = Stage::kAccepted;
  if (invoke) {
    for (size_t i = 0; i < interpreter.num_inputs(); ++i) {
      TensorRef t = interpreter.input(i);
      auto* p = static_cast<uint8_t*>(t.data);
      for (size_t b = 0; b < t.bytes; ++b) p[b] = static_cast<uint8_t>(b * 37 + 11);
    }
    interpreter.Invoke().IgnoreError();
  }
  return out;
}

inline bool Contains(const Status& s, const std::string& needle) {
  return std::string(s.message()).find(needle) != std::string::npos;
}

}  // namespace robustness
}  // namespace mote

#endif  // MOTE_TESTS_ROBUSTNESS_ROBUST_SUPPORT_H_
