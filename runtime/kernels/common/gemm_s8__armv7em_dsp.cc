// Activation blocks, output rows, and (off a DSP core) the microkernels of
// kernels/common/gemm_s8__armv7em_dsp.h in C++ over the dsp:: emulation: the
// same arithmetic as the assembly in gemm_s8_asm__armv7em_dsp.cc (the host
// tests run this; the on-target tests run the assembly).
#include "kernels/common/gemm_s8__armv7em_dsp.h"

namespace mote {
namespace dsp_gemm {
namespace {

int32_t Offset2(int32_t offset) { return dsp::Pkhbt(offset, offset); }
int32_t Pair(int32_t lo, int32_t hi) { return dsp::Pkhbt(lo, hi); }

}  // namespace

void FillX(const int8_t* src, int32_t n, int32_t offset, int32_t* block, int32_t rows, int32_t r,
           int32_t chunk) {
  const int32_t off2 = Offset2(offset);
  int32_t* dst = block + 2 * chunk * rows + r;
  const int32_t step = 2 * rows;
  int32_t full = n >> 2;
  for (; full > 0; --full) {
    const int32_t v = dsp::Load32(src);
    src += 4;
    dst[0] = dsp::Sxtab16(off2, v);
    dst[rows] = dsp::Sxtab16Ror8(off2, v);
    dst += step;
  }
  const int32_t rem = n & 3;
  if (rem != 0) {
    const int32_t x0 = src[0] + offset;
    const int32_t x1 = rem > 1 ? src[1] + offset : 0;
    const int32_t x2 = rem > 2 ? src[2] + offset : 0;
    dst[0] = Pair(x0, x2);
    dst[rows] = Pair(x1, 0);
  }
}

void ZeroX(int32_t n, int32_t* block, int32_t rows, int32_t r, int32_t chunk) {
  int32_t* dst = block + 2 * chunk * rows + r;
  for (int32_t j = (n + 3) >> 2; j > 0; --j) {
    dst[0] = 0;
    dst[rows] = 0;
    dst += 2 * rows;
  }
}

int32_t SumWithOffset(const int8_t* src, int32_t n, int32_t offset) {
  uint32_t sum = 0;
  for (int32_t i = 0; i < n; ++i) sum += static_cast<uint32_t>(src[i] + offset);
  return static_cast<int32_t>(sum);
}

void GemmRowW8(const int32_t* x, const int8_t* w, int32_t depth, int32_t n_out,
               const RequantChannel* table, const OutputStage& stage, int8_t* out) {
  if (stage.full_range) {
    GemmRow<false>(x, w, depth, n_out, TableRequant<true>{table, stage}, out);
  } else {
    GemmRow<false>(x, w, depth, n_out, TableRequant<false>{table, stage}, out);
  }
}

void GemmRowW16(const int32_t* x, const int32_t* w, int32_t depth, int32_t n_out,
                const RequantChannel* table, const OutputStage& stage, int8_t* out) {
  const auto* w8 = reinterpret_cast<const int8_t*>(w);
  if (stage.full_range) {
    GemmRow<true>(x, w8, depth, n_out, TableRequant<true>{table, stage}, out);
  } else {
    GemmRow<true>(x, w8, depth, n_out, TableRequant<false>{table, stage}, out);
  }
}

#if !MOTE_ARM_DSP_NATIVE  // (gemm_s8_asm__armv7em_dsp.cc otherwise)

void DotX5W8(const int32_t* x, const int8_t* w, int32_t chunks, int32_t acc[5]) {
  for (; chunks > 0; --chunks) {
    const int32_t wv = dsp::Load32Inc(w);
    const int32_t wa = dsp::Sxtb16(wv);
    const int32_t wb = dsp::Sxtb16Ror8(wv);
    for (int r = 0; r < 5; ++r) acc[r] = dsp::Smlad(wb, x[5 + r], dsp::Smlad(wa, x[r], acc[r]));
    x += 10;
  }
}

void ColumnsX5W8(const ColumnsX5* s) {
  const int8_t* w = s->w;
  for (int32_t n = 0; n < s->columns; ++n, w += s->w_stride) {
    const RequantChannel& c = s->table[n];
    int32_t acc[5] = {c.bias, c.bias, c.bias, c.bias, c.bias};
    DotX5W8(s->x, w, s->chunks, acc);
    for (int32_t r = 0; r < 5; ++r) {
      const int32_t v = RequantizeFast(acc[r], c);
      s->out[n + r * s->stride] = static_cast<int8_t>(dsp::Ssat<8>(v + s->out_offset));
    }
  }
}

void ColumnsX5W16(const ColumnsX5* s) {
  const auto* w = reinterpret_cast<const int32_t*>(s->w);
  for (int32_t n = 0; n < s->columns; ++n, w += s->w_stride / 4) {
    const RequantChannel& c = s->table[n];
    int32_t acc[5] = {c.bias, c.bias, c.bias, c.bias, c.bias};
    DotX5W16(s->x, w, s->chunks, acc);
    for (int32_t r = 0; r < 5; ++r) {
      const int32_t v = RequantizeFast(acc[r], c);
      s->out[n + r * s->stride] = static_cast<int8_t>(dsp::Ssat<8>(v + s->out_offset));
    }
  }
}

void DotX1RawW8x3(const int8_t* x, const int8_t* w, int32_t w_stride, int32_t chunks,
                  int32_t acc[3], int32_t off2) {
  const int8_t* rows[3] = {w, w + w_stride, w + 2 * w_stride};
  for (; chunks > 0; --chunks, x += 4) {
    const int32_t xv = dsp::Load32(x);
    const int32_t xa = dsp::Sxtab16(off2, xv);
    const int32_t xb = dsp::Sxtab16Ror8(off2, xv);
    for (int c = 0; c < 3; ++c) {
      const int32_t wv = dsp::Load32(rows[c]);
      rows[c] += 4;
      acc[c] = dsp::Smlad(dsp::Sxtb16Ror8(wv), xb, dsp::Smlad(dsp::Sxtb16(wv), xa, acc[c]));
    }
  }
}

void DotX1W8x4(const int32_t* x, const int8_t* w, int32_t w_stride, int32_t chunks,
               int32_t acc[4]) {
  const int8_t* rows[4] = {w, w + w_stride, w + 2 * w_stride, w + 3 * w_stride};
  for (; chunks > 0; --chunks) {
    const int32_t xa = x[0];
    const int32_t xb = x[1];
    x += 2;
    for (int c = 0; c < 4; ++c) {
      const int32_t wv = dsp::Load32Inc(rows[c]);
      acc[c] = dsp::Smlad(dsp::Sxtb16(wv), xa, acc[c]);
      acc[c] = dsp::Smlad(dsp::Sxtb16Ror8(wv), xb, acc[c]);
    }
  }
}

void DotX1W16Rows4(const int32_t* x, const int32_t* w, int32_t w_stride, int32_t chunks,
                   int32_t acc[4]) {
  for (int32_t c = 0; c < 4; ++c) {
    const int32_t* row = w + c * (w_stride / 4);
    for (int32_t j = 0; j < 2 * chunks; ++j) acc[c] = dsp::Smlad(row[j], x[j], acc[c]);
  }
}

void DotX1W16x4(const int32_t* x, const int32_t* w, int32_t words, int32_t acc[4]) {
  for (; words > 0; --words) {
    const int32_t xv = *x++;
    for (int c = 0; c < 4; ++c) acc[c] = dsp::Smlad(xv, w[c], acc[c]);
    w += 4;
  }
}

#endif  // !MOTE_ARM_DSP_NATIVE

}  // namespace dsp_gemm
}  // namespace mote
