// TFLM signal ops of the audio front end, first half: SignalWindow,
// SignalFftAutoScale, SignalRfft (the FFT plan and its twiddle table as const
// data, the packed frame and FFT work area in arena scratch), SignalEnergy.
#include "compiler/emitter.h"
#include "kernels/signal/signal.h"

namespace mote {
namespace aot {
namespace {

constexpr char kHeader[] = "kernels/signal/signal.h";

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kWindowCallTemplate[] =
    R"(  mote::SignalWindowS16(k{{stem}}Params, {{input}}, {{window}}, {{output}});
)";

constexpr char kAutoScaleCallTemplate[] =
    R"(  *{{scale_bits}} = mote::SignalFftAutoScaleS16({{size}}, {{input}}, {{output}});
)";

constexpr char kEnergyCallTemplate[] =
    R"(  mote::SignalEnergyS16(k{{stem}}Params, {{input}}, {{output}});
)";

constexpr char kRfftDataTemplate[] =
    R"(// SignalRfft op {{index}}: {{half}} twiddles and {{quarter}} super twiddles.
alignas(4) const mote::signal::Complex16 k{{stem}}Twiddles[{{count}}] = {{twiddles}};
// RfftInt16 only reads the twiddles through the plan's (non-const) pointers.
const mote::signal::RfftInt16Plan k{{stem}}Plan = {{plan}};
)";

// One frame: copy it into the packed buffer (zero-padded to fft_length) and transform.
constexpr char kRfftFrameTemplate[] =
    R"({{indent}}std::memcpy(packed, {{input}}{{in_offset}}, {{in_bytes}}u);
{{pad}}{{indent}}mote::signal::RfftInt16(k{{stem}}Plan, packed, work, {{output}}{{out_offset}});
)";

constexpr char kRfftCallTemplate[] = R"(  {
    auto* packed = {{packed}};
    auto* work = {{work}};
{{frames}}  }
)";

std::string TwiddleList(const signal::Complex16* t, size_t count) {
  std::string s = "{";
  for (size_t i = 0; i < count; ++i) {
    s += (i % 6 == 0 ? "\n    " : " ");
    s += "{" + std::to_string(t[i].r) + ", " + std::to_string(t[i].i) + "}";
    s += i + 1 < count ? "," : "";
  }
  return s + "\n}";
}

}  // namespace

Status EmitSignalWindow(OpEmitContext& ctx) {
  const SignalWindowParams& p = ctx.op_data<SignalWindowParams>();
  Fields f;
  f.Int("shift", p.shift).Int("size", p.size).Int("window_size", p.window_size);
  ctx.Include(kHeader);
  ctx.Define(
      Fill(kParamsTemplate,
           {{"params_type", "SignalWindowParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kWindowCallTemplate, {{"stem", ctx.stem()},
                                      {"input", ctx.In(0, "Input")},
                                      {"window", ctx.In(1, "Window")},
                                      {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSignalFftAutoScale(OpEmitContext& ctx) {
  const int32_t size = ctx.op_data<int32_t>();
  ctx.Include(kHeader);
  ctx.Call(Fill(kAutoScaleCallTemplate, {{"scale_bits", ctx.Out(1)},
                                         {"size", IntLiteral(size)},
                                         {"input", ctx.In(0, "Input")},
                                         {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitSignalRfft(OpEmitContext& ctx) {
  const SignalRfftParams& p = ctx.op_data<SignalRfftParams>();
  const signal::RfftInt16Plan& plan = p.plan;
  const std::string stem = ctx.stem();
  const size_t half = static_cast<size_t>(plan.half);
  const size_t count = signal::RfftInt16TwiddleCount(plan.fft_length);
  if (plan.super_twiddles != plan.twiddles + half) {
    return Status::Error(StatusCode::kInternal, "unexpected twiddle layout");
  }
  const std::string twiddles = "const_cast<mote::signal::Complex16*>(k" + stem + "Twiddles";
  Fields f;
  f.Int("fft_length", plan.fft_length)
      .Int("half", plan.half)
      .Int("num_stages", plan.num_stages)
      .Add("radix", IntList(plan.radix, signal::kMaxFftStages))
      .Add("span", IntList(plan.span, signal::kMaxFftStages))
      .Add("twiddles", twiddles + ")")
      .Add("super_twiddles", twiddles + " + " + std::to_string(half) + ")");
  ctx.Include(kHeader);
  ctx.Define(Fill(kRfftDataTemplate, {{"index", std::to_string(ctx.op().index)},
                                      {"half", std::to_string(half)},
                                      {"quarter", std::to_string(count - half)},
                                      {"stem", stem},
                                      {"count", std::to_string(count)},
                                      {"twiddles", TwiddleList(plan.twiddles, count)},
                                      {"plan", f.Render()}}));
  const size_t half_bytes = sizeof(signal::Complex16) * half;
  const size_t in_bytes = sizeof(int16_t) * static_cast<size_t>(p.input_length);
  const size_t fft_bytes = sizeof(int16_t) * static_cast<size_t>(plan.fft_length);
  const std::string packed = ctx.Scratch(p.work_scratch, half_bytes, "mote::signal::Complex16");
  const std::string work = ctx.Scratch(p.fft_scratch, half_bytes, "mote::signal::Complex16");
  const bool loop = p.frames > 1;
  const std::string indent = loop ? "      " : "    ";
  std::string pad;
  if (fft_bytes > in_bytes) {
    pad = indent + "std::memset(reinterpret_cast<uint8_t*>(packed) + " + std::to_string(in_bytes) +
          "u, 0, " + std::to_string(fft_bytes - in_bytes) + "u);\n";
  }
  std::string frames =
      Fill(kRfftFrameTemplate,
           {{"indent", indent},
            {"input", ctx.In(0, "Input")},
            {"in_offset", loop ? " + frame * " + IntLiteral(p.input_length) : ""},
            {"in_bytes", std::to_string(in_bytes)},
            {"pad", pad},
            {"stem", stem},
            {"output", ctx.Out(0)},
            {"out_offset", loop ? " + frame * " + IntLiteral(p.output_length) : ""}});
  if (loop) {
    frames = "    for (int32_t frame = 0; frame < " + IntLiteral(p.frames) + "; ++frame) {\n" +
             frames + "    }\n";
  }
  ctx.Call(Fill(kRfftCallTemplate, {{"packed", packed}, {"work", work}, {"frames", frames}}));
  return Status::Ok();
}

Status EmitSignalEnergy(OpEmitContext& ctx) {
  const SignalEnergyParams& p = ctx.op_data<SignalEnergyParams>();
  Fields f;
  f.Int("start_index", p.start_index).Int("end_index", p.end_index).Int("num_bins", p.num_bins);
  ctx.Include(kHeader);
  ctx.Define(
      Fill(kParamsTemplate,
           {{"params_type", "SignalEnergyParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kEnergyCallTemplate,
                {{"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
