// The runtime's own message formatter (runtime/core/format.h) against the host
// C library's vsnprintf, which it stands in for on newlib-nano targets.
#include "core/format.h"

#include <gtest/gtest.h>

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

namespace mote {
namespace {

struct Both {
  std::string ours, libc;
  int ours_n = 0, libc_n = 0;
};

Both Format(const char* format, ...) {
  char a[256], b[256];
  Both r;
  va_list args;
  va_start(args, format);
  va_list copy;
  va_copy(copy, args);
  r.ours_n = FormatMessage(a, sizeof(a), format, args);
  r.libc_n = std::vsnprintf(b, sizeof(b), format, copy);
  va_end(copy);
  va_end(args);
  r.ours = a;
  r.libc = b;
  return r;
}

#define EXPECT_SAME(...)                           \
  do {                                             \
    const Both r = Format(__VA_ARGS__);            \
    EXPECT_EQ(r.ours, r.libc) << #__VA_ARGS__;     \
    EXPECT_EQ(r.ours_n, r.libc_n) << #__VA_ARGS__; \
  } while (0)

TEST(FormatTest, IntegersOfEveryLength) {
  EXPECT_SAME("%d %i %u", 0, -7, 42u);
  EXPECT_SAME("%d %d", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  EXPECT_SAME("%zu bytes", size_t{123456789});
  EXPECT_SAME("%lld %llu", std::numeric_limits<long long>::min(),
              std::numeric_limits<unsigned long long>::max());
  EXPECT_SAME("%ld %lu", -5L, 5UL);
  EXPECT_SAME("%x %X %o", 0xbeefu, 0xbeefu, 8u);
  EXPECT_SAME("%hhd %hd", 65, -3);
}

TEST(FormatTest, WidthPrecisionAndFlags) {
  EXPECT_SAME("[%5d] [%-5d] [%05d] [%+d] [% d]", 42, 42, -42, 42, 42);
  EXPECT_SAME("[%.3d] [%8.3d] [%.0d]", 7, -7, 0);
  EXPECT_SAME("[%*d] [%-*d]", 6, 1, 6, 1);
  EXPECT_SAME("[%10s] [%-10s] [%.3s] [%.*s]", "abc", "abc", "abcdef", 2, "xyz");
  EXPECT_SAME("%c%c %% done", 'o', 'k');
}

TEST(FormatTest, FloatsAsMessagesUseThem) {
  const double values[] = {0.0,
                           1.0,
                           -1.5,
                           0.5,
                           3.0517578125e-05,
                           0.00390625,
                           255.0,
                           1e-10,
                           123456.,
                           1e6,
                           1234567.0,
                           0.0001,
                           0.00001,
                           6.103515625e-05,
                           -0.25,
                           1e300,
                           3.4028234663852886e38};
  for (double v : values) {
    EXPECT_SAME("%g", v);
    EXPECT_SAME("%f", v < 1e17 ? v : 1.0);
    EXPECT_SAME("%e", v);
    EXPECT_SAME("%.3g|%.2f|%.1e", v, v < 1e17 ? v : 1.0, v);
  }
  EXPECT_SAME("%g %g", std::numeric_limits<double>::infinity(),
              -std::numeric_limits<double>::infinity());
}

TEST(FormatTest, TruncatesAndReportsFullLength) {
  char buf[8];
  va_list unused;
  (void)unused;
  const int n = FormatTo(buf, sizeof(buf), "%s=%d", "abcdef", 12345);
  EXPECT_EQ(n, 12);
  EXPECT_STREQ(buf, "abcdef=");
  char one[1];
  EXPECT_EQ(FormatTo(one, 1, "xyz"), 3);
  EXPECT_STREQ(one, "");
  EXPECT_EQ(FormatTo(nullptr, 0, "%d", 100), 3);
}

}  // namespace
}  // namespace mote
