// kernels/common/arm_dsp.h on the target: every instruction wrapper against
// its portable emulation (dsp::portable), on edge and pseudo-random operands.
#include "kernels/common/arm_dsp.h"
#include "variant_checks.h"

namespace vcheck {

void CheckArmDsp(app::Checks& c) {
  using namespace mote::dsp;
  static const int32_t kEdges[] = {0,          1,          -1,
                                   0x7FFF,     -0x8000,    0x7FFF7FFF,
                                   INT32_MIN,  INT32_MAX,  static_cast<int32_t>(0x80808080u),
                                   0x7F7F7F7F, 0x00FF00FF, 0x01800180,
                                   0x12345678, -0x12345678};
  constexpr int kEdgeCount = sizeof(kEdges) / sizeof(kEdges[0]);
  Rng rng(12345);
  int mismatches = 0;
  for (int i = 0; i < 20000; ++i) {
    const int32_t a =
        i < kEdgeCount * kEdgeCount ? kEdges[i % kEdgeCount] : static_cast<int32_t>(rng.Next());
    const int32_t b =
        i < kEdgeCount * kEdgeCount ? kEdges[i / kEdgeCount] : static_cast<int32_t>(rng.Next());
    const int32_t acc = static_cast<int32_t>(rng.Next());
    const int64_t acc64 = (static_cast<int64_t>(rng.Next()) << 32) | rng.Next();
    int bad = 0;
    bad += Sxtb16(a) != portable::Sxtb16(a);
    bad += Sxtb16Ror8(a) != portable::Sxtb16Ror8(a);
    bad += Sxtab16(b, a) != portable::Sxtab16(b, a);
    bad += Sxtab16Ror8(b, a) != portable::Sxtab16Ror8(b, a);
    bad += Uxtb16(a) != portable::Uxtb16(a);
    bad += Sadd16(a, b) != portable::Sadd16(a, b);
    bad += Ssub16(a, b) != portable::Ssub16(a, b);
    bad += Qadd16(a, b) != portable::Qadd16(a, b);
    bad += Qsub16(a, b) != portable::Qsub16(a, b);
    bad += Smuad(a, b) != portable::Smuad(a, b);
    bad += Smuadx(a, b) != portable::Smuadx(a, b);
    bad += Smlad(a, b, acc) != portable::Smlad(a, b, acc);
    bad += Smladx(a, b, acc) != portable::Smladx(a, b, acc);
    bad += Smlald(a, b, acc64) != portable::Smlald(a, b, acc64);
    bad += Smmulr(a, b) != portable::Smmulr(a, b);
    bad += Smmlar(a, b, acc) != portable::Smmlar(a, b, acc);
    bad += Pkhbt(a, b) != portable::Pkhbt(a, b);
    bad += Pkhtb(a, b) != portable::Pkhtb(a, b);
    bad += Qadd(a, b) != portable::Qadd(a, b);
    bad += Qsub(a, b) != portable::Qsub(a, b);
    bad += Ssat<8>(a >> (i % 32)) != portable::Ssat<8>(a >> (i % 32));
    bad += Ssat<16>(a) != portable::Ssat<16>(a);
    bad += Usat<8>(a >> (i % 32)) != portable::Usat<8>(a >> (i % 32));
    if (bad != 0 && mismatches < 5) {
      app::Print("  arm_dsp mismatch: a=0x%08lx b=0x%08lx acc=0x%08lx\n",
                 static_cast<unsigned long>(a), static_cast<unsigned long>(b),
                 static_cast<unsigned long>(acc));
    }
    mismatches += bad;
  }
  char line[96];
  snprintf(line, sizeof(line),
           "arm_dsp.h: instructions%s equal their emulation (20000 operand sets)",
           MOTE_ARM_DSP_NATIVE ? "" : " (emulated: no DSP extension)");
  c.Check(mismatches == 0, line);
}

}  // namespace vcheck
