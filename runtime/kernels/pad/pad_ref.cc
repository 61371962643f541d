#include <cstring>

#include "kernels/pad/pad.h"

namespace mote {
namespace {

template <typename T>
T* Fill(T* out, T value, int64_t count) {
  for (int64_t i = 0; i < count; ++i) *out++ = value;
  return out;
}

// Writes the output block of every axis >= `axis` for one input block, in
// row-major order; `inner[a]` is the output element count of one block of axis a.
template <typename T>
void PadBlock(const PadParams& p, const int64_t* inner, int axis, const T*& in, T value, T*& out) {
  const int64_t block = inner[axis + 1];
  out = Fill(out, value, p.left[axis] * block);
  if (axis == p.rank - 1) {
    std::memcpy(out, in, static_cast<size_t>(p.in_dims[axis]) * sizeof(T));
    out += p.in_dims[axis];
    in += p.in_dims[axis];
  } else {
    for (int32_t i = 0; i < p.in_dims[axis]; ++i) PadBlock(p, inner, axis + 1, in, value, out);
  }
  out = Fill(out, value, p.right[axis] * block);
}

template <typename T>
void PadTyped(const PadParams& p, const T* in, const void* pad_value, T* out) {
  T value;
  std::memcpy(&value, pad_value, sizeof(T));
  if (p.rank == 0) {
    *out = *in;
    return;
  }
  int64_t inner[kMaxRank + 1];
  inner[p.rank] = 1;
  for (int a = p.rank - 1; a >= 0; --a) inner[a] = inner[a + 1] * p.out_dims[a];
  if (inner[0] == 0) return;
  PadBlock(p, inner, 0, in, value, out);
}

}  // namespace

void PadCopy(const PadParams& params, const void* input, const void* pad_value, void* output) {
  switch (params.element_size) {
    case 1:
      PadTyped(params, static_cast<const uint8_t*>(input), pad_value,
               static_cast<uint8_t*>(output));
      break;
    case 2:
      PadTyped(params, static_cast<const uint16_t*>(input), pad_value,
               static_cast<uint16_t*>(output));
      break;
    case 4:
      PadTyped(params, static_cast<const uint32_t*>(input), pad_value,
               static_cast<uint32_t*>(output));
      break;
    default:
      PadTyped(params, static_cast<const uint64_t*>(input), pad_value,
               static_cast<uint64_t*>(output));
      break;
  }
}

}  // namespace mote
