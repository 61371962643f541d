// Instruction counter from SysTick under `-icount shift=0` (see board.h).
#include "board.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u)

#ifndef MOTE_SYSCLK_HZ
#error "MOTE_SYSCLK_HZ must be defined by the board"
#endif

static const uint32_t kReload = 0x00FFFFFFu;  // 24-bit counter
static volatile uint32_t g_wraps;

void SysTick_Handler(void) { g_wraps++; }

void board_counter_init(void) {
  SYST_CSR = 0;
  SYST_RVR = kReload;
  SYST_CVR = 0;
  SYST_CSR = 7;  // enable, interrupt on wrap, processor clock
}

// Rounded up (31.25 on mps3-an547 at 32 MHz).
uint32_t board_instructions_per_tick(void) {
  return (1000000000u + MOTE_SYSCLK_HZ - 1) / MOTE_SYSCLK_HZ;
}

uint64_t board_ticks(void) {
  uint32_t wraps, value;
  do {  // re-read if SysTick wrapped in between
    wraps = g_wraps;
    value = SYST_CVR;
  } while (wraps != g_wraps);
  return (uint64_t)wraps * (kReload + 1u) + (kReload - value);
}

// ticks * 1e9 / MOTE_SYSCLK_HZ without libgcc's 64-bit division (~750 bytes
// of flash): the clock is odd * 2^shift, and when odd divides 1e9 (every
// board here: 25 MHz, 20 MHz, 32 MHz) the result is exactly
// ticks * (1e9 / odd) >> shift. All of it folds at compile time.
uint64_t board_ticks_to_instructions(uint64_t ticks) {
  const uint32_t shift = (uint32_t)__builtin_ctz(MOTE_SYSCLK_HZ);
  const uint32_t odd = MOTE_SYSCLK_HZ >> shift;
  if (1000000000u % odd == 0) return ticks * (1000000000u / odd) >> shift;
  return ticks * 1000000000u / MOTE_SYSCLK_HZ;
}

uint64_t board_instructions(void) { return board_ticks_to_instructions(board_ticks()); }
