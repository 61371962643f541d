// Fuzz target (d): the `mote` command line and its file handling. The input
// is either bytes split into a model file and an input file (`mote inspect
// --json` and `mote run` read them), or a whole command line with its files
// (cli_fuzz_input.h). Seeds: tests/fuzz/cli_seeds/ (every CLI case the tests
// check) and the model corpora. Each run must return a documented exit code
// and, with --json, print one JSON document (with "error" and "exit_code" on
// failure); anything else aborts, as a sanitizer report does.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "cli_fuzz_input.h"

namespace {

std::string g_scratch;
std::string g_shared;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  g_scratch = "/tmp/mote_fuzz_cli_" + std::to_string(getpid());
  mkdir(g_scratch.c_str(), 0755);
  const char* env = std::getenv("MOTE_SHARED_DIR");
  const std::string shared = env != nullptr && *env ? std::string(env) + "/conformance"
                                                    : std::string("../shared/conformance");
  char resolved[4096];
  g_shared = realpath(shared.c_str(), resolved) != nullptr ? resolved : "/nonexistent/shared";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  for (const mote::clifuzz::CliRun& r :
       mote::clifuzz::RunCliInput(data, size, g_scratch, g_shared)) {
    const std::string problem = mote::clifuzz::CheckCliRun(r);
    if (!problem.empty()) {
      std::fprintf(stderr, "fuzz_cli: %s\n", problem.c_str());
      std::abort();
    }
  }
  return 0;
}
