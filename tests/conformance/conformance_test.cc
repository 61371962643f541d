// Conformance: every model in ../shared/conformance runs exactly as TFLM ran it.
// - outputs byte-equal to TFLM's goldens on every golden input (integer
//   outputs), float outputs within 1e-5 relative;
// - every op's output equal to TFLM's per-layer goldens;
// - the planned arena no larger than TFLM's arena_used_bytes.
// Prints one line per model and a summary line. Skips when ../shared is absent.
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "kernels/registry/all_ops_resolver.h"
#include "kernels/signal/signal.h"
#include "support/layer_check.h"
#include "support/test_support.h"

namespace mote {
namespace {

namespace fs = std::filesystem;
using testing::ConformanceDir;
using testing::ReadFile;

std::vector<std::string> ModelNames() {
  std::vector<std::string> names;
  const std::string dir = ConformanceDir();
  if (dir.empty()) return {"shared_data_absent"};
  for (const auto& e : fs::directory_iterator(dir + "/golden")) {
    if (fs::exists(e.path() / "manifest.json")) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

struct Summary {
  int exact = 0, failed = 0, skipped = 0;
  ~Summary() {
    std::printf("conformance: %d models bit-exact, %d failed, %d skipped\n", exact, failed,
                skipped);
  }
};
Summary& summary() {
  static Summary s;
  return s;
}

class Conformance : public ::testing::TestWithParam<std::string> {};

// Compares outputs; integer types byte-exact, float32 within 1e-5 relative.
// Float differences can only come from a different order of float operations
// than TFLM's reference loops; the kernels mirror TFLM's order, so in practice
// float outputs are also bit-identical.
std::string CompareOutputs(const std::vector<uint8_t>& got, const std::vector<uint8_t>& want,
                           const nlohmann::json& outputs) {
  if (got.size() != want.size()) {
    return "output is " + std::to_string(got.size()) + " bytes, golden " +
           std::to_string(want.size());
  }
  size_t offset = 0;
  for (const auto& o : outputs) {
    const size_t bytes = o["bytes"].get<size_t>();
    if (o["dtype"] == "FLOAT32") {
      for (size_t i = 0; i < bytes / 4; ++i) {
        float a, b;
        std::memcpy(&a, got.data() + offset + 4 * i, 4);
        std::memcpy(&b, want.data() + offset + 4 * i, 4);
        const double tol = 1e-5 * std::max(1e-30, static_cast<double>(std::fabs(b)));
        if (!(std::fabs(static_cast<double>(a) - b) <= tol) && a != b) {
          return "float element " + std::to_string(i) + ": " + std::to_string(a) + " vs " +
                 std::to_string(b);
        }
      }
    } else if (std::memcmp(got.data() + offset, want.data() + offset, bytes) != 0) {
      for (size_t i = 0; i < bytes; ++i) {
        if (got[offset + i] != want[offset + i]) {
          return "byte " + std::to_string(offset + i) + " differs (" +
                 std::to_string(got[offset + i]) + " vs " + std::to_string(want[offset + i]) +
                 ")";
        }
      }
    }
    offset += bytes;
  }
  return "";
}

TEST_P(Conformance, MatchesTflm) {
  const std::string name = GetParam();
  const std::string root = ConformanceDir();
  if (root.empty()) {
    ++summary().skipped;
    GTEST_SKIP() << "../shared/conformance is absent: conformance tests need the shared TFLM "
                    "goldens (CI always has them)";
  }
  const std::string gdir = root + "/golden/" + name;
  std::ifstream mf(gdir + "/manifest.json");
  const nlohmann::json manifest = nlohmann::json::parse(mf);

  AllOpsResolver resolver;
  testing::ModelRunner runner(ReadFile(root + "/models/" + name + ".tflite"), 16 << 20);
  const Status s = runner.Init(resolver);
  if (!s.ok()) ++summary().failed;
  ASSERT_TRUE(s.ok()) << name << ": " << s.message();
  Interpreter& interp = runner.interpreter();

  std::vector<std::string> inputs;
  for (int k = 0; k < 10; ++k) {
    if (fs::exists(gdir + "/in" + std::to_string(k) + ".bin")) inputs.push_back(std::to_string(k));
  }
  std::vector<std::pair<std::string, std::string>> samples;
  for (const auto& k : inputs) samples.emplace_back("in" + k + ".bin", "out" + k + ".bin");
  if (fs::exists(gdir + "/real0.bin")) samples.emplace_back("real0.bin", "realout0.bin");
  if (fs::exists(gdir + "/in_csv.bin")) samples.emplace_back("in_csv.bin", "out_csv.bin");

  bool all_ok = true;
  for (const auto& [in_file, out_file] : samples) {
    const auto in = ReadFile(gdir + "/" + in_file);
    const auto want = ReadFile(gdir + "/" + out_file);
    size_t offset = 0;
    for (size_t i = 0; i < interp.num_inputs(); ++i) {
      TensorRef t = interp.input(i);
      ASSERT_LE(offset + t.bytes, in.size()) << in_file;
      std::memcpy(t.data, in.data() + offset, t.bytes);
      offset += t.bytes;
    }
    ASSERT_EQ(offset, in.size()) << in_file << " size";
    interp.ResetVariables();  // TFLM's goldens come from a fresh interpreter per sample
    signal::ResetState(interp);  // and the signal ops' carried state (noise estimates)
    ASSERT_TRUE(interp.Invoke().ok());
    std::vector<uint8_t> got;
    for (size_t i = 0; i < interp.num_outputs(); ++i) {
      TensorRef t = interp.output(i);
      got.insert(got.end(), static_cast<uint8_t*>(t.data), static_cast<uint8_t*>(t.data) + t.bytes);
    }
    const std::string diff = CompareOutputs(got, want, manifest["outputs"]);
    EXPECT_EQ(diff, "") << name << " " << in_file;
    all_ok &= diff.empty();
  }

  const size_t tflm_arena = manifest["arena_used_bytes"].get<size_t>();
  EXPECT_LE(interp.arena_used_bytes(), tflm_arena) << name << " arena vs TFLM";

  // Per-layer goldens, each op fed TFLM's inputs.
  size_t layers = 0, layer_failures = 0;
  for (const auto& k : {"in0", "in1"}) {
    if (!fs::exists(root + "/layers/" + name + "/" + k)) continue;
    const auto report = testing::CheckLayers(name, k, resolver, /*stub_missing=*/false);
    ASSERT_EQ(report.error, "") << name;
    for (const auto& l : report.layers) {
      ++layers;
      if (l.mismatched != 0) {
        ++layer_failures;
        ADD_FAILURE() << name << " " << k << " op " << l.op_index << " (" << l.op_name
                      << "): " << l.mismatched << " elements differ, max diff " << l.max_abs_diff;
      }
    }
  }
  all_ok &= layer_failures == 0;
  (all_ok ? summary().exact : summary().failed)++;
  std::printf("%-28s %s  %zu samples, %zu layers checked, arena %zu B (TFLM %zu B)\n",
              name.c_str(), all_ok ? "bit-exact" : "MISMATCH ", samples.size(), layers,
              interp.arena_used_bytes(), tflm_arena);
}

INSTANTIATE_TEST_SUITE_P(Shared, Conformance, ::testing::ValuesIn(ModelNames()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param;
                         });

}  // namespace
}  // namespace mote
