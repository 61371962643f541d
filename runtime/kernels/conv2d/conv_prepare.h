// Prepare-time helpers shared by CONV_2D and DEPTHWISE_CONV_2D (header-only so
// the depthwise folder can use them without linking this one): per-channel
// output multipliers as TFLite's PopulateConvolutionQuantizationParams computes
// them, shape/bias checks, and the int16 accumulator range check.
#ifndef MOTE_KERNELS_CONV2D_CONV_PREPARE_H_
#define MOTE_KERNELS_CONV2D_CONV_PREPARE_H_

#include <cmath>
#include <cstdint>
#include <cstring>

#include "kernels/common/quantization.h"
#include "mote/kernel.h"

namespace mote {

// Checks that `t` is 4-D with every dimension > 0.
inline Status CheckRank4Positive(const TensorView& t, const char* what) {
  if (t.rank() != 4) {
    return Status::Error(StatusCode::kInvalidModel, "%s must have rank 4 (has %d)", what, t.rank());
  }
  for (int i = 0; i < 4; ++i) {
    if (t.dim(i) <= 0) {
      return Status::Error(StatusCode::kInvalidModel, "%s dimension %d is %d", what, i,
                           static_cast<int>(t.dim(i)));
    }
  }
  return Status::Ok();
}

// Quantization of one conv-like op, ready for the reference kernels.
struct ConvQuant {
  const int32_t* multiplier = nullptr;  // per output channel, Q31
  const int32_t* shift = nullptr;       // per output channel, > 0 = left
  int32_t input_offset = 0;             // -input zero point
  int32_t output_offset = 0;            // output zero point
  ActivationRange act{0, 0};
};

// Validates input/filter/output quantization and computes per-channel
// multipliers into temporary memory: the op's Prepare ends with
// KeepConvQuant, which keeps them or, when no kernel reads them, drops them. The filter must be
// quantized per tensor or with `channels` scales (one per output channel, whatever its
// quantized_dimension field says: TFLM reads the scales by count), with all zero points 0 (the
// reference kernels ignore filter zero points; one zero point may stand for all channels). int16
// activations need zero points of 0 and multipliers the 64-bit requantization supports.
inline Status PrepareConvQuant(PrepareContext& ctx, const TensorView& input,
                               const TensorView& filter, const TensorView& output, int32_t channels,
                               FusedActivation activation, ConvQuant* quant) {
  const QuantizationView iq = input.quantization();
  const QuantizationView oq = output.quantization();
  if (iq.per_channel() || oq.per_channel()) {
    return Status::Error(StatusCode::kUnsupported,
                         "per-channel quantized activations are not supported");
  }
  MOTE_ASSIGN_OR_RETURN(const TensorQuant in_q, PerTensorQuant(input, "input"));
  MOTE_ASSIGN_OR_RETURN(const TensorQuant out_q, PerTensorQuant(output, "output"));
  if (input.type() == DataType::kInt16 && (in_q.zero_point != 0 || out_q.zero_point != 0)) {
    return Status::Error(StatusCode::kUnsupported,
                         "int16 activations need zero points of 0 (input %d, output %d)",
                         static_cast<int>(in_q.zero_point), static_cast<int>(out_q.zero_point));
  }
  const QuantizationView fq = filter.quantization();
  const size_t n = fq.scale.size();
  if (n == 0) {
    return Status::Error(StatusCode::kInvalidModel, "filter tensor has no quantization scale");
  }
  if (n != 1 && n != static_cast<size_t>(channels)) {
    return Status::Error(StatusCode::kInvalidModel,
                         "filter has %zu scales; expected 1 or %d (one per output channel)", n,
                         static_cast<int>(channels));
  }
  for (size_t i = 0; i < fq.zero_point.size(); ++i) {
    if (fq.zero_point[i] != 0) {
      return Status::Error(StatusCode::kUnsupported,
                           "filter zero point %lld (channel %zu) is not 0",
                           static_cast<long long>(fq.zero_point[i]), i);
    }
  }
  MOTE_ASSIGN_OR_RETURN(
      void* mem,
      ctx.AllocateTemporary(2 * static_cast<size_t>(channels) * sizeof(int32_t), alignof(int32_t)));
  int32_t* multiplier = static_cast<int32_t*>(mem);
  int32_t* shift = multiplier + channels;
  for (int32_t c = 0; c < channels; ++c) {
    const float filter_scale = fq.scale[n == 1 ? 0 : static_cast<size_t>(c)];
    // A zero scale (an all-zero channel) gives multiplier 0, as in TFLM.
    if (!(filter_scale >= 0.0f) || !std::isfinite(filter_scale)) {
      return Status::Error(StatusCode::kInvalidModel, "filter scale %g (channel %d) is not >= 0",
                           static_cast<double>(filter_scale), static_cast<int>(c));
    }
    const double effective = static_cast<double>(in_q.scale) * static_cast<double>(filter_scale) /
                             static_cast<double>(out_q.scale);
    int s = 0;
    QuantizeMultiplier(effective, &multiplier[c], &s);
    // The 64-bit requantization of int16 ops shifts right by 15 - shift bits.
    if (input.type() == DataType::kInt16 && s > 14) {
      return Status::Error(StatusCode::kUnsupported,
                           "output multiplier %g (channel %d) is too large for int16", effective,
                           static_cast<int>(c));
    }
    shift[c] = s;
  }
  MOTE_ASSIGN_OR_RETURN(
      const ActivationRange act,
      QuantizedActivationRange(activation, output.type(), out_q.scale, out_q.zero_point));
  if (act.min > act.max) {
    return Status::Error(StatusCode::kInvalidModel, "empty activation range [%d, %d]",
                         static_cast<int>(act.min), static_cast<int>(act.max));
  }
  quant->multiplier = multiplier;
  quant->shift = shift;
  quant->input_offset = -in_q.zero_point;
  quant->output_offset = out_q.zero_point;
  quant->act = act;
  return Status::Ok();
}

// The last step of a conv-like Prepare that called PrepareConvQuant: copies
// the per-channel multipliers and shifts into persistent memory, unless
// `packed_has_them` (the chosen int8 variant reads them only from its packed
// constants: KernelVariant::requant_only_packed) and this Prepare is not for
// the AOT compiler (which emits the arrays); then they are dropped (nullptr),
// 8 bytes per output channel less in the interpreter's arena.
inline Status KeepConvQuant(PrepareContext& ctx, int32_t channels, bool packed_has_them,
                            const int32_t** multiplier, const int32_t** shift) {
  if (packed_has_them && !ctx.ahead_of_time()) {
    *multiplier = nullptr;
    *shift = nullptr;
    return Status::Ok();
  }
  const size_t n = static_cast<size_t>(channels);
  MOTE_ASSIGN_OR_RETURN(void* mem,
                        ctx.AllocatePersistent(2 * n * sizeof(int32_t), alignof(int32_t)));
  int32_t* kept = static_cast<int32_t*>(mem);
  std::memcpy(kept, *multiplier, n * sizeof(int32_t));
  std::memcpy(kept + n, *shift, n * sizeof(int32_t));
  *multiplier = kept;
  *shift = kept + n;
  return Status::Ok();
}

// Checks the optional bias (input 2): element type `type` and one value per
// output channel. Sets *has_bias.
inline Status CheckConvBias(const PrepareContext& ctx, DataType type, int32_t channels,
                            bool* has_bias) {
  *has_bias = ctx.has_input(2);
  if (!*has_bias) return Status::Ok();
  const TensorView bias = ctx.input(2);
  if (bias.type() != type) {
    return Status::Error(StatusCode::kUnsupported, "bias type %s is not supported (expected %s)",
                         DataTypeName(bias.type()), DataTypeName(type));
  }
  if (bias.num_elements() != static_cast<uint32_t>(channels)) {
    return Status::Error(StatusCode::kInvalidModel,
                         "bias has %u elements but there are %d output channels",
                         bias.num_elements(), static_cast<int>(channels));
  }
  return Status::Ok();
}

// int16 x int8 ops accumulate in 64 bits and requantize with a multiply that
// needs |accumulator| < 2^47. Checks that `taps` products (each at most
// 2^22 in magnitude) plus any constant int64 bias stay in that range.
inline Status CheckS16AccumulatorRange(const PrepareContext& ctx, bool has_bias, int64_t taps) {
  const int64_t limit = int64_t{1} << 47;
  int64_t max_bias = 0;
  if (has_bias) {
    const TensorView bias = ctx.input(2);
    if (!bias.is_constant()) {
      return Status::Error(StatusCode::kUnsupported, "int16 ops need a constant bias");
    }
    const uint8_t* data = bias.data().data();
    for (uint32_t i = 0; i < bias.num_elements(); ++i) {
      int64_t b;
      std::memcpy(&b, data + i * sizeof(int64_t), sizeof(b));
      if (b <= -limit || b >= limit) {
        return Status::Error(StatusCode::kUnsupported, "bias value %lld is out of range",
                             static_cast<long long>(b));
      }
      max_bias = std::max(max_bias, b < 0 ? -b : b);
    }
  }
  if (taps * (int64_t{1} << 22) + max_bias >= limit) {
    return Status::Error(StatusCode::kUnsupported, "accumulator over %lld taps could overflow",
                         static_cast<long long>(taps));
  }
  return Status::Ok();
}

}  // namespace mote

#endif  // MOTE_KERNELS_CONV2D_CONV_PREPARE_H_
