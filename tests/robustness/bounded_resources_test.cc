// The arena is the only memory: a model that needs more than it is given
// fails with "needs [at least] N bytes", and N bytes are then enough.
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "robustness/builder_models.h"
#include "robustness/robust_support.h"

namespace mote {
namespace robustness {
namespace {

// N in "needs N bytes" (the exact size) or "needs at least N bytes" (a lower
// bound, when the arena is too small to count everything).
size_t NeededBytes(const Status& s) {
  const char* p = std::strstr(s.message(), "needs ");
  if (p == nullptr) return 0;
  p += std::strlen("needs ");
  if (std::strncmp(p, "at least ", 9) == 0) p += 9;
  return std::strtoull(p, nullptr, 10);
}

TEST(BoundedResources, ArenaTooSmallSaysHowManyBytesAndThatIsEnough) {
  for (const NamedModel& m : BuilderModels()) {
    std::vector<uint8_t> arena(16);
    Outcome o = RunBytes(m.bytes, arena, false);
    // Each failure names a larger size; following them must end in success
    // after a few steps (the persistent tables first, then the plan).
    int steps = 0;
    while (o.stage == Stage::kAllocate && steps < 8) {
      ASSERT_EQ(o.status.code(), StatusCode::kResourceExhausted)
          << m.name << ": " << o.status.message();
      const size_t needed = NeededBytes(o.status);
      ASSERT_GT(needed, arena.size()) << m.name << ": " << o.status.message();
      arena.assign(needed, 0);
      o = RunBytes(m.bytes, arena, true);
      ++steps;
    }
    EXPECT_EQ(o.stage, Stage::kAccepted) << m.name << ": " << o.status.message();
  }
}

TEST(BoundedResources, EveryArenaSizeBelowTheNeedIsRejectedCleanly) {
  const std::vector<uint8_t> model = BuilderModels()[6].bytes;  // the 4-op chain
  std::vector<uint8_t> big(1 << 20);
  ASSERT_EQ(RunBytes(model, big, false).stage, Stage::kAccepted);
  size_t min_ok = 0;
  for (size_t n = 0; n <= 8192; n += 8) {
    std::vector<uint8_t> arena(n);
    const Outcome o = RunBytes(model, arena, true);
    if (o.stage == Stage::kAccepted) {
      if (min_ok == 0) min_ok = n;
      continue;
    }
    EXPECT_EQ(min_ok, 0u) << "arena " << n << " fails after " << min_ok << " worked";
    EXPECT_EQ(o.status.code(), StatusCode::kResourceExhausted) << o.status.message();
    EXPECT_NE(NeededBytes(o.status), 0u) << o.status.message();
  }
  EXPECT_NE(min_ok, 0u);
}

}  // namespace
}  // namespace robustness
}  // namespace mote
