#include "kernels/conv2d/conv2d_in_place.h"

#include <cstddef>

#include "kernels/common/banded.h"

namespace mote {
namespace {

size_t InputBatchElements(const ConvParams& p) {
  return static_cast<size_t>(p.input_h) * p.input_w * p.input_c;
}

// The reference kernels share one shape: (params, input, filter, bias, output).
template <typename In, typename Filter, typename Bias>
void RunReference(void (*kernel)(const ConvParams&, const In*, const Filter*, const Bias*, In*),
                  const ConvParams& p, const In* input, const Filter* filter, const Bias* bias,
                  In* output, int32_t band_rows, void* band) {
  const size_t batch = InputBatchElements(p);
  RunInBands(BandGeometryOf(p, sizeof(In)), band_rows, input, output, band,
             [&](int32_t b, int32_t first_row, int32_t rows, uint8_t* buffer) {
               kernel(BandParams(p, first_row, rows), input + b * batch, filter, bias,
                      reinterpret_cast<In*>(buffer));
             });
}

}  // namespace

void ConvS8InBands(ConvS8Fn kernel, const ConvParams& p, const ConvS8Args& a, int32_t band_rows,
                   void* band) {
  const size_t batch = InputBatchElements(p);
  RunInBands(BandGeometryOf(p, 1), band_rows, a.input, a.output, band,
             [&](int32_t b, int32_t first_row, int32_t rows, uint8_t* buffer) {
               ConvS8Args args = a;
               args.input = a.input + b * batch;
               args.output = reinterpret_cast<int8_t*>(buffer);
               kernel(BandParams(p, first_row, rows), args);
             });
}

void ConvS8Band(ConvS8Fn kernel, const ConvParams& p, const ConvS8Args& a, int32_t first_row,
                int32_t rows, void* band) {
  ConvS8Args args = a;
  args.output = static_cast<int8_t*>(band);
  kernel(BandParams(p, first_row, rows), args);
}

void ConvF32InBands(const ConvParams& p, const float* input, const float* filter, const float* bias,
                    float* output, int32_t band_rows, void* band) {
  RunReference(&ConvF32, p, input, filter, bias, output, band_rows, band);
}

void ConvS16InBands(const ConvParams& p, const int16_t* input, const int8_t* filter,
                    const int64_t* bias, int16_t* output, int32_t band_rows, void* band) {
  RunReference(&ConvS16, p, input, filter, bias, output, band_rows, band);
}

}  // namespace mote
