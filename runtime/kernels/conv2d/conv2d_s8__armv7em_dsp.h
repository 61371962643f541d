// Shared parts of the Arm DSP CONV_2D variants (conv2d_s8__armv7em_dsp.cc):
// shapes, the per-channel table, and im2col into the 5-row int16 activation
// blocks of kernels/common/gemm_s8__armv7em_dsp.h.
#ifndef MOTE_KERNELS_CONV2D_CONV2D_S8__ARMV7EM_DSP_H_
#define MOTE_KERNELS_CONV2D_CONV2D_S8__ARMV7EM_DSP_H_

#include <cstddef>
#include <cstdint>

#include "kernels/common/gemm_s8__armv7em_dsp.h"
#include "kernels/conv2d/conv2d.h"

namespace mote {
namespace conv_dsp {

constexpr int32_t kRows = 5;  // output pixels per block (ColumnsX5W8 / ColumnsX5W16)

inline int32_t Depth(const ConvParams& p) { return p.filter_h * p.filter_w * p.filter_c; }

// groups == 1, and the input zero point (-input_offset) is an int8 value.
inline bool SupportsAny(const ConvParams& p) {
  return p.filter_c == p.input_c && p.input_offset >= -127 && p.input_offset <= 128;
}

// Bytes of the 5-row block, and the block in (any) scratch.
inline size_t BlockBytes(const ConvParams& p) {
  return static_cast<size_t>(kRows) * dsp_gemm::XRowWords(Depth(p)) * 4;
}
inline int32_t* AlignedBlock(void* scratch) {
  const uintptr_t v = reinterpret_cast<uintptr_t>(scratch);
  return reinterpret_cast<int32_t*>((v + 3) & ~uintptr_t{3});
}

// Packed constants start with a 16-byte header, then the per-channel
// requantization table (16 bytes per output channel).
struct PackedHeader {
  uint32_t all_fast;  // every channel takes the fast requantization (ColumnsX5*)
  uint32_t unused[3];
};
inline size_t TableBytes(const ConvParams& p) {
  return sizeof(PackedHeader) + sizeof(dsp_gemm::RequantChannel) * static_cast<size_t>(p.output_c);
}
inline const dsp_gemm::RequantChannel* Table(const void* packed) {
  return reinterpret_cast<const dsp_gemm::RequantChannel*>(
      static_cast<const PackedHeader*>(packed) + 1);
}
inline bool AllFast(const void* packed) {
  return static_cast<const PackedHeader*>(packed)->all_fast != 0;
}
inline void PackTable(const ConvParams& p, const int32_t* bias, void* packed) {
  // |x + input_offset| over int8 x, times |w| <= 128, over the depth.
  const int32_t lo = -128 + p.input_offset;
  const int32_t hi = 127 + p.input_offset;
  const int32_t max_input = lo < 0 && -lo > hi ? -lo : hi;
  const int64_t max_abs_sum = int64_t{Depth(p)} * 128 * max_input;
  auto* header = static_cast<PackedHeader*>(packed);
  auto* table = reinterpret_cast<dsp_gemm::RequantChannel*>(header + 1);
  header->all_fast = 1;
  header->unused[0] = header->unused[1] = header->unused[2] = 0;
  for (int32_t oc = 0; oc < p.output_c; ++oc) {
    table[oc] = dsp_gemm::MakeRequantChannel(bias != nullptr ? bias[oc] : 0, p.multiplier[oc],
                                             p.shift[oc], max_abs_sum);
    if (!table[oc].fast) header->all_fast = 0;
  }
}

// Output pixel `m` (over batch, row, column): its batch and top-left input tap.
struct PixelOrigin {
  int32_t batch, in_y, in_x;
};
inline PixelOrigin Origin(const ConvParams& p, int32_t m) {
  const int32_t ox = m % p.output_w;
  const int32_t t = m / p.output_w;
  return PixelOrigin{t / p.output_h, (t % p.output_h) * p.stride_h - p.pad_h,
                     ox * p.stride_w - p.pad_w};
}

// Copies / sets n bytes (small n) word by word.
inline void CopyBytes(int8_t* dst, const int8_t* src, int32_t n) {
  for (; n >= 4; n -= 4, src += 4, dst += 4) dsp::Store32(dst, dsp::Load32(src));
  for (; n > 0; --n) *dst++ = *src++;
}
inline void SetBytes(int8_t* dst, int8_t value, int32_t n) {
  const int32_t word = static_cast<int32_t>(0x01010101u * static_cast<uint8_t>(value));
  for (; n >= 4; n -= 4, dst += 4) dsp::Store32(dst, word);
  if (n > 0) dst[0] = value;  // (no loop: compilers would call memset)
  if (n > 1) dst[1] = value;
  if (n > 2) dst[2] = value;
}

// im2col of a 1x1 filter: the pixel's input channels (or zeros in padding).
struct PointwiseIm2col {
  const ConvParams& p;
  const int8_t* input;
  void operator()(int32_t m, int32_t* block, int32_t rows, int32_t r) const {
    const PixelOrigin o = Origin(p, m);
    if (o.in_y < 0 || o.in_y >= p.input_h || o.in_x < 0 || o.in_x >= p.input_w) {
      dsp_gemm::ZeroX(p.input_c, block, rows, r, 0);
      return;
    }
    const size_t pixel = static_cast<size_t>(o.batch * p.input_h + o.in_y) * p.input_w + o.in_x;
    dsp_gemm::FillX(input + pixel * p.input_c, p.input_c, p.input_offset, block, rows, r, 0);
  }
};

// im2col of any window. If a filter row is whole chunks (filter_w *
// filter_c % 4 == 0) each row is widened straight from the input when it lies
// inside the image (else gathered first); otherwise the window is gathered as
// int8 into `window` (Depth bytes), then widened. Padding is the zero point,
// which widens to 0, or zero chunks for whole rows outside.
class GeneralIm2col {
 public:
  GeneralIm2col(const ConvParams& p, const int8_t* input, int8_t* window)
      : p_(p),
        input_(input),
        window_(window),
        row_values_(p.filter_w * p.filter_c),
        row_bytes_(static_cast<size_t>(p.input_w) * p.input_c),
        off2_(dsp::Pkhbt(p.input_offset, p.input_offset)),
        zero_point_(static_cast<int8_t>(-p.input_offset)) {}

  void operator()(int32_t m, int32_t* block, int32_t rows, int32_t r) const {
    const PixelOrigin o = Origin(p_, m);
    const int8_t* batch = input_ + static_cast<size_t>(o.batch) * p_.input_h * row_bytes_;
    const bool inside = p_.dilation_w == 1 && o.in_x >= 0 && o.in_x + p_.filter_w <= p_.input_w;
    if (row_values_ % 4 != 0) {
      int8_t* dst = window_;
      if (inside && o.in_y >= 0 && o.in_y + (p_.filter_h - 1) * p_.dilation_h < p_.input_h) {
        // The whole window in the image: rows copied word by word, no checks.
        const int8_t* src = batch + o.in_y * row_bytes_ + static_cast<size_t>(o.in_x) * p_.filter_c;
        const size_t step = static_cast<size_t>(p_.dilation_h) * row_bytes_;
        const int32_t words = row_values_ >> 2;
        const int32_t rest = row_values_ & 3;
        for (int32_t fy = p_.filter_h; fy > 0; --fy, src += step) {
          const int8_t* s = src;
          for (int32_t i = words; i > 0; --i, s += 4, dst += 4) dsp::Store32(dst, dsp::Load32(s));
          dst[0] = s[0];
          if (rest > 1) dst[1] = s[1];
          if (rest > 2) dst[2] = s[2];
          dst += rest;
        }
        dsp_gemm::FillX(window_, Depth(p_), p_.input_offset, block, rows, r, 0);
        return;
      }
      for (int32_t fy = 0; fy < p_.filter_h; ++fy, dst += row_values_) {
        const int32_t y = o.in_y + fy * p_.dilation_h;
        if (y < 0 || y >= p_.input_h) {
          SetBytes(dst, zero_point_, row_values_);
        } else {
          GatherRow(o, inside, batch + y * row_bytes_, dst);
        }
      }
      dsp_gemm::FillX(window_, Depth(p_), p_.input_offset, block, rows, r, 0);
      return;
    }
    const int32_t row_chunks = row_values_ / 4;
    int32_t* dst = block + r;
    for (int32_t fy = 0; fy < p_.filter_h; ++fy, dst += 2 * rows * row_chunks) {
      const int32_t y = o.in_y + fy * p_.dilation_h;
      if (y < 0 || y >= p_.input_h) {
        dsp_gemm::ZeroXChunks(row_chunks, dst, rows);
        continue;
      }
      const int8_t* src_row = batch + y * row_bytes_;
      if (inside) {
        dsp_gemm::FillXChunks(src_row + static_cast<size_t>(o.in_x) * p_.filter_c, row_chunks,
                              off2_, dst, rows);
      } else {
        GatherRow(o, false, src_row, window_);
        dsp_gemm::FillXChunks(window_, row_chunks, off2_, dst, rows);
      }
    }
  }

 private:
  // One filter row of pixel `o`'s window from input row `src_row`, as int8.
  void GatherRow(const PixelOrigin& o, bool inside, const int8_t* src_row, int8_t* dst) const {
    const int32_t fc = p_.filter_c;
    if (inside) {
      CopyBytes(dst, src_row + static_cast<size_t>(o.in_x) * fc, row_values_);
      return;
    }
    for (int32_t fx = 0; fx < p_.filter_w; ++fx, dst += fc) {
      const int32_t x = o.in_x + fx * p_.dilation_w;
      if (x >= 0 && x < p_.input_w) {
        CopyBytes(dst, src_row + static_cast<size_t>(x) * fc, fc);
      } else {
        SetBytes(dst, zero_point_, fc);
      }
    }
  }

  const ConvParams& p_;
  const int8_t* input_;
  int8_t* window_;
  int32_t row_values_;
  size_t row_bytes_;
  int32_t off2_;
  int8_t zero_point_;
};

}  // namespace conv_dsp
}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_CONV2D_S8__ARMV7EM_DSP_H_
