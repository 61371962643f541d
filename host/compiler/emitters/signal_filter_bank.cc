// TFLM signal ops of the audio front end, second half: SignalFilterBank (its
// tables are the op's constant inputs), SignalFilterBankSquareRoot,
// SignalFilterBankSpectralSubtraction (the noise estimate it carries from one
// invocation to the next lives in the caller's arena, zeroed by NAME_init()
// as signal::ResetState zeroes the interpreter's),
// SignalPCAN, SignalFilterBankLog.
#include "compiler/emitter.h"
#include "kernels/signal/signal.h"

namespace mote {
namespace aot {
namespace {

constexpr char kHeader[] = "kernels/signal/signal.h";

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kFilterBankCallTemplate[] =
    R"(  mote::SignalFilterBankU32(k{{stem}}Params, {{input}}, {{work}}, {{output}});
)";

constexpr char kSquareRootCallTemplate[] =
    R"(  mote::SignalFilterBankSqrtU64({{channels}}, {{input}}, *{{scale_bits}}, {{output}});
)";

// The params are const data but for the noise estimate, which is in the arena.
constexpr char kSubtractionCallTemplate[] =
    R"(  {
    mote::SignalSpectralSubtractionParams params = k{{stem}}Params;
    params.noise_estimate = {{state}};
    mote::SignalSpectralSubtractionU32(params, {{input}}, {{output}});
  }
{{copy}})";

constexpr char kNoiseCopyTemplate[] =
    R"(  // Output 1: the noise estimate after this frame.
  std::memcpy({{noise_output}}, {{state}}, {{bytes}});
)";

constexpr char kPcanCallTemplate[] =
    R"(  mote::SignalPcanU32(k{{stem}}Params, {{input}}, {{noise}}, {{gain_lut}}, {{output}});
)";

constexpr char kLogCallTemplate[] =
    R"(  mote::SignalFilterBankLogU32(k{{stem}}Params, {{input}}, {{output}});
)";

void DefineParams(OpEmitContext& ctx, const char* params_type, const Fields& f) {
  ctx.Include(kHeader);
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
}

std::string Uint(uint32_t v) { return std::to_string(v) + "u"; }

}  // namespace

Status EmitSignalFilterBank(OpEmitContext& ctx) {
  const SignalFilterBankParams& p = ctx.op_data<SignalFilterBankParams>();
  for (size_t i = 1; i < 6; ++i) {
    if (!ctx.has_input(i) || ctx.input(i).storage != Storage::kConstant) {
      return Status::Error(StatusCode::kUnsupported, "filter bank input %zu is not constant", i);
    }
  }
  Fields f;
  f.Int("num_channels", p.num_channels)
      .Add("weights", ctx.In(1, "Weights"))
      .Add("unweights", ctx.In(2, "Unweights"))
      .Add("channel_frequency_starts", ctx.In(3, "ChannelFrequencyStarts"))
      .Add("channel_weight_starts", ctx.In(4, "ChannelWeightStarts"))
      .Add("channel_widths", ctx.In(5, "ChannelWidths"))
      .Int("work_scratch", p.work_scratch);
  const size_t work_bytes = sizeof(uint64_t) * (static_cast<size_t>(p.num_channels) + 1);
  DefineParams(ctx, "SignalFilterBankParams", f);
  ctx.Call(
      Fill(kFilterBankCallTemplate, {{"stem", ctx.stem()},
                                     {"input", ctx.In(0, "Input")},
                                     {"work", ctx.Scratch(p.work_scratch, work_bytes, "uint64_t")},
                                     {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSignalFilterBankSquareRoot(OpEmitContext& ctx) {
  ctx.Include(kHeader);
  ctx.Call(Fill(kSquareRootCallTemplate, {{"channels", IntLiteral(ctx.op_data<int32_t>())},
                                          {"input", ctx.In(0, "Input")},
                                          {"scale_bits", ctx.In(1, "ScaleBits")},
                                          {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSignalSpectralSubtraction(OpEmitContext& ctx) {
  const SignalSpectralSubtractionParams& p = ctx.op_data<SignalSpectralSubtractionParams>();
  const size_t channels = static_cast<size_t>(p.num_channels);
  const std::string state =
      ctx.State("uint32_t", channels, sizeof(uint32_t),
                "SignalFilterBankSpectralSubtraction op " + std::to_string(ctx.op().index) +
                    ": noise estimate per channel, carried across invocations");
  Fields f;
  f.Int("num_channels", p.num_channels)
      .Add("smoothing", Uint(p.smoothing))
      .Add("one_minus_smoothing", Uint(p.one_minus_smoothing))
      .Add("alternate_smoothing", Uint(p.alternate_smoothing))
      .Add("alternate_one_minus_smoothing", Uint(p.alternate_one_minus_smoothing))
      .Add("min_signal_remaining", Uint(p.min_signal_remaining))
      .Int("smoothing_bits", p.smoothing_bits)
      .Int("spectral_subtraction_bits", p.spectral_subtraction_bits)
      .Bool("clamping", p.clamping)
      .Add("noise_estimate", "nullptr");  // set in the call: state in the arena
  DefineParams(ctx, "SignalSpectralSubtractionParams", f);
  // The interpreter copies the estimate to output 1 after every invocation.
  std::string copy;
  if (ctx.num_outputs() > 1 && ctx.output(1).storage == Storage::kArena) {
    copy = Fill(kNoiseCopyTemplate, {{"noise_output", ctx.Out(1)},
                                     {"state", state},
                                     {"bytes", std::to_string(channels * sizeof(uint32_t))}});
  }
  ctx.Call(Fill(kSubtractionCallTemplate, {{"stem", ctx.stem()},
                                           {"input", ctx.In(0, "Input")},
                                           {"output", ctx.Out(0)},
                                           {"state", state},
                                           {"copy", copy}}));
  return Status::Ok();
}

Status EmitSignalPcan(OpEmitContext& ctx) {
  const SignalPcanParams& p = ctx.op_data<SignalPcanParams>();
  Fields f;
  f.Int("num_channels", p.num_channels).Int("snr_shift", p.snr_shift);
  DefineParams(ctx, "SignalPcanParams", f);
  ctx.Call(Fill(kPcanCallTemplate, {{"stem", ctx.stem()},
                                    {"input", ctx.In(0, "Input")},
                                    {"noise", ctx.In(1, "NoiseEstimate")},
                                    {"gain_lut", ctx.In(2, "GainLut")},
                                    {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSignalFilterBankLog(OpEmitContext& ctx) {
  const SignalFilterBankLogParams& p = ctx.op_data<SignalFilterBankLogParams>();
  Fields f;
  f.Int("num_channels", p.num_channels)
      .Int("input_correction_bits", p.input_correction_bits)
      .Int("output_scale", p.output_scale);
  DefineParams(ctx, "SignalFilterBankLogParams", f);
  ctx.Call(Fill(kLogCallTemplate,
                {{"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
