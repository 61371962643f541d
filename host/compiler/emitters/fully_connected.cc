// FULLY_CONNECTED: FullyConnectedParams as const data (per-channel arrays when present).
#include "kernels/fully_connected/fully_connected.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] =
    R"({{channel_arrays}}const mote::FullyConnectedParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::FullyConnected{{suffix}}(k{{stem}}Params, {{input}}, {{weights}}, {{bias}}, {{output}});
)";

}  // namespace

Status EmitFullyConnected(OpEmitContext& ctx) {
  const char* suffix = nullptr;
  switch (ctx.input(0).type) {
    case DataType::kFloat32:
      suffix = "F32";
      break;
    case DataType::kInt8:
      suffix = "S8";
      break;
    case DataType::kInt16:
      suffix = "S16";
      break;
    default:
      return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(ctx.input(0).type));
  }
  const FullyConnectedOpData& d = ctx.op_data<FullyConnectedOpData>();
  const FullyConnectedParams& p = d.params;
  const std::string stem = ctx.stem();
  const bool per_channel = p.channel_multiplier != nullptr;
  const size_t units = static_cast<size_t>(p.output_depth);
  std::string arrays;
  if (per_channel) {
    arrays = Int32Array("", "k" + stem + "Multiplier", p.channel_multiplier, units) +
             Int32Array("", "k" + stem + "Shift", p.channel_shift, units);
  }
  Fields f;
  f.Int("batches", p.batches)
      .Int("accum_depth", p.accum_depth)
      .Int("output_depth", p.output_depth)
      .Bool("has_bias", p.has_bias)
      .Int("input_offset", p.input_offset)
      .Int("filter_offset", p.filter_offset)
      .Int("output_offset", p.output_offset)
      .Int("multiplier", p.multiplier)
      .Int("shift", p.shift)
      .Add("channel_multiplier", per_channel ? "k" + stem + "Multiplier" : "nullptr")
      .Add("channel_shift", per_channel ? "k" + stem + "Shift" : "nullptr")
      .Int("act_min", p.act_min)
      .Int("act_max", p.act_max)
      .Float("float_min", p.float_min)
      .Float("float_max", p.float_max);
  ctx.Include("kernels/fully_connected/fully_connected.h");
  ctx.Define(
      Fill(kParamsTemplate, {{"channel_arrays", arrays}, {"stem", stem}, {"fields", f.Render()}}));
  if (ctx.op().stream_producer >= 0) {
    const AotOp& producer = ctx.StreamProducer();
    ctx.Call("  // Computed with " + producer.name + " " + std::to_string(producer.index) +
             ", band by band (streamed).\n");
    return Status::Ok();
  }
  if (d.s8 != nullptr) {
    ctx.CallVariant(d.s8->name, ctx.In(0) + ", " +
                                    ctx.VariantWeights(*d.s8, p, "Weights", p.has_bias) + ", " +
                                    ctx.Out(0) + ", " +
                                    ctx.VariantConstants(*d.s8, p, d.packed, d.scratch_index));
    return Status::Ok();
  }
  ctx.Call(Fill(kCallTemplate, {{"suffix", suffix},
                                {"stem", stem},
                                {"input", ctx.In(0)},
                                {"weights", ctx.In(1, "Weights")},
                                {"bias", p.has_bias ? ctx.In(2, "Bias") : "nullptr"},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
