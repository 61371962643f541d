// The C library's system calls (newlib-nano): stdout/stderr go to the host
// through semihosting, exit() ends the emulation with its code, and malloc
// (used by nothing in Mote; only by the C library's stdio) gets a fixed heap.
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include "board.h"

extern uint8_t __heap_start__, __heap_end__;
extern uint32_t __stack_limit__, __stack_top__;

static uint8_t* g_brk = &__heap_start__;
static const uint32_t kStackPaint = 0xC0FFEE5Au;

void _exit(int code) { board_exit(code); }

int _write(int fd, const char* data, int len) {
  if (fd != 1 && fd != 2) {
    errno = EBADF;
    return -1;
  }
  board_write(data, (size_t)len);
  return len;
}

int _read(int fd, char* data, int len) {
  (void)fd;
  (void)data;
  (void)len;
  return 0;
}

void* _sbrk(ptrdiff_t increment) {
  if (g_brk + increment > &__heap_end__ || g_brk + increment < &__heap_start__) {
    errno = ENOMEM;
    return (void*)-1;
  }
  uint8_t* old = g_brk;
  g_brk += increment;
  return old;
}

size_t board_heap_used(void) { return (size_t)(g_brk - &__heap_start__); }

int _close(int fd) {
  (void)fd;
  return -1;
}
int _fstat(int fd, struct stat* st) {
  (void)fd;
  memset(st, 0, sizeof(*st));
  st->st_mode = S_IFCHR;
  return 0;
}
int _isatty(int fd) { return fd <= 2; }
int _lseek(int fd, int offset, int whence) {
  (void)fd;
  (void)offset;
  (void)whence;
  return 0;
}
int _kill(int pid, int sig) {
  (void)pid;
  (void)sig;
  errno = EINVAL;
  return -1;
}
int _getpid(void) { return 1; }

size_t board_stack_size(void) {
  return (size_t)((uint8_t*)&__stack_top__ - (uint8_t*)&__stack_limit__);
}

void board_stack_paint(void) {
  uint32_t* sp;
  __asm__ volatile("mov %0, sp" : "=r"(sp));
  // Leave a margin below the current frame (this function's own locals).
  for (uint32_t* p = &__stack_limit__; p < sp - 16; ++p) *p = kStackPaint;
}

size_t board_stack_high_water(void) {
  const uint32_t* p = &__stack_limit__;
  while (p < &__stack_top__ && *p == kStackPaint) ++p;
  return (size_t)((const uint8_t*)&__stack_top__ - (const uint8_t*)p);
}
