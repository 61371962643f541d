// C++ runtime pieces a heap-free, exception-free firmware still references:
// pure virtual calls and the deleting destructors of classes with virtual
// destructors. Defining them here keeps libstdc++'s exception machinery and
// allocator out of the image. None of them is ever called by Mote.
#include <cstddef>

#include "board.h"

extern "C" void __cxa_pure_virtual() {
  board_puts("mote: pure virtual call\n");
  board_exit(72);
}

void operator delete(void*) noexcept {
  board_puts("mote: operator delete called (Mote never allocates)\n");
  board_exit(72);
}
void operator delete(void* p, std::size_t) noexcept { operator delete(p); }
