#include "core/format.h"

#include <cstdint>

namespace mote {
namespace {

// Appends to a bounded buffer, counting what would have been written.
class Sink {
 public:
  Sink(char* out, size_t size) : out_(out), size_(size) {}
  void Put(char c) {
    if (size_ > 0 && length_ < size_ - 1) out_[length_] = c;
    ++length_;
  }
  void Repeat(char c, int n) {
    for (int i = 0; i < n; ++i) Put(c);
  }
  int Finish() {
    if (size_ > 0) out_[length_ < size_ ? length_ : size_ - 1] = '\0';
    return static_cast<int>(length_);
  }

 private:
  char* out_;
  size_t size_;
  size_t length_ = 0;
};

struct Spec {
  bool left = false, zero = false, plus = false, space = false;
  int width = 0;
  int precision = -1;
};

// Writes `body` (len chars) with an optional sign/prefix, padded to the width.
void Emit(Sink& sink, const Spec& spec, const char* prefix, const char* body, int len,
          int min_digits = 0) {
  int prefix_len = 0;
  while (prefix[prefix_len] != '\0') ++prefix_len;
  const int zeros = min_digits > len ? min_digits - len : 0;
  const int total = prefix_len + zeros + len;
  const int pad = spec.width > total ? spec.width - total : 0;
  if (!spec.left && !spec.zero) sink.Repeat(' ', pad);
  for (int i = 0; i < prefix_len; ++i) sink.Put(prefix[i]);
  if (!spec.left && spec.zero) sink.Repeat('0', pad);
  sink.Repeat('0', zeros);
  for (int i = 0; i < len; ++i) sink.Put(body[i]);
  if (spec.left) sink.Repeat(' ', pad);
}

void EmitInteger(Sink& sink, const Spec& spec, uint64_t magnitude, bool negative, unsigned base,
                 bool upper) {
  char digits[24];
  int n = 0;
  const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  do {
    digits[n++] = set[magnitude % base];
    magnitude /= base;
  } while (magnitude != 0);
  char body[24];
  for (int i = 0; i < n; ++i) body[i] = digits[n - 1 - i];
  if (spec.precision == 0 && n == 1 && body[0] == '0') n = 0;
  const char* sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  Spec s = spec;
  if (spec.precision >= 0) s.zero = false;
  Emit(sink, s, sign, body, n, spec.precision);
}

// 10^k for k >= 0 (exact up to 10^22).
double Pow10(int k) {
  double p = 1.0;
  for (int i = 0; i < k; ++i) p *= 10.0;
  return p;
}

// Decimal digits of `v` (>= 0) with `sig` significant digits (<= 17): writes
// the digits (no dot) to `digits` and returns the decimal exponent of the
// first. Rounds half to even on exact ties, as C libraries do.
int Digits(double v, int sig, char* digits) {
  int exp10 = 0;
  if (v != 0.0) {
    double x = v;
    while (x >= 10.0) {
      x /= 10.0;
      ++exp10;
    }
    while (x < 1.0) {
      x *= 10.0;
      --exp10;
    }
  }
  const uint64_t low = static_cast<uint64_t>(Pow10(sig - 1));
  uint64_t scaled = 0;
  for (int attempt = 0; attempt < 3; ++attempt) {
    const int k = sig - 1 - exp10;  // v * 10^k has `sig` integer digits
    const double y = k >= 0 ? v * Pow10(k) : v / Pow10(-k);
    scaled = static_cast<uint64_t>(y);
    const double frac = y - static_cast<double>(scaled);
    if (frac > 0.5 || (frac == 0.5 && (scaled & 1) != 0)) ++scaled;
    if (v == 0.0 || (scaled >= low && scaled < low * 10)) break;
    exp10 += scaled >= low * 10 ? 1 : -1;  // the magnitude estimate was off by one
  }
  if (scaled >= low * 10) {  // 9.99.. rounded up to 10.0
    scaled /= 10;
    ++exp10;
  }
  for (int i = sig - 1; i >= 0; --i) {
    digits[i] = static_cast<char>('0' + scaled % 10);
    scaled /= 10;
  }
  return exp10;
}

void EmitFloat(Sink& sink, const Spec& spec, double v, char conv) {
  char body[64];
  int n = 0;
  const bool negative = v < 0.0 || (v == 0.0 && 1.0 / v < 0.0);
  if (negative) v = -v;
  const char* sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  if (v != v) {
    Emit(sink, spec, sign, "nan", 3);
    return;
  }
  if (v > 1.7976931348623157e308) {
    Emit(sink, spec, sign, "inf", 3);
    return;
  }
  int precision = spec.precision < 0 ? 6 : spec.precision;
  char digits[20];
  if (conv == 'g') {
    const int sig = precision == 0 ? 1 : (precision > 9 ? 9 : precision);
    const int exp10 = Digits(v, sig, digits);
    int last = sig - 1;  // %g drops trailing zeros
    while (last > 0 && digits[last] == '0') --last;
    if (v != 0.0 && (exp10 < -4 || exp10 >= sig)) {
      body[n++] = digits[0];
      if (last > 0) body[n++] = '.';
      for (int i = 1; i <= last; ++i) body[n++] = digits[i];
      body[n++] = 'e';
      body[n++] = exp10 < 0 ? '-' : '+';
      const int e = exp10 < 0 ? -exp10 : exp10;
      if (e >= 100) body[n++] = static_cast<char>('0' + e / 100);
      body[n++] = static_cast<char>('0' + (e / 10) % 10);
      body[n++] = static_cast<char>('0' + e % 10);
    } else if (v == 0.0) {
      body[n++] = '0';
    } else if (exp10 < 0) {
      body[n++] = '0';
      body[n++] = '.';
      for (int i = -1; i > exp10; --i) body[n++] = '0';
      for (int i = 0; i <= last; ++i) body[n++] = digits[i];
    } else {
      for (int i = 0; i <= exp10; ++i) body[n++] = i <= last ? digits[i] : '0';
      if (last > exp10) {
        body[n++] = '.';
        for (int i = exp10 + 1; i <= last; ++i) body[n++] = digits[i];
      }
    }
  } else if (conv == 'e') {
    if (precision > 8) precision = 8;
    const int exp10 = Digits(v, precision + 1, digits);
    body[n++] = digits[0];
    if (precision > 0) body[n++] = '.';
    for (int i = 1; i <= precision; ++i) body[n++] = digits[i];
    body[n++] = 'e';
    body[n++] = exp10 < 0 && v != 0.0 ? '-' : '+';
    const int e = exp10 < 0 ? -exp10 : exp10;
    if (e >= 100) body[n++] = static_cast<char>('0' + e / 100);
    body[n++] = static_cast<char>('0' + (e / 10) % 10);
    body[n++] = static_cast<char>('0' + e % 10);
  } else {  // 'f': integer part (up to 1e18) and `precision` decimals (at most 9)
    if (precision > 9) precision = 9;
    if (v >= 1e18) {
      Emit(sink, spec, sign, "1e18+", 5);
      return;
    }
    uint64_t scale = 1;
    for (int i = 0; i < precision; ++i) scale *= 10;
    const double scaled = v * static_cast<double>(scale) + 0.5;
    const uint64_t whole = static_cast<uint64_t>(v);
    uint64_t frac = static_cast<uint64_t>(scaled) - whole * scale;
    uint64_t ipart = whole;
    if (frac >= scale) {
      ipart += 1;
      frac -= scale;
    }
    char tmp[24];
    int t = 0;
    do {
      tmp[t++] = static_cast<char>('0' + ipart % 10);
      ipart /= 10;
    } while (ipart != 0);
    while (t > 0) body[n++] = tmp[--t];
    if (precision > 0) {
      body[n++] = '.';
      for (int i = precision - 1; i >= 0; --i) {
        body[n + i] = static_cast<char>('0' + frac % 10);
        frac /= 10;
      }
      n += precision;
    }
  }
  Emit(sink, spec, sign, body, n);
}

}  // namespace

int FormatMessage(char* out, size_t size, const char* format, va_list args) {
  Sink sink(out, size);
  for (const char* p = format; *p != '\0'; ++p) {
    if (*p != '%') {
      sink.Put(*p);
      continue;
    }
    ++p;
    Spec spec;
    for (;; ++p) {
      if (*p == '-')
        spec.left = true;
      else if (*p == '0')
        spec.zero = true;
      else if (*p == '+')
        spec.plus = true;
      else if (*p == ' ')
        spec.space = true;
      else
        break;
    }
    if (*p == '*') {
      spec.width = va_arg(args, int);
      if (spec.width < 0) {
        spec.left = true;
        spec.width = -spec.width;
      }
      ++p;
    } else {
      while (*p >= '0' && *p <= '9') spec.width = spec.width * 10 + (*p++ - '0');
    }
    if (*p == '.') {
      ++p;
      spec.precision = 0;
      if (*p == '*') {
        spec.precision = va_arg(args, int);
        ++p;
      } else {
        while (*p >= '0' && *p <= '9') spec.precision = spec.precision * 10 + (*p++ - '0');
      }
    }
    int length = 0;  // 0 int, 1 long, 2 long long, 3 size_t, 4 intmax_t, 5 ptrdiff_t
    if (*p == 'h') {
      ++p;
      if (*p == 'h') ++p;
    } else if (*p == 'l') {
      ++p;
      length = 1;
      if (*p == 'l') {
        ++p;
        length = 2;
      }
    } else if (*p == 'z') {
      ++p;
      length = 3;
    } else if (*p == 'j') {
      ++p;
      length = 4;
    } else if (*p == 't') {
      ++p;
      length = 5;
    }
    const char conv = *p;
    switch (conv) {
      case 'd':
      case 'i': {
        int64_t v;
        switch (length) {
          case 1:
            v = va_arg(args, long);
            break;
          case 2:
            v = va_arg(args, long long);
            break;
          case 3:
            v = static_cast<int64_t>(va_arg(args, size_t));
            break;
          case 4:
            v = va_arg(args, intmax_t);
            break;
          case 5:
            v = va_arg(args, ptrdiff_t);
            break;
          default:
            v = va_arg(args, int);
            break;
        }
        const uint64_t magnitude = v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
        EmitInteger(sink, spec, magnitude, v < 0, 10, false);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o': {
        uint64_t v;
        switch (length) {
          case 1:
            v = va_arg(args, unsigned long);
            break;
          case 2:
            v = va_arg(args, unsigned long long);
            break;
          case 3:
            v = va_arg(args, size_t);
            break;
          case 4:
            v = va_arg(args, uintmax_t);
            break;
          case 5:
            v = static_cast<uint64_t>(va_arg(args, ptrdiff_t));
            break;
          default:
            v = va_arg(args, unsigned);
            break;
        }
        const unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
        EmitInteger(sink, spec, v, false, base, conv == 'X');
        break;
      }
      case 'p': {
        const uintptr_t v = reinterpret_cast<uintptr_t>(va_arg(args, void*));
        Spec s = spec;
        s.precision = -1;
        char body[20];
        int n = 0;
        uintptr_t x = v;
        do {
          body[n++] = "0123456789abcdef"[x % 16];
          x /= 16;
        } while (x != 0);
        for (int i = 0; i < n / 2; ++i) {
          const char c = body[i];
          body[i] = body[n - 1 - i];
          body[n - 1 - i] = c;
        }
        Emit(sink, s, "0x", body, n);
        break;
      }
      case 'c': {
        const char c = static_cast<char>(va_arg(args, int));
        Emit(sink, spec, "", &c, 1);
        break;
      }
      case 's': {
        const char* s = va_arg(args, const char*);
        if (s == nullptr) s = "(null)";
        int n = 0;
        while (s[n] != '\0' && (spec.precision < 0 || n < spec.precision)) ++n;
        Spec plain = spec;
        plain.zero = false;
        Emit(sink, plain, "", s, n);
        break;
      }
      case 'g':
      case 'G':
      case 'f':
      case 'F':
      case 'e':
      case 'E':
        EmitFloat(sink, spec, va_arg(args, double),
                  conv == 'G'   ? 'g'
                  : conv == 'F' ? 'f'
                  : conv == 'E' ? 'e'
                                : conv);
        break;
      case '%':
        sink.Put('%');
        break;
      case '\0':
        --p;  // a lone '%' at the end: stop
        break;
      default:  // unknown conversion: print it as written
        sink.Put('%');
        sink.Put(conv);
        break;
    }
  }
  return sink.Finish();
}

int FormatTo(char* out, size_t size, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const int n = FormatMessage(out, size, format, args);
  va_end(args);
  return n;
}

}  // namespace mote
