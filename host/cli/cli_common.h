// Shared pieces of the `mote` command-line tool.
#ifndef MOTE_HOST_CLI_CLI_COMMON_H_
#define MOTE_HOST_CLI_CLI_COMMON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mote/model.h"

namespace mote {
namespace cli {

// Exit codes of every `mote` command.
enum ExitCode : int {
  kExitOk = 0,
  kExitFailure = 1,      // anything else (I/O error writing output, ...)
  kExitUsage = 2,        // bad arguments, unreadable input file
  kExitInvalidModel = 3, // the model failed verification
  kExitInputSize = 4,    // input bytes do not match the model's inputs
  kExitUnsupported = 5,  // an op or feature Mote does not support
};

// A model file loaded into 16-byte aligned memory and verified.
struct LoadedModel {
  std::vector<uint8_t> storage;
  Model model;
  Status status;  // Load() result
};

// Reads `path`; on failure prints "mote: cannot read PATH: reason" and returns false.
bool ReadFileOrComplain(const std::string& path, std::vector<uint8_t>* out);
bool WriteFileOrComplain(const std::string& path, const void* data, size_t size);

// Reads and verifies a model. Returns the exit code to use on failure (0 = ok);
// prints the error naming the file.
int LoadModelOrComplain(const std::string& path, LoadedModel* loaded);

// Maps a runtime status to an exit code (kUnsupported -> 5, kInvalidModel -> 3, ...).
int ExitCodeFor(const Status& status);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_CLI_COMMON_H_
