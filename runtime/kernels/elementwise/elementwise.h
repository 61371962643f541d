// Element-wise ops with broadcasting: ADD, SUB, MUL, DIV, MINIMUM, MAXIMUM;
// comparisons and logical ops (comparison.cc); SELECT_V2 (select_v2.cc);
// SQUARED_DIFFERENCE and PRELU (float_binary.cc). Each op has plain params (a
// BroadcastShape plus its arithmetic constants) and pure reference functions
// per element type, bit-exact with TFLM's reference kernels.
#ifndef MOTE_KERNELS_ELEMENTWISE_ELEMENTWISE_H_
#define MOTE_KERNELS_ELEMENTWISE_ELEMENTWISE_H_

#include <cstdint>

#include "kernels/common/kernel_variant.h"
#include "kernels/elementwise/broadcast.h"
#include "mote/kernel.h"
#include "mote/ops.h"

namespace mote {

// Quantized ADD/SUB (int8: left_shift 20, int16: left_shift 15). Both inputs
// are rescaled to a common scale (2 * max input scale / 2^left_shift), summed
// and rescaled to the output; all multipliers are < 1 (shift <= 0).
struct QuantAddSubParams {
  BroadcastShape shape;
  int32_t input1_offset;  // -zero_point
  int32_t input2_offset;
  int32_t output_offset;  // +zero_point
  int32_t left_shift;
  int32_t input1_multiplier;
  int32_t input1_shift;
  int32_t input2_multiplier;
  int32_t input2_shift;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t activation_min;
  int32_t activation_max;
};

// Quantized MUL: (in1 - zp1) * (in2 - zp2) * multiplier * 2^shift + zp_out.
struct QuantMulParams {
  BroadcastShape shape;
  int32_t input1_offset;
  int32_t input2_offset;
  int32_t output_offset;
  int32_t output_multiplier;
  int32_t output_shift;
  int32_t activation_min;
  int32_t activation_max;
};

// Quantized DIV (int8) uses the same constants, with multiplier = scale1 /
// (scale2 * scale_out) and shift <= 23.
using QuantDivParams = QuantMulParams;

// Unquantized float / int32 ops: result clamped to [min, max].
struct FloatBinaryParams {
  BroadcastShape shape;
  float activation_min;
  float activation_max;
};
struct IntBinaryParams {
  BroadcastShape shape;
  int32_t activation_min;
  int32_t activation_max;
};

void AddS8(const QuantAddSubParams& p, const int8_t* in1, const int8_t* in2, int8_t* out);

// int8 ADD variants (kernels/common/kernel_variant.h): AddS8's pointers plus
// the variant's packed constants and scratch.
struct AddS8Args {
  const int8_t* input1;
  const int8_t* input2;
  int8_t* output;      // may be input1 or input2 (element-wise, no broadcast)
  const void* packed;  // AddS8Variant::pack's output, or null
  void* scratch;       // AddS8Variant::scratch_bytes bytes, or null
};
using AddS8Variant = KernelVariant<QuantAddSubParams, AddS8Args>;

// Every int8 ADD variant compiled into this build, most specialised first, the
// reference (add_s8__ref) last (add_variants.cc).
Span<const AddS8Variant* const> AddS8Variants();

// Variant functions, named as their AddS8Variant::name.
void add_s8__ref(const QuantAddSubParams& p, const AddS8Args& a);
// Armv7E-M DSP (add_s8__armv7em_dsp.cc), no broadcasting: each input's
// rescaling from a 256-entry table in the packed constants (2 KiB: for the
// AOT compiler's flash), or computed per element.
void add_s8_lut__armv7em_dsp(const QuantAddSubParams& p, const AddS8Args& a);
void add_s8__armv7em_dsp(const QuantAddSubParams& p, const AddS8Args& a);
extern const AddS8Variant kAddS8LutArmV7emDsp;
extern const AddS8Variant kAddS8ArmV7emDsp;
// x86-64 AVX2 (add_s8__x86_avx2.cc, x86-64 builds only), no broadcasting:
// 32 elements per iteration, each input's rescaling computed.
void add_s8__x86_avx2(const QuantAddSubParams& p, const AddS8Args& a);
extern const AddS8Variant kAddS8X86Avx2;

// int8 ADD's op data (int16 ADD and SUB keep a plain QuantAddSubParams).
struct AddS8OpData {
  QuantAddSubParams params;
  const AddS8Variant* s8 = nullptr;  // the chosen variant
  const void* packed = nullptr;      // its packed constants
  int32_t scratch_index = -1;        // its scratch
};
void AddS16(const QuantAddSubParams& p, const int16_t* in1, const int16_t* in2, int16_t* out);
void AddF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out);
void AddS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out);

void SubS8(const QuantAddSubParams& p, const int8_t* in1, const int8_t* in2, int8_t* out);
void SubS16(const QuantAddSubParams& p, const int16_t* in1, const int16_t* in2, int16_t* out);
void SubF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out);
void SubS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out);

void MulS8(const QuantMulParams& p, const int8_t* in1, const int8_t* in2, int8_t* out);
void MulS16(const QuantMulParams& p, const int16_t* in1, const int16_t* in2, int16_t* out);
void MulF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out);
void MulS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out);

void DivS8(const QuantDivParams& p, const int8_t* in1, const int8_t* in2, int8_t* out);
void DivF32(const FloatBinaryParams& p, const float* in1, const float* in2, float* out);
void DivS32(const IntBinaryParams& p, const int32_t* in1, const int32_t* in2, int32_t* out);

// MINIMUM / MAXIMUM compare raw values (inputs and output share quantization).
void MaximumF32(const BroadcastShape& s, const float* in1, const float* in2, float* out);
void MaximumS8(const BroadcastShape& s, const int8_t* in1, const int8_t* in2, int8_t* out);
void MaximumS16(const BroadcastShape& s, const int16_t* in1, const int16_t* in2, int16_t* out);
void MaximumS32(const BroadcastShape& s, const int32_t* in1, const int32_t* in2, int32_t* out);
void MaximumS64(const BroadcastShape& s, const int64_t* in1, const int64_t* in2, int64_t* out);
void MinimumF32(const BroadcastShape& s, const float* in1, const float* in2, float* out);
void MinimumS8(const BroadcastShape& s, const int8_t* in1, const int8_t* in2, int8_t* out);
void MinimumS16(const BroadcastShape& s, const int16_t* in1, const int16_t* in2, int16_t* out);
void MinimumS32(const BroadcastShape& s, const int32_t* in1, const int32_t* in2, int32_t* out);
void MinimumS64(const BroadcastShape& s, const int64_t* in1, const int64_t* in2, int64_t* out);

// SELECT_V2: out = condition ? x : y, all three broadcast to the output's
// dims (per-input element strides, 0 where broadcast); values are copied as
// `element_size`-byte units.
struct SelectParams {
  int32_t dims[kBroadcastRank];
  uint32_t cond_stride[kBroadcastRank];
  uint32_t x_stride[kBroadcastRank];
  uint32_t y_stride[kBroadcastRank];
  uint32_t size;         // output elements
  int32_t element_size;  // 1, 2, 4 or 8
};
void SelectV2(const SelectParams& p, const bool* condition, const void* x, const void* y,
              void* out);

// Comparisons (comparison.cc): bool output, `kind` picks the operator.
enum class ComparisonKind : int32_t {
  kEqual,
  kNotEqual,
  kGreater,
  kGreaterEqual,
  kLess,
  kLessEqual
};
struct ComparisonParams {
  BroadcastShape shape;
  ComparisonKind kind;
};
void CompareF32(const ComparisonParams& p, const float* in1, const float* in2, bool* out);
void CompareS32(const ComparisonParams& p, const int32_t* in1, const int32_t* in2, bool* out);
void CompareS64(const ComparisonParams& p, const int64_t* in1, const int64_t* in2, bool* out);
void CompareBool(const ComparisonParams& p, const bool* in1, const bool* in2,
                 bool* out);  // (NOT_)EQUAL
// LOGICAL_AND / LOGICAL_OR (broadcast) and LOGICAL_NOT (`size` elements).
void LogicalAnd(const BroadcastShape& s, const bool* in1, const bool* in2, bool* out);
void LogicalOr(const BroadcastShape& s, const bool* in1, const bool* in2, bool* out);
void LogicalNot(uint32_t size, const bool* in, bool* out);

// Float32 SQUARED_DIFFERENCE ((x - y)^2) and PRELU (x >= 0 ? x : x * alpha)
// (float_binary.cc).
void SquaredDifferenceF32(const BroadcastShape& s, const float* in1, const float* in2, float* out);
void PreluF32(const BroadcastShape& s, const float* x, const float* alpha, float* out);

namespace ops {
// Every kernel this folder registers (used by the all-ops registry).
Span<const OpKernel* const> elementwise_kernels();
}  // namespace ops

}  // namespace mote

#endif  // MOTE_KERNELS_ELEMENTWISE_ELEMENTWISE_H_
