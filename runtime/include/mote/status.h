// Status and Result<T>: how Mote reports errors without exceptions or heap.
//
// A Status is a code plus a human-readable message. It is 4 bytes: the code
// and a handle to the message, which is formatted into a small ring of
// message buffers inside the runtime (MOTE_STATUS_MESSAGE_SLOTS buffers of
// MOTE_STATUS_MESSAGE_BYTES: 4 x 128 on bare metal, 32 x 256 on a hosted OS,
// where the ring is thread-local, so read a message on the thread that made
// it). Read a message soon after the error: once that many newer messages
// were formatted, message() says it was overwritten instead (the code stays). Functions that can
// fail return Status or Result<T>; both are [[nodiscard]].
//
// Define MOTE_STRIP_ERROR_STRINGS=1 (for the runtime and the application) to
// compile every message out: Status::Error and WithContext then ignore their
// format and arguments, the strings never reach flash, and message() gives
// the code's name ("INVALID_MODEL", ...).
//
//   Status LoadThing() {
//     MOTE_TRY(CheckHeader());
//     MOTE_ASSIGN_OR_RETURN(const Header* h, ParseHeader());
//     ...
//     return Status::Ok();
//   }
#ifndef MOTE_STATUS_H_
#define MOTE_STATUS_H_

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <utility>

#ifndef MOTE_STRIP_ERROR_STRINGS
#define MOTE_STRIP_ERROR_STRINGS 0
#endif

namespace mote {

enum class StatusCode : uint8_t {
  kOk = 0,
  kInvalidArgument,     // the caller passed something wrong (bad index, size mismatch)
  kInvalidModel,        // the model bytes are malformed or inconsistent
  kUnsupported,         // valid, but Mote cannot run it (op, type, feature)
  kResourceExhausted,   // the arena (or another fixed capacity) is too small
  kFailedPrecondition,  // called in the wrong state (e.g. Invoke before AllocateTensors)
  kInternal,            // a bug in Mote
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  constexpr Status() : code_(StatusCode::kOk), slot_(0), generation_(0) {}
  static constexpr Status Ok() { return Status(); }

#if MOTE_STRIP_ERROR_STRINGS
  // Messages compiled out: only the code is kept (kOk becomes kInternal).
  template <typename... Args>
  static constexpr Status Error(StatusCode code, const char* /*format*/, Args... /*args*/) {
    return Status(code == StatusCode::kOk ? StatusCode::kInternal : code);
  }
  template <typename... Args>
  constexpr Status WithContext(const char* /*format*/, Args... /*args*/) const {
    return *this;
  }
#else
  // printf-style message (core/format.h's subset, the same on every target).
  // Truncated (never overflows) at MOTE_STATUS_MESSAGE_BYTES - 1 chars.
  // kOk is not an error code: it becomes kInternal.
  static Status Error(StatusCode code, const char* format, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;

  // Prepends "prefix: " to the message, keeping the code (used to add context
  // such as "op 3 (CONV_2D)" as an error travels up). Ok stays Ok.
  Status WithContext(const char* format, ...) const
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;
#endif

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // Never null: "" for Ok; the message while it is still in the ring (see
  // above); with MOTE_STRIP_ERROR_STRINGS the code's name.
  const char* message() const;

  void IgnoreError() const {}

 private:
  constexpr explicit Status(StatusCode code) : code_(code), slot_(0), generation_(0) {}
  StatusCode code_;
  uint8_t slot_;         // ring buffer holding the message
  uint16_t generation_;  // that buffer's generation when it was written (0: no message)
};
static_assert(sizeof(Status) == 4, "Status is a code and a message handle");

// Result<T>: either a T or an error Status. T must be default-constructible and
// copyable (plain structs, pointers, views).
//
// value(), operator* and operator-> on an error are a bug in the caller: they
// assert in debug builds; in release builds (NDEBUG) they give a
// value-initialized T (null pointers, an empty Model, zeros), never
// uninitialized memory.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(const T& value) : status_(), value_(value) {}        // NOLINT: implicit by design
  Result(T&& value) : status_(), value_(std::move(value)) {}  // NOLINT
  // An error. An Ok status here is a bug: it becomes a kInternal error.
  Result(const Status& status)  // NOLINT
      : status_(status.ok() ? Status::Error(StatusCode::kInternal, "Result made from Ok status")
                            : status),
        value_() {}

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() {
    assert(ok() && "Result::value() on an error");
    return value_;
  }
  const T& value() const {
    assert(ok() && "Result::value() on an error");
    return value_;
  }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

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
#define MOTE_TRY(expr)                                      \
  do {                                                      \
    const auto& mote_try_result_ = (expr);                  \
    if (!::mote::internal::AsStatus(mote_try_result_).ok()) \
      return ::mote::internal::AsStatus(mote_try_result_);  \
  } while (0)

// `lhs` = value of Result `expr`, or return its error Status.
#define MOTE_ASSIGN_OR_RETURN(lhs, expr) \
  MOTE_ASSIGN_OR_RETURN_IMPL(MOTE_CONCAT(mote_result_, __LINE__), lhs, expr)
#define MOTE_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp.value())

#endif  // MOTE_STATUS_H_
