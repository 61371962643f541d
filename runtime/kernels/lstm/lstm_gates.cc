#include "kernels/lstm/lstm_gates.h"

#include <algorithm>

#include "kernels/common/quantization.h"

namespace mote {
namespace {

// sigmoid(i / 24) in unsigned 0.16 fixed point for i = 0..255 (the last entry
// saturates to 65535): the lookup table of TFLite's int16 LOGISTIC and TANH,
// which interpolate linearly between neighbouring entries.
constexpr uint16_t kSigmoidTable[256] = {
    32768, 33451, 34133, 34813, 35493, 36169, 36843, 37513, 38180, 38841, 39498, 40149, 40794,
    41432, 42064, 42688, 43304, 43912, 44511, 45102, 45683, 46255, 46817, 47369, 47911, 48443,
    48964, 49475, 49975, 50464, 50942, 51409, 51865, 52311, 52745, 53169, 53581, 53983, 54374,
    54755, 55125, 55485, 55834, 56174, 56503, 56823, 57133, 57433, 57724, 58007, 58280, 58544,
    58800, 59048, 59288, 59519, 59743, 59959, 60168, 60370, 60565, 60753, 60935, 61110, 61279,
    61441, 61599, 61750, 61896, 62036, 62172, 62302, 62428, 62549, 62666, 62778, 62886, 62990,
    63090, 63186, 63279, 63368, 63454, 63536, 63615, 63691, 63765, 63835, 63903, 63968, 64030,
    64090, 64148, 64204, 64257, 64308, 64357, 64405, 64450, 64494, 64536, 64576, 64614, 64652,
    64687, 64721, 64754, 64786, 64816, 64845, 64873, 64900, 64926, 64950, 64974, 64997, 65019,
    65039, 65060, 65079, 65097, 65115, 65132, 65149, 65164, 65179, 65194, 65208, 65221, 65234,
    65246, 65258, 65269, 65280, 65291, 65301, 65310, 65319, 65328, 65337, 65345, 65352, 65360,
    65367, 65374, 65381, 65387, 65393, 65399, 65404, 65410, 65415, 65420, 65425, 65429, 65433,
    65438, 65442, 65445, 65449, 65453, 65456, 65459, 65462, 65465, 65468, 65471, 65474, 65476,
    65479, 65481, 65483, 65485, 65488, 65489, 65491, 65493, 65495, 65497, 65498, 65500, 65501,
    65503, 65504, 65505, 65507, 65508, 65509, 65510, 65511, 65512, 65513, 65514, 65515, 65516,
    65517, 65517, 65518, 65519, 65520, 65520, 65521, 65522, 65522, 65523, 65523, 65524, 65524,
    65525, 65525, 65526, 65526, 65526, 65527, 65527, 65528, 65528, 65528, 65529, 65529, 65529,
    65529, 65530, 65530, 65530, 65530, 65531, 65531, 65531, 65531, 65531, 65532, 65532, 65532,
    65532, 65532, 65532, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65533, 65534, 65534,
    65534, 65534, 65534, 65534, 65534, 65534, 65534, 65534, 65535,
};

// x * multiplier with a rounding right shift (the lookup's input format).
inline int32_t ScaleActivationInput(const LstmActivationScale& scale, int16_t x) {
  const int32_t product = static_cast<int32_t>(x) * scale.multiplier;
  if (scale.right_shift == 0) return product;
  return (product + (int32_t{1} << (scale.right_shift - 1))) >> scale.right_shift;
}

inline uint32_t Magnitude(int32_t v) {
  return v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v);
}

}  // namespace

LstmActivationScale LstmTanhScaleFor(int32_t scale_power) {
  // The lookup reads Q3.12 times 3 (so its 256 entries reach |x| ~ 10.7); an input of
  // scale 2^p is moved to Q3.12 by a shift of p + 12 folded into the multiplier.
  const int32_t left_shift = scale_power + 12;
  if (left_shift < 0) return LstmActivationScale{3, -left_shift};
  return LstmActivationScale{3 << left_shift, 0};
}

void LstmSigmoidS16(const LstmActivationScale& scale, const int16_t* in, int16_t* out, int n) {
  for (int i = 0; i < n; ++i) {
    const int32_t v = ScaleActivationInput(scale, in[i]);
    const uint32_t magnitude = Magnitude(v);
    const uint32_t index = magnitude >> 9;  // 9 fraction bits between table entries
    uint32_t value;                         // sigmoid(|v|), 0.25 fixed point
    if (index >= 255) {
      value = uint32_t{0x7FFF} << 10;
    } else {
      const uint32_t lo = kSigmoidTable[index];
      const uint32_t hi = kSigmoidTable[index + 1];
      value = (lo << 9) + (magnitude & 0x1FF) * (hi - lo);
    }
    // sigmoid(-x) = 1 - sigmoid(x); round to Q0.15.
    value = v >= 0 ? value + (1u << 9) : (1u << 25) - value + (1u << 9) - 1;
    out[i] = static_cast<int16_t>(value >> 10);
  }
}

void LstmTanhS16(const LstmActivationScale& scale, const int16_t* in, int16_t* out, int n) {
  for (int i = 0; i < n; ++i) {
    const int32_t v = ScaleActivationInput(scale, in[i]);
    const uint32_t magnitude = Magnitude(v);
    const uint32_t index = magnitude >> 8;  // tanh(x) = 2 sigmoid(2x) - 1: one bit less
    int32_t value;
    if (index >= 255) {
      value = 0xFFFF << 8;
    } else {
      const uint32_t lo = kSigmoidTable[index];
      const uint32_t hi = kSigmoidTable[index + 1];
      value = static_cast<int32_t>((lo << 8) + (magnitude & 0xFF) * (hi - lo));
    }
    value = v >= 0 ? value - (1 << 23) + (1 << 7) : -value + (1 << 23) + (1 << 7) - 1;
    out[i] = static_cast<int16_t>(value >> 8);
  }
}

void LstmAddSaturateS16(const int16_t* a, const int16_t* b, int16_t* out, int n) {
  for (int i = 0; i < n; ++i) {
    const int32_t sum = static_cast<int32_t>(a[i]) + static_cast<int32_t>(b[i]);
    out[i] = static_cast<int16_t>(std::min<int32_t>(32767, std::max<int32_t>(-32768, sum)));
  }
}

namespace {
inline int32_t MulOne(const LstmMulParams& p, int16_t a, int16_t b) {
  const int32_t product = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int64_t scaled =
      int64_t{p.output_offset} + MultiplyByQuantizedMultiplier(product, p.multiplier, p.shift);
  return static_cast<int32_t>(
      std::min<int64_t>(p.output_max, std::max<int64_t>(p.output_min, scaled)));
}
}  // namespace

void LstmMulS16(const LstmMulParams& params, const int16_t* a, const int16_t* b, int16_t* out,
                int n) {
  for (int i = 0; i < n; ++i) out[i] = static_cast<int16_t>(MulOne(params, a[i], b[i]));
}

void LstmMulS16ToS8(const LstmMulParams& params, const int16_t* a, const int16_t* b, int8_t* out,
                    int n) {
  for (int i = 0; i < n; ++i) out[i] = static_cast<int8_t>(MulOne(params, a[i], b[i]));
}

void LstmFullyConnectedS8ToS16(const LstmFcParams& params, int rows, int in_size, int out_size,
                               const int8_t* in, const int8_t* weights, const int32_t* bias,
                               int16_t* out) {
  for (int r = 0; r < rows; ++r) {
    const int8_t* x = in + static_cast<size_t>(r) * static_cast<size_t>(in_size);
    for (int o = 0; o < out_size; ++o) {
      const int8_t* w = weights + static_cast<size_t>(o) * static_cast<size_t>(in_size);
      // 32-bit accumulation wrapping like the reference's int32 (no UB).
      uint32_t acc = 0;
      for (int d = 0; d < in_size; ++d) {
        const int32_t term = (static_cast<int32_t>(w[d]) + params.weights_offset) *
                             (static_cast<int32_t>(x[d]) + params.input_offset);
        acc += static_cast<uint32_t>(term);
      }
      if (bias != nullptr) acc += static_cast<uint32_t>(bias[o]);
      const int32_t scaled =
          MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc), params.multiplier, params.shift);
      out[static_cast<size_t>(r) * static_cast<size_t>(out_size) + static_cast<size_t>(o)] =
          static_cast<int16_t>(std::min<int32_t>(32767, std::max<int32_t>(-32768, scaled)));
    }
  }
}

}  // namespace mote
