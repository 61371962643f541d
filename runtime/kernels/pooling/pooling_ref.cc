// Reference pooling loops, in TFLM's order (batch, y, x, channel; window rows
// then columns) so float sums match TFLM bit for bit.
#include <algorithm>
#include <limits>

#include "kernels/pooling/pooling.h"

namespace mote {
namespace {

// The part of one output element's window that lies inside the input.
struct Window {
  int y0, y1, x0, x1;  // input rows [y0, y1), columns [x0, x1)
};

inline Window WindowAt(const PoolParams& p, int out_y, int out_x) {
  const int origin_y = out_y * p.stride_height - p.pad_height;
  const int origin_x = out_x * p.stride_width - p.pad_width;
  Window w;
  w.y0 = origin_y + std::max(0, -origin_y);
  w.y1 = origin_y + std::min(p.filter_height, p.input_height - origin_y);
  w.x0 = origin_x + std::max(0, -origin_x);
  w.x1 = origin_x + std::min(p.filter_width, p.input_width - origin_x);
  return w;
}

// Calls reduce(window, input_base, output_index) for every output element;
// input_base indexes channel `c` of row 0 / column 0 of batch `b`.
template <typename Fn>
inline void ForEachOutput(const PoolParams& p, Fn fn) {
  size_t out_index = 0;
  const size_t batch_stride =
      static_cast<size_t>(p.input_height) * p.input_width * static_cast<size_t>(p.depth);
  for (int b = 0; b < p.batches; ++b) {
    for (int out_y = 0; out_y < p.output_height; ++out_y) {
      for (int out_x = 0; out_x < p.output_width; ++out_x) {
        const Window w = WindowAt(p, out_y, out_x);
        for (int c = 0; c < p.depth; ++c, ++out_index) {
          fn(w, b * batch_stride + static_cast<size_t>(c), out_index);
        }
      }
    }
  }
}

inline size_t At(const PoolParams& p, size_t base, int y, int x) {
  return base + (static_cast<size_t>(y) * p.input_width + x) * static_cast<size_t>(p.depth);
}

template <typename T>
void AveragePoolInt(const PoolParams& p, const T* input, T* output) {
  ForEachOutput(p, [&](const Window& w, size_t base, size_t o) {
    int64_t sum = 0;  // the reference's int32 sum, without its overflow
    int32_t count = 0;
    for (int y = w.y0; y < w.y1; ++y) {
      for (int x = w.x0; x < w.x1; ++x) {
        sum += input[At(p, base, y, x)];
        ++count;
      }
    }
    // Round half away from zero; C++ division truncates toward zero.
    const int64_t avg = sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    const int64_t clamped =
        std::min<int64_t>(std::max<int64_t>(avg, p.activation_min), p.activation_max);
    output[o] = static_cast<T>(clamped);
  });
}

template <typename T>
void MaxPoolInt(const PoolParams& p, const T* input, T* output) {
  ForEachOutput(p, [&](const Window& w, size_t base, size_t o) {
    T best = std::numeric_limits<T>::lowest();
    for (int y = w.y0; y < w.y1; ++y) {
      for (int x = w.x0; x < w.x1; ++x) best = std::max(best, input[At(p, base, y, x)]);
    }
    const int32_t clamped =
        std::min<int32_t>(std::max<int32_t>(best, p.activation_min), p.activation_max);
    output[o] = static_cast<T>(clamped);
  });
}

}  // namespace

void AveragePoolF32(const PoolParams& p, const float* input, float* output) {
  ForEachOutput(p, [&](const Window& w, size_t base, size_t o) {
    float total = 0.0f;
    float count = 0.0f;
    for (int y = w.y0; y < w.y1; ++y) {
      for (int x = w.x0; x < w.x1; ++x) {
        total += input[At(p, base, y, x)];
        count += 1.0f;
      }
    }
    const float average = total / count;
    output[o] = std::min(std::max(average, p.float_activation_min), p.float_activation_max);
  });
}

void MaxPoolF32(const PoolParams& p, const float* input, float* output) {
  ForEachOutput(p, [&](const Window& w, size_t base, size_t o) {
    float best = std::numeric_limits<float>::lowest();
    for (int y = w.y0; y < w.y1; ++y) {
      for (int x = w.x0; x < w.x1; ++x) best = std::max(best, input[At(p, base, y, x)]);
    }
    output[o] = std::min(std::max(best, p.float_activation_min), p.float_activation_max);
  });
}

void AveragePoolS8(const PoolParams& p, const int8_t* input, int8_t* output) {
  AveragePoolInt(p, input, output);
}
void AveragePoolS16(const PoolParams& p, const int16_t* input, int16_t* output) {
  AveragePoolInt(p, input, output);
}
void MaxPoolS8(const PoolParams& p, const int8_t* input, int8_t* output) {
  MaxPoolInt(p, input, output);
}
void MaxPoolS16(const PoolParams& p, const int16_t* input, int16_t* output) {
  MaxPoolInt(p, input, output);
}

}  // namespace mote
