// The MLPerf Tiny VWW network's shapes (MobileNet v1 0.25, 96x96, synthetic
// weights: tests/support/mobilenet_vww.h) through the AOT compiler: compiled
// for the host and for a Cortex-M4 (its Arm DSP variants run here through
// their exact emulation), built into one driver with the helper `mote run
// --aot` uses (cached in $MOTE_CACHE_DIR), and byte-equal to the interpreter
// on three random inputs.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "compiler/aot_build.h"
#include "compiler/aot_compiler.h"
#include "kernels/registry/all_ops_resolver.h"
#include "support/mobilenet_vww.h"
#include "support/test_support.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

constexpr int kSamples = 3;

TEST(AotMobileNetVww, HostAndCortexM4CodeMatchTheInterpreter) {
  const AllOpsResolver resolver;
  testing::ModelRunner runner(testing::BuildMobileNetVww());
  ASSERT_TRUE(runner.Init(resolver).ok());
  Interpreter& interp = runner.interpreter();

  std::mt19937 rng(4);
  std::uniform_int_distribution<int> value(-128, 127);
  std::vector<uint8_t> inputs, expected;
  for (int i = 0; i < kSamples; ++i) {
    std::vector<int8_t> input(testing::kMobileNetVwwInputBytes);
    for (int8_t& v : input) v = static_cast<int8_t>(value(rng));
    inputs.insert(inputs.end(), input.begin(), input.end());
    runner.SetInput<int8_t>(0, input);
    ASSERT_TRUE(interp.Invoke().ok());
    const std::vector<uint8_t> out = runner.Output<uint8_t>(0);
    expected.insert(expected.end(), out.begin(), out.end());
  }

  const char* const targets[] = {"host", "cortex-m4"};
  aot::CompiledModel compiled[2];
  std::vector<aot::DriverModel> models;
  for (int t = 0; t < 2; ++t) {
    aot::CompileOptions options;
    options.name = t == 0 ? "mobilenet_vww_host" : "mobilenet_vww_m4";
    options.target = targets[t];
    const Status s = aot::CompileModel(runner.model(), options, &compiled[t]);
    ASSERT_TRUE(s.ok()) << targets[t] << ": " << s.message();
    models.push_back({options.name, &compiled[t]});
    std::printf("%s: AOT arena %zu B (interpreter %zu B), weights %zu B\n", targets[t],
                compiled[t].arena_bytes, compiled[t].interpreter_arena_bytes,
                compiled[t].weight_bytes);
    RecordProperty(std::string(targets[t]) + "_aot_arena_bytes",
                   std::to_string(compiled[t].arena_bytes));
    // The generated code plans the same buffers as the interpreter, without
    // its tables: never a larger arena.
    EXPECT_LE(compiled[t].arena_bytes, compiled[t].interpreter_arena_bytes);
  }
  std::string exe;
  bool cached = false;
  const Status built = aot::BuildAotMultiDriver(models, "mobilenet_vww", &exe, &cached);
  ASSERT_TRUE(built.ok()) << built.message();

  const fs::path dir =
      fs::temp_directory_path() / ("mote_aot_mobilenet_vww_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path in_file = dir / "in.bin";
  std::ofstream(in_file, std::ios::binary)
      .write(reinterpret_cast<const char*>(inputs.data()),
             static_cast<std::streamsize>(inputs.size()));
  for (const aot::DriverModel& m : models) {
    const fs::path out_file = dir / (m.name + ".out.bin");
    const std::string command =
        "'" + exe + "' " + m.name + " '" + in_file.string() + "' '" + out_file.string() + "' 1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
    EXPECT_EQ(testing::ReadFile(out_file.string()), expected)
        << m.name << ": AOT output differs from the interpreter's";
  }
  fs::remove_all(dir);
}

}  // namespace
}  // namespace mote
