// HardFault (and MemManage/BusFault/UsageFault) handler: prints the stacked
// registers and the fault status registers, then exits with code 71.
#include <stdint.h>

#include "board.h"

#define SCB_CFSR (*(volatile uint32_t*)0xE000ED28u)
#define SCB_HFSR (*(volatile uint32_t*)0xE000ED2Cu)
#define SCB_MMFAR (*(volatile uint32_t*)0xE000ED34u)
#define SCB_BFAR (*(volatile uint32_t*)0xE000ED38u)

void HardFault_Report(const uint32_t* frame) __attribute__((used, noreturn));

static void put_hex(const char* name, uint32_t v) {
  char buf[24];
  int n = 0;
  while (*name) buf[n++] = *name++;
  buf[n++] = '=';
  buf[n++] = '0';
  buf[n++] = 'x';
  for (int shift = 28; shift >= 0; shift -= 4) buf[n++] = "0123456789abcdef"[(v >> shift) & 0xF];
  buf[n++] = ' ';
  board_write(buf, (size_t)n);
}

void HardFault_Report(const uint32_t* frame) {
  board_puts("\nmote: HARD FAULT\n  ");
  static const char* const kNames[8] = {"r0", "r1", "r2", "r3", "r12", "lr", "pc", "xpsr"};
  for (int i = 0; i < 8; ++i) put_hex(kNames[i], frame[i]);
  board_puts("\n  ");
  put_hex("CFSR", SCB_CFSR);
  put_hex("HFSR", SCB_HFSR);
  put_hex("MMFAR", SCB_MMFAR);
  put_hex("BFAR", SCB_BFAR);
  board_puts("\n");
  board_exit(71);
}

__attribute__((naked)) void HardFault_Handler(void) {
  // The exception frame is on MSP or PSP depending on EXC_RETURN bit 2.
  __asm__ volatile(
      "tst lr, #4\n"
      "ite eq\n"
      "mrseq r0, msp\n"
      "mrsne r0, psp\n"
      "b HardFault_Report\n");
}
