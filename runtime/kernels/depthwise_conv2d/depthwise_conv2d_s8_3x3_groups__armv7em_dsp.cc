// The inner loops of the 3x3 DEPTHWISE_CONV_2D variants for the Armv7E-M DSP
// extension (depthwise_conv2d_s8__armv7em_dsp.h): all groups of 4 channels of
// one output pixel. On a DSP core they are assembly (the loop needs 14
// registers and reads each group's block with LDM/LDRD, which compilers do not
// produce from C); elsewhere the same arithmetic in C++ over the dsp::
// emulation, which the host tests run (the on-target tests run the assembly).
#include "kernels/depthwise_conv2d/depthwise_conv2d_s8__armv7em_dsp.h"

namespace mote {
namespace dsp_depthwise {
namespace {

#if MOTE_ARM_DSP_NATIVE
// clang-format off

// Registers: r1..r3 the three rows, r4 c_n, r5 block, lr off2, r6..r9 the
// accumulators of channels 0..3; stack: [sp] block_end, [sp, #4] out,
// [sp, #8] rq, [sp, #12] off2. One tap: x = 4 channels of input, {x0, x2} +
// offset and {x1, x3} + offset (SXTAB16), times the widened weights.
#define MOTE_DW_TAP(ADDR)          \
  "ldr     r0, " ADDR "\n"         \
  "ldrd    r10, r11, [r5], #8\n"   \
  "sxtab16 r12, lr, r0\n"          \
  "sxtab16 r0, lr, r0, ror #8\n"   \
  "smlabb  r6, r12, r10, r6\n"     \
  "smlatt  r8, r12, r10, r8\n"     \
  "smlabb  r7, r0, r11, r7\n"      \
  "smlatt  r9, r0, r11, r9\n"
// One filter row: all three columns, or two (the other's weights skipped).
#define MOTE_DW_ROW_ALL(R) \
  MOTE_DW_TAP("[" R "]") MOTE_DW_TAP("[" R ", r4]") MOTE_DW_TAP("[" R ", r4, lsl #1]")
#define MOTE_DW_ROW_LAST2(R) \
  "adds    r5, r5, #8\n" MOTE_DW_TAP("[" R "]") MOTE_DW_TAP("[" R ", r4]")
#define MOTE_DW_ROW_FIRST2(R) \
  MOTE_DW_TAP("[" R "]") MOTE_DW_TAP("[" R ", r4]") "adds    r5, r5, #8\n"
#define MOTE_DW_PROLOGUE(ROW)        \
  "push    {r4-r11, lr}\n"           \
  "add     r1, r0, #20\n"            \
  "ldm     r1, {r6, r7, r8, r9}\n"   \
  "sub     sp, sp, #16\n"            \
  "str     r6, [sp]\n"               \
  "str     r8, [sp, #4]\n"           \
  "str     r9, [sp, #8]\n"           \
  "str     r7, [sp, #12]\n"          \
  "mov     lr, r7\n"                 \
  "ldm     r0, {r1, r2, r3, r4, r5}\n" \
  "1:\n"                             \
  "ldm     r5!, {r6, r7, r8, r9}\n"  \
  ROW("r1") ROW("r2") ROW("r3")
#define MOTE_DW_EPILOGUE           \
  "adds    r1, r1, #4\n"           \
  "adds    r2, r2, #4\n"           \
  "adds    r3, r3, #4\n"           \
  "ldr     r0, [sp]\n"             \
  "ldr     lr, [sp, #12]\n"        \
  "cmp     r5, r0\n"               \
  "bne     1b\n"                   \
  "add     sp, sp, #16\n"          \
  "pop     {r4-r11, pc}\n"
// Stores the 4 accumulators.
#define MOTE_DW_STORE_ACC          \
  "ldr     r0, [sp, #4]\n"         \
  "stm     r0!, {r6, r7, r8, r9}\n" \
  "str     r0, [sp, #4]\n"
// Channel ACC: high word of acc * m + k - (acc & 2^31), >> e1, saturated to
// int8 (FusedRequant); r0 walks the table.
#define MOTE_DW_REQUANT(ACC)               \
  "ldm     r0!, {r10, r11, r12, lr}\n"     \
  "smlal   r10, r11, " ACC ", r12\n"       \
  "and     " ACC ", " ACC ", #0x80000000\n" \
  "subs    r10, r10, " ACC "\n"            \
  "sbc     r11, r11, #0\n"                 \
  "asr     r11, r11, lr\n"                 \
  "ssat    " ACC ", #8, r11\n"
#define MOTE_DW_STORE_INT8                                                 \
  "ldr     r0, [sp, #8]\n" MOTE_DW_REQUANT("r6") MOTE_DW_REQUANT("r7")     \
      MOTE_DW_REQUANT("r8") MOTE_DW_REQUANT("r9") "str     r0, [sp, #8]\n" \
                                                  "bfi     r6, r7, #8, #8\n" \
                                                  "bfi     r6, r8, #16, #8\n" \
                                                  "bfi     r6, r9, #24, #8\n" \
                                                  "ldr     r0, [sp, #4]\n"  \
                                                  "str     r6, [r0], #4\n"  \
                                                  "str     r0, [sp, #4]\n"

#define MOTE_DW_KERNEL(NAME, ROW, STORE)                                            \
  __attribute__((naked)) void NAME(const GroupJob*) {                               \
    __asm__ volatile(MOTE_DW_PROLOGUE(ROW) STORE MOTE_DW_EPILOGUE);                 \
  }

MOTE_DW_KERNEL(AccAll, MOTE_DW_ROW_ALL, MOTE_DW_STORE_ACC)
MOTE_DW_KERNEL(AccLast2, MOTE_DW_ROW_LAST2, MOTE_DW_STORE_ACC)
MOTE_DW_KERNEL(AccFirst2, MOTE_DW_ROW_FIRST2, MOTE_DW_STORE_ACC)
MOTE_DW_KERNEL(RequantAll, MOTE_DW_ROW_ALL, MOTE_DW_STORE_INT8)
MOTE_DW_KERNEL(RequantLast2, MOTE_DW_ROW_LAST2, MOTE_DW_STORE_INT8)
MOTE_DW_KERNEL(RequantFirst2, MOTE_DW_ROW_FIRST2, MOTE_DW_STORE_INT8)

#undef MOTE_DW_TAP
#undef MOTE_DW_ROW_ALL
#undef MOTE_DW_ROW_LAST2
#undef MOTE_DW_ROW_FIRST2
#undef MOTE_DW_PROLOGUE
#undef MOTE_DW_EPILOGUE
#undef MOTE_DW_STORE_ACC
#undef MOTE_DW_REQUANT
#undef MOTE_DW_STORE_INT8
#undef MOTE_DW_KERNEL
// clang-format on

#else

// Filter columns [fx0, fx1) of every row; the rows point at column fx0.
template <int kFx0, int kFx1, bool kRequant>
void Groups(const GroupJob* j) {
  const int32_t* block = j->block;
  const int8_t* rows[3] = {j->row0, j->row1, j->row2};
  auto* acc_out = static_cast<int32_t*>(j->out);
  auto* out = static_cast<int8_t*>(j->out);
  for (int32_t c = 0; block != j->block_end; c += 4) {
    int32_t a[4] = {block[0], block[1], block[2], block[3]};
    const int32_t* w = block + 4;
    for (int32_t fy = 0; fy < 3; ++fy) {
      for (int32_t fx = kFx0; fx < kFx1; ++fx) {
        const int32_t* wt = w + 2 * (3 * fy + fx);
        Mac4Widened(dsp::Load32(rows[fy] + (fx - kFx0) * j->c_n + c), j->off2, wt[0], wt[1], a);
      }
    }
    block += kBlockWords3x3;
    for (int32_t i = 0; i < 4; ++i) {
      if (kRequant) {
        out[c + i] = static_cast<int8_t>(dsp::Ssat<8>(RequantizeFused(a[i], j->rq[c + i])));
      } else {
        acc_out[c + i] = a[i];
      }
    }
  }
}
void AccAll(const GroupJob* j) { Groups<0, 3, false>(j); }
void AccLast2(const GroupJob* j) { Groups<1, 3, false>(j); }
void AccFirst2(const GroupJob* j) { Groups<0, 2, false>(j); }
void RequantAll(const GroupJob* j) { Groups<0, 3, true>(j); }
void RequantLast2(const GroupJob* j) { Groups<1, 3, true>(j); }
void RequantFirst2(const GroupJob* j) { Groups<0, 2, true>(j); }

#endif  // MOTE_ARM_DSP_NATIVE

}  // namespace

GroupFn Groups3x3(Columns columns, bool requantize) {
  switch (columns) {
    case Columns::kLast2:
      return requantize ? &RequantLast2 : &AccLast2;
    case Columns::kFirst2:
      return requantize ? &RequantFirst2 : &AccFirst2;
    case Columns::kAll:
      break;
  }
  return requantize ? &RequantAll : &AccAll;
}

}  // namespace dsp_depthwise
}  // namespace mote
