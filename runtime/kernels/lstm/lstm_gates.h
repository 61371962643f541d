// Element-wise and matrix pieces of the integer LSTM step, each with the exact
// rounding and saturation of TFLM's reference ops (integer FULLY_CONNECTED,
// int16 LOGISTIC/TANH lookup, int16 MUL, saturating int16 add).
#ifndef MOTE_KERNELS_LSTM_LSTM_GATES_H_
#define MOTE_KERNELS_LSTM_LSTM_GATES_H_

#include <cstdint>

#include "kernels/lstm/lstm.h"

namespace mote {

// How an int16 activation input is brought to the lookup's fixed-point
// format: x * multiplier, then a rounding right shift.
struct LstmActivationScale {
  int32_t multiplier;
  int right_shift;
};

// Scale for the int16 sigmoid/tanh of a Q3.12 input (the gate pre-activations).
constexpr LstmActivationScale kLstmQ312Scale{3, 0};

// Scale for tanh of an int16 input whose scale is 2^scale_power (the cell
// state). Valid for -30 <= scale_power <= 2 (checked by Prepare).
LstmActivationScale LstmTanhScaleFor(int32_t scale_power);

// out[i] = sigmoid(in[i]), Q0.15 output; `in` may equal `out`.
void LstmSigmoidS16(const LstmActivationScale& scale, const int16_t* in, int16_t* out, int n);
// out[i] = tanh(in[i]), Q0.15 output; `in` may equal `out`.
void LstmTanhS16(const LstmActivationScale& scale, const int16_t* in, int16_t* out, int n);

// out[i] = saturate_int16(a[i] + b[i]); `out` may alias either input.
void LstmAddSaturateS16(const int16_t* a, const int16_t* b, int16_t* out, int n);

// out[i] = clamp(offset + rescale(a[i] * b[i])); `out` may alias an input.
void LstmMulS16(const LstmMulParams& params, const int16_t* a, const int16_t* b, int16_t* out,
                int n);
void LstmMulS16ToS8(const LstmMulParams& params, const int16_t* a, const int16_t* b, int8_t* out,
                    int n);

// out[r][o] = clamp_int16(rescale(sum_d (w[o][d] + w_off) * (in[r][d] + in_off) + bias[o]))
// for rows r < rows, o < out_size, d < in_size. `bias` may be null.
void LstmFullyConnectedS8ToS16(const LstmFcParams& params, int rows, int in_size, int out_size,
                               const int8_t* in, const int8_t* weights, const int32_t* bias,
                               int16_t* out);

}  // namespace mote

#endif  // MOTE_KERNELS_LSTM_LSTM_GATES_H_
