// Test helpers for banded in-place execution (kernels/common/banded.h): run a
// banded call with its input and output placed in one block exactly as the
// memory planner would (output `before` bytes before the input, or `after`
// bytes after it) and compare with the out-of-place result, byte for byte.
#ifndef MOTE_TESTS_SUPPORT_IN_PLACE_BANDS_H_
#define MOTE_TESTS_SUPPORT_IN_PLACE_BANDS_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "kernels/common/banded.h"

namespace mote {
namespace testing {

inline int32_t UniformInt(std::mt19937& rng, int32_t lo, int32_t hi) {
  return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
}

// Whether a kernel variant's instruction set runs here (Arm DSP: emulated).
inline bool VariantRunsHere(KernelArch arch) {
  switch (arch) {
    case KernelArch::kPortable:
    case KernelArch::kArmV7emDsp:
      return true;
    case KernelArch::kX86Avx2:
#if defined(__x86_64__)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
  }
  return false;
}

// 16-byte aligned bytes with a recognizable fill.
class AlignedBytes {
 public:
  AlignedBytes(size_t bytes, uint8_t fill) : storage_(bytes + 16, fill) {
    const uintptr_t p = reinterpret_cast<uintptr_t>(storage_.data());
    data_ = storage_.data() + (16 - p % 16) % 16;
  }
  uint8_t* data() { return data_; }

 private:
  std::vector<uint8_t> storage_;
  uint8_t* data_;
};

// Runs `run(input, output, band)` with input and output in one block, for each
// direction InPlaceShifts allows for `rows`-row bands (through a band buffer,
// or `direct`: band = nullptr), and checks the output equals `expected` and
// nothing outside the block and the band was written. Returns the number of
// directions run (0: the op cannot run in place).
template <typename Run>
int CheckInPlaceBands(const BandGeometry& g, int32_t rows, bool direct,
                      const std::vector<uint8_t>& input, const std::vector<uint8_t>& expected,
                      const std::string& what, Run run) {
  const BandedInPlace shifts = InPlaceShifts(g, rows, 16, direct);
  int directions = 0;
  for (int dir = 0; dir < 2; ++dir) {
    const uint32_t shift = dir == 0 ? shifts.before : shifts.after;
    if (shift == kNoInPlaceShift) continue;
    ++directions;
    EXPECT_EQ(shift % 16, 0u) << what;
    const size_t in_off = dir == 0 ? shift : 0, out_off = dir == 0 ? 0 : shift;
    const size_t end_in = in_off + input.size(), end_out = out_off + expected.size();
    const size_t block = end_in > end_out ? end_in : end_out;
    // The output overlaps the input (else there is nothing to gain).
    EXPECT_TRUE(in_off < end_out && out_off < end_in) << what;
    constexpr size_t kGuard = 32;
    AlignedBytes memory(block + kGuard, 0xA5);
    std::memcpy(memory.data() + in_off, input.data(), input.size());
    const size_t band_bytes = static_cast<size_t>(rows) * g.output_row_bytes;
    AlignedBytes band(band_bytes + kGuard, 0x5A);
    run(memory.data() + in_off, memory.data() + out_off, direct ? nullptr : band.data());
    EXPECT_EQ(std::memcmp(memory.data() + out_off, expected.data(), expected.size()), 0)
        << what << (dir == 0 ? " (output before input by " : " (output after input by ") << shift
        << " bytes, " << rows << "-row bands" << (direct ? ", direct)" : ")");
    size_t clobbered = 0;
    for (size_t i = 0; i < kGuard; ++i) {
      clobbered += memory.data()[block + i] != 0xA5 ? 1 : 0;
      clobbered += band.data()[band_bytes + i] != 0x5A ? 1 : 0;
    }
    EXPECT_EQ(clobbered, 0u) << what << ": wrote past the block or the band";
  }
  return directions;
}

template <typename T>
std::vector<uint8_t> AsBytes(const std::vector<T>& v) {
  std::vector<uint8_t> b(v.size() * sizeof(T));
  if (!b.empty()) std::memcpy(b.data(), v.data(), b.size());
  return b;
}

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_SUPPORT_IN_PLACE_BANDS_H_
