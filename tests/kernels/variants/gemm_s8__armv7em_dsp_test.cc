// The requantization and activation-block helpers behind the Arm DSP CONV_2D /
// FULLY_CONNECTED variants (kernels/common/gemm_s8__armv7em_dsp.h).
#include "kernels/common/gemm_s8__armv7em_dsp.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

namespace mote {
namespace {

// The fast path is used only where it equals MultiplyByQuantizedMultiplier:
// check it at and around its bounds, for every shift.
TEST(GemmS8DspTest, RequantizeEqualsTheReference) {
  std::mt19937 rng(1);
  int fast = 0;
  for (int i = 0; i < 400000; ++i) {
    const int32_t shift = static_cast<int32_t>(rng() % 41) - 31;  // -31..9
    const int32_t multiplier = i % 7 == 0 ? static_cast<int32_t>(rng() >> 1)
                                          : static_cast<int32_t>((rng() >> 2) | (1u << 30));
    const int64_t max_abs_sum = static_cast<int64_t>(rng() % (1u << 26));
    const int32_t bias = static_cast<int32_t>(rng()) >> (rng() % 32);
    const dsp_gemm::RequantChannel c =
        dsp_gemm::MakeRequantChannel(bias, multiplier, shift, max_abs_sum);
    // Accumulators the op can produce (bias + sum) and, rarely, any int32.
    int64_t acc =
        bias +
        (max_abs_sum > 0 ? static_cast<int64_t>(rng() % (2 * max_abs_sum + 1)) - max_abs_sum : 0);
    if (i % 5 == 0) acc = bias + (i % 2 == 0 ? max_abs_sum : -max_abs_sum);  // the bounds
    if (!c.fast && i % 3 == 0) acc = static_cast<int32_t>(rng());
    const int32_t acc32 = static_cast<int32_t>(acc);
    if (c.fast) ++fast;
    ASSERT_EQ(dsp_gemm::Requantize(acc32, c),
              MultiplyByQuantizedMultiplier(acc32, multiplier, shift))
        << "acc " << acc32 << " multiplier " << multiplier << " shift " << shift;
  }
  EXPECT_GT(fast, 100000);  // the fast path is exercised
}

TEST(GemmS8DspTest, FastPathBounds) {
  // right == 0 or a bound reaching 2^30 must fall back to the exact path.
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 1 << 30, 0, 100).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 1 << 30, 2, 100).fast);  // left shifts: exact path
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(0, 1 << 30, -1, (int64_t{1} << 30) - 1).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 1 << 30, -1, int64_t{1} << 30).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(1, 1 << 30, -1, (int64_t{1} << 30) - 1).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(INT32_MIN, 1 << 30, -5, 0).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(-1000, 1 << 30, -5, 1000).fast);
}

TEST(GemmS8DspTest, FillXLayout) {
  // 2 rows, 7 values: chunk 0 = {0,2},{1,3}; chunk 1 = {4,6},{5,0}; + offset 10.
  const int8_t src[7] = {0, 1, 2, 3, 4, 5, 6};
  std::vector<int32_t> block(2 * dsp_gemm::XRowWords(7), -1);
  dsp_gemm::FillX(src, 7, 10, block.data(), 2, 1, 0);
  const auto pair = [](int lo, int hi) {
    return static_cast<int32_t>((static_cast<uint32_t>(hi) << 16) | static_cast<uint16_t>(lo));
  };
  EXPECT_EQ(block[1], pair(10, 12));
  EXPECT_EQ(block[3], pair(11, 13));
  EXPECT_EQ(block[5], pair(14, 16));
  EXPECT_EQ(block[7], pair(15, 0));
  EXPECT_EQ(block[0], -1);  // row 0 untouched
  dsp_gemm::ZeroX(7, block.data(), 2, 0, 0);
  for (int i = 0; i < 8; i += 2) EXPECT_EQ(block[i], 0);
  EXPECT_EQ(dsp_gemm::SumWithOffset(src, 7, -1), 21 - 7);
}

}  // namespace
}  // namespace mote
