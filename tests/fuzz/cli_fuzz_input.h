// The input format of the fuzz_cli target, shared with the tests that replay
// its seeds (tests/robustness/cli_regression_test.cc).
//
// Two forms:
//  * any bytes (the first form): byte 0 says where the rest splits into a model
//    file and an input file; then `mote inspect --json MODEL` and
//    `mote run MODEL -i IN -o OUT --arena-bytes 1048576` run.
//  * "MOTE-CLI\n", then one command-line argument per line up to an empty
//    line, then the files: a 4-byte little-endian length N, N bytes of model
//    file and the rest as the input file. Arguments may name
//      @MODEL@   the model file        @IN@    the input file (also a WAV)
//      @OUT@     an output file path   @DIR@   an existing folder
//      @SHARED@  ../shared/conformance (TFLM's models and WAV clips; may be absent)
//    Every other argument is used as it is, except that a command line that
//    could leave the scratch folder ('/' or ".." in an argument), build code
//    (bench, --aot) or run long is skipped.
//
// Each run checks what the CLI promises: it returns (no abort; the sanitizers
// watch memory), the exit code is a documented one (0..7), and with --json
// stdout is one JSON document that, on failure, holds a non-empty "error" and
// the "exit_code". CheckCliRun() returns what is wrong ("" if nothing).
#ifndef MOTE_TESTS_FUZZ_CLI_FUZZ_INPUT_H_
#define MOTE_TESTS_FUZZ_CLI_FUZZ_INPUT_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/mote_main.h"

namespace mote {
namespace clifuzz {

constexpr char kMagic[] = "MOTE-CLI\n";

struct CliRun {
  std::vector<std::string> args;  // after "mote", placeholders replaced
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
  bool json = false;
  bool skipped = false;  // the command line was not run (see above)
};

// Builds a fuzz input of the second form.
inline std::vector<uint8_t> MakeInput(const std::vector<std::string>& args,
                                      const std::vector<uint8_t>& model = {},
                                      const std::vector<uint8_t>& input = {}) {
  std::string text = kMagic;
  for (const std::string& a : args) text += a + "\n";
  text += "\n";
  std::vector<uint8_t> bytes(text.begin(), text.end());
  const uint32_t n = static_cast<uint32_t>(model.size());
  for (int i = 0; i < 4; ++i) bytes.push_back(static_cast<uint8_t>(n >> (8 * i)));
  bytes.insert(bytes.end(), model.begin(), model.end());
  bytes.insert(bytes.end(), input.begin(), input.end());
  return bytes;
}

inline void WriteBytes(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return;
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
}

// Runs `mote ARGS` in-process with stdout captured.
inline void RunMote(CliRun* run, const std::string& scratch) {
  std::vector<std::string> argv_storage = {"mote"};
  argv_storage.insert(argv_storage.end(), run->args.begin(), run->args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_storage) argv.push_back(&a[0]);
  argv.push_back(nullptr);
  const std::string out_path = scratch + "/stdout.txt", err_path = scratch + "/stderr.txt";
  std::fflush(stdout);
  std::fflush(stderr);
  const int saved_out = ::dup(1), saved_err = ::dup(2);
  const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out_fd >= 0) ::dup2(out_fd, 1);
  if (err_fd >= 0) ::dup2(err_fd, 2);
  run->exit_code = cli::MoteMain(static_cast<int>(argv_storage.size()), argv.data());
  std::fflush(stdout);
  std::fflush(stderr);
  for (int fd : {saved_out, saved_err}) {
    if (fd >= 0) {
      ::dup2(fd, fd == saved_out ? 1 : 2);
      ::close(fd);
    }
  }
  for (int fd : {out_fd, err_fd}) {
    if (fd >= 0) ::close(fd);
  }
  auto slurp = [](const std::string& path) {
    std::string text;
    if (FILE* f = std::fopen(path.c_str(), "rb")) {
      char buf[4096];
      size_t n;
      while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) text.append(buf, n);
      std::fclose(f);
    }
    return text;
  };
  run->out = slurp(out_path);
  run->err = slurp(err_path);
}

// Runs one fuzz input; files go to `scratch` (an existing folder, which is
// also the working directory while the command runs). `shared` is
// ../shared/conformance's absolute path (or a path that does not exist).
inline std::vector<CliRun> RunCliInput(const uint8_t* data, size_t size, const std::string& scratch,
                                       const std::string& shared) {
  std::vector<CliRun> runs;
  const std::string model = scratch + "/model.tflite", input = scratch + "/input.bin",
                    output = scratch + "/output.bin", dir = scratch + "/folder";
  ::mkdir(dir.c_str(), 0755);
  const size_t magic = std::strlen(kMagic);
  if (size < magic || std::memcmp(data, kMagic, magic) != 0) {
    if (size < 2) return runs;
    const size_t split = data[0] == 0 ? size / 2 : (size * data[0]) / 256;
    WriteBytes(model, data + 1, split > 0 ? split - 1 : 0);
    WriteBytes(input, data + split, size - split);
    CliRun a;
    a.args = {"inspect", "--json", model};
    CliRun b;
    b.args = {"run", model, "-i", input, "-o", output, "--arena-bytes", "1048576"};
    runs = {a, b};
  } else {
    // Arguments, one per line, up to an empty line.
    CliRun r;
    size_t pos = magic;
    bool ended = false;
    while (pos < size) {
      const void* nl = std::memchr(data + pos, '\n', size - pos);
      const size_t end = nl ? static_cast<size_t>(static_cast<const uint8_t*>(nl) - data) : size;
      std::string arg(reinterpret_cast<const char*>(data + pos), end - pos);
      arg = arg.substr(0, arg.find('\0'));  // what argv can hold
      pos = end + 1;
      if (arg.empty()) {
        ended = true;
        break;
      }
      if (r.args.size() >= 32 || arg.size() > 256) r.skipped = true;
      r.args.push_back(arg);
    }
    if (!ended) pos = size;
    uint32_t n = 0;
    if (pos + 4 <= size) {
      for (int i = 0; i < 4; ++i) n |= uint32_t{data[pos + i]} << (8 * i);
      pos += 4;
    }
    const size_t model_bytes = n < size - pos ? n : size - pos;
    WriteBytes(model, data + pos, model_bytes);
    WriteBytes(input, data + pos + model_bytes, size - pos - model_bytes);
    for (std::string& a : r.args) {
      const bool shared_path = a.rfind("@SHARED@/", 0) == 0 && a.find("..") == std::string::npos;
      if (a == "@MODEL@") {
        a = model;
      } else if (a == "@IN@") {
        a = input;
      } else if (a == "@OUT@") {
        a = output;
      } else if (a == "@DIR@") {
        a = dir;
      } else if (shared_path) {
        a = shared + a.substr(8);
      } else if (a.find('/') != std::string::npos || a.find("..") != std::string::npos ||
                 a == "bench" || a == "bench-host-runner" || a == "--aot") {
        r.skipped = true;  // only the placeholders may name paths; nothing is built
      }
    }
    runs.push_back(r);
  }
  char cwd[4096];
  const bool have_cwd = ::getcwd(cwd, sizeof(cwd)) != nullptr;
  if (::chdir(scratch.c_str()) != 0) return {};
  for (CliRun& r : runs) {
    for (const std::string& a : r.args) {  // as MoteMain: --json before any "--"
      if (a == "--") break;
      r.json = r.json || a == "--json";
    }
    if (!r.skipped) RunMote(&r, scratch);
  }
  if (have_cwd && ::chdir(cwd) != 0) return {};
  return runs;
}

// What is wrong with a run ("" if nothing).
inline std::string CheckCliRun(const CliRun& r) {
  if (r.skipped) return "";
  if (r.exit_code < 0 || r.exit_code > 7) {
    return "undocumented exit code " + std::to_string(r.exit_code);
  }
  bool help = false;
  for (const std::string& a : r.args) {
    help = help || a == "--help" || a == "-h" || a == "--version" || a == "help";
  }
  // Help asked for in a cluster of short flags ("-h@MODEL@") is help too.
  help = help || (r.exit_code == 0 && r.out.find("Usage: mote") != std::string::npos);
  if (!r.json || help) return "";
  nlohmann::json j = nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return "--json output is not one JSON document: " + r.out.substr(0, 200);
  if (r.exit_code == 0) return "";
  if (!j.is_object() || !j.contains("error") || !j["error"].is_string() ||
      j["error"].get<std::string>().empty()) {
    return "--json failure without a non-empty \"error\": " + r.out.substr(0, 200);
  }
  if (!j.contains("exit_code") || j["exit_code"] != r.exit_code) {
    return "--json failure without \"exit_code\": " + std::to_string(r.exit_code);
  }
  return "";
}

}  // namespace clifuzz
}  // namespace mote

#endif  // MOTE_TESTS_FUZZ_CLI_FUZZ_INPUT_H_
