// int8 ADD without broadcasting for the Armv7E-M DSP extension:
//   add_s8_lut__armv7em_dsp  each input's rescaling looked up in a 256-entry
//                            table (packed, 2 KiB: the AOT compiler's flash)
//   add_s8__armv7em_dsp      each input's rescaling computed per element
// TFLite's arithmetic, exactly: an input x is rescaled to
//   s = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul((x + offset) << 20, m), e),
// and the output is RoundingDivideByPOT(SRDHM(s1 + s2, m_out), e_out) + zero
// point, clamped. SRDHM(a, m) is SMMULR(2a, m) whenever 2a fits an int32 (no
// saturation case: m >= 0), which holds here: |x + offset| <= 255 and
// |s1 + s2| < 2^29. RoundingDivideByPOT(v, e) with e >= 1 (ties away from
// zero) is (v + 2^(e-1) + (v >> 31)) >> e, and the output zero point folds
// into the same add (zp * 2^e_out is a multiple of the divisor).
#include "kernels/common/arm_dsp.h"
#include "kernels/common/quantization.h"
#include "kernels/elementwise/elementwise.h"

namespace mote {
namespace {

constexpr int32_t kTableEntries = 256;

// Shapes and constants the identities above hold for.
bool Supports(const QuantAddSubParams& p) {
  const auto offset_ok = [](int32_t o) { return o >= -127 && o <= 128; };
  const auto input_ok = [](int32_t m, int32_t shift) {
    return m >= 0 && shift <= 0 && shift >= -31;
  };
  return !p.shape.broadcast && p.left_shift == 20 && offset_ok(p.input1_offset) &&
         offset_ok(p.input2_offset) && input_ok(p.input1_multiplier, p.input1_shift) &&
         input_ok(p.input2_multiplier, p.input2_shift) && p.output_multiplier >= 0 &&
         p.output_shift <= -1 && p.output_shift >= -22 && p.output_offset >= -128 &&
         p.output_offset <= 127 && p.activation_min >= -128 && p.activation_max <= 127 &&
         p.activation_min <= p.activation_max;
}

// The output stage: SRDHM(raw2 / 2, m_out), divided by 2^e_out with the zero
// point folded in, clamped.
struct OutputStage {
  int32_t multiplier;
  int32_t add;  // 2^(e-1) + zp * 2^e
  int32_t shift;
  int32_t act_min, act_max;
};
OutputStage MakeOutputStage(const QuantAddSubParams& p) {
  const int32_t e = -p.output_shift;
  return OutputStage{
      p.output_multiplier,
      static_cast<int32_t>((1u << (e - 1)) + (static_cast<uint32_t>(p.output_offset) << e)), e,
      p.activation_min, p.activation_max};
}
template <bool kFullRange>
inline int8_t Output(int32_t raw2, const OutputStage& o) {
  const int32_t v = dsp::Smmulr(raw2, o.multiplier);
  int32_t r = (v + o.add + (v >> 31)) >> o.shift;
  if (kFullRange) return static_cast<int8_t>(dsp::Ssat<8>(r));
  r = r < o.act_min ? o.act_min : r;
  return static_cast<int8_t>(r > o.act_max ? o.act_max : r);
}

// ---- Table per input -------------------------------------------------------------

size_t PackedBytes(const QuantAddSubParams&) { return 2 * kTableEntries * sizeof(int32_t); }

// table[x + 128] = 2 * the rescaled x, as the reference computes it.
void FillTable(int32_t offset, int32_t multiplier, int32_t shift, int32_t* table) {
  for (int32_t x = -128; x < 128; ++x) {
    table[x + 128] = 2 * MultiplyByQuantizedMultiplier((x + offset) * (1 << 20), multiplier, shift);
  }
}
void PackTables(const QuantAddSubParams& p, const AddS8Args&, void* packed) {
  auto* t = static_cast<int32_t*>(packed);
  FillTable(p.input1_offset, p.input1_multiplier, p.input1_shift, t);
  FillTable(p.input2_offset, p.input2_multiplier, p.input2_shift, t + kTableEntries);
}

template <bool kFullRange>
void RunTables(const QuantAddSubParams& p, const AddS8Args& a) {
  const int32_t* t1 = static_cast<const int32_t*>(a.packed) + 128;  // index by int8
  const int32_t* t2 = t1 + kTableEntries;
  const OutputStage o = MakeOutputStage(p);
  const int8_t* in1 = a.input1;
  const int8_t* in2 = a.input2;
  int8_t* out = a.output;
  uint32_t n = p.shape.size;
  for (; n >= 4; n -= 4, in1 += 4, in2 += 4, out += 4) {
    const int32_t r0 = t1[in1[0]] + t2[in2[0]];
    const int32_t r1 = t1[in1[1]] + t2[in2[1]];
    const int32_t r2 = t1[in1[2]] + t2[in2[2]];
    const int32_t r3 = t1[in1[3]] + t2[in2[3]];
    out[0] = Output<kFullRange>(r0, o);
    out[1] = Output<kFullRange>(r1, o);
    out[2] = Output<kFullRange>(r2, o);
    out[3] = Output<kFullRange>(r3, o);
  }
  for (; n > 0; --n) *out++ = Output<kFullRange>(t1[*in1++] + t2[*in2++], o);
}

// ---- Computed per element ----------------------------------------------------------

struct InputStage {
  int32_t offset_shifted;  // offset << 21
  int32_t multiplier;
  int32_t add;  // 2^(e-1), e >= 1
  int32_t shift;
};
InputStage MakeInputStage(int32_t offset, int32_t multiplier, int32_t shift) {
  const int32_t e = -shift;
  return InputStage{static_cast<int32_t>(static_cast<uint32_t>(offset) << 21), multiplier,
                    e > 0 ? static_cast<int32_t>(1u << (e - 1)) : 0, e};
}
// The rescaled input (kRound: e >= 1).
template <bool kRound>
inline int32_t Rescale(int32_t x, const InputStage& s) {
  const int32_t v = dsp::Smmulr(
      static_cast<int32_t>(static_cast<uint32_t>(x) << 21) + s.offset_shifted, s.multiplier);
  return kRound ? (v + s.add + (v >> 31)) >> s.shift : v;
}

template <bool kRound1, bool kRound2, bool kFullRange>
void RunComputed(const QuantAddSubParams& p, const AddS8Args& a) {
  const InputStage s1 = MakeInputStage(p.input1_offset, p.input1_multiplier, p.input1_shift);
  const InputStage s2 = MakeInputStage(p.input2_offset, p.input2_multiplier, p.input2_shift);
  const OutputStage o = MakeOutputStage(p);
  const auto one = [&](int8_t x1, int8_t x2) {
    const int32_t raw = Rescale<kRound1>(x1, s1) + Rescale<kRound2>(x2, s2);
    return Output<kFullRange>(raw + raw, o);
  };
  const int8_t* in1 = a.input1;
  const int8_t* in2 = a.input2;
  int8_t* out = a.output;
  uint32_t n = p.shape.size;
  for (; n >= 2; n -= 2, in1 += 2, in2 += 2, out += 2) {
    const int8_t r0 = one(in1[0], in2[0]);
    const int8_t r1 = one(in1[1], in2[1]);
    out[0] = r0;
    out[1] = r1;
  }
  if (n != 0) *out = one(*in1, *in2);
}

template <bool kFullRange>
void RunComputedRange(const QuantAddSubParams& p, const AddS8Args& a) {
  const bool round1 = p.input1_shift < 0;
  const bool round2 = p.input2_shift < 0;
  if (round1 && round2) {
    RunComputed<true, true, kFullRange>(p, a);
  } else if (round1) {
    RunComputed<true, false, kFullRange>(p, a);
  } else if (round2) {
    RunComputed<false, true, kFullRange>(p, a);
  } else {
    RunComputed<false, false, kFullRange>(p, a);
  }
}

bool FullRange(const QuantAddSubParams& p) {
  return p.activation_min == -128 && p.activation_max == 127;
}

}  // namespace

void add_s8_lut__armv7em_dsp(const QuantAddSubParams& p, const AddS8Args& a) {
  if (FullRange(p)) {
    RunTables<true>(p, a);
  } else {
    RunTables<false>(p, a);
  }
}

void add_s8__armv7em_dsp(const QuantAddSubParams& p, const AddS8Args& a) {
  if (FullRange(p)) {
    RunComputedRange<true>(p, a);
  } else {
    RunComputedRange<false>(p, a);
  }
}

const AddS8Variant kAddS8LutArmV7emDsp{"add_s8_lut__armv7em_dsp",
                                       KernelArch::kArmV7emDsp,
                                       &Supports,
                                       nullptr,
                                       &PackedBytes,
                                       &PackTables,
                                       &add_s8_lut__armv7em_dsp};
const AddS8Variant kAddS8ArmV7emDsp{
    "add_s8__armv7em_dsp", KernelArch::kArmV7emDsp, &Supports, nullptr, nullptr, nullptr,
    &add_s8__armv7em_dsp};

}  // namespace mote
