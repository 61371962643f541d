// SignalWindow, SignalFftAutoScale, SignalRfft, SignalEnergy.
#include <cstring>

#include "kernels/signal/signal.h"
#include "kernels/signal/signal_math.h"
#include "kernels/signal/signal_options.h"

namespace mote {

void SignalWindowS16(const SignalWindowParams& p, const int16_t* input, const int16_t* window,
                     int16_t* output) {
  for (int32_t base = 0; base < p.size; base += p.window_size) {
    for (int32_t i = 0; i < p.window_size; ++i) {
      int32_t v = (int32_t{input[base + i]} * window[i]) >> p.shift;
      if (v < INT16_MIN) v = INT16_MIN;
      if (v > INT16_MAX) v = INT16_MAX;
      output[base + i] = static_cast<int16_t>(v);
    }
  }
}

int32_t SignalFftAutoScaleS16(int32_t size, const int16_t* input, int16_t* output) {
  const int16_t max = signal::MaxAbs16(input, size);
  int32_t bits =
      16 -
      static_cast<int32_t>(signal::BitLength32(static_cast<uint32_t>(static_cast<int32_t>(max)))) -
      1;
  if (bits < 0) bits = 0;
  for (int32_t i = 0; i < size; ++i) output[i] = static_cast<int16_t>(input[i] * (1 << bits));
  return bits;
}

void SignalEnergyS16(const SignalEnergyParams& p, const int16_t* spectrum, uint32_t* output) {
  for (int32_t i = 0; i < p.num_bins; ++i) {
    if (i < p.start_index || i >= p.end_index) {
      output[i] = 0;
      continue;
    }
    const int32_t re = spectrum[2 * i];
    const int32_t im = spectrum[2 * i + 1];
    output[i] = static_cast<uint32_t>(re * re) + static_cast<uint32_t>(im * im);
  }
}

namespace {

using signal::CheckArity;
using signal::CheckType;

// ---- SignalWindow: inputs (frame int16, window int16[W]), options {shift} ----
void EvalWindow(const EvalContext& ctx) {
  SignalWindowS16(ctx.op_data<SignalWindowParams>(), ctx.input<int16_t>(0), ctx.input<int16_t>(1),
                  ctx.output<int16_t>(0));
}

Status PrepareWindow(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 2, 1));
  const char* const keys[] = {"shift"};
  int32_t shift = 0;
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, &shift, 1));
  const TensorView in = ctx.input(0), w = ctx.input(1), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kInt16, "input"));
  MOTE_TRY(CheckType(w, DataType::kInt16, "window"));
  MOTE_TRY(CheckType(out, DataType::kInt16, "output"));
  if (shift < 0 || shift > 31) {
    return Status::Error(StatusCode::kInvalidModel, "shift %d is outside 0..31", shift);
  }
  if (w.rank() != 1 || w.num_elements() == 0 || in.rank() < 1 ||
      in.num_elements() % w.num_elements() != 0 || out.num_elements() != in.num_elements()) {
    return Status::Error(StatusCode::kInvalidModel,
                         "window has %u elements; input %u and output %u must be multiples",
                         w.num_elements(), in.num_elements(), out.num_elements());
  }
  MOTE_ASSIGN_OR_RETURN(SignalWindowParams * p, ctx.AllocateOpData<SignalWindowParams>());
  p->shift = shift;
  p->size = static_cast<int32_t>(in.num_elements());
  p->window_size = static_cast<int32_t>(w.num_elements());
  ctx.set_eval(&EvalWindow);
  return Status::Ok();
}

// ---- SignalFftAutoScale: input int16[N] -> (output int16[N], scale_bits int32) ----
void EvalFftAutoScale(const EvalContext& ctx) {
  const int32_t size = ctx.op_data<int32_t>();
  *ctx.output<int32_t>(1) =
      SignalFftAutoScaleS16(size, ctx.input<int16_t>(0), ctx.output<int16_t>(0));
}

Status PrepareFftAutoScale(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 1, 2));
  const TensorView in = ctx.input(0), out = ctx.output(0), bits = ctx.output(1);
  MOTE_TRY(CheckType(in, DataType::kInt16, "input"));
  MOTE_TRY(CheckType(out, DataType::kInt16, "output"));
  MOTE_TRY(CheckType(bits, DataType::kInt32, "scale bits output"));
  if (in.num_elements() != out.num_elements() || bits.num_elements() != 1) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input has %u elements, output %u, scale bits %u (expected 1)",
                         in.num_elements(), out.num_elements(), bits.num_elements());
  }
  MOTE_ASSIGN_OR_RETURN(int32_t * size, ctx.AllocateOpData<int32_t>());
  *size = static_cast<int32_t>(in.num_elements());
  ctx.set_eval(&EvalFftAutoScale);
  return Status::Ok();
}

// ---- SignalRfft: int16 frames [..., L] -> int16 [..., fft_length + 2] ----
void EvalRfft(const EvalContext& ctx) {
  const SignalRfftParams& p = ctx.op_data<SignalRfftParams>();
  auto* packed = static_cast<signal::Complex16*>(ctx.scratch(p.work_scratch));
  auto* work = static_cast<signal::Complex16*>(ctx.scratch(p.fft_scratch));
  const int16_t* in = ctx.input<int16_t>(0);
  int16_t* out = ctx.output<int16_t>(0);
  const size_t in_bytes = sizeof(int16_t) * static_cast<size_t>(p.input_length);
  const size_t fft_bytes = sizeof(int16_t) * static_cast<size_t>(p.plan.fft_length);
  for (int32_t f = 0; f < p.frames; ++f) {
    std::memcpy(packed, in + f * p.input_length, in_bytes);
    std::memset(reinterpret_cast<uint8_t*>(packed) + in_bytes, 0, fft_bytes - in_bytes);
    signal::RfftInt16(p.plan, packed, work, out + f * p.output_length);
  }
}

Status PrepareRfft(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 1, 1));
  const char* const keys[] = {"T", "fft_length"};
  int32_t opt[2] = {};
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, opt, 2));
  const int32_t fft_length = opt[1];
  constexpr int32_t kTensorTypeInt16 = 7;
  const TensorView in = ctx.input(0), out = ctx.output(0);
  if (opt[0] != kTensorTypeInt16 || in.type() != DataType::kInt16 ||
      out.type() != DataType::kInt16) {
    return Status::Error(StatusCode::kUnsupported,
                         "only the int16 FFT is supported (T=%d, input %s, output %s)", opt[0],
                         DataTypeName(in.type()), DataTypeName(out.type()));
  }
  if (!signal::RfftInt16LengthSupported(fft_length)) {
    return Status::Error(StatusCode::kUnsupported, "fft_length %d is not a power of two in 4..4096",
                         fft_length);
  }
  if (in.rank() < 1 || out.rank() != in.rank()) {
    return Status::Error(StatusCode::kInvalidModel, "input rank %d and output rank %d differ",
                         in.rank(), out.rank());
  }
  const int32_t input_length = in.dim(in.rank() - 1);
  const int32_t output_length = out.dim(out.rank() - 1);
  if (input_length <= 0 || input_length > fft_length || output_length != fft_length + 2) {
    return Status::Error(StatusCode::kInvalidModel,
                         "frames of %d samples, fft_length %d and output length %d (expected %d) "
                         "do not fit",
                         input_length, fft_length, output_length, fft_length + 2);
  }
  const uint32_t frames = in.num_elements() / static_cast<uint32_t>(input_length);
  if (out.num_elements() != frames * static_cast<uint32_t>(output_length)) {
    return Status::Error(StatusCode::kInvalidModel, "input has %u frames but output has %u values",
                         frames, out.num_elements());
  }
  MOTE_ASSIGN_OR_RETURN(SignalRfftParams * p, ctx.AllocateOpData<SignalRfftParams>());
  const size_t twiddles = signal::RfftInt16TwiddleCount(fft_length);
  MOTE_ASSIGN_OR_RETURN(void* tw, ctx.AllocatePersistent(twiddles * sizeof(signal::Complex16),
                                                         alignof(signal::Complex16)));
  signal::RfftInt16Init(fft_length, static_cast<signal::Complex16*>(tw), &p->plan);
  p->input_length = input_length;
  p->output_length = output_length;
  p->frames = static_cast<int32_t>(frames);
  const size_t half_bytes = sizeof(signal::Complex16) * static_cast<size_t>(fft_length / 2);
  MOTE_ASSIGN_OR_RETURN(p->work_scratch, ctx.RequestScratch(half_bytes));
  MOTE_ASSIGN_OR_RETURN(p->fft_scratch, ctx.RequestScratch(half_bytes));
  ctx.set_eval(&EvalRfft);
  return Status::Ok();
}

// ---- SignalEnergy: complex int16 [2B] -> uint32 [B], options {end_index, start_index} ----
void EvalEnergy(const EvalContext& ctx) {
  SignalEnergyS16(ctx.op_data<SignalEnergyParams>(), ctx.input<int16_t>(0),
                  ctx.output<uint32_t>(0));
}

Status PrepareEnergy(PrepareContext& ctx) {
  MOTE_TRY(CheckArity(ctx, 1, 1));
  const char* const keys[] = {"end_index", "start_index"};
  int32_t opt[2] = {};
  MOTE_TRY(signal::ReadIntOptions(ctx.custom_options(), keys, opt, 2));
  const TensorView in = ctx.input(0), out = ctx.output(0);
  MOTE_TRY(CheckType(in, DataType::kInt16, "input"));
  MOTE_TRY(CheckType(out, DataType::kUInt32, "output"));
  const int32_t bins = static_cast<int32_t>(out.num_elements());
  if (in.num_elements() != 2 * out.num_elements() || opt[1] < 0 || opt[1] > opt[0] ||
      opt[0] > bins) {
    return Status::Error(StatusCode::kInvalidModel,
                         "input %u values, output %d bins, start %d, end %d are inconsistent",
                         in.num_elements(), bins, opt[1], opt[0]);
  }
  MOTE_ASSIGN_OR_RETURN(SignalEnergyParams * p, ctx.AllocateOpData<SignalEnergyParams>());
  p->end_index = opt[0];
  p->start_index = opt[1];
  p->num_bins = bins;
  ctx.set_eval(&EvalEnergy);
  return Status::Ok();
}

constexpr OpKernel kWindow{BuiltinOp::kCustom, "SignalWindow", &PrepareWindow};
constexpr OpKernel kFftAutoScale{BuiltinOp::kCustom, "SignalFftAutoScale", &PrepareFftAutoScale};
constexpr OpKernel kRfft{BuiltinOp::kCustom, "SignalRfft", &PrepareRfft};
constexpr OpKernel kEnergy{BuiltinOp::kCustom, "SignalEnergy", &PrepareEnergy};

}  // namespace

namespace ops {
const OpKernel& SignalWindow() { return kWindow; }
const OpKernel& SignalFftAutoScale() { return kFftAutoScale; }
const OpKernel& SignalRfft() { return kRfft; }
const OpKernel& SignalEnergy() { return kEnergy; }
}  // namespace ops

}  // namespace mote
