// Status and Result<T>: how Mote reports errors without exceptions or heap.
//
// A Status is a code plus a short human-readable message (stored inline, so a
// Status can be returned from anywhere without allocation). Functions that can
// fail return Status or Result<T>; both are [[nodiscard]].
//
//   Status LoadThing() {
//     MOTE_TRY(CheckHeader());
//     MOTE_ASSIGN_OR_RETURN(const Header* h, ParseHeader());
//     ...
//     return Status::Ok();
//   }
#ifndef MOTE_STATUS_H_
#define MOTE_STATUS_H_

#include <cstddef>
#include <cstdint>
#include <utility>

namespace mote {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,    // the caller passed something wrong (bad index, size mismatch)
  kInvalidModel,       // the model bytes are malformed or inconsistent
  kUnsupported,        // valid, but Mote cannot run it (op, type, feature)
  kResourceExhausted,  // the arena (or another fixed capacity) is too small
  kFailedPrecondition, // called in the wrong state (e.g. Invoke before AllocateTensors)
  kInternal,           // a bug in Mote
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  static constexpr size_t kMaxMessage = 192;

  constexpr Status() : code_(StatusCode::kOk), message_{} {}
  static constexpr Status Ok() { return Status(); }

  // printf-style message. Truncated (never overflows) at kMaxMessage - 1 chars.
  static Status Error(StatusCode code, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const char* message() const { return message_; }

  // Prepends "prefix: " to the message, keeping the code (used to add context
  // such as "op 3 (CONV_2D)" as an error travels up).
  Status WithContext(const char* format, ...) const
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;

  void IgnoreError() const {}

 private:
  StatusCode code_;
  char message_[kMaxMessage];
};

// Result<T>: either a T or an error Status. T must be default-constructible and
// copyable (plain structs, pointers, views).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : status_(), value_(value) {}  // NOLINT: implicit by design
  Result(T&& value) : status_(), value_(std::move(value)) {}  // NOLINT
  Result(const Status& status) : status_(status), value_() {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() { return value_; }
  const T& value() const { return value_; }
  T& operator*() { return value_; }
  const T& operator*() const { return value_; }
  T* operator->() { return &value_; }
  const T* operator->() const { return &value_; }

 private:
  Status status_;
  T value_;
};

namespace internal {
inline const Status& AsStatus(const Status& s) { return s; }
template <typename T>
const Status& AsStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace mote

#define MOTE_CONCAT_IMPL(a, b) a##b
#define MOTE_CONCAT(a, b) MOTE_CONCAT_IMPL(a, b)

// Returns the Status of `expr` (a Status or Result) from the current function if it is an error.
#define MOTE_TRY(expr)                                              \
  do {                                                              \
    const auto& mote_try_result_ = (expr);                          \
    if (!::mote::internal::AsStatus(mote_try_result_).ok())         \
      return ::mote::internal::AsStatus(mote_try_result_);          \
  } while (0)

// `lhs` = value of Result `expr`, or return its error Status.
#define MOTE_ASSIGN_OR_RETURN(lhs, expr) \
  MOTE_ASSIGN_OR_RETURN_IMPL(MOTE_CONCAT(mote_result_, __LINE__), lhs, expr)
#define MOTE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp.value())

#endif  // MOTE_STATUS_H_
