// Running host programs for `mote bench` (cmake, QEMU, valgrind, compilers).
#ifndef MOTE_HOST_BENCH_SHELL_H_
#define MOTE_HOST_BENCH_SHELL_H_

#include <cstdint>
#include <string>

namespace mote {
namespace bench {

// `s` quoted for /bin/sh.
std::string ShellQuote(const std::string& s);

// Runs `command` with /bin/sh; appends its stdout to *out (add 2>&1 for
// stderr). Returns the exit status, or -1 if it did not exit normally.
int RunCapture(const std::string& command, std::string* out);

// True if every program in `programs` (space separated) is on PATH.
bool HaveProgram(const std::string& programs);

// The last `lines` lines of `s` (for error messages quoting a log).
std::string Tail(const std::string& s, size_t lines);

// 1234567 -> "1,234,567".
std::string Commas(uint64_t v);

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_SHELL_H_
