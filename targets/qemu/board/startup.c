// Reset handler and vector table for the QEMU Cortex-M boards.
//
// The reset handler enables the FPU (before any floating-point instruction),
// copies .data from flash, zeroes .bss, starts the instruction counter, runs
// static constructors (.preinit_array, .init_array), calls main and exits
// with its return value through semihosting.
#include <stdint.h>

#include "board.h"

// From the linker script.
extern uint32_t __data_load__, __data_start__, __data_end__;
extern uint32_t __bss_start__, __bss_end__;
extern uint32_t __stack_top__;
typedef void (*InitFunction)(void);
extern const InitFunction __preinit_array_start[], __preinit_array_end[];
extern const InitFunction __init_array_start[], __init_array_end[];

extern int main(void);

void Reset_Handler(void) __attribute__((noreturn, naked));
void Reset_Start(void) __attribute__((noreturn, used));
void Default_Handler(void);
void HardFault_Handler(void);
void SysTick_Handler(void);

// With -nostartfiles the C library still calls these.
void* __dso_handle = 0;
void _init(void) {}
void _fini(void) {}

typedef void (*Vector)(void);

// The processor's exceptions only: external interrupts are all disabled in
// the NVIC out of reset and nothing here enables one, so none can be taken
// (a table for 32 of them would be 128 bytes of flash never read).
__attribute__((section(".isr_vector"), used)) const Vector g_vectors[16] = {
    (Vector)&__stack_top__,
    Reset_Handler,
    Default_Handler,
    HardFault_Handler,
    // MemManage, BusFault, UsageFault: the same report as a HardFault.
    HardFault_Handler,
    HardFault_Handler,
    HardFault_Handler,
    0,
    0,
    0,
    0,
    Default_Handler /* SVCall */,
    Default_Handler /* DebugMon */,
    0,
    Default_Handler /* PendSV */,
    SysTick_Handler,
};

void Reset_Handler(void) {
  // Nothing here may touch the FPU or the stack before CPACR is set: a naked
  // entry that enables CP10/CP11 and then calls the C part.
  // (A CPU without an FPU, e.g. the Cortex-M3, skips it.)
  __asm__ volatile(
#if defined(__ARM_FP)
      "ldr r0, =0xE000ED88\n"  // CPACR
      "ldr r1, [r0]\n"
      "orr r1, r1, #(0xF << 20)\n"
      "str r1, [r0]\n"
      "dsb\n"
      "isb\n"
#endif
      "b Reset_Start\n");
}

void Reset_Start(void) {
  uint32_t* src = &__data_load__;
  for (uint32_t* dst = &__data_start__; dst < &__data_end__;) *dst++ = *src++;
  for (uint32_t* dst = &__bss_start__; dst < &__bss_end__;) *dst++ = 0;
  board_counter_init();
  // What newlib's __libc_init_array does, without its call of _init (empty
  // with -nostartfiles): a loop of a few instructions instead of 80 bytes.
  for (const InitFunction* f = __preinit_array_start; f < __preinit_array_end; ++f) (*f)();
  for (const InitFunction* f = __init_array_start; f < __init_array_end; ++f) (*f)();
  // board_exit, not exit(): nothing is buffered in stdio (output goes straight
  // to semihosting) and no destructor has to run, so the C library's exit
  // machinery (exit, atexit list, reentrancy struct) stays out of the image.
  board_exit(main());
}

void Default_Handler(void) {
  board_puts("mote: unexpected interrupt\n");
  board_exit(70);
}
