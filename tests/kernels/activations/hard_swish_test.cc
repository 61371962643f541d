// HARD_SWISH int8: values worked out from TFLite's 16-bit fixed-point algorithm,
// a sweep of every int8 input against the float definition x * relu6(x + 3) / 6
// (TFLite's fixed point is within 1 LSB of it, and off by 1 at ties and a few
// other inputs), and Prepare rejections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "activations_test_util.h"

namespace mote {
namespace {

using namespace activations_test;  // NOLINT

UnaryModel HardSwishModel(float in_scale, int64_t in_zp, float out_scale, int64_t out_zp,
                          int32_t size = 8) {
  UnaryModel m;
  m.op = BuiltinOp::kHardSwish;
  m.in_shape = m.out_shape = {size};
  m.in_q = {{in_scale}, {in_zp}, 0};
  m.out_q = {{out_scale}, {out_zp}, 0};
  return m;
}

// round(hard_swish(real input) / out_scale) + out_zp, clamped (ties upward).
int FloatReference(float in_scale, int in_zp, float out_scale, int out_zp, int q) {
  const double x = static_cast<double>(in_scale) * (q - in_zp);
  const double y = x * std::min(6.0, std::max(0.0, x + 3.0)) / 6.0;
  const int v = static_cast<int>(std::floor(y / static_cast<double>(out_scale) + 0.5)) + out_zp;
  return std::min(127, std::max(-128, v));
}

TEST(HardSwish, Int8WorkedThrough) {
  // Scales 0.05 / 0.05: output multiplier 0.05/128/0.05 = 2^-7 -> Q15 16384, exponent -6;
  // reluish multiplier (0.05/128) / (3/32768) = 4.2667 -> Q15 17476, exponent 3.
  // q = 20 (x = 1.0): hires 2560; on the output scale 2560 * 0.5 = 1280; gate:
  // 2560 << 2 = 10240, * 17476/32768 -> 5461, << 1 -> 10922, (10922 + 32768) >> 1 =
  // 21845 (= 4/6); 21845 * 1280 / 32768 = 853.3 -> 853 (truncated); 853 / 64 -> 13.
  // q = -30 (x = -1.5, exact -7.5 LSB): the truncating product gives -8, not -7.
  const UnaryModel m = HardSwishModel(0.05f, 0, 0.05f, 0);
  EXPECT_EQ(RunUnary<int8_t>(m, {-128, -60, -30, -1, 0, 20, 60, 127}),
            (std::vector<int8_t>{0, 0, -8, 0, 0, 13, 60, 127}));
}

TEST(HardSwish, Int8ZeroPointsAndTies) {
  // in 0.1 zp -20, out 0.08 zp -90: output multiplier 0.1/128/0.08 -> 20480, exponent -6;
  // reluish 8.533 -> 17476, exponent 4. q = 54 (x = 7.4 -> 92.5 LSB, a tie) rounds
  // down to 92 - 90 = 2; q = 10 (x = 3.0 -> 37.5 LSB) to -53.
  const UnaryModel m = HardSwishModel(0.1f, -20, 0.08f, -90);
  EXPECT_EQ(RunUnary<int8_t>(m, {-128, -50, -38, -20, 0, 10, 54, 127}),
            (std::vector<int8_t>{-90, -90, -95, -90, -69, -53, 2, 94}));
}

TEST(HardSwish, Int8NegativeReluishExponent) {
  // Tiny input scale: reluish multiplier 0.0853 (exponent -3), output exponent -13,
  // so the right-shift branches of the fixed-point pipeline run.
  const UnaryModel small = HardSwishModel(0.001f, 0, 0.1f, 0);
  EXPECT_EQ(RunUnary<int8_t>(small, {-128, -3, 0, 1, 3, 50, 127, 126}),
            (std::vector<int8_t>{-1, 0, 0, 0, 0, 0, 1, 1}));
  const UnaryModel zp = HardSwishModel(0.0001f, 3, 0.0001f, -3);
  EXPECT_EQ(RunUnary<int8_t>(zp, {-128, -3, 0, 1, 3, 50, 127, 126}),
            (std::vector<int8_t>{-68, -6, -4, -4, -3, 21, 59, 59}));
}

TEST(HardSwish, Int8SaturatingLeftShift) {
  // Input scale 1.0 with output scale 0.01: reluish exponent 7, so the gate's left
  // shift saturates for |x| >= 3 (the gate is then exactly 0 or 1).
  const UnaryModel m = HardSwishModel(1.0f, 0, 0.01f, 0);
  EXPECT_EQ(RunUnary<int8_t>(m, {-128, -3, 0, 1, 3, 50, 127, -1}),
            (std::vector<int8_t>{0, 0, 0, 66, 127, 127, 127, -33}));
}

TEST(HardSwish, Int8WithinOneLsbOfFloatEverywhere) {
  struct Case {
    float in_scale;
    int in_zp;
    float out_scale;
    int out_zp;
  };
  const Case cases[] = {{0.05f, 0, 0.05f, 0},
                        {0.04f, 5, 0.03f, -10},
                        {0.1f, -20, 0.08f, -90},
                        {0.0625f, 0, 0.03125f, -64}};
  std::vector<int8_t> all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<int8_t>(i - 128);
  for (const Case& c : cases) {
    const std::vector<int8_t> got =
        RunUnary<int8_t>(HardSwishModel(c.in_scale, c.in_zp, c.out_scale, c.out_zp, 256), all);
    ASSERT_EQ(got.size(), 256u);
    int off_by_one = 0;
    for (int i = 0; i < 256; ++i) {
      const int want = FloatReference(c.in_scale, c.in_zp, c.out_scale, c.out_zp, i - 128);
      EXPECT_LE(std::abs(got[i] - want), 1) << "input " << i - 128 << " scale " << c.in_scale;
      off_by_one += got[i] != want;
    }
    // Measured: 1, 0, 31 and 0 inputs differ (TFLite's truncating final multiply).
    EXPECT_LE(off_by_one, 31) << "scale " << c.in_scale;
  }
}

TEST(HardSwish, RejectsUnsupported) {
  {
    UnaryModel m = HardSwishModel(0.05f, 0, 0.05f, 0);  // int16 is not a TFLM path
    m.type = DataType::kInt16;
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    // Output scale below input scale / 128 needs a left shift TFLM refuses.
    EXPECT_EQ(PrepareCode(HardSwishModel(1.0f, 0, 0.001f, 0)), StatusCode::kUnsupported);
  }
  {
    UnaryModel m = HardSwishModel(0.05f, 0, 0.05f, 0, 2);  // per-channel scales
    m.in_q = {{0.05f, 0.1f}, {0, 0}, 0};
    EXPECT_EQ(PrepareCode(m), StatusCode::kUnsupported);
  }
  {
    UnaryModel m = HardSwishModel(0.05f, 0, 0.05f, 0);  // no input quantization
    m.in_q = {};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
  {
    UnaryModel m = HardSwishModel(0.05f, 0, 0.05f, 0, 4);  // element counts differ
    m.out_shape = {5};
    EXPECT_EQ(PrepareCode(m), StatusCode::kInvalidModel);
  }
}

}  // namespace
}  // namespace mote
