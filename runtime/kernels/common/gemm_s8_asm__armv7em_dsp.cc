// The microkernels of kernels/common/gemm_s8__armv7em_dsp.h on a core with the
// DSP extension: naked assembly functions (AAPCS arguments, r4-r11 saved),
// because the register blocking needs all 14 allocatable registers and LDM
// loads of several rows at once, which compilers do not produce from C.
// Elsewhere gemm_s8__armv7em_dsp.cc has the same arithmetic in C++.
#include "kernels/common/gemm_s8__armv7em_dsp.h"

#if MOTE_ARM_DSP_NATIVE

namespace mote {
namespace dsp_gemm {

// clang-format off

// One chunk (4 depth values) of 5 rows x 1 column. r0 = x (advanced), r1 = w
// (advanced), a0..a4 in r4..r8, x words in r9..r12/lr, the weight pair in r3.
// int8 weights: SXTB16 of the weight word (re-loaded for the odd values,
// which frees the register the fifth row needs); int16 weights: two words.
#define MOTE_X5_CHUNK_W8                  \
  "ldr    r3, [r1]\n"                     \
  "ldm    r0!, {r9, r10, r11, r12, lr}\n" \
  "sxtb16 r3, r3\n"                       \
  "smlad  r4, r3, r9, r4\n"               \
  "smlad  r5, r3, r10, r5\n"              \
  "smlad  r6, r3, r11, r6\n"              \
  "smlad  r7, r3, r12, r7\n"              \
  "smlad  r8, r3, lr, r8\n"               \
  "ldr    r3, [r1], #4\n"                 \
  "ldm    r0!, {r9, r10, r11, r12, lr}\n" \
  "sxtb16 r3, r3, ror #8\n"               \
  "smlad  r4, r3, r9, r4\n"               \
  "smlad  r5, r3, r10, r5\n"              \
  "smlad  r6, r3, r11, r6\n"              \
  "smlad  r7, r3, r12, r7\n"              \
  "smlad  r8, r3, lr, r8\n"
#define MOTE_X5_HALF_W16                  \
  "ldr    r3, [r1], #4\n"                 \
  "ldm    r0!, {r9, r10, r11, r12, lr}\n" \
  "smlad  r4, r3, r9, r4\n"               \
  "smlad  r5, r3, r10, r5\n"              \
  "smlad  r6, r3, r11, r6\n"              \
  "smlad  r7, r3, r12, r7\n"              \
  "smlad  r8, r3, lr, r8\n"
#define MOTE_X5_CHUNK_W16 MOTE_X5_HALF_W16 MOTE_X5_HALF_W16

// r2 = chunks: the odd chunk, then pairs (flags from lsrs; chunks set none).
#define MOTE_X5_LOOP(chunk)   \
  "lsrs   r2, r2, #1\n"       \
  "bcc    1f\n"               \
  chunk                       \
  "1:\n"                      \
  "beq    3f\n"               \
  "2:\n"                      \
  chunk chunk                 \
  "subs   r2, r2, #1\n"       \
  "bne    2b\n"               \
  "3:\n"
// The same unrolled 4 times: 1, 2, then 4 chunks at a time.
#define MOTE_X5_LOOP4(chunk)  \
  "lsrs   r2, r2, #1\n"       \
  "bcc    1f\n"               \
  chunk                       \
  "1:\n"                      \
  "lsrs   r2, r2, #1\n"       \
  "bcc    6f\n"               \
  chunk chunk                 \
  "6:\n"                      \
  "beq    3f\n"               \
  "2:\n"                      \
  chunk chunk chunk chunk     \
  "subs   r2, r2, #1\n"       \
  "bne    2b\n"               \
  "3:\n"

__attribute__((naked)) void DotX5W8(const int32_t*, const int8_t*, int32_t, int32_t*) {
  __asm__ volatile(
      "push   {r3-r11, lr}\n"
      "ldm    r3, {r4, r5, r6, r7, r8}\n"
      MOTE_X5_LOOP(MOTE_X5_CHUNK_W8)
      "ldr    r3, [sp]\n"
      "stm    r3, {r4, r5, r6, r7, r8}\n"
      "pop    {r3-r11, pc}\n");
}

// Requantizes acc (RequantizeFast + SSAT) into r1. r9 = multiplier << 1
// (HighMulFast), r10 = the shifts word (ASR uses its bottom byte: right), r11
// = half, r2 = offset.
#define MOTE_X5_REQUANT(acc)            \
  "smmlar " acc ", " acc ", r9, " acc "\n" \
  "add    r1, " acc ", r11\n"           \
  "add    r1, r1, " acc ", asr #31\n"   \
  "asr    r1, r1, r10\n"                \
  "add    r1, r1, r2\n"                 \
  "ssat   r1, #8, r1\n"

// The ColumnsX5 fields are copied to [sp, #0..35] and advanced there.
#define MOTE_X5_COLUMNS(chunk)                  \
  "push   {r4-r11, lr}\n"                       \
  "sub    sp, sp, #36\n"                        \
  "ldm    r0, {r1-r9}\n"                        \
  "stm    sp, {r1-r9}\n"                        \
  "4:\n"                                        \
  "ldr    r12, [sp, #8]\n"                      \
  "ldr    r4, [r12], #16\n"                     \
  "str    r12, [sp, #8]\n"                      \
  "mov    r5, r4\n"                             \
  "mov    r6, r4\n"                             \
  "mov    r7, r4\n"                             \
  "mov    r8, r4\n"                             \
  "ldrd   r1, r0, [sp, #28]\n"                  \
  "add    r0, r0, r1\n"                         \
  "str    r0, [sp, #28]\n"                      \
  "ldrd   r0, r2, [sp]\n"                       \
  MOTE_X5_LOOP4(chunk)                          \
  "ldr    r12, [sp, #8]\n"                      \
  "ldmdb  r12, {r9, r10, r11}\n"                \
  "lsl    r9, r9, #1\n"                        \
  "ldr    r2, [sp, #24]\n"                      \
  "ldrd   r12, lr, [sp, #12]\n"                 \
  "adds   r0, r12, #1\n"                        \
  "str    r0, [sp, #12]\n"                      \
  MOTE_X5_REQUANT("r4") "strb   r1, [r12]\n"     \
  MOTE_X5_REQUANT("r5") "strb   r1, [r12, lr]\n" \
  "add    r12, r12, lr, lsl #1\n"               \
  MOTE_X5_REQUANT("r6") "strb   r1, [r12]\n"     \
  MOTE_X5_REQUANT("r7") "strb   r1, [r12, lr]\n" \
  "add    r12, r12, lr, lsl #1\n"               \
  MOTE_X5_REQUANT("r8") "strb   r1, [r12]\n"     \
  "ldr    r0, [sp, #20]\n"                      \
  "subs   r0, r0, #1\n"                         \
  "str    r0, [sp, #20]\n"                      \
  "bne    4b\n"                                 \
  "add    sp, sp, #36\n"                        \
  "pop    {r4-r11, pc}\n"

__attribute__((naked)) void ColumnsX5W8(const ColumnsX5*) {
  __asm__ volatile(MOTE_X5_COLUMNS(MOTE_X5_CHUNK_W8));
}
__attribute__((naked)) void ColumnsX5W16(const ColumnsX5*) {
  __asm__ volatile(MOTE_X5_COLUMNS(MOTE_X5_CHUNK_W16));
}

// clang-format on

#undef MOTE_X5_COLUMNS
#undef MOTE_X5_REQUANT
#undef MOTE_X5_LOOP4
#undef MOTE_X5_LOOP
#undef MOTE_X5_CHUNK_W16
#undef MOTE_X5_HALF_W16
#undef MOTE_X5_CHUNK_W8

// r0 = x, r1/r4/r5/r6 = weight rows, r3 = chunks, [sp, #36] = acc.
// a0..a3 in r8..r11, x words in r12/lr, r2/r7 scratch.
#define MOTE_DOT_X1W8_COLUMN(row, acc) \
  "ldr    r2, [" row                   \
  "], #4\n"                            \
  "sxtb16 r7, r2\n"                    \
  "sxtb16 r2, r2, ror #8\n"            \
  "smlad  " acc ", r7, r12, " acc      \
  "\n"                                 \
  "smlad  " acc ", r2, lr, " acc "\n"
#define MOTE_DOT_X1W8X4_CHUNK                                                                    \
  "ldrd   r12, lr, [r0], #8\n" MOTE_DOT_X1W8_COLUMN("r1", "r8") MOTE_DOT_X1W8_COLUMN("r4", "r9") \
      MOTE_DOT_X1W8_COLUMN("r5", "r10") MOTE_DOT_X1W8_COLUMN("r6", "r11")

__attribute__((naked)) void DotX1W8x4(const int32_t*, const int8_t*, int32_t, int32_t, int32_t*) {
  __asm__ volatile(
      "push   {r4-r11, lr}\n"
      "add    r4, r1, r2\n"
      "add    r5, r4, r2\n"
      "add    r6, r5, r2\n"
      "ldr    r7, [sp, #36]\n"
      "ldm    r7, {r8, r9, r10, r11}\n"
      "lsrs   r3, r3, #1\n"
      "bcc    1f\n" MOTE_DOT_X1W8X4_CHUNK
      "1:\n"
      "beq    3f\n"  // Z from lsrs
      "2:\n" MOTE_DOT_X1W8X4_CHUNK MOTE_DOT_X1W8X4_CHUNK
      "subs   r3, r3, #1\n"
      "bne    2b\n"
      "3:\n"
      "ldr    r7, [sp, #36]\n"
      "stm    r7, {r8, r9, r10, r11}\n"
      "pop    {r4-r11, pc}\n");
}
#undef MOTE_DOT_X1W8X4_CHUNK
#undef MOTE_DOT_X1W8_COLUMN

// r0 = x (int8), r1/r4/r5 = the 3 rows, r3 = chunks, [sp, #36] = acc,
// [sp, #40] = off2 (in r6). a0..a2 in r8..r10, the x word in r11, widened
// into r12/lr; weight words in r2/r7.
// clang-format off
#define MOTE_X1RAW_COLUMN(row, acc)      \
  "ldr    r2, [" row "], #4\n"           \
  "sxtb16 r7, r2\n"                      \
  "sxtb16 r2, r2, ror #8\n"              \
  "smlad  " acc ", r7, r12, " acc "\n"   \
  "smlad  " acc ", r2, lr, " acc "\n"
#define MOTE_X1RAW_CHUNK                 \
  "ldr    r11, [r0], #4\n"               \
  "sxtab16 r12, r6, r11\n"               \
  "sxtab16 lr, r6, r11, ror #8\n"        \
  MOTE_X1RAW_COLUMN("r1", "r8") MOTE_X1RAW_COLUMN("r4", "r9") MOTE_X1RAW_COLUMN("r5", "r10")

__attribute__((naked)) void DotX1RawW8x3(const int8_t*, const int8_t*, int32_t, int32_t, int32_t*,
                                         int32_t) {
  __asm__ volatile(
      "push   {r4-r11, lr}\n"
      "add    r4, r1, r2\n"
      "add    r5, r4, r2\n"
      "ldr    r7, [sp, #36]\n"
      "ldm    r7, {r8, r9, r10}\n"
      "ldr    r6, [sp, #40]\n"
      "lsrs   r3, r3, #1\n"  // chunks: 1, then 2 at a time
      "bcc    1f\n"
      MOTE_X1RAW_CHUNK
      "1:\n"
      "beq    3f\n"  // Z from lsrs
      "2:\n"
      MOTE_X1RAW_CHUNK MOTE_X1RAW_CHUNK
      "subs   r3, r3, #1\n"
      "bne    2b\n"
      "3:\n"
      "ldr    r7, [sp, #36]\n"
      "stm    r7, {r8, r9, r10}\n"
      "pop    {r4-r11, pc}\n");
}
// clang-format on
#undef MOTE_X1RAW_CHUNK
#undef MOTE_X1RAW_COLUMN

// r0 = x, r1/r4/r5/r6 = the 4 rows, r3 = chunks, [sp, #36] = acc. a0..a3 in
// r8..r11, the chunk's 2 x words in r12/lr, 2 weight words in r2/r7.
// clang-format off
#define MOTE_X1W16ROW(row, acc)          \
  "ldrd   r2, r7, [" row "], #8\n"        \
  "smlad  " acc ", r2, r12, " acc "\n"    \
  "smlad  " acc ", r7, lr, " acc "\n"
#define MOTE_X1W16ROWS4_CHUNK            \
  "ldrd   r12, lr, [r0], #8\n"           \
  MOTE_X1W16ROW("r1", "r8") MOTE_X1W16ROW("r4", "r9")   \
  MOTE_X1W16ROW("r5", "r10") MOTE_X1W16ROW("r6", "r11")

__attribute__((naked)) void DotX1W16Rows4(const int32_t*, const int32_t*, int32_t, int32_t,
                                          int32_t*) {
  __asm__ volatile(
      "push   {r4-r11, lr}\n"
      "add    r4, r1, r2\n"
      "add    r5, r4, r2\n"
      "add    r6, r5, r2\n"
      "ldr    r7, [sp, #36]\n"
      "ldm    r7, {r8, r9, r10, r11}\n"
      "lsrs   r3, r3, #1\n"
      "bcc    1f\n"
      MOTE_X1W16ROWS4_CHUNK
      "1:\n"
      "beq    3f\n"  // Z from lsrs
      "2:\n"
      MOTE_X1W16ROWS4_CHUNK MOTE_X1W16ROWS4_CHUNK
      "subs   r3, r3, #1\n"
      "bne    2b\n"
      "3:\n"
      "ldr    r7, [sp, #36]\n"
      "stm    r7, {r8, r9, r10, r11}\n"
      "pop    {r4-r11, pc}\n");
}
// clang-format on
#undef MOTE_X1W16ROWS4_CHUNK
#undef MOTE_X1W16ROW

// r0 = x, r1 = w, r2 = words, r3 = acc. a0..a3 in r4..r7, x in r8/lr, w in r9..r12.
// clang-format off
#define MOTE_X1W16X4_WORD(x)             \
  "ldm    r1!, {r9, r10, r11, r12}\n"    \
  "smlad  r4, " x ", r9, r4\n"           \
  "smlad  r5, " x ", r10, r5\n"          \
  "smlad  r6, " x ", r11, r6\n"          \
  "smlad  r7, " x ", r12, r7\n"
#define MOTE_X1W16X4_PAIR                \
  "ldrd   r8, lr, [r0], #8\n"            \
  MOTE_X1W16X4_WORD("r8") MOTE_X1W16X4_WORD("lr")

__attribute__((naked)) void DotX1W16x4(const int32_t*, const int32_t*, int32_t, int32_t*) {
  __asm__ volatile(
      "push   {r4-r11, lr}\n"
      "ldm    r3, {r4, r5, r6, r7}\n"
      "lsrs   r2, r2, #1\n"  // words: 1, 2, then 4 at a time
      "bcc    1f\n"
      "ldr    r8, [r0], #4\n"
      MOTE_X1W16X4_WORD("r8")
      "1:\n"
      "lsrs   r2, r2, #1\n"
      "bcc    4f\n"
      MOTE_X1W16X4_PAIR
      "4:\n"
      "beq    3f\n"  // Z from lsrs (the words set no flags)
      "2:\n"
      MOTE_X1W16X4_PAIR MOTE_X1W16X4_PAIR
      "subs   r2, r2, #1\n"
      "bne    2b\n"
      "3:\n"
      "stm    r3, {r4, r5, r6, r7}\n"
      "pop    {r4-r11, pc}\n");
}
// clang-format on
#undef MOTE_X1W16X4_PAIR
#undef MOTE_X1W16X4_WORD

}  // namespace dsp_gemm
}  // namespace mote

#endif  // MOTE_ARM_DSP_NATIVE
