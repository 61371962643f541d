// Reference DEPTHWISE_CONV_2D loops, in TFLite's order (filter row, filter
// column; bias last), so float results match.
#include <algorithm>
#include <cstdint>

#include "kernels/common/quantization.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {
namespace {

// Runs `finish(window_sum, output_channel)` for every output element, where the
// window sum adds `mac(input, filter)` over the in-image taps.
template <typename Acc, typename In, typename Filter, typename Out, typename Mac, typename Finish>
void DepthwiseLoops(const DepthwiseParams& p, const In* input, const Filter* filter, Out* output,
                    Mac mac, Finish finish) {
  const int input_batch_size = p.input_h * p.input_w * p.input_c;
  for (int b = 0; b < p.batches; ++b) {
    const In* input_batch = input + b * input_batch_size;
    for (int oy = 0; oy < p.output_h; ++oy) {
      const int in_y0 = oy * p.stride_h - p.pad_h;
      for (int ox = 0; ox < p.output_w; ++ox) {
        const int in_x0 = ox * p.stride_w - p.pad_w;
        for (int ic = 0; ic < p.input_c; ++ic) {
          for (int m = 0; m < p.depth_multiplier; ++m) {
            const int oc = ic * p.depth_multiplier + m;
            Acc acc = 0;
            for (int fy = 0; fy < p.filter_h; ++fy) {
              const int in_y = in_y0 + p.dilation_h * fy;
              if (in_y < 0 || in_y >= p.input_h) continue;
              for (int fx = 0; fx < p.filter_w; ++fx) {
                const int in_x = in_x0 + p.dilation_w * fx;
                if (in_x < 0 || in_x >= p.input_w) continue;
                acc += mac(input_batch[(in_y * p.input_w + in_x) * p.input_c + ic],
                           filter[(fy * p.filter_w + fx) * p.output_c + oc]);
              }
            }
            *output++ = finish(acc, oc);
          }
        }
      }
    }
  }
}

}  // namespace

void DepthwiseConvF32(const DepthwiseParams& p, const float* input, const float* filter,
                      const float* bias, float* output) {
  DepthwiseLoops<float>(
      p, input, filter, output, [](float in, float f) { return in * f; },
      [&](float total, int oc) {
        const float bias_value = bias != nullptr ? bias[oc] : 0.0f;
        return std::min(std::max(total + bias_value, p.float_min), p.float_max);
      });
}

void DepthwiseConvS8(const DepthwiseParams& p, const int8_t* input, const int8_t* filter,
                     const int32_t* bias, int8_t* output) {
  // uint32 arithmetic gives the reference's int32 wraparound without UB.
  const int32_t input_offset = p.input_offset;
  DepthwiseLoops<uint32_t>(
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

void DepthwiseConvS16(const DepthwiseParams& p, const int16_t* input, const int8_t* filter,
                      const int64_t* bias, int16_t* output) {
  DepthwiseLoops<int64_t>(
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
