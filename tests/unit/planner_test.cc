#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "mote/planner.h"

namespace mote {
namespace {

size_t Plan(std::vector<PlanBuffer>& b) {
  std::vector<uint16_t> scratch(2 * b.size());
  return PlanGreedyBySize(Span<PlanBuffer>(b.data(), b.size()),
                          Span<uint16_t>(scratch.data(), scratch.size()), 16);
}

TEST(Planner, ChainReusesMemory) {
  // a -> b -> c: a and c never live together, so they share memory.
  std::vector<PlanBuffer> b = {{1000, 0, 0, 0}, {1000, 0, 1, 0}, {1000, 1, 1, 0}};
  EXPECT_EQ(Plan(b), 2016u);
  EXPECT_EQ(FindPlanOverlap(Span<const PlanBuffer>(b.data(), b.size())), -1);
}

TEST(Planner, ZeroSizeBuffersTakeNothing) {
  std::vector<PlanBuffer> b = {{0, 0, 5, 0}, {32, 0, 5, 0}};
  EXPECT_EQ(Plan(b), 32u);
}

TEST(Planner, RandomLifetimesNeverOverlapAndBeatNaiveSum) {
  std::mt19937 rng(42);
  for (int trial = 0; trial < 200; ++trial) {
    const int n = 1 + static_cast<int>(rng() % 60);
    std::vector<PlanBuffer> b(n);
    size_t sum = 0;
    for (auto& x : b) {
      x.size = 1 + rng() % 5000;
      x.first_use = static_cast<int32_t>(rng() % 30);
      x.last_use = x.first_use + static_cast<int32_t>(rng() % 8);
      sum += (x.size + 15) & ~15u;
    }
    const size_t total = Plan(b);
    ASSERT_EQ(FindPlanOverlap(Span<const PlanBuffer>(b.data(), b.size())), -1) << trial;
    EXPECT_LE(total, sum);
    // Lower bound: the largest set of buffers alive at one op.
    size_t peak = 0;
    for (int op = 0; op < 40; ++op) {
      size_t live = 0;
      for (auto& x : b) {
        if (x.first_use <= op && op <= x.last_use) live += x.size;
      }
      peak = std::max(peak, live);
    }
    EXPECT_GE(total, peak);
    for (auto& x : b) EXPECT_EQ(x.offset % 16, 0u);
  }
}

}  // namespace
}  // namespace mote
