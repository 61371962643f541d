// The generated C++ of every shared model, on every golden input: outputs
// byte-equal to TFLM's goldens and to Mote's interpreter.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "aot_models.h"
#include "kernels/registry/all_ops_resolver.h"
#include "kernels/signal/signal.h"
#include "support/test_support.h"

namespace mote {
namespace {

using testing::ConformanceDir;
using testing::ReadFile;

class AotConformance : public ::testing::TestWithParam<AotEntry> {};

// Writes `input` (all inputs concatenated) into an initialized arena, invokes,
// returns all outputs concatenated. State carries over from earlier calls.
std::vector<uint8_t> InvokeOn(const AotEntry& m, uint8_t* arena,
                              const std::vector<uint8_t>& input) {
  size_t offset = 0;
  for (size_t i = 0; i < m.num_inputs; ++i) {
    std::memcpy(arena + m.input_offsets[i], input.data() + offset, m.input_bytes[i]);
    offset += m.input_bytes[i];
  }
  EXPECT_EQ(m.invoke(arena, m.arena_bytes), MOTE_AOT_OK);
  std::vector<uint8_t> out;
  for (size_t i = 0; i < m.num_outputs; ++i) {
    out.insert(out.end(), arena + m.output_offsets[i],
               arena + m.output_offsets[i] + m.output_bytes[i]);
  }
  return out;
}

// Runs the compiled model on `input`, state reset first.
std::vector<uint8_t> RunAot(const AotEntry& m, const std::vector<uint8_t>& input) {
  // 16-byte aligned arena, filled with garbage so reads of unwritten memory show.
  std::vector<uint8_t> storage(m.arena_bytes + 16, 0xA5);
  uint8_t* arena = storage.data() + (16 - reinterpret_cast<uintptr_t>(storage.data()) % 16) % 16;
  EXPECT_EQ(m.init(arena, m.arena_bytes), MOTE_AOT_OK);
  return InvokeOn(m, arena, input);
}

TEST_P(AotConformance, MatchesGoldensAndInterpreter) {
  const AotEntry& m = GetParam();
  const std::string dir = ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance is absent";
  testing::ModelRunner runner(ReadFile(dir + "/models/" + m.name + ".tflite"), 64u << 20);
  AllOpsResolver resolver;
  ASSERT_TRUE(runner.Init(resolver).ok());
  Interpreter& interp = runner.interpreter();
  ASSERT_EQ(interp.num_inputs(), m.num_inputs);
  ASSERT_EQ(interp.num_outputs(), m.num_outputs);

  const std::vector<std::pair<std::string, std::string>> samples = {{"in0.bin", "out0.bin"},
                                                                    {"in1.bin", "out1.bin"},
                                                                    {"in2.bin", "out2.bin"},
                                                                    {"real0.bin", "realout0.bin"},
                                                                    {"in_csv.bin", "out_csv.bin"}};
  int checked = 0;
  for (const auto& [in_name, out_name] : samples) {
    const std::vector<uint8_t> input = ReadFile(dir + "/golden/" + m.name + "/" + in_name);
    const std::vector<uint8_t> golden = ReadFile(dir + "/golden/" + m.name + "/" + out_name);
    if (input.empty() || golden.empty()) continue;
    SCOPED_TRACE(in_name);
    const std::vector<uint8_t> aot = RunAot(m, input);
    EXPECT_EQ(aot, golden) << "AOT output differs from TFLM's golden";

    interp.ResetVariables();     // as the AOT side's NAME_init(): a fresh start per sample,
    signal::ResetState(interp);  // including the signal ops' noise estimates
    size_t offset = 0;
    for (size_t i = 0; i < interp.num_inputs(); ++i) {
      ASSERT_LE(offset + interp.input(i).bytes, input.size());
      std::memcpy(interp.input(i).data, input.data() + offset, interp.input(i).bytes);
      offset += interp.input(i).bytes;
    }
    ASSERT_TRUE(interp.Invoke().ok());
    std::vector<uint8_t> interpreted;
    for (size_t i = 0; i < interp.num_outputs(); ++i) {
      const auto* p = static_cast<const uint8_t*>(interp.output(i).data);
      interpreted.insert(interpreted.end(), p, p + interp.output(i).bytes);
    }
    EXPECT_EQ(aot, interpreted) << "AOT output differs from the interpreter's";
    ++checked;
  }
  EXPECT_GE(checked, 3) << "expected at least 3 golden inputs for " << m.name;
}

// Two instances, one arena each, interleaved: instance A runs in0 then in1
// (carrying its state, e.g. the audio front end's noise estimate) while B
// runs in between; A's second output equals that of one instance running
// in0 then in1 alone. Also the arena checks: too small, misaligned.
TEST_P(AotConformance, InstancesKeepTheirStateInTheirArena) {
  const AotEntry& m = GetParam();
  const std::string dir = ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance is absent";
  const std::vector<uint8_t> in0 = ReadFile(dir + "/golden/" + m.name + "/in0.bin");
  const std::vector<uint8_t> in1 = ReadFile(dir + "/golden/" + m.name + "/in1.bin");
  if (in0.empty() || in1.empty()) GTEST_SKIP() << "no in0/in1 for " << m.name;
  struct Instance {
    std::vector<uint8_t> storage;
    uint8_t* arena;
  };
  auto make = [&m]() {
    Instance i{std::vector<uint8_t>(m.arena_bytes + 16, 0xA5), nullptr};
    i.arena = i.storage.data() + (16 - reinterpret_cast<uintptr_t>(i.storage.data()) % 16) % 16;
    return i;
  };
  auto run = [&m](uint8_t* arena, const std::vector<uint8_t>& input) {
    return InvokeOn(m, arena, input);
  };
  Instance alone = make(), a = make(), b = make();
  ASSERT_EQ(m.init(alone.arena, m.arena_bytes), MOTE_AOT_OK);
  run(alone.arena, in0);
  const std::vector<uint8_t> expected = run(alone.arena, in1);
  ASSERT_EQ(m.init(a.arena, m.arena_bytes), MOTE_AOT_OK);
  run(a.arena, in0);
  ASSERT_EQ(m.init(b.arena, m.arena_bytes), MOTE_AOT_OK);
  run(b.arena, in1);
  run(b.arena, in1);
  EXPECT_EQ(run(a.arena, in1), expected) << "instance B changed instance A's state";

  if (m.arena_bytes > 0) {
    EXPECT_EQ(m.init(a.arena, m.arena_bytes - 1), MOTE_AOT_ARENA_TOO_SMALL);
    EXPECT_EQ(m.invoke(a.arena, m.arena_bytes - 1), MOTE_AOT_ARENA_TOO_SMALL);
    EXPECT_EQ(m.invoke(nullptr, m.arena_bytes), MOTE_AOT_ARENA_TOO_SMALL);
  }
  EXPECT_EQ(m.invoke(a.arena + 1, m.arena_bytes), MOTE_AOT_ARENA_MISALIGNED);
}

INSTANTIATE_TEST_SUITE_P(Models, AotConformance, ::testing::ValuesIn(AllAotModels()),
                         [](const ::testing::TestParamInfo<AotEntry>& info) {
                           return std::string(info.param.name);
                         });

}  // namespace
}  // namespace mote
