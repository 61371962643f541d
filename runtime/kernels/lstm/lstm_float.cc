// Float32 LSTM with the loop order and clamping of TFLite's float reference
// FULLY_CONNECTED, LOGISTIC, TANH and MUL (activation NONE clamps to the
// finite float range), so results match TFLM bit for bit.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "kernels/lstm/lstm.h"

namespace mote {
namespace {

constexpr float kLowest = std::numeric_limits<float>::lowest();
constexpr float kMax = std::numeric_limits<float>::max();

inline float ClampNone(float x) { return std::min(std::max(x, kLowest), kMax); }

void FullyConnected(int rows, int in_size, int out_size, const float* in, const float* weights,
                    const float* bias, float* out) {
  for (int r = 0; r < rows; ++r) {
    const float* x = in + static_cast<size_t>(r) * static_cast<size_t>(in_size);
    for (int o = 0; o < out_size; ++o) {
      const float* w = weights + static_cast<size_t>(o) * static_cast<size_t>(in_size);
      float total = 0.0f;
      for (int d = 0; d < in_size; ++d) total += x[d] * w[d];
      const float bias_value = bias != nullptr ? bias[o] : 0.0f;
      out[static_cast<size_t>(r) * static_cast<size_t>(out_size) + static_cast<size_t>(o)] =
          ClampNone(total + bias_value);
    }
  }
}

void Sigmoid(float* data, int n) {
  constexpr float kUpper = 16.619047164916992188f;
  constexpr float kLower = -9.0f;
  for (int i = 0; i < n; ++i) {
    const float v = data[i];
    if (v > kUpper) {
      data[i] = 1.0f;
    } else if (v < kLower) {
      data[i] = std::exp(v);
    } else {
      data[i] = 1.0f / (1.0f + std::exp(-v));
    }
  }
}

void Tanh(const float* in, float* out, int n) {
  for (int i = 0; i < n; ++i) out[i] = std::tanh(in[i]);
}

void Mul(const float* a, const float* b, float* out, int n) {
  for (int i = 0; i < n; ++i) out[i] = ClampNone(a[i] * b[i]);
}

void Add(const float* a, const float* b, float* out, int n) {
  for (int i = 0; i < n; ++i) out[i] = a[i] + b[i];
}

struct Buffers {
  float* forget;
  float* input;
  float* cell_gate;
  float* temp;
};

void Gate(const LstmF32Params& p, const LstmF32Weights& w, int gate, int rows, const float* x,
          const float* h, float* out, float* temp) {
  const int n = rows * p.state_size;
  FullyConnected(rows, p.input_size, p.state_size, x, w.input_weights[gate], w.bias[gate], out);
  FullyConnected(rows, p.state_size, p.state_size, h, w.recurrent_weights[gate], nullptr, temp);
  Add(out, temp, out, n);
  if (gate == kLstmCellGate && p.cell_activation == LstmCellActivation::kTanh) {
    Tanh(out, out, n);
  } else {
    Sigmoid(out, n);
  }
}

void Step(const LstmF32Params& p, const LstmF32Weights& w, int rows, const float* x, float* h,
          float* c, float* y, const Buffers& b) {
  const int n = rows * p.state_size;
  Gate(p, w, kLstmForgetGate, rows, x, h, b.forget, b.temp);
  Gate(p, w, kLstmInputGate, rows, x, h, b.input, b.temp);
  Gate(p, w, kLstmCellGate, rows, x, h, b.cell_gate, b.temp);
  Mul(b.forget, c, c, n);
  Mul(b.input, b.cell_gate, b.input, n);
  Add(c, b.input, c, n);
  if (p.cell_clip > 0.0f) {
    for (int i = 0; i < n; ++i) c[i] = std::max(std::min(p.cell_clip, c[i]), -p.cell_clip);
  }
  Gate(p, w, kLstmOutputGate, rows, x, h, b.input, b.temp);
  Tanh(c, b.forget, n);
  Mul(b.forget, b.input, h, n);
  std::memcpy(y, h, static_cast<size_t>(n) * sizeof(float));
}

}  // namespace

size_t LstmF32ScratchElements(const LstmF32Params& params) {
  const size_t rows = params.time_major ? static_cast<size_t>(params.batch_size) : 1;
  return 4 * rows * static_cast<size_t>(params.state_size);
}

void UnidirectionalSequenceLstmF32(const LstmF32Params& params, const LstmF32Weights& weights,
                                   const float* input, float* hidden_state, float* cell_state,
                                   float* output, float* scratch) {
  const size_t state = static_cast<size_t>(params.state_size);
  const int rows = params.time_major ? params.batch_size : 1;
  const size_t per_buffer = static_cast<size_t>(rows) * state;
  const Buffers buffers{scratch, scratch + per_buffer, scratch + 2 * per_buffer,
                        scratch + 3 * per_buffer};
  const float* x = input;
  float* y = output;
  const int sequences = params.time_major ? 1 : params.batch_size;
  for (int s = 0; s < sequences; ++s) {
    float* h = hidden_state + static_cast<size_t>(s) * state;
    float* c = cell_state + static_cast<size_t>(s) * state;
    for (int t = 0; t < params.time_steps; ++t) {
      Step(params, weights, rows, x, h, c, y, buffers);
      x += static_cast<size_t>(rows) * static_cast<size_t>(params.input_size);
      y += per_buffer;
    }
  }
}

}  // namespace mote
