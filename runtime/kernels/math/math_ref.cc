#include <cmath>

#include "kernels/math/math.h"

namespace mote {
namespace {

template <typename F>
inline void Map(const UnaryParams& p, const float* in, float* out, F f) {
  for (uint32_t i = 0; i < p.size; ++i) out[i] = f(in[i]);
}

// Round half to even, as TFLM's ROUND: ties go to the even neighbour.
inline float RoundHalfToEven(float x) {
  const float down = std::floor(x);
  const float diff = x - down;
  if (diff < 0.5f || (diff == 0.5f && std::fmod(down, 2.0f) == 0.0f)) return down;
  return down + 1.0f;
}

}  // namespace

void AbsF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::abs(x); });
}
void NegF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return -x; });
}
void FloorF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::floor(x); });
}
void CeilF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::ceil(x); });
}
void RoundF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return RoundHalfToEven(x); });
}
void SqrtF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::sqrt(x); });
}
void RsqrtF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return 1.0f / std::sqrt(x); });
}
void SquareF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return x * x; });
}
void SinF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::sin(x); });
}
void CosF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::cos(x); });
}
void ExpF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::exp(x); });
}
void LogF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return std::log(x); });
}

void EluF32(const UnaryParams& p, const float* in, float* out) {
  Map(p, in, out, [](float x) { return x < 0.0f ? std::expm1(x) : x; });
}

}  // namespace mote
