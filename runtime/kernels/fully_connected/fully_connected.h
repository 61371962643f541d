// FULLY_CONNECTED: output[b, u] = sum_d input[b, d] * weights[u, d] (+ bias[u]),
// with the arithmetic of TFLite's reference kernels (reference/fully_connected.h,
// reference/integer_ops/fully_connected.h):
//   float32 x float32 (+ float32 bias)
//   int8    x int8 per-tensor (+ int32 bias), or per-channel (one scale per unit)
//   int16   x int8 per-tensor (+ int64 bias), 64-bit accumulator
// Weights are [units, accum_depth]; every leading input dimension is a batch.
#ifndef MOTE_KERNELS_FULLY_CONNECTED_FULLY_CONNECTED_H_
#define MOTE_KERNELS_FULLY_CONNECTED_FULLY_CONNECTED_H_

#include <cstdint>

#include "kernels/common/kernel_variant.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

struct FullyConnectedParams {
  // Shapes (accum_depth, output_depth > 0; batches >= 0), validated by Prepare.
  int32_t batches;
  int32_t accum_depth;
  int32_t output_depth;  // units
  bool has_bias;
  // Quantized ops only.
  int32_t input_offset;   // -input zero point (0 for int16)
  int32_t filter_offset;  // -weights zero point (per-tensor weights only)
  int32_t output_offset;  // output zero point (0 for int16)
  int32_t multiplier;     // per-tensor Q31 multiplier
  int32_t shift;          // per-tensor shift, > 0 = left
  // Per-channel int8 only (else null): one multiplier/shift per unit.
  const int32_t* channel_multiplier;
  const int32_t* channel_shift;
  int32_t act_min, act_max;
  // Float ops only.
  float float_min, float_max;
};

// Reference kernels. `bias` may be null (no bias).
void FullyConnectedF32(const FullyConnectedParams& p, const float* input, const float* weights,
                       const float* bias, float* output);
void FullyConnectedS8(const FullyConnectedParams& p, const int8_t* input, const int8_t* weights,
                      const int32_t* bias, int8_t* output);
void FullyConnectedS16(const FullyConnectedParams& p, const int16_t* input, const int8_t* weights,
                       const int64_t* bias, int16_t* output);

// FullyConnectedS8 of one batch with its input given in slices (streaming,
// mote/kernel.h StreamDecl): acc[u] (zero at first) += unit u's products over
// input elements [first, first + count), given in `slice`; after the last
// slice FullyConnectedS8Finish writes the outputs. Byte-identical to
// FullyConnectedS8 in any slicing (the int32 sums wrap).
void FullyConnectedS8Accumulate(const FullyConnectedParams& p, const int8_t* weights,
                                const int8_t* slice, size_t first, size_t count, int32_t* acc);
void FullyConnectedS8Finish(const FullyConnectedParams& p, const int32_t* bias, const int32_t* acc,
                            int8_t* output);

// int8 variants (kernels/common/kernel_variant.h): FullyConnectedS8's
// pointers plus the variant's packed constants and scratch.
struct FullyConnectedS8Args {
  const int8_t* input;
  const int8_t* weights;
  const int32_t* bias;  // may be null
  int8_t* output;
  const void* packed;  // FullyConnectedS8Variant::pack's output, or null
  void* scratch;       // FullyConnectedS8Variant::scratch_bytes bytes, or null
};
using FullyConnectedS8Variant = KernelVariant<FullyConnectedParams, FullyConnectedS8Args>;

// Every int8 variant compiled into this build, most specialised first, the
// reference (fully_connected_s8__ref) last (fully_connected_variants.cc).
Span<const FullyConnectedS8Variant* const> FullyConnectedS8Variants();
// The same without the variants only the AOT compiler can use (weights
// re-laid-out ahead of time, too large for the arena): what the per-type
// registration (ops::...Int8()) picks from, so that firmware does not link them.
// Keep in sync with the list above (tests/unit/ops_test.cc checks it).
Span<const FullyConnectedS8Variant* const> FullyConnectedS8InterpreterVariants();

// Variant functions, named as their FullyConnectedS8Variant::name.
void fully_connected_s8__ref(const FullyConnectedParams& p, const FullyConnectedS8Args& a);
// Armv7E-M DSP (fully_connected_s8__armv7em_dsp.cc): int16-widened packed
// weights (ahead of time), and int8 weights in place.
void fully_connected_s8_w16__armv7em_dsp(const FullyConnectedParams& p,
                                         const FullyConnectedS8Args& a);
void fully_connected_s8__armv7em_dsp(const FullyConnectedParams& p, const FullyConnectedS8Args& a);
extern const FullyConnectedS8Variant kFullyConnectedS8W16ArmV7emDsp;
extern const FullyConnectedS8Variant kFullyConnectedS8ArmV7emDsp;
// Their scratch holds the input row widened to int16; a deeper row than this
// is widened in chunks of this many values when that at least halves the
// scratch (2 bytes per chunk value + 4 per unit instead of 2 per row value).
constexpr int32_t kFullyConnectedDspDepthChunk = 256;
// x86-64 AVX2 (fully_connected_s8__x86_avx2.cc, x86-64 builds only): accum_depth >= 8.
void fully_connected_s8__x86_avx2(const FullyConnectedParams& p, const FullyConnectedS8Args& a);
extern const FullyConnectedS8Variant kFullyConnectedS8X86Avx2;

// FULLY_CONNECTED's op data.
struct FullyConnectedOpData {
  FullyConnectedParams params;
  const FullyConnectedS8Variant* s8 = nullptr;  // int8: the chosen variant
  const void* packed = nullptr;                 // its packed constants
  int32_t scratch_index = -1;                   // its scratch
};

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> fully_connected_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_FULLY_CONNECTED_FULLY_CONNECTED_H_
