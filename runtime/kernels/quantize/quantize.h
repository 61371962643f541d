// QUANTIZE (float -> int, and requantization between integer types),
// DEQUANTIZE (int -> float) and CAST (value conversion between element types),
// bit-exact with TFLite Micro's reference kernels.
#ifndef MOTE_KERNELS_QUANTIZE_QUANTIZE_H_
#define MOTE_KERNELS_QUANTIZE_QUANTIZE_H_

#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// float -> int: q = clamp(round(x / scale) + zero_point).
struct AffineQuantizeParams {
  uint32_t size = 0;
  float scale = 1.0f;
  int32_t zero_point = 0;
};
void AffineQuantizeF32ToS8(const AffineQuantizeParams& p, const float* in, int8_t* out);
void AffineQuantizeF32ToS16(const AffineQuantizeParams& p, const float* in, int16_t* out);

// int -> int: q_out = clamp(zp_out + (q_in - zp_in) * multiplier * 2^(shift - 31)).
struct RequantizeParams {
  uint32_t size = 0;
  int32_t multiplier = 0;
  int shift = 0;
  int32_t input_zero_point = 0;
  int32_t output_zero_point = 0;
};
// One function per supported (input, output) pair.
void Requantize(const RequantizeParams& p, const int8_t* in, int8_t* out);
void Requantize(const RequantizeParams& p, const int8_t* in, uint8_t* out);
void Requantize(const RequantizeParams& p, const int8_t* in, int16_t* out);
void Requantize(const RequantizeParams& p, const int8_t* in, int32_t* out);
void Requantize(const RequantizeParams& p, const uint8_t* in, int8_t* out);
void Requantize(const RequantizeParams& p, const int16_t* in, int8_t* out);
void Requantize(const RequantizeParams& p, const int16_t* in, int16_t* out);
void Requantize(const RequantizeParams& p, const int16_t* in, int32_t* out);
void Requantize(const RequantizeParams& p, const int32_t* in, int8_t* out);
void Requantize(const RequantizeParams& p, const int32_t* in, int16_t* out);

// int -> float: x = scale * (q - zero_point), in float.
struct DequantizeParams {
  uint32_t size = 0;
  float scale = 1.0f;
  int32_t zero_point = 0;
};
void DequantizeS8(const DequantizeParams& p, const int8_t* in, float* out);
void DequantizeS16(const DequantizeParams& p, const int16_t* in, float* out);
void DequantizeU8(const DequantizeParams& p, const uint8_t* in, float* out);

// CAST: C++ value conversion. Float -> integer conversions of NaN or
// out-of-range values are defined here as the x86-64 result (the "integer
// indefinite" value, then truncated), which is what TFLite produces there.
struct CastParams {
  uint32_t size = 0;
  DataType input_type = DataType::kFloat32;
  DataType output_type = DataType::kFloat32;
};
// True if CAST supports this pair.
bool CastSupported(DataType from, DataType to);
void Cast(const CastParams& p, const void* in, void* out);

namespace ops {
Span<const OpKernel* const> quantize_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_QUANTIZE_QUANTIZE_H_
