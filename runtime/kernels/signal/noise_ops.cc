// SignalFilterBankSpectralSubtraction (stateful noise reduction) and SignalPCAN.
#include <cstring>

#include "core/interpreter_hooks.h"
#include "kernels/signal/signal.h"
#include "kernels/signal/signal_math.h"
#include "kernels/signal/signal_options.h"

namespace mote {

void SignalSpectralSubtractionU32(const SignalSpectralSubtractionParams& p, const uint32_t* input,
                                  uint32_t* output) {
  uint32_t* noise = p.noise_estimate;
  const int sub_bits = p.spectral_subtraction_bits;
  for (int32_t i = 0; i < p.num_channels; ++i) {
    const bool odd = (i & 1) != 0;
    const uint64_t smoothing = odd ? p.alternate_smoothing : p.smoothing;
    const uint64_t keep = odd ? p.alternate_one_minus_smoothing : p.one_minus_smoothing;
    // Low-pass filter the signal (scaled up by smoothing_bits) into the estimate.
    const uint32_t signal_up = input[i] << p.smoothing_bits;
    noise[i] = static_cast<uint32_t>((signal_up * smoothing + noise[i] * keep) >> sub_bits);
    uint32_t estimate = noise[i];
    if (estimate > signal_up) {
      estimate = signal_up;
      if (p.clamping) noise[i] = estimate;
    }
    const uint32_t floor =
        static_cast<uint32_t>((uint64_t{input[i]} * p.min_signal_remaining) >> sub_bits);
    const uint32_t subtracted = (signal_up - estimate) >> p.smoothing_bits;
    output[i] = subtracted > floor ? subtracted : floor;
  }
}

void SignalPcanU32(const SignalPcanParams& p, const uint32_t* input, const uint32_t* noise_estimate,
                   const int16_t* gain_lut, uint32_t* output) {
  for (int32_t i = 0; i < p.num_channels; ++i) {
    // The gain table's value is used as an unsigned 32-bit number, as in TFLM.
    const uint32_t gain =
        static_cast<uint32_t>(static_cast<int32_t>(signal::PcanGain(noise_estimate[i], gain_lut)));
    const uint32_t snr = static_cast<uint32_t>((uint64_t{input[i]} * gain) >> p.snr_shift);
    output[i] = signal::PcanShrink(snr);
  }
}

namespace {

using signal::CheckArity;
using signal::CheckType;

// ---- SignalFilterBankSpectralSubtraction: uint32 [C] -> (uint32 [C] output,
// uint32 [C] noise estimate) ----
void EvalSpectralSubtraction(const EvalContext& ctx) {
  const SignalSpectralSubtractionParams& p = ctx.op_data<SignalSpectralSubtractionParams>();
  SignalSpectralSubtractionU32(p, ctx.input<uint32_t>(0), ctx.output<uint32_t>(0));
  std::memcpy(ctx.output<uint32_t>(1), p.noise_estimate,
              sizeof(uint32_t) * static_cast<size_t>(p.num_channels));
}

Status PrepareSpectralSubtraction(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 1, 2));
  const char* const keys[] = {"alternate_one_minus_smoothing",
                              "alternate_smoothing",
                              "clamping",
                              "min_signal_remaining",
                              "num_channels",
                              "one_minus_smoothing",
                              "smoothing",
                              "smoothing_bits",
                              "spectral_subtraction_bits"};
  int32_t o[9] = {};
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, o, 9));
  const TensorView in = ctx.input(0), out = ctx.output(0), noise = ctx.output(1);
  MOTE_TRY(CheckType(in, DataType::kUInt32, "input"));
  MOTE_TRY(CheckType(out, DataType::kUInt32, "output"));
  MOTE_TRY(CheckType(noise, DataType::kUInt32, "noise estimate output"));
  const int32_t channels = o[4];
  if (channels <= 0 || in.num_elements() != static_cast<uint32_t>(channels) ||
      out.num_elements() != in.num_elements() || noise.num_elements() != in.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel,
                         "num_channels %d; input, output and noise estimate have %u, %u, %u "
                         "elements",
                         channels, in.num_elements(), out.num_elements(), noise.num_elements());
  }
  if (o[7] < 0 || o[7] > 31 || o[8] < 0 || o[8] > 63) {
    return Status::Error(StatusCode::kInvalidModel,
                         "smoothing_bits %d / spectral_subtraction_bits %d out of range", o[7],
                         o[8]);
  }
  MOTE_ASSIGN_OR_RETURN(SignalSpectralSubtractionParams * p,
                        ctx.AllocateOpData<SignalSpectralSubtractionParams>());
  p->alternate_one_minus_smoothing = static_cast<uint32_t>(o[0]);
  p->alternate_smoothing = static_cast<uint32_t>(o[1]);
  p->clamping = o[2] != 0;
  p->min_signal_remaining = static_cast<uint32_t>(o[3]);
  p->num_channels = channels;
  p->one_minus_smoothing = static_cast<uint32_t>(o[5]);
  p->smoothing = static_cast<uint32_t>(o[6]);
  p->smoothing_bits = o[7];
  p->spectral_subtraction_bits = o[8];
  const size_t bytes = sizeof(uint32_t) * static_cast<size_t>(channels);
  MOTE_ASSIGN_OR_RETURN(void* state, ctx.AllocatePersistent(bytes, alignof(uint32_t)));
  p->noise_estimate = static_cast<uint32_t*>(state);
  std::memset(p->noise_estimate, 0, bytes);
  ctx.set_eval(&EvalSpectralSubtraction);
  return Status::Ok();
}

// ---- SignalPCAN: (uint32 [C], noise estimate uint32 [C], gain lut int16) -> uint32 [C] ----
constexpr uint32_t kPcanLutEntries = 125;  // 3 coefficients + 1 pad per octave, 32 octaves

void EvalPcan(const EvalContext& ctx) {
  SignalPcanU32(ctx.op_data<SignalPcanParams>(), ctx.input<uint32_t>(0), ctx.input<uint32_t>(1),
                ctx.input<int16_t>(2), ctx.output<uint32_t>(0));
}

Status PreparePcan(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 3, 1));
  const char* const keys[] = {"snr_shift"};
  int32_t snr_shift = 0;
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, &snr_shift, 1));
  const TensorView in = ctx.input(0), noise = ctx.input(1), lut = ctx.input(2), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kUInt32, "input"));
  MOTE_TRY(CheckType(noise, DataType::kUInt32, "noise estimate"));
  MOTE_TRY(CheckType(lut, DataType::kInt16, "gain table"));
  MOTE_TRY(CheckType(out, DataType::kUInt32, "output"));
  if (in.num_elements() == 0 || noise.num_elements() != in.num_elements() ||
      out.num_elements() != in.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input, noise estimate and output have %u, %u, %u elements",
                         in.num_elements(), noise.num_elements(), out.num_elements());
  }
  if (lut.num_elements() < kPcanLutEntries || snr_shift < 0 || snr_shift > 63) {
    return Status::Error(StatusCode::kInvalidModel,
                         "gain table has %u entries (needs %u); snr_shift %d (0..63)",
                         lut.num_elements(), kPcanLutEntries, snr_shift);
  }
  MOTE_ASSIGN_OR_RETURN(SignalPcanParams * p, ctx.AllocateOpData<SignalPcanParams>());
  p->num_channels = static_cast<int32_t>(in.num_elements());
  p->snr_shift = snr_shift;
  ctx.set_eval(&EvalPcan);
  return Status::Ok();
}

constexpr OpKernel kSpectralSubtraction{BuiltinOp::kCustom, "SignalFilterBankSpectralSubtraction",
                                        &PrepareSpectralSubtraction};
constexpr OpKernel kPcan{BuiltinOp::kCustom, "SignalPCAN", &PreparePcan};

}  // namespace

namespace ops {
const OpKernel& SignalFilterBankSpectralSubtraction() { return kSpectralSubtraction; }
const OpKernel& SignalPcan() { return kPcan; }
}  // namespace ops

namespace signal {
int ResetState(const Interpreter& interpreter) {
  int n = 0;
  const OpKernel& kernel = ops::SignalFilterBankSpectralSubtraction();
  for (size_t o = 0; o < interpreter.num_ops(); ++o) {
    const OperatorView op = interpreter.subgraph().op(o);
    if (std::strcmp(op.custom_name(), kernel.custom_name) != 0) continue;
    const auto* p = static_cast<const SignalSpectralSubtractionParams*>(
        InterpreterHooks::op_data(interpreter, o));
    if (p == nullptr || p->noise_estimate == nullptr) continue;
    std::memset(p->noise_estimate, 0, sizeof(uint32_t) * static_cast<size_t>(p->num_channels));
    ++n;
  }
  return n;
}
}  // namespace signal

namespace ops {
Span<const OpKernel* const> signal_kernels() {
  static const OpKernel* const kList[] = {
      &SignalWindow(),       &SignalFftAutoScale(),         &SignalRfft(),         &SignalEnergy(),
      &SignalFilterBank(),   &SignalFilterBankSquareRoot(), &kSpectralSubtraction, &kPcan,
      &SignalFilterBankLog()};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
