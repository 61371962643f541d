// Fuzz target (d): the CLI's file handling. The fuzz input is split into a
// model file and an input file, then `mote inspect --json` and `mote run`
// read them from disk exactly as a user's files would be read.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

#include "cli/mote_main.h"

namespace {
void WriteFile(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  const size_t split = data[0] == 0 ? size / 2 : (size * data[0]) / 256;
  const std::string dir = "/tmp/mote_fuzz_cli_" + std::to_string(getpid());
  const std::string model = dir + ".tflite", input = dir + ".in", output = dir + ".out";
  WriteFile(model, data + 1, split > 0 ? split - 1 : 0);
  WriteFile(input, data + split, size - split);
  {
    const char* argv[] = {"mote", "inspect", "--json", model.c_str()};
    mote::cli::MoteMain(4, const_cast<char**>(argv));
  }
  {
    const char* argv[] = {"mote", "run", model.c_str(), "-i", input.c_str(), "-o", output.c_str(),
                          "--arena-bytes", "1048576"};
    mote::cli::MoteMain(9, const_cast<char**>(argv));
  }
  return 0;
}
