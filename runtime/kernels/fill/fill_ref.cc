#include <cstring>

#include "kernels/fill/fill.h"

namespace mote {

void WriteShape(const ShapeParams& params, void* output) {
  for (int32_t i = 0; i < params.rank; ++i) {
    if (params.int64_output) {
      const int64_t v = params.dims[i];
      std::memcpy(static_cast<uint8_t*>(output) + 8 * i, &v, 8);
    } else {
      std::memcpy(static_cast<uint8_t*>(output) + 4 * i, &params.dims[i], 4);
    }
  }
}

void FillValue(const FillParams& params, const void* value, void* output) {
  const size_t size = static_cast<size_t>(params.element_size);
  uint8_t* out = static_cast<uint8_t*>(output);
  for (uint32_t i = 0; i < params.count; ++i) std::memcpy(out + i * size, value, size);
}

void FillZeros(const FillParams& params, void* output) {
  std::memset(output, 0,
              static_cast<size_t>(params.count) * static_cast<size_t>(params.element_size));
}

}  // namespace mote
