// Quantization setup of the integer LSTM: the fixed-point multipliers TFLM
// derives from the tensors' scales (gate pre-activations in Q3.12, gate
// outputs in Q0.15, the cell state at a power-of-two scale).
#ifndef MOTE_KERNELS_LSTM_LSTM_QUANT_H_
#define MOTE_KERNELS_LSTM_LSTM_QUANT_H_

#include <cstdint>

#include "kernels/lstm/lstm.h"
#include "mote/status.h"

namespace mote {

// The scales and zero points that determine LstmS8Params' arithmetic.
struct LstmQuantSpec {
  float input_scale;
  int32_t input_zero_point;
  float hidden_scale;  // the output state (hidden state) tensor
  int32_t hidden_zero_point;
  float cell_scale;  // the cell state tensor (zero point 0)
  float input_weight_scale[kLstmNumGates];
  int32_t input_weight_zero_point[kLstmNumGates];
  float recurrent_weight_scale[kLstmNumGates];
  int32_t recurrent_weight_zero_point[kLstmNumGates];
  float cell_clip;  // 0: no clipping
};

// log2 of a power-of-two scale, with TFLite's tolerance (|fraction| < 1e-3);
// false if `scale` is not (close to) a power of two.
bool LstmCheckedLog2(float scale, int32_t* log2_result);

// Fills the quantization fields of `params` (fc, mul, cell scale/clip).
// kUnsupported if the cell state scale is not a power of two in 2^-30..2^2.
Status ComputeLstmS8Quantization(const LstmQuantSpec& spec, LstmS8Params* params);

}  // namespace mote

#endif  // MOTE_KERNELS_LSTM_LSTM_QUANT_H_
