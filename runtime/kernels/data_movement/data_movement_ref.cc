#include <cstring>

#include "kernels/data_movement/data_movement.h"

namespace mote {

void JoinCopy(const JoinParams& p, const void* const* parts, void* joined) {
  uint8_t* out = static_cast<uint8_t*>(joined);
  for (uint32_t o = 0; o < p.outer; ++o) {
    for (int32_t i = 0; i < p.num_parts; ++i) {
      const size_t n = p.chunk_bytes[i];
      std::memcpy(out, static_cast<const uint8_t*>(parts[i]) + o * n, n);
      out += n;
    }
  }
}

void SplitCopy(const JoinParams& p, const void* joined, void* const* parts) {
  const uint8_t* in = static_cast<const uint8_t*>(joined);
  for (uint32_t o = 0; o < p.outer; ++o) {
    for (int32_t i = 0; i < p.num_parts; ++i) {
      const size_t n = p.chunk_bytes[i];
      std::memcpy(static_cast<uint8_t*>(parts[i]) + o * n, in, n);
      in += n;
    }
  }
}

namespace {

template <typename T>
void TransposeTyped(const TransposeParams& p, const T* in, T* out) {
  if (p.rank == 0) {
    *out = *in;
    return;
  }
  for (int a = 0; a < p.rank; ++a) {
    if (p.out_dims[a] == 0) return;
  }
  const int last = p.rank - 1;
  int32_t index[kMaxRank] = {};
  for (;;) {
    int64_t base = 0;
    for (int a = 0; a < last; ++a) base += index[a] * p.in_stride[a];
    for (int32_t i = 0; i < p.out_dims[last]; ++i) *out++ = in[base + i * p.in_stride[last]];
    int a = last - 1;
    for (; a >= 0; --a) {
      if (++index[a] < p.out_dims[a]) break;
      index[a] = 0;
    }
    if (a < 0) break;
  }
}

}  // namespace

void TransposeCopy(const TransposeParams& p, const void* input, void* output) {
  switch (p.element_size) {
    case 1:
      TransposeTyped(p, static_cast<const uint8_t*>(input), static_cast<uint8_t*>(output));
      break;
    case 2:
      TransposeTyped(p, static_cast<const uint16_t*>(input), static_cast<uint16_t*>(output));
      break;
    case 4:
      TransposeTyped(p, static_cast<const uint32_t*>(input), static_cast<uint32_t*>(output));
      break;
    default:
      TransposeTyped(p, static_cast<const uint64_t*>(input), static_cast<uint64_t*>(output));
      break;
  }
}

void GatherCopy(const GatherParams& p, const void* input, const void* indices, void* output) {
  const uint8_t* in = static_cast<const uint8_t*>(input);
  uint8_t* out = static_cast<uint8_t*>(output);
  const size_t slice = p.inner_bytes;
  const size_t in_block = static_cast<size_t>(p.axis_size) * slice;
  for (uint32_t b = 0; b < p.batches; ++b) {
    for (uint32_t o = 0; o < p.outer; ++o) {
      const uint8_t* src = in + (static_cast<size_t>(b) * p.outer + o) * in_block;
      for (uint32_t i = 0; i < p.num_indices; ++i) {
        const size_t k = static_cast<size_t>(b) * p.num_indices + i;
        int64_t index;
        if (p.indices_int64) {
          std::memcpy(&index, static_cast<const int64_t*>(indices) + k, sizeof(index));
        } else {
          index = static_cast<const int32_t*>(indices)[k];
        }
        if (index >= 0 && index < p.axis_size) {
          std::memcpy(out, src + static_cast<size_t>(index) * slice, slice);
        } else {
          std::memset(out, 0, slice);
        }
        out += slice;
      }
    }
  }
}

}  // namespace mote
