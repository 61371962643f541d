// Every corrupted variant the generator makes from every valid model (builder
// models, the example models, the shared conformance models) is rejected with
// a message naming what is wrong, or, for the "no crash" classes, handled
// cleanly. Run under -DMOTE_SANITIZE=ON this also proves no out-of-bounds
// access and no undefined behaviour.
#include <dirent.h>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "robustness/builder_models.h"
#include "robustness/model_mutator.h"
#include "robustness/robust_support.h"
#include "support/test_support.h"

namespace mote {
namespace robustness {
namespace {

struct Counts {
  size_t variants = 0, at_load = 0, at_allocate = 0, accepted = 0;
};

std::vector<std::string> TfliteFiles(const std::string& dir) {
  std::vector<std::string> out;
  if (DIR* d = opendir(dir.c_str())) {
    while (dirent* e = readdir(d)) {
      const std::string n = e->d_name;
      if (n.size() > 7 && n.compare(n.size() - 7, 7, ".tflite") == 0) out.push_back(dir + "/" + n);
    }
    closedir(d);
  }
  std::sort(out.begin(), out.end());
  return out;
}

class MalformedModels : public ::testing::Test {
 protected:
  static void TearDownTestSuite() {
    if (totals_.empty()) return;
    std::printf("%-28s %9s %9s %9s %9s\n", "class", "variants", "load", "allocate", "accepted");
    Counts all;
    for (const auto& [cls, c] : totals_) {
      std::printf("%-28s %9zu %9zu %9zu %9zu\n", cls.c_str(), c.variants, c.at_load, c.at_allocate,
                  c.accepted);
      all.variants += c.variants;
      all.at_load += c.at_load;
      all.at_allocate += c.at_allocate;
      all.accepted += c.accepted;
    }
    std::printf("%-28s %9zu %9zu %9zu %9zu\n", "total", all.variants, all.at_load, all.at_allocate,
                all.accepted);
    totals_.clear();
  }

  // Checks every variant of `model`; `per_class` bounds the variants per class.
  void CheckModel(const std::string& name, const std::vector<uint8_t>& model, size_t per_class) {
    std::vector<uint8_t> arena(kArenaBytes);
    const Outcome base = RunBytes(model, arena, false);
    ASSERT_NE(base.stage, Stage::kLoad)
        << name << ": the valid model must load: " << base.status.message();
    // Models with an op Mote does not run fail AllocateTensors anyway: only
    // their load-time expectations can be checked.
    const bool runs = base.stage == Stage::kAccepted;
    for (const Variant& v : MutateModel(model, per_class)) {
      const bool invoke = runs && v.expect == Expect::kNoCrash && model.size() < kInvokeLimit;
      const Outcome o = RunBytes(v.bytes, arena, invoke);
      Counts& c = totals_[v.cls];
      ++c.variants;
      ++(o.stage == Stage::kLoad       ? c.at_load
         : o.stage == Stage::kAllocate ? c.at_allocate
                                       : c.accepted);
      const std::string where = name + ": " + v.cls + ": " + v.what + ": ";
      if (o.stage != Stage::kAccepted) {
        EXPECT_NE(o.status.message()[0], '\0') << where << "empty error message";
        EXPECT_NE(o.status.code(), StatusCode::kInternal) << where << o.status.message();
      }
      bool named = v.needles.empty();
      for (const std::string& n : v.needles) named = named || Contains(o.status, n);
      switch (v.expect) {
        case Expect::kRejectAtLoad:
          EXPECT_EQ(o.stage, Stage::kLoad) << where << "not rejected at load";
          EXPECT_TRUE(named) << where
                             << "message does not name the problem: " << o.status.message();
          break;
        case Expect::kRejectBeforeRun:
          if (!runs && o.stage != Stage::kLoad) break;
          EXPECT_NE(o.stage, Stage::kAccepted) << where << "accepted";
          EXPECT_TRUE(named) << where
                             << "message does not name the problem: " << o.status.message();
          break;
        case Expect::kNoCrash:
          break;
      }
    }
  }

  static constexpr size_t kArenaBytes = 4 << 20;
  static constexpr size_t kInvokeLimit = 128 * 1024;  // Invoke accepted variants of small models
  static std::map<std::string, Counts> totals_;
};
std::map<std::string, Counts> MalformedModels::totals_;

TEST_F(MalformedModels, BuilderModels) {
  for (const NamedModel& m : BuilderModels()) CheckModel(m.name, m.bytes, 400);
}

TEST_F(MalformedModels, ExampleModels) {
  for (const std::string& path : TfliteFiles(std::string(MOTE_SOURCE_DIR) + "/examples/models")) {
    CheckModel(path, testing::ReadFile(path), 200);
  }
}

TEST_F(MalformedModels, ConformanceModels) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found; conformance models skipped";
  for (const std::string& path : TfliteFiles(dir + "/models")) {
    const std::vector<uint8_t> bytes = testing::ReadFile(path);
    // Large models: fewer variants per class (each variant copies the model).
    CheckModel(path, bytes, bytes.size() > 64 * 1024 ? 6 : 24);
  }
}

}  // namespace
}  // namespace robustness
}  // namespace mote
