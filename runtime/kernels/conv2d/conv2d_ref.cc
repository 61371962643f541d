// Reference CONV_2D loops. The order of accumulation (filter row, filter
// column, input channel; bias last) is TFLite's, so float results match.
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/conv2d/conv2d.h"

namespace mote {
namespace {

// Sums f(input, filter) over the window of one output element; `Acc` is the
// accumulator type and `mac` turns one input/filter pair into an addend.
template <typename Acc, typename In, typename Filter, typename Mac>
inline Acc Window(const ConvParams& p, const In* input_batch, const Filter* filter_oc, int in_y0,
                  int in_x0, int channel_offset, Mac mac) {
  Acc acc = 0;
  for (int fy = 0; fy < p.filter_h; ++fy) {
    const int in_y = in_y0 + p.dilation_h * fy;
    if (in_y < 0 || in_y >= p.input_h) continue;
    for (int fx = 0; fx < p.filter_w; ++fx) {
      const int in_x = in_x0 + p.dilation_w * fx;
      if (in_x < 0 || in_x >= p.input_w) continue;
      const In* in = input_batch + (in_y * p.input_w + in_x) * p.input_c + channel_offset;
      const Filter* f = filter_oc + (fy * p.filter_w + fx) * p.filter_c;
      for (int c = 0; c < p.filter_c; ++c) acc += mac(in[c], f[c]);
    }
  }
  return acc;
}

// Runs `out_fn(acc_of_window, output_channel)` for every output element.
template <typename Acc, typename In, typename Filter, typename Out, typename Mac, typename Finish>
void ConvLoops(const ConvParams& p, const In* input, const Filter* filter, Out* output, Mac mac,
               Finish finish) {
  const int input_batch_size = p.input_h * p.input_w * p.input_c;
  const int filter_size = p.filter_h * p.filter_w * p.filter_c;
  for (int b = 0; b < p.batches; ++b) {
    const In* input_batch = input + b * input_batch_size;
    for (int oy = 0; oy < p.output_h; ++oy) {
      const int in_y0 = oy * p.stride_h - p.pad_h;
      for (int ox = 0; ox < p.output_w; ++ox) {
        const int in_x0 = ox * p.stride_w - p.pad_w;
        for (int oc = 0; oc < p.output_c; ++oc) {
          const int group = oc / p.filters_per_group;
          const Acc acc = Window<Acc>(p, input_batch, filter + oc * filter_size, in_y0, in_x0,
                                      group * p.filter_c, mac);
          *output++ = finish(acc, oc);
        }
      }
    }
  }
}

}  // namespace

void ConvF32(const ConvParams& p, const float* input, const float* filter, const float* bias,
             float* output) {
  ConvLoops<float>(
      p, input, filter, output, [](float in, float f) { return in * f; },
      [&](float total, int oc) {
        const float bias_value = bias != nullptr ? bias[oc] : 0.0f;
        return std::min(std::max(total + bias_value, p.float_min), p.float_max);
      });
}

void ConvS8(const ConvParams& p, const int8_t* input, const int8_t* filter, const int32_t* bias,
            int8_t* output) {
  // uint32 arithmetic gives the reference's int32 wraparound without UB.
  const int32_t input_offset = p.input_offset;
  ConvLoops<uint32_t>(
      p, input, filter, output,
      [input_offset](int8_t in, int8_t f) {
        return static_cast<uint32_t>(static_cast<int32_t>(f) * (in + input_offset));
      },
      [&](uint32_t acc, int oc) {
        if (bias != nullptr) acc += static_cast<uint32_t>(bias[oc]);
        const int32_t scaled =
            MultiplyByQuantizedMultiplier(static_cast<int32_t>(acc), p.multiplier[oc], p.shift[oc]);
        int32_t v = static_cast<int32_t>(static_cast<uint32_t>(scaled) +
                                         static_cast<uint32_t>(p.output_offset));
        v = std::min(std::max(v, p.act_min), p.act_max);
        return static_cast<int8_t>(v);
      });
}

void ConvS16(const ConvParams& p, const int16_t* input, const int8_t* filter, const int64_t* bias,
             int16_t* output) {
  ConvLoops<int64_t>(
      p, input, filter, output,
      [](int16_t in, int8_t f) { return static_cast<int64_t>(static_cast<int32_t>(f) * in); },
      [&](int64_t acc, int oc) {
        if (bias != nullptr) acc += bias[oc];
        int32_t v = MultiplyByQuantizedMultiplier(acc, p.multiplier[oc], p.shift[oc]);
        v = std::min(std::max(v, p.act_min), p.act_max);
        return static_cast<int16_t>(v);
      });
}

}  // namespace mote
