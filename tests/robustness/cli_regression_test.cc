// CLI inputs the fuzz_cli target found crashing, replayed exactly as the
// fuzzer feeds them (first byte chooses where the bytes split into a model
// file and an input file; then `mote inspect --json` and `mote run`).
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "cli/mote_main.h"
#include "support/test_support.h"

namespace mote {
namespace {

void WriteFile(const std::string& path, const uint8_t* data, size_t size) {
  FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr) << path;
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
}

// Returns the exit codes of inspect and run.
std::pair<int, int> ReplayCli(const std::vector<uint8_t>& data) {
  const size_t size = data.size();
  const size_t split = data[0] == 0 ? size / 2 : (size * data[0]) / 256;
  const std::string base = ::testing::TempDir() + "mote_cli_regression_" + std::to_string(getpid());
  const std::string model = base + ".tflite", input = base + ".in", output = base + ".out";
  WriteFile(model, data.data() + 1, split > 0 ? split - 1 : 0);
  WriteFile(input, data.data() + split, size - split);
  const char* inspect[] = {"mote", "inspect", "--json", model.c_str()};
  const int a = cli::MoteMain(4, const_cast<char**>(inspect));
  const char* run[] = {"mote", "run",          model.c_str(),   "-i",     input.c_str(),
                       "-o",   output.c_str(), "--arena-bytes", "1048576"};
  const int b = cli::MoteMain(9, const_cast<char**>(run));
  std::remove(model.c_str());
  std::remove(input.c_str());
  std::remove(output.c_str());
  return {a, b};
}

// fuzz_cli, UBSan "null pointer passed as argument 2" in cli_common.cc: an
// empty model file made LoadModelOrComplain memcpy from a null vector data().
// Now: exit code 3 (invalid model) from both commands.
TEST(CliRegression, FuzzCliEmptyModelFile) {
  const std::vector<uint8_t> data =
      testing::ReadFile(std::string(MOTE_ROBUSTNESS_CORPUS) + "/fuzz_cli_empty_model_file.bin");
  ASSERT_GE(data.size(), 2u);
  ASSERT_EQ(data[0] * data.size() / 256, 1u) << "the model part must be empty";
  const std::pair<int, int> codes = ReplayCli(data);
  EXPECT_EQ(codes.first, 3);
  EXPECT_EQ(codes.second, 3);
}

}  // namespace
}  // namespace mote
