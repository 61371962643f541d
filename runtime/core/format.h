// A small vsnprintf for status messages, the same on every target: newlib-nano
// (what Cortex-M firmware links) has no %zu / %lld / %g, and the full printf
// costs kilobytes of flash. Supports flags '-' '0' '+' ' ', width, precision
// ('*' too), length modifiers hh h l ll z j t, and conversions d i u x X o c s
// p g f e %. %g/%f/%e print at most 9 significant digits (messages, not data).
#ifndef MOTE_CORE_FORMAT_H_
#define MOTE_CORE_FORMAT_H_

#include <cstdarg>
#include <cstddef>

namespace mote {

// Like vsnprintf: writes at most size - 1 chars plus a NUL (if size > 0) and
// returns the length the full message would have.
int FormatMessage(char* out, size_t size, const char* format, va_list args);
// The same with variadic arguments (snprintf).
int FormatTo(char* out, size_t size, const char* format, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

}  // namespace mote

#endif  // MOTE_CORE_FORMAT_H_
