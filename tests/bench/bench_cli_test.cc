// `mote bench` end to end on hello_world_int8: the JSON report has the
// fields issue 5 asks for, per-layer instructions add up to at most the whole
// model, the arena is the compiled model's kArenaSize (aot) or the
// interpreter's, and -o writes TFLM's golden output.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "support/test_support.h"

namespace {

using Command = mote::testing::CommandResult;

Command Run(const std::string& command) { return mote::testing::RunCommand(command); }

bool Have(const char* programs) {
  return Run(std::string("command -v ") + programs + " >/dev/null 2>&1").exit_code == 0;
}

nlohmann::json RunJson(const std::string& args) {
  const Command c = Run(std::string(MOTE_BIN) + " " + args);
  EXPECT_EQ(c.exit_code, 0) << "mote " << args << "\n" << c.out;
  const nlohmann::json j = nlohmann::json::parse(c.out, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(j.is_discarded()) << c.out;
  return j.is_discarded() ? nlohmann::json::object() : j;
}

class BenchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string conformance = mote::testing::ConformanceDir();
    if (conformance.empty()) GTEST_SKIP() << "../shared/conformance not found";
    model_ = conformance + "/models/hello_world_int8.tflite";
    golden_ = conformance + "/golden/hello_world_int8";
    // The compiled host driver's cache stays in the test's directory.
    setenv("MOTE_CACHE_DIR", BENCH_WORK_DIR "/aot-cache", 1);
  }
  void SkipWithoutQemu() {
    if (!Have("arm-none-eabi-g++ qemu-system-arm")) {
      GTEST_SKIP() << "arm-none-eabi-g++ or qemu-system-arm not found";
    }
  }

  // Runs `mote bench` on in0.bin and checks what every report has.
  nlohmann::json Bench(const std::string& args, const std::string& name) {
    const std::string out = std::string(BENCH_WORK_DIR) + "/" + name + ".bin";
    std::remove(out.c_str());
    nlohmann::json j =
        RunJson("bench " + model_ + " " + args + " --json -i " + golden_ + "/in0.bin -o " + out);
    for (const char* key : {"target", "path", "instructions", "arena_bytes", "layers"}) {
      EXPECT_TRUE(j.contains(key)) << key;
    }
    EXPECT_EQ(mote::testing::ReadFile(out), mote::testing::ReadFile(golden_ + "/out0.bin"))
        << "the output of mote bench " << args << " differs from TFLM's golden out0.bin";
    return j;
  }

  static void ExpectInstructions(const nlohmann::json& j) {
    ASSERT_TRUE(j["instructions"].is_number()) << j.dump(2);
    const uint64_t total = j["instructions"].get<uint64_t>();
    EXPECT_GT(total, 0u);
    ASSERT_EQ(j["layers"].size(), 3u);  // three FULLY_CONNECTED
    uint64_t sum = 0;
    for (const auto& l : j["layers"]) {
      EXPECT_EQ(l["op"], "FULLY_CONNECTED");
      sum += l["instructions"].get<uint64_t>();
    }
    EXPECT_GT(sum, 0u);
    EXPECT_LE(sum, total);
  }

  static void ExpectTargetFields(const nlohmann::json& j) {
    for (const char* key :
         {"stack_bytes", "flash_weights_bytes", "flash_code_bytes", "flash_libc_bytes"}) {
      ASSERT_TRUE(j.contains(key)) << key;
      EXPECT_GT(j[key].get<uint64_t>(), 0u) << key;
    }
    EXPECT_EQ(j["target"], "cortex-m4f");
  }

  // `mote compile --json`'s kArenaSize for `target`.
  uint64_t CompiledArena(const std::string& target) {
    const nlohmann::json j = RunJson("compile " + model_ + " --target " + target + " -o " +
                                     BENCH_WORK_DIR "/compiled-" + target + " --json");
    return j.value("arena_bytes_aot", uint64_t{0});
  }

  std::string model_, golden_;
};

TEST_F(BenchCliTest, CortexM4CompiledModel) {
  SkipWithoutQemu();
  const nlohmann::json j =
      Bench("--target cortex-m4 --path aot --build-dir " BENCH_WORK_DIR "/fw-aot", "m4_aot");
  EXPECT_EQ(j["path"], "aot");
  ExpectInstructions(j);
  ExpectTargetFields(j);
  const uint64_t arena = CompiledArena("cortex-m4");
  EXPECT_GT(arena, 0u);
  EXPECT_EQ(j["arena_bytes"].get<uint64_t>(), arena);
}

TEST_F(BenchCliTest, CortexM4Interpreter) {
  SkipWithoutQemu();
  const nlohmann::json j =
      Bench("--target cortex-m4 --path interpreter --build-dir " BENCH_WORK_DIR "/fw-interp",
            "m4_interp");
  EXPECT_EQ(j["path"], "interpreter");
  ExpectInstructions(j);
  ExpectTargetFields(j);
  // The target's own arena_used_bytes: within the arena the firmware was
  // built with (planned on the host for the target's kernels), and in RAM.
  const uint64_t arena = j["arena_bytes"].get<uint64_t>();
  EXPECT_GT(arena, 0u);
  EXPECT_LE(arena, j["arena_capacity_bytes"].get<uint64_t>());
  EXPECT_LT(arena, j["ram_bytes"].get<uint64_t>());
}

TEST_F(BenchCliTest, HostCompiledModelIsTheDefault) {
  const nlohmann::json j = Bench("--target host", "host_aot");  // no --path: aot
  EXPECT_EQ(j["path"], "aot");
  EXPECT_GT(j["wall_ns"].get<double>(), 0.0);
  EXPECT_EQ(j["arena_bytes"].get<uint64_t>(), CompiledArena("host"));
  if (!Have("valgrind")) GTEST_SKIP() << "valgrind not found: wall time only";
  ExpectInstructions(j);
}

TEST_F(BenchCliTest, HostInterpreter) {
  const nlohmann::json j = Bench("--target host --path interpreter", "host_interp");
  EXPECT_EQ(j["path"], "interpreter");
  EXPECT_GT(j["wall_ns"].get<double>(), 0.0);
  const nlohmann::json inspect = RunJson("inspect " + model_ + " --json");
  EXPECT_EQ(j["arena_bytes"], inspect["arena_bytes"]);
  if (!Have("valgrind")) GTEST_SKIP() << "valgrind not found: wall time only";
  ExpectInstructions(j);
}

}  // namespace
