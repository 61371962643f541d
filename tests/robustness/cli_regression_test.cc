// The `mote` command line never aborts: every input a user can give gets a
// clear message and a documented exit code. Each case is a fuzz_cli input
// (tests/fuzz/cli_fuzz_input.h), replayed here exactly as the fuzzer runs it;
// the same bytes are the fuzzer's seeds in tests/fuzz/cli_seeds/
// (CliSeeds.MatchTheTests checks them; MOTE_UPDATE_CLI_SEEDS=1 rewrites them).
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fuzz/cli_fuzz_input.h"
#include "kernels/registry/all_ops_resolver.h"
#include "robustness/builder_models.h"
#include "robustness/model_mutator.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using clifuzz::CliRun;
using clifuzz::MakeInput;

std::string Scratch() {
  const std::string dir = ::testing::TempDir() + "mote_cli_test_" + std::to_string(getpid());
  ::mkdir(dir.c_str(), 0755);
  return dir;
}

std::string Shared() {
  const std::string dir = testing::ConformanceDir();
  return dir.empty() ? "/nonexistent/shared/conformance" : dir;
}

CliRun Replay(const std::vector<uint8_t>& input) {
  const std::vector<CliRun> runs =
      clifuzz::RunCliInput(input.data(), input.size(), Scratch(), Shared());
  EXPECT_EQ(runs.size(), 1u);
  if (runs.empty()) return CliRun();
  const std::string problem = clifuzz::CheckCliRun(runs[0]);
  EXPECT_EQ(problem, "") << runs[0].err;
  EXPECT_FALSE(runs[0].skipped);
  return runs[0];
}

nlohmann::json Json(const CliRun& r) {
  return nlohmann::json::parse(r.out, nullptr, /*allow_exceptions=*/false);
}

// The 4-op chain CONV -> RESHAPE -> FULLY_CONNECTED -> SOFTMAX.
std::vector<uint8_t> ChainModel() { return robustness::BuilderModels()[6].bytes; }

size_t InputBytes(const std::vector<uint8_t>& model) {
  testing::ModelRunner runner(model);
  AllOpsResolver resolver;
  if (!runner.Init(resolver).ok()) return 0;
  return runner.interpreter().input(0).bytes;
}

// A RELU model whose tensor names, description and custom op name are not UTF-8.
std::vector<uint8_t> NotUtf8Model(bool custom_op) {
  host::ModelBuilder b;
  const std::string bad = std::string("t\xff\xfe\xc3(\x80") + '\x01';
  host::QuantParams q;
  q.scale = {0.5f};
  q.zero_point = {0};
  const int x = b.AddTensor(DataType::kInt8, {1, 4}, q, "in" + bad);
  const int y = b.AddTensor(DataType::kInt8, {1, 4}, q, "out" + bad);
  if (custom_op) {
    b.AddCustomOperator("OP\xe9\xff", {x}, {y});
  } else {
    b.AddOperator(BuiltinOp::kRelu, {x}, {y});
  }
  b.SetInputs({x});
  b.SetOutputs({y});
  b.SetDescription("desc\xc0\xaf\xed\xa0\x80");
  return b.Build();
}

struct Case {
  std::string name;  // seed file name (tests/fuzz/cli_seeds/NAME.bin)
  std::vector<uint8_t> input;
};

// Every case of the tests below, as fuzz inputs.
std::vector<Case> Cases() {
  const std::vector<uint8_t> chain = ChainModel();
  const std::vector<uint8_t> chain_input(InputBytes(chain), 1);
  robustness::ConvSpec stride0;
  stride0.stride_w = 0;
  const std::string fe = "@SHARED@/models/audio_preprocessor_int8.tflite";
  const std::string kws = "@SHARED@/models/micro_speech_quantized.tflite";
  const std::string wav = "@SHARED@/micro_speech/wav/";
  return {
      {"inspect_not_utf8_json", MakeInput({"inspect", "--json", "@MODEL@"}, NotUtf8Model(false))},
      {"inspect_not_utf8_text", MakeInput({"inspect", "@MODEL@"}, NotUtf8Model(false))},
      {"inspect_not_utf8_custom_op_json",
       MakeInput({"inspect", "--json", "@MODEL@"}, NotUtf8Model(true))},
      {"run_dump_layers_not_utf8",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--dump-layers", "layers"},
                 NotUtf8Model(false), std::vector<uint8_t>(4, 0))},
      {"inspect_folder_json", MakeInput({"inspect", "--json", "@DIR@"})},
      {"run_folder_model", MakeInput({"run", "@DIR@", "-i", "@IN@", "-o", "@OUT@"})},
      {"run_folder_input", MakeInput({"run", "@MODEL@", "-i", "@DIR@", "-o", "@OUT@"}, chain)},
      {"run_folder_output",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@DIR@"}, chain, chain_input)},
      {"compile_folder_model_json", MakeInput({"compile", "@DIR@", "-o", "gen", "--json"})},
      {"listen_folder_wav_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "@DIR@", "--json"})},
      {"run_arena_huge",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--arena-bytes", "99999999999"},
                 chain, chain_input)},
      {"run_arena_negative",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--arena-bytes", "-5"}, chain,
                 chain_input)},
      {"run_arena_zero",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--arena-bytes", "0"}, chain,
                 chain_input)},
      {"run_arena_too_small",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--arena-bytes", "600"}, chain,
                 chain_input)},
      {"unknown_command", MakeInput({"foo"})},
      {"unknown_command_json", MakeInput({"foo", "--json"})},
      {"no_command", MakeInput({})},
      {"help", MakeInput({"help"})},
      {"help_run", MakeInput({"help", "run"})},
      {"help_unknown", MakeInput({"help", "foo"})},
      {"run_help", MakeInput({"run", "--help"})},
      {"version", MakeInput({"--version"})},
      {"inspect_missing_model_json", MakeInput({"inspect", "--json"})},
      {"inspect_bad_option_json",
       MakeInput({"inspect", "--json", "@MODEL@", "--frobnicate"}, chain)},
      {"inspect_invalid_model_json", MakeInput({"inspect", "--json", "@MODEL@"}, {1, 2, 3, 4})},
      {"compile_invalid_model_json",
       MakeInput({"compile", "@MODEL@", "-o", "gen", "--json"}, {1, 2, 3, 4})},
      {"listen_not_wav_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "@IN@", "--json"}, {}, {1, 2, 3})},
      {"inspect_stride_zero_json",
       MakeInput({"inspect", "--json", "@MODEL@"}, robustness::BuildConv(stride0))},
      {"run_stride_zero",
       MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@"}, robustness::BuildConv(stride0))},
      {"inspect_unknown_op_json", MakeInput({"inspect", "--json", "@MODEL@"}, NotUtf8Model(true))},
      {"inspect_figures_json", MakeInput({"inspect", "--json", "@MODEL@"}, chain)},
      {"compile_figures_json",
       MakeInput({"compile", "@MODEL@", "-o", "gen", "--target", "host", "--json"}, chain)},
      {"compile_default_figures_json",
       MakeInput({"compile", "@MODEL@", "-o", "gen", "--json"}, chain)},
      {"listen_labels_count_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "--labels", "a,b,c",
                  wav + "yes_1000ms.wav", "--json"})},
      {"listen_labels_duplicate_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "--labels", "a,b,a,c",
                  wav + "yes_1000ms.wav", "--json"})},
      {"listen_threshold_high_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "--stream", "--threshold", "300",
                  wav + "yes_1000ms.wav", "--json"})},
      {"listen_threshold_negative_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, "--stream", "--threshold", "-1",
                  wav + "yes_1000ms.wav", "--json"})},
      {"listen_short_clip_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, wav + "yes_30ms.wav", "--json"})},
      {"listen_yes_json",
       MakeInput({"listen", "--frontend", fe, "--model", kws, wav + "yes_1000ms.wav", "--json"})},
      {"listen_stream_yes_json", MakeInput({"listen", "--frontend", fe, "--model", kws, "--stream",
                                            wav + "yes_1000ms.wav", "--json"})},
  };
}

CliRun RunCase(const std::string& name) {
  for (const Case& c : Cases()) {
    if (c.name == name) return Replay(c.input);
  }
  ADD_FAILURE() << "no case " << name;
  return CliRun();
}

std::string Error(const CliRun& r) {
  const nlohmann::json j = Json(r);
  return j.is_object() && j.contains("error") && j["error"].is_string()
             ? j["error"].get<std::string>()
             : "";
}

bool Has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

bool HaveShared() { return !testing::ConformanceDir().empty(); }

// ---- Strings from the file are untrusted bytes ----

TEST(CliNeverAborts, InspectJsonWithNamesThatAreNotUtf8) {
  for (const char* name : {"inspect_not_utf8_json"}) {
    const CliRun r = RunCase(name);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const nlohmann::json j = Json(r);
    ASSERT_FALSE(j.is_discarded()) << r.out;
    EXPECT_TRUE(Has(j["inputs"][0]["name"].get<std::string>(), "\xEF\xBF\xBD"));  // U+FFFD
    EXPECT_TRUE(Has(j["description"].get<std::string>(), "desc"));
  }
  const CliRun text = RunCase("inspect_not_utf8_text");
  EXPECT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(Has(text.out, "\\xFF")) << text.out;  // escaped for the terminal
  EXPECT_FALSE(Has(text.out, "\x01"));
  const CliRun dump = RunCase("run_dump_layers_not_utf8");
  EXPECT_EQ(dump.exit_code, 0) << dump.err;
}

TEST(CliNeverAborts, InspectJsonUnknownCustomOpNotUtf8) {
  const CliRun r = RunCase("inspect_not_utf8_custom_op_json");
  EXPECT_EQ(r.exit_code, 5) << r.err;  // unsupported op: not plannable
  const nlohmann::json j = Json(r);
  ASSERT_FALSE(j.is_discarded());
  EXPECT_EQ(j["exit_code"], 5);
  EXPECT_EQ(j["unsupported_ops"].size(), 1u);
}

// ---- Folders and unreadable files ----

TEST(CliNeverAborts, FolderAsModelInputOutputOrWav) {
  for (const char* name :
       {"inspect_folder_json", "run_folder_model", "run_folder_input", "run_folder_output",
        "compile_folder_model_json", "listen_folder_wav_json"}) {
    SCOPED_TRACE(name);
    const CliRun r = RunCase(name);
    EXPECT_EQ(r.exit_code, 7) << r.err;
    EXPECT_TRUE(Has(r.err, "folder")) << r.err;
    if (r.json) {
      EXPECT_TRUE(Has(Error(r), "folder")) << r.out;
    }
  }
}

// ---- --arena-bytes ----

TEST(CliNeverAborts, ArenaBytesOutOfRange) {
  for (const char* name : {"run_arena_huge", "run_arena_negative", "run_arena_zero"}) {
    SCOPED_TRACE(name);
    const CliRun r = RunCase(name);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(Has(r.err, "--arena-bytes")) << r.err;
  }
}

TEST(CliNeverAborts, ArenaTooSmallGivesTheExactSizeInOneStep) {
  const std::vector<uint8_t> chain = ChainModel();
  testing::ModelRunner big(chain);
  AllOpsResolver resolver;
  ASSERT_TRUE(big.Init(resolver).ok());
  const size_t needed = big.interpreter().arena_used_bytes();
  const CliRun r = RunCase("run_arena_too_small");
  EXPECT_EQ(r.exit_code, 6) << r.err;
  EXPECT_TRUE(Has(r.err, "needs " + std::to_string(needed) + " bytes")) << r.err;
  // That size works; one byte less does not.
  const std::vector<uint8_t> input(InputBytes(chain), 1);
  for (size_t arena : {needed, needed - 1}) {
    const CliRun again = Replay(MakeInput(
        {"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@", "--arena-bytes", std::to_string(arena)},
        chain, input));
    EXPECT_EQ(again.exit_code, arena == needed ? 0 : 6) << again.err;
  }
}

// ---- Commands, help, version ----

TEST(CliNeverAborts, UnknownCommandHelpAndVersion) {
  CliRun r = RunCase("unknown_command");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(r.err, "unknown command 'foo'")) << r.err;
  r = RunCase("unknown_command_json");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(Error(r), "unknown command 'foo'")) << r.out;
  r = RunCase("no_command");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(Has(r.err, "no command")) << r.err;
  r = RunCase("help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Has(r.out, "Usage: mote ")) << r.out;
  EXPECT_TRUE(Has(r.out, "inspect")) << r.out;
  EXPECT_TRUE(Has(r.out, "Exit codes:")) << r.out;
  r = RunCase("help_run");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Has(r.out, "Usage: mote run ")) << r.out;
  EXPECT_TRUE(Has(r.out, "6 arena too small")) << r.out;
  r = RunCase("help_unknown");
  EXPECT_EQ(r.exit_code, 2);
  r = RunCase("run_help");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Has(r.out, "Usage: mote run ")) << r.out;
  EXPECT_FALSE(Has(r.out, "/mote")) << "usage shows the build path: " << r.out;
  r = RunCase("version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_TRUE(Has(r.out, "mote 0.")) << r.out;
}

// ---- Every --json command prints {"error", "exit_code"} on failure ----

TEST(CliNeverAborts, JsonErrorDocuments) {
  const std::vector<std::pair<const char*, int>> cases = {
      {"unknown_command_json", 2},       {"inspect_missing_model_json", 2},
      {"inspect_bad_option_json", 2},    {"inspect_invalid_model_json", 3},
      {"compile_invalid_model_json", 3}, {"inspect_folder_json", 7},
      {"listen_not_wav_json", 2}};
  for (const auto& [name, code] : cases) {
    SCOPED_TRACE(name);
    const CliRun r = RunCase(name);
    EXPECT_EQ(r.exit_code, code) << r.err;
    const nlohmann::json j = Json(r);
    ASSERT_TRUE(j.is_object()) << r.out;
    EXPECT_FALSE(Error(r).empty()) << r.out;
    EXPECT_EQ(j["exit_code"], code) << r.out;
  }
}

// ---- inspect fails when run would ----

TEST(CliNeverAborts, InspectFailsWhenTheModelCannotBePlanned) {
  CliRun r = RunCase("inspect_stride_zero_json");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_TRUE(Has(Error(r), "stride")) << r.out;
  r = RunCase("run_stride_zero");
  EXPECT_EQ(r.exit_code, 3) << r.err;
  r = RunCase("inspect_unknown_op_json");
  EXPECT_EQ(r.exit_code, 5) << r.err;
}

// Malformed variants of the builder models: whenever `mote run` refuses a
// model before reading inputs (load or plan), `mote inspect` fails with the
// same exit code.
TEST(CliNeverAborts, InspectAgreesWithRunOnMalformedModels) {
  size_t checked = 0, refused = 0;
  for (const robustness::NamedModel& m : robustness::BuilderModels()) {
    for (const robustness::Variant& v : robustness::MutateModel(m.bytes, 2)) {
      const CliRun run =
          Replay(MakeInput({"run", "@MODEL@", "-i", "@IN@", "-o", "@OUT@"}, v.bytes, {}));
      const CliRun inspect = Replay(MakeInput({"inspect", "--json", "@MODEL@"}, v.bytes));
      ++checked;
      if (run.exit_code == 3 || run.exit_code == 5 || run.exit_code == 6) {
        ++refused;
        EXPECT_EQ(inspect.exit_code, run.exit_code)
            << m.name << " " << v.cls << ": " << v.what << "\n"
            << run.err << inspect.err;
      } else {
        // Accepted by both (run then fails on the empty input file: 4).
        EXPECT_EQ(inspect.exit_code, 0) << m.name << " " << v.cls << ": " << inspect.err;
      }
    }
  }
  std::printf("%zu malformed models, %zu refused by run and inspect alike\n", checked, refused);
  EXPECT_GT(refused, 50u);
  EXPECT_GT(checked, refused);
}

// ---- Figures agree across commands ----

TEST(CliNeverAborts, FiguresAgreeAcrossCommands) {
  const nlohmann::json inspect = Json(RunCase("inspect_figures_json"));
  // The interpreter's arena is the host's (what `mote run` needs); the
  // compiled code's is for `mote compile`'s default target.
  const nlohmann::json compile = Json(RunCase("compile_figures_json"));
  const nlohmann::json compile_default = Json(RunCase("compile_default_figures_json"));
  ASSERT_TRUE(inspect.is_object());
  ASSERT_TRUE(compile.is_object());
  ASSERT_TRUE(compile_default.is_object());
  EXPECT_FALSE(inspect.contains("weights_bytes"));
  EXPECT_TRUE(inspect.contains("weight_bytes"));
  // The compiled code's flash constants: `mote bench`'s name for the same figure.
  EXPECT_TRUE(compile.contains("flash_weights_bytes"));
  EXPECT_FALSE(compile.contains("weight_bytes"));
  EXPECT_EQ(inspect["arena_bytes"], inspect["arena_bytes_interpreter"]);
  EXPECT_EQ(inspect["arena_bytes_interpreter"], compile["arena_bytes_interpreter"]);
  EXPECT_TRUE(inspect["arena_bytes_aot"].is_number());
  EXPECT_EQ(inspect["arena_bytes_aot"], compile_default["arena_bytes_aot"]);
}

// ---- listen ----

TEST(CliNeverAborts, ListenChecksLabelsAndThreshold) {
  if (!HaveShared()) GTEST_SKIP() << "../shared/conformance is absent (TFLM's micro_speech models)";
  CliRun r = RunCase("listen_labels_count_json");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(Has(Error(r), "4 classes")) << r.out;
  r = RunCase("listen_labels_duplicate_json");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  for (const char* name : {"listen_threshold_high_json", "listen_threshold_negative_json"}) {
    r = RunCase(name);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_TRUE(Has(Error(r), "--threshold")) << r.out;
  }
}

TEST(CliNeverAborts, ListenWarnsWhenTheClipIsShorterThanTheWindow) {
  if (!HaveShared()) GTEST_SKIP() << "../shared/conformance is absent (TFLM's micro_speech models)";
  const CliRun r = RunCase("listen_short_clip_json");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = Json(r);
  ASSERT_TRUE(j.contains("warnings")) << r.out;
  EXPECT_TRUE(Has(j["warnings"][0].get<std::string>(), "shorter than the model's")) << r.out;
  EXPECT_TRUE(Has(r.err, "warning")) << r.err;
  const CliRun full = RunCase("listen_yes_json");
  EXPECT_FALSE(Json(full).contains("warnings")) << full.out;
}

TEST(CliNeverAborts, ListenStreamDetectsTheYesThePlainModeHears) {
  if (!HaveShared()) GTEST_SKIP() << "../shared/conformance is absent (TFLM's micro_speech models)";
  const CliRun plain = RunCase("listen_yes_json");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(Json(plain)["label"], "yes");
  const CliRun stream = RunCase("listen_stream_yes_json");
  ASSERT_EQ(stream.exit_code, 0) << stream.err;
  const nlohmann::json j = Json(stream);
  ASSERT_EQ(j["detections"].size(), 1u) << stream.out;
  EXPECT_EQ(j["detections"][0]["label"], "yes") << stream.out;
}

// ---- Long steps show progress ----

// `mote bench` on a Cortex-M says what it is doing before each long step
// (configure, build, run). Here the firmware sources are a stand-in whose
// configure fails at once (MOTE_SOURCE_DIR, no toolchain files): the progress line comes first,
// then the failure (exit code 1) with cmake's words. Not a fuzz seed: the
// fuzzer never runs bench.
TEST(CliNeverAborts, BenchShowsProgressBeforeBuildingTheFirmware) {
  if (std::system("command -v arm-none-eabi-g++ qemu-system-arm cmake >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "bench on Cortex-M needs arm-none-eabi-g++, qemu-system-arm and cmake";
  }
  const std::string scratch = Scratch();
  const std::string fake = scratch + "/fake_source";
  ::mkdir(fake.c_str(), 0755);
  ::mkdir((fake + "/targets").c_str(), 0755);
  ::mkdir((fake + "/targets/qemu").c_str(), 0755);
  const std::string cmake = "message(FATAL_ERROR \"stand-in firmware sources\")\n";
  clifuzz::WriteBytes(fake + "/targets/qemu/CMakeLists.txt",
                      reinterpret_cast<const uint8_t*>(cmake.data()), cmake.size());
  const std::vector<uint8_t> model = ChainModel();
  clifuzz::WriteBytes(scratch + "/bench_model.tflite", model.data(), model.size());
  ::setenv("MOTE_SOURCE_DIR", fake.c_str(), 1);
  CliRun r;
  r.args = {"bench",       scratch + "/bench_model.tflite",
            "--target",    "cortex-m4",
            "--build-dir", scratch + "/fw",
            "--json"};
  clifuzz::RunMote(&r, scratch);
  ::unsetenv("MOTE_SOURCE_DIR");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const size_t progress = r.err.find("mote: configuring the cortex-m4f firmware");
  const size_t failure = r.err.find("configuring the firmware failed");
  EXPECT_NE(progress, std::string::npos) << r.err;
  EXPECT_NE(failure, std::string::npos) << r.err;
  EXPECT_LT(progress, failure) << r.err;
  EXPECT_TRUE(Has(Error(r), "configuring the firmware failed")) << r.out;
  EXPECT_EQ(clifuzz::CheckCliRun(r), "");
}

// ---- The fuzzer's seeds are these cases ----

TEST(CliSeeds, MatchTheTests) {
  const std::string dir = std::string(MOTE_SOURCE_DIR) + "/tests/fuzz/cli_seeds/";
  const bool update = std::getenv("MOTE_UPDATE_CLI_SEEDS") != nullptr;
  for (const Case& c : Cases()) {
    const std::string path = dir + c.name + ".bin";
    if (update) clifuzz::WriteBytes(path, c.input.data(), c.input.size());
    EXPECT_EQ(testing::ReadFile(path), c.input)
        << path << " differs from the test (MOTE_UPDATE_CLI_SEEDS=1 rewrites the seeds)";
  }
}

// ---- Crashers fuzz_cli found (first input form) ----

// UBSan "null pointer passed as argument 2" in cli_common.cc: an empty model
// file made LoadModelOrComplain memcpy from a null vector data(). Now: exit
// code 3 (invalid model) from both commands.
TEST(CliRegression, FuzzCliEmptyModelFile) {
  const std::vector<uint8_t> data =
      testing::ReadFile(std::string(MOTE_ROBUSTNESS_CORPUS) + "/fuzz_cli_empty_model_file.bin");
  ASSERT_GE(data.size(), 2u);
  ASSERT_EQ(data[0] * data.size() / 256, 1u) << "the model part must be empty";
  const std::vector<CliRun> runs =
      clifuzz::RunCliInput(data.data(), data.size(), Scratch(), Shared());
  ASSERT_EQ(runs.size(), 2u);
  EXPECT_EQ(runs[0].exit_code, 3);
  EXPECT_EQ(runs[1].exit_code, 3);
  for (const CliRun& r : runs) EXPECT_EQ(clifuzz::CheckCliRun(r), "");
}

}  // namespace
}  // namespace mote
