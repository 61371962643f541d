// Small helpers shared by the firmware applications: formatted output through
// the board's semihosting console and a check counter for self-tests.
#ifndef MOTE_TARGETS_QEMU_APP_APP_UTIL_H_
#define MOTE_TARGETS_QEMU_APP_APP_UTIL_H_

#include <cstdarg>
#include <cstdint>
#include <cstdio>

#include "board.h"

namespace app {

// printf to the host's stdout (no heap: formats into a fixed buffer).
inline void Print(const char* format, ...) __attribute__((format(printf, 1, 2)));
inline void Print(const char* format, ...) {
  char buf[256];
  va_list args;
  va_start(args, format);
  const int n = vsnprintf(buf, sizeof(buf), format, args);
  va_end(args);
  if (n > 0) board_write(buf, n < static_cast<int>(sizeof(buf)) ? n : sizeof(buf) - 1);
}

// newlib-nano's printf has no %llu: 64-bit decimal by hand.
inline const char* U64(uint64_t v, char (&buf)[24]) {
  char* p = buf + sizeof(buf) - 1;
  *p = '\0';
  do {
    *--p = static_cast<char>('0' + v % 10);
    v /= 10;
  } while (v != 0);
  return p;
}

inline void PrintHex(const uint8_t* data, size_t n) {
  char buf[129];
  size_t k = 0;
  for (size_t i = 0; i < n; ++i) {
    buf[k++] = "0123456789abcdef"[data[i] >> 4];
    buf[k++] = "0123456789abcdef"[data[i] & 0xF];
    if (k == sizeof(buf) - 1) {
      board_write(buf, k);
      k = 0;
    }
  }
  if (k) board_write(buf, k);
}

// Counts failed checks; main returns failures() as the exit code.
class Checks {
 public:
  bool Check(bool ok, const char* name) {
    Print("%s %s\n", ok ? "PASS" : "FAIL", name);
    if (!ok) ++failures_;
    ++total_;
    return ok;
  }
  int failures() const { return failures_; }
  int total() const { return total_; }

 private:
  int failures_ = 0;
  int total_ = 0;
};

}  // namespace app

#endif  // MOTE_TARGETS_QEMU_APP_APP_UTIL_H_
