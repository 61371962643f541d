// SignalFilterBank, SignalFilterBankSquareRoot, SignalFilterBankLog.
#include <cstring>

#include "kernels/signal/signal.h"
#include "kernels/signal/signal_math.h"
#include "kernels/signal/signal_options.h"

namespace mote {

void SignalFilterBankU32(const SignalFilterBankParams& p, const uint32_t* input, uint64_t* work,
                         uint64_t* output) {
  // Channel i collects weight * energy over its bins; the same bins' unweight
  // share goes to channel i + 1. work[0] is only a carrier for channel 0's
  // unweighted part and is dropped.
  uint64_t weighted = 0;
  uint64_t unweighted = 0;
  for (int32_t c = 0; c <= p.num_channels; ++c) {
    const int32_t f0 = p.channel_frequency_starts[c];
    const int32_t w0 = p.channel_weight_starts[c];
    for (int32_t j = 0; j < p.channel_widths[c]; ++j) {
      const uint64_t e = input[f0 + j];
      weighted += static_cast<uint64_t>(static_cast<int64_t>(p.weights[w0 + j])) * e;
      unweighted += static_cast<uint64_t>(static_cast<int64_t>(p.unweights[w0 + j])) * e;
    }
    work[c] = weighted;
    weighted = unweighted;
    unweighted = 0;
  }
  std::memcpy(output, work + 1, sizeof(uint64_t) * static_cast<size_t>(p.num_channels));
}

void SignalFilterBankSqrtU64(int32_t num_channels, const uint64_t* input, int32_t scale_bits,
                             uint32_t* output) {
  for (int32_t i = 0; i < num_channels; ++i) {
    const uint32_t root = signal::Sqrt64(input[i]);
    output[i] = (scale_bits >= 0 && scale_bits < 32) ? root >> scale_bits : 0;
  }
}

void SignalFilterBankLogU32(const SignalFilterBankLogParams& p, const uint32_t* input,
                            int16_t* output) {
  for (int32_t i = 0; i < p.num_channels; ++i) {
    const uint32_t scaled = input[i] << p.input_correction_bits;
    if (scaled > 1) {
      const uint32_t v = signal::Log32(scaled, static_cast<uint32_t>(p.output_scale));
      output[i] = static_cast<int16_t>(v < INT16_MAX ? v : INT16_MAX);
    } else {
      output[i] = 0;
    }
  }
}

namespace {

using signal::CheckArity;
using signal::CheckType;

// ---- SignalFilterBank: (energy uint32, weights, unweights, freq starts, weight
// starts, widths: int16 constants) -> uint64 [num_channels] ----
void EvalFilterBank(const EvalContext& ctx) {
  const SignalFilterBankParams& p = ctx.op_data<SignalFilterBankParams>();
  SignalFilterBankU32(p, ctx.input<uint32_t>(0),
                      static_cast<uint64_t*>(ctx.scratch(p.work_scratch)), ctx.output<uint64_t>(0));
}

const int16_t* ConstS16(const TensorView& t) {
  return reinterpret_cast<const int16_t*>(t.data().data());
}

Status PrepareFilterBank(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 6, 1));
  const char* const keys[] = {"num_channels"};
  int32_t channels = 0;
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, &channels, 1));
  const TensorView in = ctx.input(0), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kUInt32, "input"));
  MOTE_TRY(CheckType(out, DataType::kUInt64, "output"));
  if (channels <= 0 || out.num_elements() != static_cast<uint32_t>(channels)) {
    return Status::Error(StatusCode::kInvalidModel, "num_channels %d but output has %u elements",
                         channels, out.num_elements());
  }
  static const char* const kNames[] = {"",
                                       "weights",
                                       "unweights",
                                       "channel frequency starts",
                                       "channel weight starts",
                                       "channel widths"};
  for (size_t i = 1; i < 6; ++i) {
    const TensorView t = ctx.input(i);
    MOTE_TRY(CheckType(t, DataType::kInt16, kNames[i]));
    if (!t.is_constant()) {
      return Status::Error(StatusCode::kUnsupported, "%s must be a constant tensor", kNames[i]);
    }
    if (i >= 3 && t.num_elements() < static_cast<uint32_t>(channels) + 1) {
      return Status::Error(StatusCode::kInvalidModel, "%s has %u entries, needs %d", kNames[i],
                           t.num_elements(), channels + 1);
    }
  }
  MOTE_ASSIGN_OR_RETURN(SignalFilterBankParams * p, ctx.AllocateOpData<SignalFilterBankParams>());
  p->num_channels = channels;
  p->weights = ConstS16(ctx.input(1));
  p->unweights = ConstS16(ctx.input(2));
  p->channel_frequency_starts = ConstS16(ctx.input(3));
  p->channel_weight_starts = ConstS16(ctx.input(4));
  p->channel_widths = ConstS16(ctx.input(5));
  // Every channel's bins and weights must lie inside their tensors.
  const int32_t bins = static_cast<int32_t>(in.num_elements());
  const int32_t nw = static_cast<int32_t>(ctx.input(1).num_elements());
  const int32_t nu = static_cast<int32_t>(ctx.input(2).num_elements());
  for (int32_t c = 0; c <= channels; ++c) {
    const int32_t f = p->channel_frequency_starts[c];
    const int32_t w = p->channel_weight_starts[c];
    const int32_t n = p->channel_widths[c];
    if (f < 0 || w < 0 || n < 0 || f + n > bins || w + n > nw || w + n > nu) {
      return Status::Error(StatusCode::kInvalidModel,
                           "channel %d (start %d, weight start %d, width %d) is outside the %d "
                           "bins / %d weights",
                           c, f, w, n, bins, nw < nu ? nw : nu);
    }
  }
  MOTE_ASSIGN_OR_RETURN(p->work_scratch,
                        ctx.RequestScratch(sizeof(uint64_t) * (static_cast<size_t>(channels) + 1)));
  ctx.set_eval(&EvalFilterBank);
  return Status::Ok();
}

// ---- SignalFilterBankSquareRoot: (uint64 [C], scale bits int32) -> uint32 [C] ----
void EvalSquareRoot(const EvalContext& ctx) {
  SignalFilterBankSqrtU64(ctx.op_data<int32_t>(), ctx.input<uint64_t>(0), *ctx.input<int32_t>(1),
                          ctx.output<uint32_t>(0));
}

Status PrepareSquareRoot(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 2, 1));
  const TensorView in = ctx.input(0), bits = ctx.input(1), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kUInt64, "input"));
  MOTE_TRY(CheckType(bits, DataType::kInt32, "scale bits"));
  MOTE_TRY(CheckType(out, DataType::kUInt32, "output"));
  if (in.num_elements() != out.num_elements() || bits.num_elements() != 1) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input has %u elements, output %u, scale bits %u (expected 1)",
                         in.num_elements(), out.num_elements(), bits.num_elements());
  }
  MOTE_ASSIGN_OR_RETURN(int32_t * n, ctx.AllocateOpData<int32_t>());
  *n = static_cast<int32_t>(in.num_elements());
  ctx.set_eval(&EvalSquareRoot);
  return Status::Ok();
}

// ---- SignalFilterBankLog: uint32 [C] -> int16 [C], options {input_correction_bits,
// output_scale} ----
void EvalLog(const EvalContext& ctx) {
  SignalFilterBankLogU32(ctx.op_data<SignalFilterBankLogParams>(), ctx.input<uint32_t>(0),
                         ctx.output<int16_t>(0));
}

Status PrepareLog(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 1, 1));
  const char* const keys[] = {"input_correction_bits", "output_scale"};
  int32_t opt[2] = {};
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, opt, 2));
  const TensorView in = ctx.input(0), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kUInt32, "input"));
  MOTE_TRY(CheckType(out, DataType::kInt16, "output"));
  if (in.num_elements() != out.num_elements() || opt[0] < 0 || opt[0] > 31 || opt[1] < 0) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input %u / output %u elements, input_correction_bits %d, output_scale "
                         "%d are inconsistent",
                         in.num_elements(), out.num_elements(), opt[0], opt[1]);
  }
  MOTE_ASSIGN_OR_RETURN(SignalFilterBankLogParams * p,
                        ctx.AllocateOpData<SignalFilterBankLogParams>());
  p->num_channels = static_cast<int32_t>(in.num_elements());
  p->input_correction_bits = opt[0];
  p->output_scale = opt[1];
  ctx.set_eval(&EvalLog);
  return Status::Ok();
}

constexpr OpKernel kFilterBank{BuiltinOp::kCustom, "SignalFilterBank", &PrepareFilterBank};
constexpr OpKernel kSquareRoot{BuiltinOp::kCustom, "SignalFilterBankSquareRoot",
                               &PrepareSquareRoot};
constexpr OpKernel kLog{BuiltinOp::kCustom, "SignalFilterBankLog", &PrepareLog};

}  // namespace

namespace ops {
const OpKernel& SignalFilterBank() { return kFilterBank; }
const OpKernel& SignalFilterBankSquareRoot() { return kSquareRoot; }
const OpKernel& SignalFilterBankLog() { return kLog; }
}  // namespace ops

}  // namespace mote
