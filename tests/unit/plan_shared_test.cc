// PlanShared (mote/planner.h): views, in-place outputs and shifted (banded)
// in-place outputs placed as one block; the checker knows which overlaps the
// applied shares allow.
#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "mote/planner.h"

namespace mote {
namespace {

struct Planned {
  PlanResult result;
  std::vector<PlanBuffer> buffers;  // original sizes and lifetimes, planned offsets
  std::vector<PlanShare> shares;
};

Planned Plan(const std::vector<PlanBuffer>& original, std::vector<PlanShare> shares,
             bool shifted = true) {
  PlanSharedOptions options;
  options.shifted = shifted;
  std::vector<PlanBuffer> b = original;
  size_t num_shifted = 0;
  for (const PlanShare& s : shares) num_shifted += s.kind == PlanShareKind::kShifted ? 1 : 0;
  std::vector<uint32_t> work(
      (PlanSharedWorkBytes(b.size(), shares.size(), num_shifted, options) + 3) / 4);
  Planned out;
  out.result = PlanShared(
      Span<PlanBuffer>(b.data(), b.size()), Span<PlanShare>(shares.data(), shares.size()),
      Span<uint8_t>(reinterpret_cast<uint8_t*>(work.data()), work.size() * 4), 16, options);
  out.buffers = original;
  for (size_t k = 0; k < b.size(); ++k) out.buffers[k].offset = b[k].offset;
  out.shares = shares;
  return out;
}

int32_t Overlap(const Planned& p) {
  return FindSharedPlanOverlap(Span<const PlanBuffer>(p.buffers.data(), p.buffers.size()),
                               Span<const PlanShare>(p.shares.data(), p.shares.size()));
}

PlanShare Shifted(uint16_t in, uint16_t out, uint32_t before, uint32_t after,
                  uint16_t scratch = kPlanNoScratch) {
  PlanShare s;
  s.input = in;
  s.output = out;
  s.kind = PlanShareKind::kShifted;
  s.before = before;
  s.after = after;
  s.scratch = scratch;
  return s;
}

// KWS's depthwise/pointwise chain: four 8000-byte activations, each written
// over the previous one at a one-row (320-byte) shift, plus band buffers.
TEST(PlanShared, ShiftedChainIsOneBlockWithAlternatingDirections) {
  std::vector<PlanBuffer> b = {{8000, 0, 1, 0}, {8000, 1, 2, 0}, {8000, 2, 3, 0},
                               {8000, 3, 4, 0}, {8000, 4, 5, 0}, {320, 1, 1, 0},
                               {320, 2, 2, 0},  {320, 3, 3, 0},  {320, 4, 4, 0}};
  std::vector<PlanShare> shares = {Shifted(0, 1, 320, 320, 5), Shifted(1, 2, 320, 320, 6),
                                   Shifted(2, 3, 320, 320, 7), Shifted(3, 4, 320, 320, 8)};
  const Planned p = Plan(b, shares);
  EXPECT_EQ(Overlap(p), -1);
  EXPECT_EQ(p.result.num_shifted, 4u);
  // One block of 8000 + 320 (not 8000 + 4 * 320) and one band buffer.
  EXPECT_EQ(p.result.bytes, 8320u + 320u);
  EXPECT_NE(p.shares[0].applied, p.shares[1].applied);
  const Planned apart = Plan(b, shares, /*shifted=*/false);
  EXPECT_EQ(apart.result.bytes, 16000u);
  EXPECT_EQ(apart.result.num_shifted, 0u);
}

TEST(PlanShared, ZeroShiftIsInPlace) {
  // A 1x1 conv whose rows do not grow: output over input at the same offset.
  std::vector<PlanBuffer> b = {{4096, 0, 1, 0}, {2048, 1, 2, 0}, {64, 1, 1, 0}, {512, 0, 0, 0}};
  const Planned p = Plan(b, {Shifted(0, 1, 0, kPlanNoShift, 2)});
  EXPECT_EQ(Overlap(p), -1);
  EXPECT_EQ(p.shares[0].applied, PlanShareApplied::kBefore);
  EXPECT_EQ(p.buffers[0].offset, p.buffers[1].offset);
  EXPECT_EQ(p.result.bytes, 4096u + 512u);
}

TEST(PlanShared, CallerWrittenInputsAreOverwrittenOnlyOnceDead) {
  // Buffer 0 exists before step 0 (a graph input) and dies at step 0: the
  // shifted output may go over it, as over any buffer dying there.
  std::vector<PlanBuffer> dies = {{8000, -1, 0, 0}, {8000, 0, 1, 0}, {320, 0, 0, 0}};
  const Planned p = Plan(dies, {Shifted(0, 1, 320, 320, 2)});
  EXPECT_EQ(Overlap(p), -1);
  EXPECT_NE(p.shares[0].applied, PlanShareApplied::kNo);
  EXPECT_LT(p.result.bytes, 16000u);
  // Still read at step 1: never written over at step 0, and the band buffer
  // gets no memory.
  std::vector<PlanBuffer> lives = {{8000, -1, 1, 0}, {8000, 0, 1, 0}, {320, 0, 0, 0}};
  const Planned q = Plan(lives, {Shifted(0, 1, 320, 320, 2)});
  EXPECT_EQ(Overlap(q), -1);
  EXPECT_EQ(q.shares[0].applied, PlanShareApplied::kNo);
  EXPECT_EQ(q.result.bytes, 16000u);
}

TEST(PlanShared, ShiftedShareIsDroppedWhenThePeakIsElsewhere) {
  // The peak (buffer 0 and 1 together) does not involve the shifted pair.
  std::vector<PlanBuffer> b = {
      {50000, 0, 1, 0}, {50000, 1, 2, 0}, {4000, 2, 3, 0}, {4000, 3, 4, 0}, {320, 3, 3, 0}};
  std::vector<PlanShare> shares = {Shifted(2, 3, 320, 320, 4)};
  const Planned p = Plan(b, shares);
  EXPECT_EQ(Overlap(p), -1);
  EXPECT_EQ(p.shares[0].applied, PlanShareApplied::kNo);
  EXPECT_EQ(p.result.bytes, 100000u);
}

TEST(PlanShared, CheckerCatchesAWrongShift) {
  std::vector<PlanBuffer> b = {{8000, 0, 1, 0}, {8000, 1, 2, 0}, {320, 1, 1, 0}};
  Planned p = Plan(b, {Shifted(0, 1, 320, 320, 2)});
  ASSERT_EQ(Overlap(p), -1);
  ASSERT_NE(p.shares[0].applied, PlanShareApplied::kNo);
  p.buffers[1].offset += p.shares[0].applied == PlanShareApplied::kBefore ? 16 : -16;
  EXPECT_EQ(Overlap(p), 1);
  // Without the share, the same overlap is an error too.
  p = Plan(b, {Shifted(0, 1, 320, 320, 2)});
  p.shares[0].applied = PlanShareApplied::kNo;
  EXPECT_GE(Overlap(p), 0);
}

// Random programs: at each step one op reads a live buffer and writes a new
// one that may be a view of it, written in place, or shifted over it (with a
// band buffer). Plans never overlap except as applied shares allow, cover
// every buffer, and are never larger than without the shifted shares.
TEST(PlanShared, RandomSharesNeverOverlapAndNeverLose) {
  std::mt19937 rng(7);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int shifted_applied = 0, smaller = 0, total_shifted = 0;
  for (int trial = 0; trial < 400; ++trial) {
    std::vector<PlanBuffer> b;
    std::vector<bool> band_buffer;
    std::vector<PlanShare> shares;
    const int inputs = uniform(1, 3);
    for (int i = 0; i < inputs; ++i) {
      b.push_back({static_cast<uint32_t>(uniform(1, 64) * 16), -1, uniform(0, 4), 0});
    }
    const int steps = uniform(2, 24);
    for (int step = 0; step < steps; ++step) {
      // The op's input: a buffer alive at this step, extended to it.
      std::vector<uint16_t> live;
      for (size_t k = 0; k < b.size(); ++k) {
        if (b[k].size >= 32 && b[k].first_use < step && b[k].last_use >= step - 1 &&
            (k >= band_buffer.size() || !band_buffer[k])) {
          live.push_back(static_cast<uint16_t>(k));
        }
      }
      if (live.empty()) break;
      // Mostly the newest buffer (chains, as in conv nets), else any live one.
      const uint16_t in =
          uniform(0, 2) != 0 ? live.back() : live[uniform(0, static_cast<int>(live.size()) - 1)];
      if (b[in].last_use < step) b[in].last_use = step;
      const uint16_t out = static_cast<uint16_t>(b.size());
      const int kind = uniform(0, 5);
      uint32_t size = static_cast<uint32_t>(uniform(1, 64) * 16);
      if (kind <= 1) size = b[in].size;  // views and element-wise in place: same size
      b.push_back({size, step, step + (uniform(0, 1) == 0 ? 1 : uniform(0, 3)), 0});
      PlanShare s;
      s.input = in;
      s.output = out;
      if (kind == 0) {
        s.kind = PlanShareKind::kView;
      } else if (kind == 1) {
        s.kind = PlanShareKind::kInPlace;
      } else {
        const uint16_t band = static_cast<uint16_t>(b.size());
        b.push_back({static_cast<uint32_t>(uniform(1, 8) * 16), step, step, 0});
        band_buffer.resize(b.size(), false);
        band_buffer[band] = true;
        const uint32_t limit = std::max(b[in].size, size) / 16 / (uniform(0, 1) == 0 ? 4 : 1);
        s = Shifted(in, out, uniform(0, 3) == 0 ? kPlanNoShift : uniform(0, limit) * 16,
                    uniform(0, 3) == 0 ? kPlanNoShift : uniform(0, limit) * 16, band);
      }
      if (kind != 5) shares.push_back(s);
    }
    const Planned p = Plan(b, shares);
    if (Overlap(p) != -1) {
      for (size_t k = 0; k < p.buffers.size(); ++k) {
        const PlanBuffer& x = p.buffers[k];
        std::printf("buf %zu size %u [%d,%d] @%u\n", k, x.size, x.first_use, x.last_use, x.offset);
      }
      for (const PlanShare& s : p.shares) {
        std::printf("share %u->%u kind %d applied %d before %d after %d scratch %u\n", s.input,
                    s.output, static_cast<int>(s.kind), static_cast<int>(s.applied),
                    static_cast<int>(s.before), static_cast<int>(s.after), s.scratch);
      }
    }
    ASSERT_EQ(Overlap(p), -1) << "trial " << trial;
    for (const PlanBuffer& x : p.buffers) {
      EXPECT_EQ(x.offset % 16, 0u);
      if (x.size > 0) {
        EXPECT_LE(x.offset + x.size, p.result.bytes) << "trial " << trial;
      }
    }
    const Planned apart = Plan(b, shares, /*shifted=*/false);
    ASSERT_EQ(Overlap(apart), -1) << "trial " << trial;
    EXPECT_LE(p.result.bytes, apart.result.bytes) << "trial " << trial;
    shifted_applied += static_cast<int>(p.result.num_shifted);
    total_shifted +=
        static_cast<int>(std::count_if(shares.begin(), shares.end(), [](const PlanShare& s) {
          return s.kind == PlanShareKind::kShifted;
        }));
    smaller += p.result.bytes < apart.result.bytes ? 1 : 0;
  }
  std::printf("shifted shares applied %d of %d, smaller plans %d of 400\n", shifted_applied,
              total_shifted, smaller);
  EXPECT_GT(shifted_applied, 50);
  EXPECT_GT(smaller, 20);
}

}  // namespace
}  // namespace mote
