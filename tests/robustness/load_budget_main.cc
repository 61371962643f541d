// robustness_load_budget [DIR...]: the bounded-work check. Measures Load +
// AllocateTensors (every Prepare and the memory plan) for every malformed
// variant of every seed model, adversarial worst-case models, and every file
// in the given directories (e.g. the fuzzers' corpora), then prints the
// slowest inputs. Exits 1 if any input takes longer than the budget
// (MOTE_LOAD_BUDGET_MS, default 2000 ms: generous, so only a loop that
// scales badly with the input trips it). Not a ctest test: run by
// scripts/test.sh after the suites, on purpose outside the test assertions.
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "robustness/builder_models.h"
#include "robustness/model_mutator.h"
#include "robustness/robust_support.h"
#include "support/test_support.h"

namespace mote {
namespace robustness {
namespace {

struct Timing {
  double ms;
  std::string what;
};

std::vector<std::string> Files(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] != '.') out.push_back(dir + "/" + e->d_name);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Worst cases for the verifier and planner: the most tensors Load accepts,
// chained through one op each, and many ops over few tensors.
std::vector<NamedModel> Adversarial() {
  std::vector<NamedModel> out;
  for (int n : {1000, 4095}) {
    host::ModelBuilder b;
    int prev = b.AddTensor(DataType::kInt8, {1, 8}, {{0.5f}, {0}});
    const int first = prev;
    for (int i = 0; i < n; ++i) {
      const int next = b.AddTensor(DataType::kInt8, {1, 8}, {{0.5f}, {0}});
      b.AddOperator(BuiltinOp::kRelu, {prev}, {next});
      prev = next;
    }
    b.SetInputs({first});
    b.SetOutputs({prev});
    out.push_back({"relu chain of " + std::to_string(n), b.Build()});
  }
  {
    // Every op reads all earlier tensors (ADD of the two latest), all kept alive
    // by being graph outputs: the planner's worst overlap pattern.
    host::ModelBuilder b;
    std::vector<int32_t> outputs;
    int a = b.AddTensor(DataType::kInt8, {1, 64}, {{0.5f}, {0}});
    int c = b.AddTensor(DataType::kInt8, {1, 64}, {{0.5f}, {0}});
    const int in0 = a, in1 = c;
    for (int i = 0; i < 1500; ++i) {
      const int next = b.AddTensor(DataType::kInt8, {1, 64}, {{0.5f}, {0}});
      b.AddOperator(BuiltinOp::kAdd, {a, c}, {next}, host::Options(11));
      outputs.push_back(next);
      a = c;
      c = next;
    }
    b.SetInputs({in0, in1});
    b.SetOutputs(outputs);
    out.push_back({"1500 ADDs, all outputs live", b.Build()});
  }
  return out;
}

int Main(int argc, char** argv) {
  const char* env = std::getenv("MOTE_LOAD_BUDGET_MS");
  const double budget_ms = env ? std::atof(env) : 2000.0;
  std::vector<uint8_t> arena(8 << 20);
  std::vector<Timing> timings;
  auto measure = [&](const std::vector<uint8_t>& bytes, const std::string& what) {
    const auto start = std::chrono::steady_clock::now();
    (void)RunBytes(bytes, arena, false);
    const std::chrono::duration<double, std::milli> d = std::chrono::steady_clock::now() - start;
    timings.push_back({d.count(), what});
  };
  std::vector<NamedModel> seeds = BuilderModels();
  for (const NamedModel& m : Adversarial()) seeds.push_back(m);
  std::vector<std::string> dirs = {std::string(MOTE_SOURCE_DIR) + "/examples/models"};
  if (!testing::ConformanceDir().empty()) dirs.push_back(testing::ConformanceDir() + "/models");
  for (const std::string& dir : dirs) {
    for (const std::string& f : Files(dir)) {
      if (f.size() > 7 && f.compare(f.size() - 7, 7, ".tflite") == 0) {
        seeds.push_back({f, testing::ReadFile(f)});
      }
    }
  }
  for (const NamedModel& m : seeds) {
    measure(m.bytes, m.name);
    for (const Variant& v : MutateModel(m.bytes, m.bytes.size() > 64 * 1024 ? 6 : 24)) {
      measure(v.bytes, m.name + ": " + v.cls + ": " + v.what);
    }
  }
  for (int i = 1; i < argc; ++i) {
    for (const std::string& f : Files(argv[i])) measure(testing::ReadFile(f), f);
  }
  std::sort(timings.begin(), timings.end(),
            [](const Timing& a, const Timing& b) { return a.ms > b.ms; });
  double total = 0;
  for (const Timing& t : timings) total += t.ms;
  std::printf("load+allocate of %zu inputs: total %.0f ms, budget %.0f ms per input; slowest:\n",
              timings.size(), total, budget_ms);
  for (size_t i = 0; i < timings.size() && i < 5; ++i) {
    std::printf("  %9.3f ms  %s\n", timings[i].ms, timings[i].what.c_str());
  }
  if (!timings.empty() && timings[0].ms > budget_ms) {
    std::printf("FAILED: %s took %.0f ms (budget %.0f ms)\n", timings[0].what.c_str(),
                timings[0].ms, budget_ms);
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace robustness
}  // namespace mote

int main(int argc, char** argv) { return mote::robustness::Main(argc, argv); }
