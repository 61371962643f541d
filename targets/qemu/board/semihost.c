// Semihosting (ARM "Semihosting for AArch32 and AArch64"): BKPT 0xAB with the
// operation in r0 and a parameter block pointer in r1. QEMU implements it with
// -semihosting-config enable=on,target=native.
#include "board.h"

enum {
  kSysOpen = 0x01,
  kSysWrite = 0x05,
  kSysExit = 0x18,
  kSysExitExtended = 0x20,
  kAdpStoppedApplicationExit = 0x20026,
};

static int semihost_call(int op, const void* param) {
  register int r0 __asm__("r0") = op;
  register const void* r1 __asm__("r1") = param;
  __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
  return r0;
}

static int g_stdout = -1;

static int stdout_handle(void) {
  if (g_stdout < 0) {
    // ":tt" opened for writing ("w" = mode 4) is the host's stdout.
    static const char kTt[] = ":tt";
    const unsigned block[3] = {(unsigned)kTt, 4u, 3u};
    g_stdout = semihost_call(kSysOpen, block);
  }
  return g_stdout;
}

void board_write(const char* data, size_t len) {
  const unsigned block[3] = {(unsigned)stdout_handle(), (unsigned)data, (unsigned)len};
  semihost_call(kSysWrite, block);
}

// A loop, not strlen: newlib's word-at-a-time strlen is 220 bytes of flash.
void board_puts(const char* s) {
  size_t n = 0;
  while (s[n] != '\0') ++n;
  board_write(s, n);
}

void board_exit(int code) {
  // SYS_EXIT only carries "success" or "failure"; SYS_EXIT_EXTENDED carries the code.
  const unsigned block[2] = {kAdpStoppedApplicationExit, (unsigned)code};
  semihost_call(kSysExitExtended, block);
  for (;;) {
  }
}
