// Board support for QEMU's MPS2/MPS3 Cortex-M boards: semihosting I/O, exit
// codes and a deterministic instruction counter.
//
// Instruction counting: QEMU runs with `-icount shift=0`, so one executed
// instruction advances virtual time by 1 ns. SysTick runs from the board's
// system clock (MOTE_SYSCLK_HZ), so every tick is 1e9 / MOTE_SYSCLK_HZ
// executed instructions (40 on mps2-an386 at 25 MHz). The count is of executed
// instructions, not cycles, and is identical from run to run; resolution is
// one SysTick tick. QEMU models no DWT cycle counter; on a real board read
// DWT->CYCCNT instead.
#ifndef MOTE_TARGETS_QEMU_BOARD_BOARD_H_
#define MOTE_TARGETS_QEMU_BOARD_BOARD_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Starts SysTick (called by the reset handler before main).
void board_counter_init(void);
// Executed instructions since board_counter_init (exact to one SysTick tick).
uint64_t board_instructions(void);
// Instructions per SysTick tick on this board.
uint32_t board_instructions_per_tick(void);
// SysTick ticks since board_counter_init: cheaper to read than board_instructions
// (no 64-bit division), for per-layer hooks; board_ticks_to_instructions converts.
uint64_t board_ticks(void);
uint64_t board_ticks_to_instructions(uint64_t ticks);

// Writes to the host's stdout through semihosting.
void board_write(const char* data, size_t len);
void board_puts(const char* s);  // no newline added

// Ends the emulation with `code` as QEMU's exit status (SYS_EXIT_EXTENDED).
void board_exit(int code) __attribute__((noreturn));

// Stack painting: fills the unused stack below the current stack pointer
// with a pattern; board_stack_high_water() returns the most stack bytes used
// since (measured from the top of the stack).
void board_stack_paint(void);
size_t board_stack_high_water(void);
size_t board_stack_size(void);
// Bytes handed out by _sbrk (the C library's malloc) so far.
size_t board_heap_used(void);

#ifdef __cplusplus
}
#endif

#endif  // MOTE_TARGETS_QEMU_BOARD_BOARD_H_
