// Reference QUANTIZE / DEQUANTIZE / CAST arithmetic (see quantize.h).
#include <algorithm>
#include <cmath>
#include <limits>
#include <type_traits>

#include "kernels/common/quantization.h"
#include "kernels/quantize/quantize.h"

namespace mote {
namespace {

// static_cast<int32_t>(f) as x86-64 computes it (cvttss2si): truncation, with
// NaN and out-of-range values giving INT32_MIN instead of undefined behavior.
int32_t FloatToInt32(float f) {
  if (!(f >= -2147483648.0f && f < 2147483648.0f)) return std::numeric_limits<int32_t>::min();
  return static_cast<int32_t>(f);
}

// Same for a 64-bit conversion (used by x86-64 for float -> uint32).
int64_t FloatToInt64(float f) {
  if (!(f >= -9223372036854775808.0f && f < 9223372036854775808.0f)) {
    return std::numeric_limits<int64_t>::min();
  }
  return static_cast<int64_t>(f);
}

template <typename OutT>
void AffineQuantize(const AffineQuantizeParams& p, const float* in, OutT* out) {
  constexpr int32_t kMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kMax = std::numeric_limits<OutT>::max();
  for (uint32_t i = 0; i < p.size; ++i) {
    const int32_t rounded = FloatToInt32(std::round(in[i] / p.scale));
    const int32_t q = static_cast<int32_t>(static_cast<uint32_t>(rounded) +
                                           static_cast<uint32_t>(p.zero_point));
    out[i] = static_cast<OutT>(std::min(std::max(q, kMin), kMax));
  }
}

template <typename InT, typename OutT>
void RequantizeImpl(const RequantizeParams& p, const InT* in, OutT* out) {
  constexpr int32_t kMin = std::numeric_limits<OutT>::min();
  constexpr int32_t kMax = std::numeric_limits<OutT>::max();
  for (uint32_t i = 0; i < p.size; ++i) {
    // Wrapping like the reference's int32 arithmetic (int32 inputs only).
    const int32_t x = static_cast<int32_t>(static_cast<uint32_t>(static_cast<int32_t>(in[i])) -
                                           static_cast<uint32_t>(p.input_zero_point));
    const int32_t scaled = MultiplyByQuantizedMultiplier(x, p.multiplier, p.shift);
    const int32_t q = static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                                           static_cast<uint32_t>(p.output_zero_point));
    out[i] = static_cast<OutT>(std::min(std::max(q, kMin), kMax));
  }
}

template <typename InT>
void DequantizeImpl(const DequantizeParams& p, const InT* in, float* out) {
  for (uint32_t i = 0; i < p.size; ++i) {
    out[i] = p.scale * static_cast<float>(static_cast<int32_t>(in[i]) - p.zero_point);
  }
}

// One element conversion From -> To.
template <typename To>
struct Convert {
  template <typename From>
  static To From_(From v) {
    return static_cast<To>(v);
  }
  static To From_(float v) { return static_cast<To>(FloatToInt32(v)); }
};
template <>
struct Convert<float> {
  template <typename From>
  static float From_(From v) {
    return static_cast<float>(v);
  }
};
template <>
struct Convert<bool> {
  template <typename From>
  static bool From_(From v) {
    return v != From(0);
  }
};
template <>
struct Convert<uint32_t> {
  template <typename From>
  static uint32_t From_(From v) {
    return static_cast<uint32_t>(v);
  }
  static uint32_t From_(float v) { return static_cast<uint32_t>(FloatToInt64(v)); }
};
template <>
struct Convert<int32_t> {
  template <typename From>
  static int32_t From_(From v) {
    return static_cast<int32_t>(v);
  }
  static int32_t From_(float v) { return FloatToInt32(v); }
};

template <typename From, typename To>
void CastLoop(uint32_t size, const void* in, void* out) {
  To* dst = static_cast<To*>(out);
  if constexpr (std::is_same<From, bool>::value) {
    // Bool tensors are read as bytes: any non-zero byte is true.
    const uint8_t* src = static_cast<const uint8_t*>(in);
    for (uint32_t i = 0; i < size; ++i) dst[i] = Convert<To>::From_(src[i] != 0);
  } else {
    const From* src = static_cast<const From*>(in);
    for (uint32_t i = 0; i < size; ++i) dst[i] = Convert<To>::From_(src[i]);
  }
}

template <typename From>
void CastFrom(const CastParams& p, const void* in, void* out) {
  switch (p.output_type) {
    case DataType::kInt8: return CastLoop<From, int8_t>(p.size, in, out);
    case DataType::kUInt8: return CastLoop<From, uint8_t>(p.size, in, out);
    case DataType::kInt16: return CastLoop<From, int16_t>(p.size, in, out);
    case DataType::kInt32: return CastLoop<From, int32_t>(p.size, in, out);
    case DataType::kUInt32: return CastLoop<From, uint32_t>(p.size, in, out);
    case DataType::kFloat32: return CastLoop<From, float>(p.size, in, out);
    case DataType::kBool: return CastLoop<From, bool>(p.size, in, out);
    default: return;  // rejected by CastSupported in Prepare
  }
}

bool CastType(DataType t) {
  switch (t) {
    case DataType::kInt8:
    case DataType::kUInt8:
    case DataType::kInt16:
    case DataType::kInt32:
    case DataType::kUInt32:
    case DataType::kFloat32:
    case DataType::kBool:
      return true;
    default:
      return false;
  }
}

}  // namespace

void AffineQuantizeF32ToS8(const AffineQuantizeParams& p, const float* in, int8_t* out) {
  AffineQuantize(p, in, out);
}
void AffineQuantizeF32ToS16(const AffineQuantizeParams& p, const float* in, int16_t* out) {
  AffineQuantize(p, in, out);
}

void Requantize(const RequantizeParams& p, const int8_t* in, int8_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int8_t* in, uint8_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int8_t* in, int16_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int8_t* in, int32_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const uint8_t* in, int8_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int16_t* in, int8_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int16_t* in, int16_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int16_t* in, int32_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int32_t* in, int8_t* out) {
  RequantizeImpl(p, in, out);
}
void Requantize(const RequantizeParams& p, const int32_t* in, int16_t* out) {
  RequantizeImpl(p, in, out);
}

void DequantizeS8(const DequantizeParams& p, const int8_t* in, float* out) {
  DequantizeImpl(p, in, out);
}
void DequantizeS16(const DequantizeParams& p, const int16_t* in, float* out) {
  DequantizeImpl(p, in, out);
}
void DequantizeU8(const DequantizeParams& p, const uint8_t* in, float* out) {
  DequantizeImpl(p, in, out);
}

bool CastSupported(DataType from, DataType to) { return CastType(from) && CastType(to); }

void Cast(const CastParams& p, const void* in, void* out) {
  switch (p.input_type) {
    case DataType::kInt8: return CastFrom<int8_t>(p, in, out);
    case DataType::kUInt8: return CastFrom<uint8_t>(p, in, out);
    case DataType::kInt16: return CastFrom<int16_t>(p, in, out);
    case DataType::kInt32: return CastFrom<int32_t>(p, in, out);
    case DataType::kUInt32: return CastFrom<uint32_t>(p, in, out);
    case DataType::kFloat32: return CastFrom<float>(p, in, out);
    case DataType::kBool: return CastFrom<bool>(p, in, out);
    default: return;
  }
}

}  // namespace mote
