#include <algorithm>
#include <cstdio>
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

namespace mote {
namespace {

PlanResult Best(std::vector<PlanBuffer>& b, uint32_t steps = 400) {
  std::vector<uint32_t> work((PlanWorkBytes(b.size()) + 3) / 4);
  return PlanBest(Span<PlanBuffer>(b.data(), b.size()),
                  Span<uint8_t>(reinterpret_cast<uint8_t*>(work.data()), work.size() * 4), 16,
                  steps);
}

std::vector<PlanBuffer> RandomBuffers(std::mt19937& rng, int n) {
  std::vector<PlanBuffer> b(n);
  for (auto& x : b) {
    x.size = 1 + rng() % 5000;
    x.first_use = static_cast<int32_t>(rng() % 30);
    x.last_use = x.first_use + static_cast<int32_t>(rng() % 8);
  }
  return b;
}

TEST(PlanBest, RandomLifetimesNeverOverlapAndNeverLoseToGreedy) {
  std::mt19937 rng(7);
  size_t greedy_total = 0, best_total = 0;
  int strictly_better = 0;
  for (int trial = 0; trial < 300; ++trial) {
    std::vector<PlanBuffer> b = RandomBuffers(rng, 2 + static_cast<int>(rng() % 80));
    std::vector<PlanBuffer> g = b;
    const size_t greedy = Plan(g);
    const PlanResult r = Best(b);
    ASSERT_EQ(FindPlanOverlap(Span<const PlanBuffer>(b.data(), b.size())), -1) << trial;
    EXPECT_LE(r.bytes, greedy) << trial;
    EXPECT_EQ(r.greedy_bytes, greedy) << trial;
    EXPECT_GE(r.bytes, r.lower_bound) << trial;
    size_t end = 0;
    for (auto& x : b) {
      EXPECT_EQ(x.offset % 16, 0u);
      end = std::max<size_t>(end, AlignUp(x.offset + x.size, 16));
    }
    EXPECT_EQ(end, r.bytes) << trial;
    greedy_total += greedy;
    best_total += r.bytes;
    strictly_better += r.bytes < greedy;
  }
  // The extra strategies and the search must actually pay off on random sets.
  EXPECT_GT(strictly_better, 30);
  EXPECT_LT(best_total, greedy_total);
  std::printf("random sets: greedy %zu bytes, best %zu bytes (%.1f%% less), better in %d/300\n",
              greedy_total, best_total, 100.0 * (1.0 - double(best_total) / double(greedy_total)),
              strictly_better);
}

TEST(PlanBest, IsDeterministic) {
  std::mt19937 rng(99);
  std::vector<PlanBuffer> a = RandomBuffers(rng, 50);
  std::vector<PlanBuffer> b = a;
  EXPECT_EQ(Best(a).bytes, Best(b).bytes);
  for (size_t i = 0; i < a.size(); ++i) EXPECT_EQ(a[i].offset, b[i].offset);
}

TEST(PlanBest, BeatsGreedyOnAKnownCase) {
  // Greedy by size puts the big short-lived buffer at 0, then the two long
  // ones cannot share the space left: 3 x 100 live only in pairs.
  std::vector<PlanBuffer> b = {{200, 0, 0, 0}, {100, 1, 2, 0}, {100, 0, 1, 0},
                               {100, 2, 3, 0}, {100, 3, 4, 0}, {200, 4, 4, 0}};
  std::vector<PlanBuffer> g = b;
  const size_t greedy = Plan(g);
  const PlanResult r = Best(b);
  EXPECT_EQ(FindPlanOverlap(Span<const PlanBuffer>(b.data(), b.size())), -1);
  EXPECT_LE(r.bytes, greedy);
  EXPECT_EQ(r.bytes, r.lower_bound);
}

TEST(PlanBest, StopsAtLowerBoundAndHandlesZeroSizes) {
  std::vector<PlanBuffer> b = {{0, 0, 5, 0}, {32, 0, 5, 0}, {16, 6, 7, 0}};
  const PlanResult r = Best(b);
  EXPECT_EQ(r.bytes, 32u);
  EXPECT_EQ(r.lower_bound, 32u);
  EXPECT_EQ(r.search_steps, 0u);
}

}  // namespace
}  // namespace mote
