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

namespace {

#if !MOTE_STRIP_ERROR_STRINGS

#ifndef MOTE_STATUS_MESSAGE_SLOTS
#if defined(__unix__) || defined(__APPLE__) || defined(_WIN32)
#define MOTE_STATUS_MESSAGE_SLOTS 32
#else
#define MOTE_STATUS_MESSAGE_SLOTS 4
#endif
#endif
#ifndef MOTE_STATUS_MESSAGE_BYTES
#if defined(__unix__) || defined(__APPLE__) || defined(_WIN32)
#define MOTE_STATUS_MESSAGE_BYTES 256
#else
#define MOTE_STATUS_MESSAGE_BYTES 128
#endif
#endif
static_assert(MOTE_STATUS_MESSAGE_SLOTS >= 2 && MOTE_STATUS_MESSAGE_SLOTS <= 256,
              "message slots: 2..256");
static_assert(MOTE_STATUS_MESSAGE_BYTES >= 16, "message buffers of at least 16 bytes");

// The message ring: Status holds (slot, generation); a slot's generation
// changes each time it is reused, so a stale handle is detected.
struct MessageRing {
  char text[MOTE_STATUS_MESSAGE_SLOTS][MOTE_STATUS_MESSAGE_BYTES];
  uint16_t generation[MOTE_STATUS_MESSAGE_SLOTS];
  uint32_t next;
};

#if defined(__unix__) || defined(__APPLE__) || defined(_WIN32)
thread_local MessageRing g_ring;
#else
MessageRing g_ring;
#endif

// Takes the next slot (never `avoid`, the slot of a message being copied).
char* TakeSlot(int avoid, uint8_t* slot, uint16_t* generation) {
  uint32_t index = g_ring.next % MOTE_STATUS_MESSAGE_SLOTS;
  if (static_cast<int>(index) == avoid) index = (index + 1) % MOTE_STATUS_MESSAGE_SLOTS;
  g_ring.next = index + 1;
  uint16_t g = static_cast<uint16_t>(g_ring.generation[index] + 1);
  if (g == 0) g = 1;  // 0 means "no message"
  g_ring.generation[index] = g;
  *slot = static_cast<uint8_t>(index);
  *generation = g;
  return g_ring.text[index];
}

constexpr const char kOverwritten[] = "(message overwritten by later errors)";

#endif  // !MOTE_STRIP_ERROR_STRINGS

}  // namespace

const char* Status::message() const {
  if (ok()) return "";
#if MOTE_STRIP_ERROR_STRINGS
  return StatusCodeName(code_);
#else
  if (generation_ == 0) return StatusCodeName(code_);
  if (g_ring.generation[slot_] != generation_) return kOverwritten;
  return g_ring.text[slot_];
#endif
}

#if !MOTE_STRIP_ERROR_STRINGS

Status Status::Error(StatusCode code, const char* format, ...) {
  Status s(code == StatusCode::kOk ? StatusCode::kInternal : code);
  char* text = TakeSlot(-1, &s.slot_, &s.generation_);
  va_list args;
  va_start(args, format);
  FormatMessage(text, MOTE_STATUS_MESSAGE_BYTES, format, args);
  va_end(args);
  return s;
}

Status Status::WithContext(const char* format, ...) const {
  if (ok()) return *this;
  const char* old = message();
  const bool in_ring = generation_ != 0 && old != kOverwritten;
  Status s(code_);
  char* text = TakeSlot(in_ring ? slot_ : -1, &s.slot_, &s.generation_);
  constexpr size_t kBytes = MOTE_STATUS_MESSAGE_BYTES;
  va_list args;
  va_start(args, format);
  int n = FormatMessage(text, kBytes, format, args);
  va_end(args);
  if (n < 0) n = 0;
  size_t used = static_cast<size_t>(n) < kBytes - 1 ? static_cast<size_t>(n) : kBytes - 1;
  // Append ": <old message>", truncating (memcpy keeps -Wformat-truncation quiet).
  const char sep[] = ": ";
  for (size_t i = 0; sep[i] != '\0' && used < kBytes - 1; ++i) text[used++] = sep[i];
  const size_t old_len = std::strlen(old);
  const size_t room = kBytes - 1 - used;
  const size_t take = old_len < room ? old_len : room;
  std::memcpy(text + used, old, take);
  text[used + take] = '\0';
  return s;
}

#endif  // !MOTE_STRIP_ERROR_STRINGS

}  // namespace mote
