// The AVX2 building blocks (kernels/common/avx2_s8.h) against their scalar
// definitions: the vector MultiplyByQuantizedMultiplier on edge and random
// values for every shift in [-31, 30], and the chunked dot product (with an
// input offset) for every depth 8..70 with extreme values.
#if defined(MOTE_KERNELS_X86)

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "kernels/common/avx2_s8.h"
#include "kernels/common/quantization.h"

namespace mote {
namespace {

MOTE_AVX2 void VectorMbqm(const int32_t* x, const int32_t* m, const int32_t* s, int32_t* out) {
  const __m256i r = avx2::MultiplyByQuantizedMultiplier8(avx2::LoadI32x8(x), avx2::LoadI32x8(m),
                                                         avx2::LoadI32x8(s));
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), r);
}

// Dot products of one activation row (plus `offset`) with eight weight rows
// (DotTile<1, 8>).
MOTE_AVX2 void VectorDot8(const int8_t* x, int32_t offset, const int8_t* const* w, int32_t depth,
                          int32_t* out) {
  const avx2::DotChunks chunks = avx2::PlanDot(depth);
  const int8_t* const rows[1] = {x};
  __m256i acc[8];
  avx2::DotTile<1, 8>(rows, _mm256_set1_epi16(static_cast<int16_t>(offset)), w, chunks, acc);
  _mm256_storeu_si256(reinterpret_cast<__m256i*>(out), avx2::Reduce8(acc));
}

class Avx2S8Test : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!__builtin_cpu_supports("avx2")) GTEST_SKIP() << "this CPU has no AVX2";
  }
};

TEST_F(Avx2S8Test, MultiplyByQuantizedMultiplierIsExact) {
  const int32_t kEdges[] = {0,
                            1,
                            -1,
                            2,
                            -2,
                            INT32_MIN,
                            INT32_MAX,
                            INT32_MIN + 1,
                            1 << 30,
                            -(1 << 30),
                            (1 << 30) + 1,
                            12345678,
                            -12345678,
                            0x40000001,
                            0x7FFFFFFE,
                            3};
  std::mt19937 rng(101);
  std::vector<int32_t> x, m, s;
  for (int32_t shift = -31; shift <= 30; ++shift) {
    for (const int32_t a : kEdges) {
      for (const int32_t b : kEdges) {
        x.push_back(a);
        m.push_back(b);
        s.push_back(shift);
      }
    }
    for (int i = 0; i < 2000; ++i) {
      x.push_back(static_cast<int32_t>(rng()) >> (rng() % 32));
      m.push_back(i % 3 == 0 ? static_cast<int32_t>(rng())
                             : static_cast<int32_t>(rng() | 0x40000000u) & INT32_MAX);
      s.push_back(shift);
    }
  }
  while (x.size() % 8 != 0) {
    x.push_back(0);
    m.push_back(0);
    s.push_back(0);
  }
  for (size_t i = 0; i < x.size(); i += 8) {
    int32_t got[8];
    VectorMbqm(&x[i], &m[i], &s[i], got);
    for (size_t j = 0; j < 8; ++j) {
      ASSERT_EQ(got[j], MultiplyByQuantizedMultiplier(x[i + j], m[i + j], s[i + j]))
          << "x " << x[i + j] << " multiplier " << m[i + j] << " shift " << s[i + j];
    }
  }
}

TEST_F(Avx2S8Test, DotProductsAreExactForEveryDepth) {
  std::mt19937 rng(102);
  for (int32_t depth = 8; depth <= 70; ++depth) {
    for (int mode = 0; mode < 3; ++mode) {  // all -128, -128 x 127, random
      // Rows exactly `depth` long, each in its own buffer: the chunks must
      // not read past them (AddressSanitizer builds would catch it).
      std::vector<std::vector<int8_t>> rows(9, std::vector<int8_t>(static_cast<size_t>(depth)));
      for (size_t r = 0; r < rows.size(); ++r) {
        for (int8_t& v : rows[r]) {
          v = static_cast<int8_t>(mode == 0   ? -128
                                  : mode == 1 ? (r == 0 ? -128 : 127)
                                              : static_cast<int>(rng() % 256) - 128);
        }
      }
      const int8_t* w[8];
      for (int j = 0; j < 8; ++j) w[j] = rows[j + 1].data();
      const int32_t offset = mode == 0   ? 128
                             : mode == 1 ? -127
                                         : static_cast<int>(rng() % 256) - 127;
      int32_t got[8];
      VectorDot8(rows[0].data(), offset, w, depth, got);
      for (int j = 0; j < 8; ++j) {
        int32_t want = 0;
        for (int32_t k = 0; k < depth; ++k) want += (int32_t{rows[0][k]} + offset) * w[j][k];
        ASSERT_EQ(got[j], want) << "depth " << depth << " row " << j << " mode " << mode;
      }
    }
  }
}

}  // namespace
}  // namespace mote

#endif  // MOTE_KERNELS_X86
