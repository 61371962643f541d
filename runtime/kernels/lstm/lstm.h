// UNIDIRECTIONAL_SEQUENCE_LSTM, integer (int8 activations, int8 weights,
// int16 cell state, int32 bias), with TFLM's arithmetic:
//
//   forget = sigmoid(FC(x, W_xf) + FC(h, W_hf))      gates are int16 Q3.12 before
//   input  = sigmoid(FC(x, W_xi) + FC(h, W_hi))      the activation, Q0.15 after
//   cellg  = tanh   (FC(x, W_xc) + FC(h, W_hc))
//   c      = clip(forget * c + input * cellg)        int16, scale 2^cell_scale_power
//   output = sigmoid(FC(x, W_xo) + FC(h, W_ho))
//   h      = tanh(c) * output                        int8 (the output state's quantization)
//
// Only the standard LSTM (no peephole, projection, layer norm, CIFG). A float32
// variant runs the same step with TFLite's float reference ops.
#ifndef MOTE_KERNELS_LSTM_LSTM_H_
#define MOTE_KERNELS_LSTM_LSTM_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// Gate order used in every per-gate array below.
enum LstmGate : int {
  kLstmInputGate = 0,
  kLstmForgetGate = 1,
  kLstmCellGate = 2,
  kLstmOutputGate = 3,
  kLstmNumGates = 4
};

// One fully connected product into a gate's int16 Q3.12 pre-activation.
struct LstmFcParams {
  int32_t input_offset;    // minus the input's zero point
  int32_t weights_offset;  // minus the weights' zero point
  int32_t multiplier;
  int shift;
};

// An element-wise int16 x int16 product rescaled into int16 or int8.
struct LstmMulParams {
  int32_t multiplier;
  int shift;
  int32_t output_offset;
  int32_t output_min;
  int32_t output_max;
};

enum class LstmCellActivation : uint8_t { kTanh = 0, kSigmoid = 1 };

struct LstmS8Params {
  int32_t batch_size;
  int32_t time_steps;
  int32_t input_size;                        // I
  int32_t state_size;                        // S (cells = output width)
  bool time_major;                           // input [T, B, I] instead of [B, T, I]
  LstmFcParams input_fc[kLstmNumGates];      // x -> gate (with the gate's bias)
  LstmFcParams recurrent_fc[kLstmNumGates];  // h -> gate (no bias)
  LstmMulParams forget_times_cell;           // Q0.15 x cell -> cell
  LstmMulParams input_times_cell_gate;       // Q0.15 x Q0.15 -> cell
  LstmMulParams hidden;                      // Q0.15 x Q0.15 -> int8 hidden state
  int32_t cell_scale_power;                  // cell state scale = 2^cell_scale_power
  int16_t quantized_cell_clip;               // used when clip_cell
  bool clip_cell;
  LstmCellActivation cell_activation;
};

// The constant tensors, gate-indexed (see LstmGate). Weights are [S, I] and
// [S, S] row-major, biases [S].
struct LstmS8Weights {
  const int8_t* input_weights[kLstmNumGates];
  const int8_t* recurrent_weights[kLstmNumGates];
  const int32_t* bias[kLstmNumGates];
};

// int16 elements of scratch UnidirectionalSequenceLstmS8 needs.
// What Prepare computes for int8 (the op data): params and the scratch index.
struct LstmOpData {
  LstmS8Params params;
  int scratch;
};

size_t LstmS8ScratchElements(const LstmS8Params& params);

// Reference kernel. `input` is [B, T, I] (or [T, B, I] if time_major), `output`
// the matching [.., S]; `hidden_state` [B, S] int8 and `cell_state` [B, S]
// int16 are read and updated in place. `scratch` holds LstmS8ScratchElements.
void UnidirectionalSequenceLstmS8(const LstmS8Params& params, const LstmS8Weights& weights,
                                  const int8_t* input, int8_t* hidden_state, int16_t* cell_state,
                                  int8_t* output, int16_t* scratch);

struct LstmF32Params {
  int32_t batch_size;
  int32_t time_steps;
  int32_t input_size;
  int32_t state_size;
  bool time_major;
  float cell_clip;  // > 0: clip the cell state to [-cell_clip, cell_clip]
  LstmCellActivation cell_activation;
};

struct LstmF32Weights {
  const float* input_weights[kLstmNumGates];
  const float* recurrent_weights[kLstmNumGates];
  const float* bias[kLstmNumGates];
};

// float elements of scratch UnidirectionalSequenceLstmF32 needs.
// What Prepare computes for float32 (the op data).
struct LstmF32OpData {
  LstmF32Params params;
  int scratch;
};

size_t LstmF32ScratchElements(const LstmF32Params& params);

// Float reference kernel, same layouts as the int8 one.
void UnidirectionalSequenceLstmF32(const LstmF32Params& params, const LstmF32Weights& weights,
                                   const float* input, float* hidden_state, float* cell_state,
                                   float* output, float* scratch);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> lstm_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_LSTM_LSTM_H_
