// Armv7E-M DSP-extension (SIMD32) instructions used by the *__armv7em_dsp
// kernel variants, as inline functions in namespace mote::dsp.
//
// On a core with the DSP extension (__ARM_FEATURE_DSP, e.g. Cortex-M4/M7/M33)
// each maps to one instruction through <arm_acle.h>; everywhere else it is an
// exact portable emulation, so host unit tests run the variants' logic
// bit-exactly. Packed operands are 32-bit words: "int16x2" holds two signed
// halfwords (bits 0-15 = low, 16-31 = high), "int8x4" four signed bytes (byte
// 0 = bits 0-7). Loads and stores are little-endian and alignment-free.
// mote::dsp::portable holds the emulations on every build (the on-target
// tests check them against the instructions).
//
// Semantics (the instruction's, including wrap-around):
//   Sxtb16(x)         int16x2 {sext(x.b0), sext(x.b2)}
//   Sxtb16Ror8(x)     int16x2 {sext(x.b1), sext(x.b3)}    (SXTB16 x, ROR #8)
//   Sxtab16(a, x)     a + Sxtb16(x) per halfword, wrapping
//   Sxtab16Ror8(a, x) a + Sxtb16Ror8(x) per halfword, wrapping
//   Uxtb16(x)         int16x2 {x.b0, x.b2} zero-extended
//   Sadd16/Ssub16     per-halfword add/subtract, wrapping
//   Qadd16/Qsub16     per-halfword add/subtract, saturating to int16
//   Smuad(x, y)       x.lo*y.lo + x.hi*y.hi, wrapping to int32
//   Smuadx(x, y)      x.lo*y.hi + x.hi*y.lo, wrapping
//   Smlad(x, y, acc)  acc + x.lo*y.lo + x.hi*y.hi, wrapping to int32
//   Smladx(x, y, acc) acc + x.lo*y.hi + x.hi*y.lo, wrapping
//   Smlald(x, y, acc) int64 acc + x.lo*y.lo + x.hi*y.hi, wrapping to int64
//   Smmulr(a, b)      (int64 a*b + 2^31) >> 32: rounded high word of the product
//   Smmlar(a, b, c)   (c * 2^32 + int64 a*b + 2^31) >> 32, bits 63..32 (wrapping)
//   Pkhbt(a, b)       int16x2 {a.lo, b.lo}       (PKHBT a, b, LSL #16)
//   Pkhtb(a, b)       int16x2 {b.hi, a.hi}       (PKHTB a, b, ASR #16)
//   Qadd/Qsub(a, b)   int32 add/subtract, saturating
//   Ssat<N>(x)        x clamped to [-2^(N-1), 2^(N-1)-1], 1 <= N <= 32
//   Usat<N>(x)        x clamped to [0, 2^N - 1], 0 <= N <= 31
//   Ror(x, n)         rotate right by n (0..31)
#ifndef MOTE_KERNELS_COMMON_ARM_DSP_H_
#define MOTE_KERNELS_COMMON_ARM_DSP_H_

#include <cstdint>
#include <cstring>

#if defined(__ARM_FEATURE_DSP) && defined(__ARM_FEATURE_SIMD32)
#define MOTE_ARM_DSP_NATIVE 1
#include <arm_acle.h>
#else
#define MOTE_ARM_DSP_NATIVE 0
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "mote/arm_dsp.h assumes a little-endian target"
#endif

namespace mote {
namespace dsp {

// ---- Loads and stores (any alignment) --------------------------------------

// Four bytes at `p` as one word (int8x4 or int16x2).
inline int32_t Load32(const void* p) {
  int32_t v;
  std::memcpy(&v, p, sizeof(v));
  return v;
}
// Load32, then advances `p` by 4 bytes.
template <typename T>
inline int32_t Load32Inc(const T*& p) {
  const int32_t v = Load32(p);
  p += 4 / sizeof(T);
  return v;
}
inline void Store32(void* p, int32_t v) { std::memcpy(p, &v, sizeof(v)); }

inline uint32_t Ror(uint32_t x, unsigned n) {
  n &= 31u;
  return n == 0 ? x : (x >> n) | (x << (32u - n));
}

// ---- Helpers of the portable emulation --------------------------------------
namespace internal {
inline int32_t Lo16(int32_t x) { return static_cast<int16_t>(static_cast<uint32_t>(x) & 0xFFFFu); }
inline int32_t Hi16(int32_t x) { return static_cast<int16_t>(static_cast<uint32_t>(x) >> 16); }
inline int32_t Pack16(int32_t lo, int32_t hi) {
  return static_cast<int32_t>((static_cast<uint32_t>(lo) & 0xFFFFu) |
                              (static_cast<uint32_t>(hi) << 16));
}
inline int32_t Byte(int32_t x, int i) {
  return static_cast<int8_t>(static_cast<uint8_t>(static_cast<uint32_t>(x) >> (8 * i)));
}
inline int32_t Sat16(int32_t x) { return x < -32768 ? -32768 : (x > 32767 ? 32767 : x); }
// a + b + c computed in 64 bits, then wrapped to int32 like the instruction.
inline int32_t Wrap32(int64_t x) { return static_cast<int32_t>(static_cast<uint32_t>(x)); }
}  // namespace internal

// ---- Portable emulation (always compiled: the on-target tests compare it with
// the instructions) --------------------------------------------------------------
namespace portable {
inline int32_t Sxtb16(int32_t x) {
  return internal::Pack16(internal::Byte(x, 0), internal::Byte(x, 2));
}

inline int32_t Sxtb16Ror8(int32_t x) {
  return internal::Pack16(internal::Byte(x, 1), internal::Byte(x, 3));
}

inline int32_t Sxtab16(int32_t a, int32_t x) {
  return internal::Pack16(internal::Lo16(a) + internal::Byte(x, 0),
                          internal::Hi16(a) + internal::Byte(x, 2));
}

inline int32_t Sxtab16Ror8(int32_t a, int32_t x) {
  return internal::Pack16(internal::Lo16(a) + internal::Byte(x, 1),
                          internal::Hi16(a) + internal::Byte(x, 3));
}

inline int32_t Uxtb16(int32_t x) {
  return static_cast<int32_t>(static_cast<uint32_t>(x) & 0x00FF00FFu);
}

inline int32_t Sadd16(int32_t a, int32_t b) {
  return internal::Pack16(internal::Lo16(a) + internal::Lo16(b),
                          internal::Hi16(a) + internal::Hi16(b));
}

inline int32_t Ssub16(int32_t a, int32_t b) {
  return internal::Pack16(internal::Lo16(a) - internal::Lo16(b),
                          internal::Hi16(a) - internal::Hi16(b));
}

inline int32_t Qadd16(int32_t a, int32_t b) {
  return internal::Pack16(internal::Sat16(internal::Lo16(a) + internal::Lo16(b)),
                          internal::Sat16(internal::Hi16(a) + internal::Hi16(b)));
}

inline int32_t Qsub16(int32_t a, int32_t b) {
  return internal::Pack16(internal::Sat16(internal::Lo16(a) - internal::Lo16(b)),
                          internal::Sat16(internal::Hi16(a) - internal::Hi16(b)));
}

inline int32_t Smuad(int32_t x, int32_t y) {
  using namespace internal;
  return Wrap32(int64_t{Lo16(x)} * Lo16(y) + int64_t{Hi16(x)} * Hi16(y));
}

inline int32_t Smuadx(int32_t x, int32_t y) {
  using namespace internal;
  return Wrap32(int64_t{Lo16(x)} * Hi16(y) + int64_t{Hi16(x)} * Lo16(y));
}

inline int32_t Smlad(int32_t x, int32_t y, int32_t acc) {
  using namespace internal;
  return Wrap32(int64_t{acc} + int64_t{Lo16(x)} * Lo16(y) + int64_t{Hi16(x)} * Hi16(y));
}

inline int32_t Smladx(int32_t x, int32_t y, int32_t acc) {
  using namespace internal;
  return Wrap32(int64_t{acc} + int64_t{Lo16(x)} * Hi16(y) + int64_t{Hi16(x)} * Lo16(y));
}

inline int64_t Smlald(int32_t x, int32_t y, int64_t acc) {
  using namespace internal;
  const uint64_t sum =
      static_cast<uint64_t>(acc) +
      static_cast<uint64_t>(int64_t{Lo16(x)} * Lo16(y) + int64_t{Hi16(x)} * Hi16(y));
  return static_cast<int64_t>(sum);
}

inline int32_t Smmulr(int32_t a, int32_t b) {
  return static_cast<int32_t>((int64_t{a} * b + (int64_t{1} << 31)) >> 32);
}

inline int32_t Smmlar(int32_t a, int32_t b, int32_t c) {
  const uint64_t sum = (static_cast<uint64_t>(static_cast<uint32_t>(c)) << 32) +
                       static_cast<uint64_t>(int64_t{a} * b) + (uint64_t{1} << 31);
  return static_cast<int32_t>(static_cast<uint32_t>(sum >> 32));
}

inline int32_t Pkhbt(int32_t a, int32_t b) {
  return static_cast<int32_t>((static_cast<uint32_t>(a) & 0x0000FFFFu) |
                              (static_cast<uint32_t>(b) << 16));
}

inline int32_t Pkhtb(int32_t a, int32_t b) {
  return static_cast<int32_t>((static_cast<uint32_t>(a) & 0xFFFF0000u) |
                              (static_cast<uint32_t>(b) >> 16));
}

inline int32_t Qadd(int32_t a, int32_t b) {
  const int64_t s = int64_t{a} + b;
  return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : static_cast<int32_t>(s));
}

inline int32_t Qsub(int32_t a, int32_t b) {
  const int64_t s = int64_t{a} - b;
  return s > INT32_MAX ? INT32_MAX : (s < INT32_MIN ? INT32_MIN : static_cast<int32_t>(s));
}

template <int N>
inline int32_t Ssat(int32_t x) {
  static_assert(N >= 1 && N <= 32, "SSAT takes 1..32 bits");
  const int64_t hi = (int64_t{1} << (N - 1)) - 1;
  const int64_t lo = -(int64_t{1} << (N - 1));
  return x > hi ? static_cast<int32_t>(hi) : (x < lo ? static_cast<int32_t>(lo) : x);
}

template <int N>
inline int32_t Usat(int32_t x) {
  static_assert(N >= 0 && N <= 31, "USAT takes 0..31 bits");
  const int64_t hi = (int64_t{1} << N) - 1;
  return x < 0 ? 0 : (x > hi ? static_cast<int32_t>(hi) : x);
}
}  // namespace portable

// ---- The instructions (native where available) ------------------------------------
inline int32_t Sxtb16(int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  return __sxtb16(x);
#else
  return portable::Sxtb16(x);
#endif
}

inline int32_t Sxtb16Ror8(int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
  return r;
#else
  return portable::Sxtb16Ror8(x);
#endif
}

inline int32_t Sxtab16(int32_t a, int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  return __sxtab16(a, x);
#else
  return portable::Sxtab16(a, x);
#endif
}

inline int32_t Sxtab16Ror8(int32_t a, int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("sxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(a), "r"(x));
  return r;
#else
  return portable::Sxtab16Ror8(a, x);
#endif
}

inline int32_t Uxtb16(int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  return static_cast<int32_t>(__uxtb16(static_cast<uint32_t>(x)));
#else
  return portable::Uxtb16(x);
#endif
}

inline int32_t Sadd16(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __sadd16(a, b);
#else
  return portable::Sadd16(a, b);
#endif
}

inline int32_t Ssub16(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __ssub16(a, b);
#else
  return portable::Ssub16(a, b);
#endif
}

inline int32_t Qadd16(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __qadd16(a, b);
#else
  return portable::Qadd16(a, b);
#endif
}

inline int32_t Qsub16(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __qsub16(a, b);
#else
  return portable::Qsub16(a, b);
#endif
}

inline int32_t Smuad(int32_t x, int32_t y) {
#if MOTE_ARM_DSP_NATIVE
  return __smuad(x, y);
#else
  return portable::Smuad(x, y);
#endif
}

inline int32_t Smuadx(int32_t x, int32_t y) {
#if MOTE_ARM_DSP_NATIVE
  return __smuadx(x, y);
#else
  return portable::Smuadx(x, y);
#endif
}

inline int32_t Smlad(int32_t x, int32_t y, int32_t acc) {
#if MOTE_ARM_DSP_NATIVE
  return __smlad(x, y, acc);
#else
  return portable::Smlad(x, y, acc);
#endif
}

inline int32_t Smladx(int32_t x, int32_t y, int32_t acc) {
#if MOTE_ARM_DSP_NATIVE
  return __smladx(x, y, acc);
#else
  return portable::Smladx(x, y, acc);
#endif
}

inline int64_t Smlald(int32_t x, int32_t y, int64_t acc) {
#if MOTE_ARM_DSP_NATIVE
  return __smlald(x, y, acc);
#else
  return portable::Smlald(x, y, acc);
#endif
}

inline int32_t Smmulr(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
  return r;
#else
  return portable::Smmulr(a, b);
#endif
}

inline int32_t Smmlar(int32_t a, int32_t b, int32_t c) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
  return r;
#else
  return portable::Smmlar(a, b, c);
#endif
}

inline int32_t Pkhbt(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
#else
  return portable::Pkhbt(a, b);
#endif
}

inline int32_t Pkhtb(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(r) : "r"(a), "r"(b));
  return r;
#else
  return portable::Pkhtb(a, b);
#endif
}

inline int32_t Qadd(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __qadd(a, b);
#else
  return portable::Qadd(a, b);
#endif
}

inline int32_t Qsub(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  return __qsub(a, b);
#else
  return portable::Qsub(a, b);
#endif
}

template <int N>
inline int32_t Ssat(int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  return __ssat(x, N);
#else
  return portable::Ssat<N>(x);
#endif
}

template <int N>
inline int32_t Usat(int32_t x) {
#if MOTE_ARM_DSP_NATIVE
  return static_cast<int32_t>(__usat(x, N));
#else
  return portable::Usat<N>(x);
#endif
}

// ---- Halfword multiply-accumulates and byte-wise max (the depthwise and
// pooling variants) ----------------------------------------------------------------
//   Smlabb(x, y, acc) acc + x.lo*y.lo, wrapping to int32
//   Smlatt(x, y, acc) acc + x.hi*y.hi, wrapping to int32
//   Smax8(a, b)       int8x4 {max(a.b0, b.b0), ...}    (SSUB8 a, b; SEL a, b)
//   Smin8(a, b)       int8x4 {min(a.b0, b.b0), ...}    (SSUB8 a, b; SEL b, a)
namespace portable {
inline int32_t Smlabb(int32_t x, int32_t y, int32_t acc) {
  using namespace internal;
  return Wrap32(int64_t{acc} + int64_t{Lo16(x)} * Lo16(y));
}

inline int32_t Smlatt(int32_t x, int32_t y, int32_t acc) {
  using namespace internal;
  return Wrap32(int64_t{acc} + int64_t{Hi16(x)} * Hi16(y));
}

inline int32_t Smax8(int32_t a, int32_t b) {
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) {
    const int32_t m =
        internal::Byte(a, i) > internal::Byte(b, i) ? internal::Byte(a, i) : internal::Byte(b, i);
    r |= (static_cast<uint32_t>(m) & 0xFFu) << (8 * i);
  }
  return static_cast<int32_t>(r);
}

inline int32_t Smin8(int32_t a, int32_t b) {
  uint32_t r = 0;
  for (int i = 0; i < 4; ++i) {
    const int32_t m =
        internal::Byte(a, i) < internal::Byte(b, i) ? internal::Byte(a, i) : internal::Byte(b, i);
    r |= (static_cast<uint32_t>(m) & 0xFFu) << (8 * i);
  }
  return static_cast<int32_t>(r);
}
}  // namespace portable

inline int32_t Smlabb(int32_t x, int32_t y, int32_t acc) {
#if MOTE_ARM_DSP_NATIVE
  return __smlabb(x, y, acc);
#else
  return portable::Smlabb(x, y, acc);
#endif
}

inline int32_t Smlatt(int32_t x, int32_t y, int32_t acc) {
#if MOTE_ARM_DSP_NATIVE
  return __smlatt(x, y, acc);
#else
  return portable::Smlatt(x, y, acc);
#endif
}

inline int32_t Smax8(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  // One asm statement: SEL reads the GE flags SSUB8 sets.
  int32_t r, t;
  __asm__("ssub8 %1, %2, %3\n\tsel %0, %2, %3" : "=r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
  return r;
#else
  return portable::Smax8(a, b);
#endif
}

inline int32_t Smin8(int32_t a, int32_t b) {
#if MOTE_ARM_DSP_NATIVE
  int32_t r, t;
  __asm__("ssub8 %1, %2, %3\n\tsel %0, %3, %2" : "=r"(r), "=&r"(t) : "r"(a), "r"(b) : "cc");
  return r;
#else
  return portable::Smin8(a, b);
#endif
}

}  // namespace dsp
}  // namespace mote

#endif  // MOTE_KERNELS_COMMON_ARM_DSP_H_
