#include "mote/status.h"

#include <cstdarg>
#include <cstring>

#include "core/format.h"

namespace mote {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "OK";
    case StatusCode::kInvalidArgument:
      return "INVALID_ARGUMENT";
    case StatusCode::kInvalidModel:
      return "INVALID_MODEL";
    case StatusCode::kUnsupported:
      return "UNSUPPORTED";
    case StatusCode::kResourceExhausted:
      return "RESOURCE_EXHAUSTED";
    case StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case StatusCode::kInternal:
      return "INTERNAL";
  }
  return "UNKNOWN";
}

Status Status::Error(StatusCode code, const char* format, ...) {
  Status s;
  s.code_ = code == StatusCode::kOk ? StatusCode::kInternal : code;
  va_list args;
  va_start(args, format);
  FormatMessage(s.message_, kMaxMessage, format, args);
  va_end(args);
  return s;
}

Status Status::WithContext(const char* format, ...) const {
  if (ok()) return *this;
  Status s;
  s.code_ = code_;
  va_list args;
  va_start(args, format);
  int n = FormatMessage(s.message_, kMaxMessage, format, args);
  va_end(args);
  if (n < 0) n = 0;
  size_t used = static_cast<size_t>(n) < kMaxMessage - 1 ? static_cast<size_t>(n) : kMaxMessage - 1;
  // Append ": <old message>", truncating (memcpy keeps -Wformat-truncation quiet).
  const char sep[] = ": ";
  for (size_t i = 0; sep[i] != '\0' && used < kMaxMessage - 1; ++i) s.message_[used++] = sep[i];
  const size_t old_len = std::strlen(message_);
  const size_t room = kMaxMessage - 1 - used;
  const size_t take = old_len < room ? old_len : room;
  std::memcpy(s.message_ + used, message_, take);
  s.message_[used + take] = '\0';
  return s;
}

}  // namespace mote
