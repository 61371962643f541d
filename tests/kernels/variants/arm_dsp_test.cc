// The portable emulation of the Armv7E-M DSP instructions (kernels/common/
// arm_dsp.h) on hand-computed cases, including wrap-around and saturation.
// (On the target, the variant-test firmware checks it against the real
// instructions.)
#include "kernels/common/arm_dsp.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace mote {
namespace {

// int16x2 from two halfwords.
constexpr int32_t H2(int16_t lo, int16_t hi) {
  return static_cast<int32_t>((static_cast<uint32_t>(static_cast<uint16_t>(lo))) |
                              (static_cast<uint32_t>(static_cast<uint16_t>(hi)) << 16));
}

TEST(ArmDspTest, ByteExtraction) {
  const int32_t x = static_cast<int32_t>(0x80FF7F01u);  // bytes 01 7F FF 80
  EXPECT_EQ(dsp::Sxtb16(x), H2(1, -1));
  EXPECT_EQ(dsp::Sxtb16Ror8(x), H2(127, -128));
  EXPECT_EQ(dsp::Uxtb16(x), H2(1, 255));
  EXPECT_EQ(dsp::Sxtab16(H2(32767, -32768), x), H2(-32768, 32767));  // wraps per halfword
  EXPECT_EQ(dsp::Sxtab16Ror8(H2(10, 20), x), H2(137, -108));
}

TEST(ArmDspTest, HalfwordArithmetic) {
  EXPECT_EQ(dsp::Sadd16(H2(32767, -5), H2(1, 7)), H2(-32768, 2));
  EXPECT_EQ(dsp::Ssub16(H2(-32768, 5), H2(1, 7)), H2(32767, -2));
  EXPECT_EQ(dsp::Qadd16(H2(32767, -32768), H2(1, -1)), H2(32767, -32768));
  EXPECT_EQ(dsp::Qsub16(H2(-32768, 100), H2(1, 50)), H2(-32768, 50));
}

TEST(ArmDspTest, DualMultiplies) {
  EXPECT_EQ(dsp::Smuad(H2(3, -4), H2(5, 6)), 15 - 24);
  EXPECT_EQ(dsp::Smuadx(H2(3, -4), H2(5, 6)), 18 - 20);
  EXPECT_EQ(dsp::Smlad(H2(3, -4), H2(5, 6), 1000), 1000 + 15 - 24);
  EXPECT_EQ(dsp::Smladx(H2(3, -4), H2(5, 6), 1000), 1000 + 18 - 20);
  // (-32768)^2 * 2 = 2^31 wraps to INT32_MIN; accumulating past INT32_MAX wraps.
  EXPECT_EQ(dsp::Smuad(H2(-32768, -32768), H2(-32768, -32768)), INT32_MIN);
  EXPECT_EQ(dsp::Smlad(H2(1, 0), H2(1, 0), INT32_MAX), INT32_MIN);
  EXPECT_EQ(dsp::Smlad(H2(-32768, -32768), H2(-32768, -32768), -1), INT32_MAX);
  EXPECT_EQ(dsp::Smmulr(1 << 30, 1 << 30), 1 << 28);
  EXPECT_EQ(dsp::Smmulr(3, 1 << 30), 1);    // 0.75 rounds up
  EXPECT_EQ(dsp::Smmulr(-3, 1 << 30), -1);  // -0.75 rounds to -1
  EXPECT_EQ(dsp::Smmulr(-2, 1 << 30), 0);   // -0.5 rounds up
  EXPECT_EQ(dsp::Smmulr(INT32_MIN, INT32_MIN), 1 << 30);
  EXPECT_EQ(dsp::Smlald(H2(-32768, -32768), H2(-32768, -32768), int64_t{1} << 40),
            (int64_t{1} << 40) + (int64_t{1} << 31));
}

TEST(ArmDspTest, PackingSaturationAndLoads) {
  EXPECT_EQ(dsp::Pkhbt(H2(1, 2), H2(3, 4)), H2(1, 3));
  EXPECT_EQ(dsp::Pkhtb(H2(1, 2), H2(3, 4)), H2(4, 2));
  EXPECT_EQ(dsp::Qadd(INT32_MAX, 1), INT32_MAX);
  EXPECT_EQ(dsp::Qsub(INT32_MIN, 1), INT32_MIN);
  EXPECT_EQ(dsp::Qadd(-5, 3), -2);
  EXPECT_EQ(dsp::Ssat<8>(200), 127);
  EXPECT_EQ(dsp::Ssat<8>(-200), -128);
  EXPECT_EQ(dsp::Ssat<8>(-7), -7);
  EXPECT_EQ(dsp::Ssat<32>(INT32_MIN), INT32_MIN);
  EXPECT_EQ(dsp::Usat<8>(300), 255);
  EXPECT_EQ(dsp::Usat<8>(-3), 0);
  EXPECT_EQ(dsp::Ror(0x12345678u, 8), 0x78123456u);
  EXPECT_EQ(dsp::Ror(0x12345678u, 0), 0x12345678u);
  const int8_t bytes[6] = {0, 1, 2, 3, 4, 5};
  EXPECT_EQ(dsp::Load32(bytes + 1), 0x04030201);  // unaligned, little-endian
  const int8_t* p = bytes;
  EXPECT_EQ(dsp::Load32Inc(p), 0x03020100);
  EXPECT_EQ(p, bytes + 4);
  int8_t out[5] = {};
  dsp::Store32(out + 1, 0x7F000102);
  EXPECT_EQ(out[1], 2);
  EXPECT_EQ(out[4], 127);
}

}  // namespace
}  // namespace mote
