#include "kernels/signal/rfft_int16.h"

#include <cmath>

namespace mote {
namespace signal {

namespace {

constexpr double kPi = 3.14159265358979323846264338327;

inline int16_t Q15(double v) { return static_cast<int16_t>(std::floor(0.5 + 32767.0 * v)); }

inline Complex16 Expi(double phase) {
  return Complex16{Q15(std::cos(phase)), Q15(std::sin(phase))};
}

// (x * floor(32767 / k) + 2^14) >> 15: KISS FFT's fixed-point division by k.
inline int16_t DivBy(int32_t x, int32_t k) {
  return static_cast<int16_t>((x * (32767 / k) + (1 << 14)) >> 15);
}
inline Complex16 CDiv(Complex16 c, int32_t k) { return Complex16{DivBy(c.r, k), DivBy(c.i, k)}; }

inline Complex16 CMul(Complex16 a, Complex16 b) {
  const int32_t re = int32_t{a.r} * b.r - int32_t{a.i} * b.i;
  const int32_t im = int32_t{a.r} * b.i + int32_t{a.i} * b.r;
  return Complex16{static_cast<int16_t>((re + (1 << 14)) >> 15),
                   static_cast<int16_t>((im + (1 << 14)) >> 15)};
}
inline Complex16 CAdd(Complex16 a, Complex16 b) {
  return Complex16{static_cast<int16_t>(a.r + b.r), static_cast<int16_t>(a.i + b.i)};
}
inline Complex16 CSub(Complex16 a, Complex16 b) {
  return Complex16{static_cast<int16_t>(a.r - b.r), static_cast<int16_t>(a.i - b.i)};
}

void Radix2(Complex16* out, int stride, const Complex16* tw, int m) {
  Complex16* b = out + m;
  for (int k = 0; k < m; ++k) {
    const Complex16 a0 = CDiv(out[k], 2);
    const Complex16 t = CMul(CDiv(b[k], 2), tw[k * stride]);
    b[k] = CSub(a0, t);
    out[k] = CAdd(a0, t);
  }
}

void Radix4(Complex16* out, int stride, const Complex16* tw, int m) {
  for (int k = 0; k < m; ++k) {
    const Complex16 x0 = CDiv(out[k], 4);
    const Complex16 s0 = CMul(CDiv(out[k + m], 4), tw[k * stride]);
    const Complex16 s1 = CMul(CDiv(out[k + 2 * m], 4), tw[2 * k * stride]);
    const Complex16 s2 = CMul(CDiv(out[k + 3 * m], 4), tw[3 * k * stride]);
    const Complex16 s5 = CSub(x0, s1);
    const Complex16 x0b = CAdd(x0, s1);
    const Complex16 s3 = CAdd(s0, s2);
    const Complex16 s4 = CSub(s0, s2);
    out[k + 2 * m] = CSub(x0b, s3);
    out[k] = CAdd(x0b, s3);
    out[k + m] = Complex16{static_cast<int16_t>(s5.r + s4.i), static_cast<int16_t>(s5.i - s4.r)};
    out[k + 3 * m] =
        Complex16{static_cast<int16_t>(s5.r - s4.i), static_cast<int16_t>(s5.i + s4.r)};
  }
}

// Decimation in time: stage `s` gathers `radix` sub-FFTs of the inputs taken
// every `stride * radix`, then combines them with one butterfly pass.
void Stage(const RfftInt16Plan& plan, int s, Complex16* out, const Complex16* in, int stride) {
  const int p = plan.radix[s];
  const int m = plan.span[s];
  for (int q = 0; q < p; ++q) {
    if (m == 1) {
      out[q] = in[q * stride];
    } else {
      Stage(plan, s + 1, out + q * m, in + q * stride, stride * p);
    }
  }
  if (p == 4) {
    Radix4(out, stride, plan.twiddles, m);
  } else {
    Radix2(out, stride, plan.twiddles, m);
  }
}

}  // namespace

bool RfftInt16LengthSupported(int32_t n) { return n >= 4 && n <= 4096 && (n & (n - 1)) == 0; }

size_t RfftInt16TwiddleCount(int32_t fft_length) {
  const size_t half = static_cast<size_t>(fft_length) / 2;
  return half + half / 2;
}

void RfftInt16Init(int32_t fft_length, Complex16* twiddles, RfftInt16Plan* plan) {
  const int32_t half = fft_length / 2;
  plan->fft_length = fft_length;
  plan->half = half;
  plan->twiddles = twiddles;
  plan->super_twiddles = twiddles + half;
  for (int32_t k = 0; k < half; ++k) twiddles[k] = Expi(-2 * kPi * k / half);
  for (int32_t k = 0; k < half / 2; ++k) {
    plan->super_twiddles[k] = Expi(-kPi * (static_cast<double>(k + 1) / half + 0.5));
  }
  // Radix 4 while it divides, then radix 2 (half is a power of two).
  int32_t n = half;
  plan->num_stages = 0;
  while (n > 1) {
    const int32_t p = (n % 4 == 0) ? 4 : 2;
    n /= p;
    plan->radix[plan->num_stages] = p;
    plan->span[plan->num_stages] = n;
    ++plan->num_stages;
  }
}

void RfftInt16(const RfftInt16Plan& plan, const Complex16* packed, Complex16* work, int16_t* out) {
  const int32_t n = plan.half;
  auto put = [out](int32_t k, int32_t re, int32_t im) {
    out[2 * k] = static_cast<int16_t>(re);
    out[2 * k + 1] = static_cast<int16_t>(im);
  };
  if (n == 1) {
    work[0] = packed[0];
  } else {
    Stage(plan, 0, work, packed, 1);
  }
  const Complex16 dc = CDiv(work[0], 2);
  put(0, dc.r + dc.i, 0);
  put(n, dc.r - dc.i, 0);
  for (int32_t k = 1; k <= n / 2; ++k) {
    const Complex16 fpk = CDiv(work[k], 2);
    const Complex16 conj{work[n - k].r, static_cast<int16_t>(-work[n - k].i)};
    const Complex16 fpnk = CDiv(conj, 2);
    const Complex16 f1k = CAdd(fpk, fpnk);
    const Complex16 f2k = CSub(fpk, fpnk);
    const Complex16 tw = CMul(f2k, plan.super_twiddles[k - 1]);
    put(k, (f1k.r + tw.r) >> 1, (f1k.i + tw.i) >> 1);
    put(n - k, (f1k.r - tw.r) >> 1, (tw.i - f1k.i) >> 1);
  }
}

}  // namespace signal
}  // namespace mote
