// Deliberately faults (a load from an unmapped address) to prove the fault
// handler reports the fault and exits non-zero (71). Used by the on-target tests.
#include <cstdint>

#include "app_util.h"

int main() {
  app::Print("reading from an unmapped address...\n");
  volatile uint32_t* bad = reinterpret_cast<volatile uint32_t*>(0xF0000000u);
  const uint32_t value = *bad;
  app::Print("read 0x%08x: no fault raised\n", static_cast<unsigned>(value));
  return 0;
}
