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
    // Normalized (QuantizeMultiplier's), 0 (a channel scale below 2^-31), or any.
    const int32_t multiplier = i % 11 == 0  ? 0
                               : i % 7 == 0 ? static_cast<int32_t>(rng() >> 1)
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
  constexpr int64_t k30 = int64_t{1} << 30, k31 = int64_t{1} << 31;
  // right == 0 or left shifts take the exact path.
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 1 << 30, 0, 100).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 1 << 30, 2, 100).fast);
  // Any accumulator, as long as the rounding add cannot overflow.
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(0, 1 << 30, -1, k30 - 1).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(0, 1 << 30, -1, k30).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(INT32_MIN, 1 << 30, -5, 0).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(-1000, 1 << 30, -5, 1000).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(0, 1 << 30, -30, k31).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, INT32_MAX, -30, k31).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(INT32_MAX, INT32_MAX, -31, 0).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel((1 << 30) - 4096, INT32_MAX, -31, 1000).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(1 << 30, INT32_MAX, -31, 1000).fast);
  // Unnormalized multipliers take the exact path; 0 (every output 0) unless
  // the accumulator can reach +-(2^31 - 2).
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, (1 << 30) - 1, -5, 1000).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(-5, 0, 0, 1000).fast);
  EXPECT_TRUE(dsp_gemm::MakeRequantChannel(0, 0, 0, k31 - 3).fast);
  EXPECT_FALSE(dsp_gemm::MakeRequantChannel(0, 0, 0, k31 - 2).fast);
}

// What TFLite's converter writes for a channel whose weights are all (nearly)
// zero: a tiny weight scale, so a bias clamped near +-2^30 and a multiplier of
// 2^-27 or far below (QuantizeMultiplier: 0). MobileNet v1's pointwise layers
// have up to 90 % such channels; they must take the fast path, exactly.
TEST(GemmS8DspTest, ConverterDeadChannelsTakeTheFastPath) {
  const int64_t max_abs_sum = int64_t{128} * 128 * 255;  // depth 128, input zero point -128
  for (const double scale : {4.6e-9, 1.2e-9, 3e-10, 1.3e-11}) {
    int32_t multiplier = 0;
    int shift = 0;
    QuantizeMultiplier(scale, &multiplier, &shift);
    for (const int32_t bias : {-1073741952, -1073741824, 1073741824, 1073741952, 99174816}) {
      const dsp_gemm::RequantChannel c =
          dsp_gemm::MakeRequantChannel(bias, multiplier, shift, max_abs_sum);
      EXPECT_TRUE(c.fast) << "scale " << scale << " bias " << bias;
      for (int64_t d = -max_abs_sum; d <= max_abs_sum; d += max_abs_sum / 997) {
        const int32_t acc = static_cast<int32_t>(bias + d);
        ASSERT_EQ(dsp_gemm::Requantize(acc, c),
                  MultiplyByQuantizedMultiplier(acc, multiplier, shift))
            << "scale " << scale << " bias " << bias << " acc " << acc;
      }
    }
  }
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
