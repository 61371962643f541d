// Shared pieces of the `mote` command-line tool: exit codes, file reading and
// writing that never throws, error reporting (stderr, and the JSON error
// document of --json commands), JSON output that survives any bytes a model
// file holds, and planning a model on the host.
#ifndef MOTE_HOST_CLI_CLI_COMMON_H_
#define MOTE_HOST_CLI_CLI_COMMON_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "mote/interpreter.h"
#include "mote/model.h"

namespace mote {
namespace cli {

// Exit codes of every `mote` command (README "The `mote` command", `mote --help`).
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,       // a build or run step failed (bench, --aot), an internal error
  kExitUsage = 2,         // bad command line or option value, unusable WAV file
  kExitInvalidModel = 3,  // the model failed verification, or an op is misconfigured
  kExitInputSize = 4,     // input bytes do not match the model's inputs
  kExitUnsupported = 5,   // an op or feature Mote does not support
  kExitArenaTooSmall =
      6,        // --arena-bytes is smaller than the model needs (the message says how much)
  kExitIo = 7,  // a file or folder cannot be read or written
};

// One line per code, for --help footers: "0 ok, 1 build/run failure, ...".
const char* ExitCodesHelp();

// The largest arena `--arena-bytes` accepts and the host tools plan with.
constexpr size_t kMaxArenaBytes = size_t{1} << 31;  // 2 GiB
// The largest file read (model, input, WAV).
constexpr size_t kMaxFileBytes = size_t{1} << 31;

// ---- Errors ----
// Every error goes through Error(): "mote: MESSAGE" on stderr, and the first
// one becomes the "error" of the JSON document a --json command prints when it
// fails. Warnings go to stderr (and "warnings" in JSON output) without failing.
void Error(const char* format, ...) __attribute__((format(printf, 1, 2)));
void Warning(const char* format, ...) __attribute__((format(printf, 1, 2)));
// A step of a long command ("building the firmware ..."): "mote: ..." on stderr.
void Progress(const char* format, ...) __attribute__((format(printf, 1, 2)));
// Error() and returns `exit_code`.
int Fail(int exit_code, const char* format, ...) __attribute__((format(printf, 2, 3)));
// The first error since ResetMessages() ("" if none), and all warnings.
const std::string& FirstError();
const std::vector<std::string>& Warnings();
// Called by MoteMain for each command line.
void ResetMessages(bool json);
bool JsonMode();
bool JsonPrinted();

// ---- JSON ----
// dump() that never throws: bytes that are not UTF-8 (model strings are
// untrusted) become U+FFFD.
std::string JsonText(const nlohmann::json& j, int indent = 1);
std::string JsonText(const nlohmann::ordered_json& j, int indent = 1);
// Prints a command's JSON document; when exit_code != 0 it gets "error" (the
// first error, never empty) and "exit_code". Returns exit_code.
int PrintJson(nlohmann::json j, int exit_code = kExitOk, int indent = 1);
int PrintJson(nlohmann::ordered_json j, int exit_code = kExitOk, int indent = 1);
// The document MoteMain prints for a --json command that failed before
// printing its own: {"error": "...", "exit_code": N}.
void PrintJsonError(int exit_code);

// A string read from a file, for a terminal: control characters and bytes
// that are not UTF-8 become \xNN escapes.
std::string Printable(const std::string& s);

// ---- Files ----
// Reads `path` (at most kMaxFileBytes); on failure (missing, a folder, too
// large, read error) returns false and sets *error to "cannot read PATH: reason".
bool ReadFileBytes(const std::string& path, std::vector<uint8_t>* out, std::string* error);
// The same, reporting the error; returns false on failure (exit code kExitIo).
bool ReadFileOrComplain(const std::string& path, std::vector<uint8_t>* out);
bool WriteFileOrComplain(const std::string& path, const void* data, size_t size);

// ---- Models ----
// A model file loaded into 16-byte aligned memory and verified.
struct LoadedModel {
  std::vector<uint8_t> storage;
  Model model;
  std::string error;  // Load() message when it failed
};

// Reads and verifies a model. Returns the exit code to use on failure (0 = ok);
// reports the error naming the file.
int LoadModelOrComplain(const std::string& path, LoadedModel* loaded);

// Maps a runtime status to an exit code (kInvalidModel -> 3, kUnsupported -> 5,
// kResourceExhausted -> 6, kInvalidArgument -> 2, others 1).
int ExitCodeFor(const Status& status);

// For AllocateTensors/Invoke failures: kUnsupported -> 5, kResourceExhausted
// -> 6, kInternal and kFailedPrecondition -> 1, anything else (an op
// misconfigured, inconsistent shapes) -> 3.
int ModelExitCode(const Status& status);

// An arena of `bytes` bytes, 16-byte aligned, not touched (pages are mapped
// as the interpreter uses them). Null if it cannot be allocated.
struct Arena {
  std::unique_ptr<uint8_t[]> storage;
  Span<uint8_t> span;
};
bool MakeArena(size_t bytes, Arena* arena);

// The interpreter's arena for `model` planned on the host (grown up to
// kMaxArenaBytes): status of AllocateTensors and the bytes it used (or, when it
// failed for lack of space even then, the bytes it needs).
struct HostPlan {
  Status status;
  std::string message;  // status.message(), kept
  size_t arena_bytes = 0;
};
HostPlan PlanOnHost(const Model& model, const OpResolver& resolver,
                    const PlannerOptions& options = PlannerOptions());

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_CLI_COMMON_H_
