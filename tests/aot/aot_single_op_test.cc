// The AOT compiler on small single-op models (single_op_models.cc): every
// model is compiled in process, all of them are built into one driver
// executable with the helper `mote run --aot` uses (one compiler run, cached
// in $MOTE_CACHE_DIR), and each model's outputs over several invocations and
// two state resets must be byte-equal to the interpreter's.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "cli/mote_main.h"
#include "compiler/aot_build.h"
#include "compiler/aot_compiler.h"
#include "compiler/emitter.h"
#include "kernels/registry/all_ops_resolver.h"
#include "kernels/signal/signal.h"
#include "single_op_models.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using testing::SingleOpCase;

constexpr int kSamples = 3;  // invocations per pass; state carries from one to the next
constexpr int kPasses = 2;   // each pass starts from reset state

const AllOpsResolver& Resolver() {
  static const AllOpsResolver resolver;
  return resolver;
}

// Every case compiled and built once for the whole suite.
struct Suite {
  std::vector<SingleOpCase> cases;
  std::vector<std::unique_ptr<testing::ModelRunner>> runners;
  std::string exe;
  std::string error;  // set if anything failed
};

const Suite& GetSuite() {
  static const Suite* const suite = [] {
    auto* s = new Suite;
    s->cases = testing::SingleOpCases();
    std::vector<aot::CompiledModel> compiled(s->cases.size());
    std::vector<aot::DriverModel> models;
    for (size_t i = 0; i < s->cases.size(); ++i) {
      const SingleOpCase& c = s->cases[i];
      s->runners.push_back(std::make_unique<testing::ModelRunner>(c.model));
      Status st = s->runners.back()->Init(Resolver());
      if (st.ok()) {
        aot::CompileOptions options;
        options.name = c.name;
        st = aot::CompileModel(s->runners.back()->model(), options, &compiled[i]);
      }
      if (!st.ok()) {
        s->error += c.name + ": " + st.message() + "\n";
        continue;
      }
      models.push_back({c.name, &compiled[i]});
    }
    bool cached = false;
    const Status st = aot::BuildAotMultiDriver(models, "single_op_models", &s->exe, &cached);
    if (!st.ok()) s->error += std::string("build: ") + st.message() + "\n";
    return s;
  }();
  return *suite;
}

template <typename T>
void Put(T v, uint8_t* p) {
  std::memcpy(p, &v, sizeof(T));
}

// Seeded random bytes for a tensor: integers in `range` (or a default for
// the type), floats in [-8, 8], bools 0 or 1.
std::vector<uint8_t> RandomInput(const TensorRef& t, const std::pair<int64_t, int64_t>* range,
                                 std::mt19937* rng) {
  std::vector<uint8_t> bytes(t.bytes);
  const size_t size = DataTypeSize(t.type);
  auto draw = [&](int64_t lo, int64_t hi) {
    if (range != nullptr) lo = range->first, hi = range->second;
    return std::uniform_int_distribution<int64_t>(lo, hi)(*rng);
  };
  std::uniform_real_distribution<float> real(-8.f, 8.f);
  for (size_t off = 0; off + size <= bytes.size(); off += size) {
    uint8_t* p = bytes.data() + off;
    switch (t.type) {
      case DataType::kFloat32:
        Put(real(*rng), p);
        break;
      case DataType::kInt8:
        Put(static_cast<int8_t>(draw(-128, 127)), p);
        break;
      case DataType::kUInt8:
        Put(static_cast<uint8_t>(draw(0, 255)), p);
        break;
      case DataType::kInt16:
        Put(static_cast<int16_t>(draw(-32768, 32767)), p);
        break;
      case DataType::kInt32:
        Put(static_cast<int32_t>(draw(-100000, 100000)), p);
        break;
      case DataType::kUInt32:
        Put(static_cast<uint32_t>(draw(0, 1000000000)), p);
        break;
      case DataType::kInt64:
        Put(draw(-1000000000000, 1000000000000), p);
        break;
      case DataType::kBool:
        Put(static_cast<uint8_t>(draw(0, 1)), p);
        break;
      default:
        ADD_FAILURE() << "no random input for " << DataTypeName(t.type);
        break;
    }
  }
  return bytes;
}

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  for (const SingleOpCase& c : testing::SingleOpCases()) names.push_back(c.name);
  return names;
}

class AotSingleOp : public ::testing::TestWithParam<std::string> {};

TEST_P(AotSingleOp, MatchesInterpreterAcrossInvocationsAndResets) {
  const Suite& suite = GetSuite();
  ASSERT_EQ(suite.error, "");
  size_t index = 0;
  while (suite.cases[index].name != GetParam()) ++index;
  const SingleOpCase& c = suite.cases[index];
  Interpreter& interp = suite.runners[index]->interpreter();

  std::mt19937 rng(static_cast<uint32_t>(index) + 1);
  std::vector<std::vector<uint8_t>> samples(kSamples);
  std::vector<uint8_t> all_inputs;
  for (auto& sample : samples) {
    for (size_t i = 0; i < interp.num_inputs(); ++i) {
      const auto it = c.ranges.find(i);
      const std::vector<uint8_t> in =
          RandomInput(interp.input(i), it == c.ranges.end() ? nullptr : &it->second, &rng);
      sample.insert(sample.end(), in.begin(), in.end());
    }
    all_inputs.insert(all_inputs.end(), sample.begin(), sample.end());
  }
  std::vector<uint8_t> expected;
  for (int pass = 0; pass < kPasses; ++pass) {
    interp.ResetVariables();
    signal::ResetState(interp);
    for (const auto& sample : samples) {
      size_t offset = 0;
      for (size_t i = 0; i < interp.num_inputs(); ++i) {
        std::memcpy(interp.input(i).data, sample.data() + offset, interp.input(i).bytes);
        offset += interp.input(i).bytes;
      }
      ASSERT_TRUE(interp.Invoke().ok());
      for (size_t i = 0; i < interp.num_outputs(); ++i) {
        const auto* p = static_cast<const uint8_t*>(interp.output(i).data);
        expected.insert(expected.end(), p, p + interp.output(i).bytes);
      }
    }
  }

  const fs::path dir = fs::temp_directory_path() /
                       ("mote_aot_single_op_" + c.name + "_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path in_file = dir / "in.bin", out_file = dir / "out.bin";
  std::ofstream(in_file, std::ios::binary)
      .write(reinterpret_cast<const char*>(all_inputs.data()),
             static_cast<std::streamsize>(all_inputs.size()));
  const std::string command = "'" + suite.exe + "' " + c.name + " '" + in_file.string() + "' '" +
                              out_file.string() + "' " + std::to_string(kPasses);
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  const std::vector<uint8_t> got = testing::ReadFile(out_file.string());
  fs::remove_all(dir);
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_TRUE(got == expected) << c.name << ": AOT output differs from the interpreter's";
}

INSTANTIATE_TEST_SUITE_P(Ops, AotSingleOp, ::testing::ValuesIn(CaseNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

// Every kernel the runtime registers has an emitter: no model the
// interpreter runs is refused by `mote compile` for want of one.
TEST(AotCoverage, EveryRegisteredKernelHasAnEmitter) {
  const AllOpsResolver& resolver = Resolver();
  ASSERT_GT(resolver.num_kernels(), 40u);
  for (size_t i = 0; i < resolver.num_kernels(); ++i) {
    const OpKernel& k = resolver.kernel(i);
    aot::AotOp op;
    op.builtin = k.builtin;
    op.name = k.custom_name != nullptr ? k.custom_name : "";
    EXPECT_NE(aot::FindEmitter(op), nullptr) << OpKernelName(k) << " has no AOT emitter";
  }
}

// `mote compile` on a model with an op Mote does not know: exit code 5.
TEST(AotCoverage, CompileRefusesAnUnknownOpWithExitCode5) {
  host::ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, {4});
  const int out = b.AddTensor(DataType::kInt8, {4});
  b.AddCustomOperator("NotAnOp", {in}, {out});
  b.SetInputs({in});
  b.SetOutputs({out});
  const std::vector<uint8_t> bytes = b.Build();
  const fs::path dir =
      fs::temp_directory_path() / ("mote_aot_unknown_op_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string model = (dir / "unknown.tflite").string();
  std::ofstream(model, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
  const std::string out_dir = (dir / "gen").string();
  const char* argv[] = {"mote", "compile", model.c_str(), "-o", out_dir.c_str()};
  const int rc = cli::MoteMain(5, const_cast<char**>(argv));
  fs::remove_all(dir);
  EXPECT_EQ(rc, 5);
}

}  // namespace
}  // namespace mote
