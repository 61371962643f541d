// The time/batch loop of the integer LSTM and one step of it.
#include <cstring>

#include "kernels/lstm/lstm.h"
#include "kernels/lstm/lstm_gates.h"

namespace mote {
namespace {

// One step for `rows` sequences (all batches if time major, else one):
// x [rows, I], h [rows, S] int8, c [rows, S] int16, y [rows, S].
struct StepBuffers {
  int16_t* forget;     // forget gate, later tanh(c)
  int16_t* input;      // input gate, then input * cell gate, then the output gate
  int16_t* cell_gate;  // cell gate
  int16_t* temp;       // recurrent product of the gate being computed
};

// gate = activation(FC(x) + FC(h)).
void ComputeGate(const LstmS8Params& p, const LstmS8Weights& w, int gate, int rows, const int8_t* x,
                 const int8_t* h, int16_t* out, int16_t* temp) {
  const int n = rows * p.state_size;
  LstmFullyConnectedS8ToS16(p.input_fc[gate], rows, p.input_size, p.state_size, x,
                            w.input_weights[gate], w.bias[gate], out);
  LstmFullyConnectedS8ToS16(p.recurrent_fc[gate], rows, p.state_size, p.state_size, h,
                            w.recurrent_weights[gate], nullptr, temp);
  LstmAddSaturateS16(out, temp, out, n);
  if (gate == kLstmCellGate && p.cell_activation == LstmCellActivation::kTanh) {
    LstmTanhS16(kLstmQ312Scale, out, out, n);
  } else {
    LstmSigmoidS16(kLstmQ312Scale, out, out, n);
  }
}

void Step(const LstmS8Params& p, const LstmS8Weights& w, int rows, const int8_t* x, int8_t* h,
          int16_t* c, int8_t* y, const StepBuffers& b) {
  const int n = rows * p.state_size;
  ComputeGate(p, w, kLstmForgetGate, rows, x, h, b.forget, b.temp);
  ComputeGate(p, w, kLstmInputGate, rows, x, h, b.input, b.temp);
  ComputeGate(p, w, kLstmCellGate, rows, x, h, b.cell_gate, b.temp);

  // c = clip(forget * c + input * cell_gate)
  LstmMulS16(p.forget_times_cell, b.forget, c, c, n);
  LstmMulS16(p.input_times_cell_gate, b.input, b.cell_gate, b.input, n);
  LstmAddSaturateS16(c, b.input, c, n);
  if (p.clip_cell) {
    const int16_t hi = p.quantized_cell_clip;
    const int16_t lo = static_cast<int16_t>(-hi);
    for (int i = 0; i < n; ++i) c[i] = c[i] > hi ? hi : (c[i] < lo ? lo : c[i]);
  }

  // h = tanh(c) * output_gate (the output gate still sees the previous h).
  ComputeGate(p, w, kLstmOutputGate, rows, x, h, b.input, b.temp);
  LstmTanhS16(LstmTanhScaleFor(p.cell_scale_power), c, b.forget, n);
  LstmMulS16ToS8(p.hidden, b.forget, b.input, h, n);
  std::memcpy(y, h, static_cast<size_t>(n));
}

}  // namespace

size_t LstmS8ScratchElements(const LstmS8Params& params) {
  const size_t rows = params.time_major ? static_cast<size_t>(params.batch_size) : 1;
  return 4 * rows * static_cast<size_t>(params.state_size);
}

void UnidirectionalSequenceLstmS8(const LstmS8Params& params, const LstmS8Weights& weights,
                                  const int8_t* input, int8_t* hidden_state, int16_t* cell_state,
                                  int8_t* output, int16_t* scratch) {
  const size_t state = static_cast<size_t>(params.state_size);
  const size_t in_size = static_cast<size_t>(params.input_size);
  const int rows = params.time_major ? params.batch_size : 1;
  const size_t per_buffer = static_cast<size_t>(rows) * state;
  const StepBuffers buffers{scratch, scratch + per_buffer, scratch + 2 * per_buffer,
                            scratch + 3 * per_buffer};
  // Input and output advance one step at a time through the whole tensor in
  // both layouts; the states advance per batch only when batch major.
  const int8_t* x = input;
  int8_t* y = output;
  const int sequences = params.time_major ? 1 : params.batch_size;
  for (int s = 0; s < sequences; ++s) {
    int8_t* h = hidden_state + static_cast<size_t>(s) * state;
    int16_t* c = cell_state + static_cast<size_t>(s) * state;
    for (int t = 0; t < params.time_steps; ++t) {
      Step(params, weights, rows, x, h, c, y, buffers);
      x += static_cast<size_t>(rows) * in_size;
      y += per_buffer;
    }
  }
}

}  // namespace mote
