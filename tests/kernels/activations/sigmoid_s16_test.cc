// LOGISTIC / TANH int16: TFLite's 256-entry sigmoid lookup with linear
// interpolation (shared with the int16 LSTM gates), for power-of-two and general
// input scales; hand-computed table lookups, a sweep against the float functions
// and Prepare rejections.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "activations_test_util.h"

namespace mote {
namespace {

using namespace activations_test;  // NOLINT

constexpr float kQ15 = 1.0f / 32768;

UnaryModel S16Model(BuiltinOp op, float in_scale, int32_t size = 8) {
  UnaryModel m;
  m.op = op;
  m.type = DataType::kInt16;
  m.in_shape = m.out_shape = {size};
  m.in_q = {{in_scale}, {0}, 0};
  m.out_q = {{kQ15}, {0}, 0};
  return m;
}

const std::vector<int16_t> kInputs = {-32768, -4096, -1000, 0, 1, 1000, 4096, 32767};

TEST(LogisticS16, PowerOfTwoScale) {
  // Scale 2^-12: the lookup input is 3x (256 entries per 2^17 = 10.67 units).
  // x = 4096 (1.0) -> 12288 -> entry 24 exactly (47911 / 65536):
  // (47911 << 9 + 2^9) >> 10 = 23956; x = -4096 -> 2^15 - 23956 rounded down = 8812.
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kLogistic, 1.0f / 4096), kInputs),
            (std::vector<int16_t>{11, 8812, 14394, 16384, 16386, 18374, 23956, 32757}));
}

TEST(LogisticS16, GeneralScale) {
  // Scale 0.001: 0.001 * 12288 = 12.288, doubled 11 times -> multiplier 25165,
  // right shift 11. x = 1000 -> (25165000 + 1024) >> 11 = 12288, as 1.0 above.
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kLogistic, 0.001f), kInputs),
            (std::vector<int16_t>{1, 536, 8812, 16384, 16392, 23956, 32232, 32767}));
  // 2^-11 is a power of two, but only 2^-12 takes the exact x3 path for LOGISTIC.
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kLogistic, 1.0f / 2048), kInputs),
            (std::vector<int16_t>{1, 3906, 12462, 16384, 16388, 20306, 28862, 32767}));
}

TEST(TanhS16, PowerOfTwoScales) {
  // tanh(x) = 2 sigmoid(2x) - 1: one fewer fraction bit between entries.
  // x = 4096 at 2^-12 -> 12288 -> entry 48; saturation at 32767 (|input| >= 255 entries).
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kTanh, 1.0f / 4096), kInputs),
            (std::vector<int16_t>{-32767, -24956, -7845, 0, 8, 7845, 24956, 32767}));
  // 2^-11 multiplies by 6 exactly.
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kTanh, 1.0f / 2048), kInputs),
            (std::vector<int16_t>{-32767, -31589, -14838, 0, 16, 14838, 31589, 32767}));
}

TEST(TanhS16, GeneralScale) {
  EXPECT_EQ(RunUnary<int16_t>(S16Model(BuiltinOp::kTanh, 0.001f), kInputs),
            (std::vector<int16_t>{-32767, -32750, -24956, 0, 32, 24956, 32750, 32767}));
}

TEST(SigmoidS16, CloseToFloatEverywhere) {
  // Every int16 input, against round(2^15 f(x)). Measured maximum errors: LOGISTIC
  // 1 LSB; TANH 1 LSB at 2^-12 and 3 LSB at 0.001 (the interpolation of the table).
  std::vector<int16_t> all(65536);
  for (int i = 0; i < 65536; ++i) all[i] = static_cast<int16_t>(i - 32768);
  struct Case {
    BuiltinOp op;
    float scale;
    int max_error;
  };
  const Case cases[] = {{BuiltinOp::kLogistic, 1.0f / 4096, 1},
                        {BuiltinOp::kLogistic, 0.001f, 1},
                        {BuiltinOp::kTanh, 1.0f / 4096, 1},
                        {BuiltinOp::kTanh, 0.001f, 3}};
  for (const Case& c : cases) {
    const std::vector<int16_t> got = RunUnary<int16_t>(S16Model(c.op, c.scale, 65536), all);
    ASSERT_EQ(got.size(), all.size());
    int worst = 0;
    for (int i = 0; i < 65536; ++i) {
      const double x = static_cast<double>(c.scale) * all[i];
      const double f = c.op == BuiltinOp::kTanh ? std::tanh(x) : 1.0 / (1.0 + std::exp(-x));
      worst = std::max(worst, std::abs(got[i] - static_cast<int>(std::lround(32768.0 * f))));
    }
    EXPECT_EQ(worst, c.max_error) << "scale " << c.scale;
  }
}

TEST(SigmoidS16, RejectsUnsupported) {
  for (BuiltinOp op : {BuiltinOp::kLogistic, BuiltinOp::kTanh}) {
    UnaryModel zp = S16Model(op, 1.0f / 4096);
    zp.in_q.zero_point = {5};
    EXPECT_EQ(PrepareCode(zp), StatusCode::kUnsupported);
    UnaryModel out_zp = S16Model(op, 1.0f / 4096);
    out_zp.out_q.zero_point = {1};
    EXPECT_EQ(PrepareCode(out_zp), StatusCode::kUnsupported);
    UnaryModel out_scale = S16Model(op, 1.0f / 4096);
    out_scale.out_q.scale = {1.0f / 16384};  // must be 2^-15
    EXPECT_EQ(PrepareCode(out_scale), StatusCode::kUnsupported);
    // 3 * 4096 * scale above 32767 would overflow the 32-bit product.
    EXPECT_EQ(PrepareCode(S16Model(op, 4.0f)), StatusCode::kUnsupported);
    // So small that the multiplier rounds to 0 even after 31 doublings.
    EXPECT_EQ(PrepareCode(S16Model(op, 1e-15f)), StatusCode::kUnsupported);
    UnaryModel unquantized = S16Model(op, 1.0f / 4096);
    unquantized.in_q = {};
    EXPECT_EQ(PrepareCode(unquantized), StatusCode::kInvalidModel);
  }
}

}  // namespace
}  // namespace mote
