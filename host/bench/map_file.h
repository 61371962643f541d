// Flash use of a firmware image by origin, from the GNU ld map file
// (-Wl,-Map): model weights, Mote's code (runtime, kernels, board, app), and
// the C/C++ libraries of the toolchain (newlib, libgcc, libm, libstdc++).
#ifndef MOTE_HOST_BENCH_MAP_FILE_H_
#define MOTE_HOST_BENCH_MAP_FILE_H_

#include <cstddef>
#include <string>
#include <vector>

namespace mote {
namespace bench {

struct FlashSplit {
  size_t weights = 0;     // .rodata.mote_weights.* (the embedded model) or weight_files
  size_t code = 0;        // everything else Mote and the app put in flash (incl. padding)
  size_t libc = 0;        // sections from the toolchain's libraries
  size_t flash_used = 0;  // __flash_used__ from the linker script (0 if absent)
  size_t ram_used = 0;    // __ram_used__: data + bss + heap + stack
  size_t total() const { return weights + code + libc; }
};

// Parses the text of a map file. Counts sections placed in flash (.text,
// .rodata, .ARM.*, init/fini arrays and the load image of .data). Sections
// from an input file whose path contains one of `weight_files` count as
// weights too (the ahead-of-time compiler's NAME_data.cc).
// Returns false (with *error set) if no memory map is found.
bool ParseMapFile(const std::string& text, FlashSplit* split, std::string* error,
                  const std::vector<std::string>& weight_files = {});

}  // namespace bench
}  // namespace mote

#endif  // MOTE_HOST_BENCH_MAP_FILE_H_
