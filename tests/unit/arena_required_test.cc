// A too-small arena is reported with the size it needs in one step: an arena
// of exactly Interpreter::arena_required_bytes() (after the first failure)
// works, whatever part of AllocateTensors ran out of room first (persistent
// op data, temporary Prepare memory, the planner's working memory or the
// plan). Before, the first failure reported only what the failing allocation
// needed (kws_ref_model: 5000 -> "at least 5216" -> 5376 -> 16688).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "kernels/registry/all_ops_resolver.h"
#include "support/mobilenet_vww.h"
#include "support/test_support.h"

namespace mote {
namespace {

struct Case {
  std::string name;
  std::vector<uint8_t> bytes;
};

std::vector<Case> Models() {
  std::vector<Case> cases;
  cases.push_back({"tiny_conv_int8", testing::ReadFile(std::string(MOTE_SOURCE_DIR) +
                                                       "/examples/models/tiny_conv_int8.tflite")});
  cases.push_back({"mobilenet_vww (built)", testing::BuildMobileNetVww()});
  const std::string dir = testing::ConformanceDir();
  if (!dir.empty()) {
    for (const char* name :
         {"kws_ref_model", "micro_speech_quantized", "audio_preprocessor_int8", "trained_lstm_int8",
          "ad01_int8", "hello_world_int8", "keyword_scrambled_8bit", "ad01_fp32"}) {
      std::vector<uint8_t> bytes = testing::ReadFile(dir + "/models/" + name + ".tflite");
      if (!bytes.empty()) cases.push_back({name, std::move(bytes)});
    }
  }
  return cases;
}

// What AllocateTensors reports for an arena of `arena` bytes (16-byte aligned).
struct Outcome {
  Status status;
  std::string message;
  size_t required = 0;
  size_t used = 0;
};

Outcome Allocate(const std::vector<uint8_t>& model, size_t arena) {
  AllOpsResolver resolver;
  testing::ModelRunner runner(model, arena);
  Outcome o;
  o.status = runner.Init(resolver);
  o.message = o.status.message();
  o.required = runner.interpreter().arena_required_bytes();
  o.used = runner.interpreter().arena_used_bytes();
  return o;
}

// For arenas from 1 byte to one byte short: every one fails with a size no
// larger than the real need; a size not marked "at least" is the real need
// (and an arena of it works, one byte less does not); and from the first
// arena reported exactly, every larger one is. Only arenas too small to
// prepare one op beside the tables, constants and variables, or to hold the
// planner's working memory, get a lower bound.
TEST(ArenaRequired, FirstReportedSizeIsExactAndWorks) {
  for (const Case& c : Models()) {
    SCOPED_TRACE(c.name);
    ASSERT_FALSE(c.bytes.empty());
    const Outcome big = Allocate(c.bytes, 16u << 20);
    ASSERT_TRUE(big.status.ok()) << big.message;
    const size_t needed = big.used;
    ASSERT_EQ(big.required, needed);
    std::vector<size_t> sizes;
    for (size_t a = 1; a < needed; a += needed / 97 + 1) sizes.push_back(a);
    sizes.push_back(needed - 16);
    sizes.push_back(needed - 1);
    size_t first_exact = 0;
    for (size_t a : sizes) {
      SCOPED_TRACE(a);
      const Outcome small = Allocate(c.bytes, a);
      ASSERT_EQ(small.status.code(), StatusCode::kResourceExhausted) << small.message;
      EXPECT_GT(small.required, a) << small.message;
      EXPECT_LE(small.required, needed) << small.message;
      if (small.message.find("at least") == std::string::npos) {
        EXPECT_EQ(small.required, needed) << small.message;
        if (first_exact == 0) first_exact = a;
      } else {
        EXPECT_EQ(first_exact, 0u) << "a lower bound above an exact report: " << small.message;
      }
    }
    EXPECT_NE(first_exact, 0u);
    EXPECT_LT(first_exact, needed * 4 / 5);
    const Outcome exact = Allocate(c.bytes, needed);
    EXPECT_TRUE(exact.status.ok()) << exact.message;
  }
}

// The sequence: 5000 -> "at least 5216" -> 5376 -> 16688.
TEST(ArenaRequired, KwsRefModelIn5000BytesReportsTheWholeNeed) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  const std::vector<uint8_t> model = testing::ReadFile(dir + "/models/kws_ref_model.tflite");
  ASSERT_FALSE(model.empty());
  const size_t needed = Allocate(model, 16u << 20).used;
  const Outcome small = Allocate(model, 5000);
  ASSERT_EQ(small.status.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(small.required, needed) << small.message;
  EXPECT_NE(small.message.find(std::to_string(needed)), std::string::npos) << small.message;
  EXPECT_TRUE(Allocate(model, small.required).status.ok());
}

// Arenas too small for the tables, constants and variables: a lower bound
// that covers all of them at once (not one allocation after the other).
TEST(ArenaRequired, TinyArenaReportsAllPersistentDataBeforePrepare) {
  const std::vector<uint8_t> model = testing::BuildMobileNetVww();
  const size_t needed = Allocate(model, 16u << 20).used;
  const Outcome tiny = Allocate(model, 64);
  ASSERT_EQ(tiny.status.code(), StatusCode::kResourceExhausted);
  const Outcome next = Allocate(model, tiny.required);
  ASSERT_EQ(next.status.code(), StatusCode::kResourceExhausted) << next.message;
  // The second report is no longer about the tables.
  EXPECT_GT(next.required, tiny.required) << next.message;
  EXPECT_LE(next.required, needed);
}

}  // namespace
}  // namespace mote
