// Helpers shared by the x86-64 AVX2 variant tests (*_x86_avx2_test.cc):
// seeded random values with the extremes over-represented, and a runner that
// packs, evaluates and checks the guard bytes after output and scratch.
#ifndef MOTE_TESTS_KERNELS_VARIANTS_X86_AVX2_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_VARIANTS_X86_AVX2_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <random>
#include <vector>

namespace mote {
namespace x86_test {

inline int32_t Uniform(std::mt19937& rng, int32_t lo, int32_t hi) {
  return std::uniform_int_distribution<int32_t>(lo, hi)(rng);
}

// An int8 zero point: often -128 or 127.
inline int32_t ZeroPoint(std::mt19937& rng) {
  const int32_t pick = Uniform(rng, 0, 3);
  return pick == 0 ? -128 : pick == 1 ? 127 : Uniform(rng, -128, 127);
}

// int8 data: all -128, all 127, or random.
inline void FillInt8(std::mt19937& rng, std::vector<int8_t>* v) {
  const int32_t mode = Uniform(rng, 0, 5);
  for (int8_t& x : *v) {
    x = static_cast<int8_t>(mode == 0 ? -128 : mode == 1 ? 127 : Uniform(rng, -128, 127));
  }
}

// Per-channel requantization: Q31 multipliers (sometimes any int32, incl.
// INT32_MIN and negatives) and shifts over the whole supported [-31, 30].
inline void FillQuant(std::mt19937& rng, int32_t n, std::vector<int32_t>* multiplier,
                      std::vector<int32_t>* shift) {
  multiplier->resize(static_cast<size_t>(n));
  shift->resize(static_cast<size_t>(n));
  for (int32_t i = 0; i < n; ++i) {
    const int32_t pick = Uniform(rng, 0, 19);
    (*multiplier)[i] = pick == 0   ? INT32_MIN
                       : pick == 1 ? static_cast<int32_t>(rng())
                                   : Uniform(rng, 1 << 30, INT32_MAX);
    const int32_t s = Uniform(rng, 0, 5);
    (*shift)[i] = s == 0   ? Uniform(rng, -31, 30)
                  : s == 1 ? Uniform(rng, 0, 4)
                           : Uniform(rng, -14, -1);
  }
}

// int32 biases: small, or anywhere in int32 (accumulator wraparound).
inline void FillBias(std::mt19937& rng, int32_t n, std::vector<int32_t>* bias) {
  bias->resize(static_cast<size_t>(n));
  const bool wide = Uniform(rng, 0, 3) == 0;
  for (int32_t& b : *bias) b = wide ? static_cast<int32_t>(rng()) : Uniform(rng, -70000, 70000);
}

// Activation range within int8 (none, ReLU-like, or random).
inline void FillActivation(std::mt19937& rng, int32_t output_offset, int32_t* lo, int32_t* hi) {
  switch (Uniform(rng, 0, 2)) {
    case 0:
      *lo = -128;
      *hi = 127;
      break;
    case 1:
      *lo = output_offset;
      *hi = 127;
      break;
    default:
      *lo = Uniform(rng, -128, 0);
      *hi = Uniform(rng, *lo, 127);
      break;
  }
}

// Runs variant `v` (a KernelVariant<Params, Args>) with `args` (pointers to
// the case's data; packed/scratch/output filled in here) and returns its
// output of `out_bytes`. Checks that nothing is written past the output or
// the scratch; output/scratch start misaligned when `misalign`.
template <typename Variant, typename Params, typename Args>
std::vector<int8_t> RunVariant(const Variant& v, const Params& p, Args args, size_t out_bytes,
                               int misalign) {
  constexpr size_t kGuard = 32;
  std::vector<int8_t> out(out_bytes + kGuard + 8, 0x5A);
  const size_t scratch_bytes = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  const size_t packed_bytes = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  // Scratch comes from the planner 16-byte aligned; packed constants too.
  std::vector<uint8_t> scratch(scratch_bytes + kGuard + 16, 0xA5);
  std::vector<uint8_t> packed(packed_bytes + 16);
  uint8_t* scratch_ptr = scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  uint8_t* packed_ptr = packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  int8_t* out_ptr = out.data() + misalign;
  args.output = out_ptr;
  args.packed = nullptr;
  args.scratch = scratch_bytes > 0 ? scratch_ptr : nullptr;
  if (packed_bytes > 0) {
    v.pack(p, args, packed_ptr);
    args.packed = packed_ptr;
  }
  v.eval(p, args);
  for (size_t i = 0; i < kGuard; ++i) {
    EXPECT_EQ(out_ptr[out_bytes + i], 0x5A) << v.name << " wrote past its output";
    EXPECT_EQ(scratch_ptr[scratch_bytes + i], 0xA5) << v.name << " wrote past its scratch";
  }
  for (int i = 0; i < misalign; ++i)
    EXPECT_EQ(out[i], 0x5A) << v.name << " wrote before its output";
  return std::vector<int8_t>(out_ptr, out_ptr + out_bytes);
}

}  // namespace x86_test
}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_VARIANTS_X86_AVX2_TEST_UTIL_H_
