// TRANSPOSE_CONV: TransposeConvParams as const data, per-channel requantization
// (and int16's widened bias) as const arrays, the accumulator in arena scratch.
#include "kernels/transpose_conv/transpose_conv.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr size_t kFilterInput = 1, kDataInput = 2, kBiasInput = 3;

constexpr char kParamsTemplate[] =
    R"({{arrays}}const mote::TransposeConvParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::TransposeConv{{suffix}}(k{{stem}}Params, {{input}}, {{filter}}, {{bias}}, {{scratch}}{{output}});
)";

}  // namespace

Status EmitTransposeConv(OpEmitContext& ctx) {
  const TransposeConvOpData& d = ctx.op_data<TransposeConvOpData>();
  const TransposeConvParams& p = d.params;
  const DataType type = ctx.input(kDataInput).type;
  const std::string stem = ctx.stem();
  const size_t channels = static_cast<size_t>(p.output_depth);
  const size_t elements = ctx.output(0).bytes / DataTypeSize(ctx.output(0).type);
  std::string suffix, scratch, arrays, bias = d.has_bias ? ctx.In(kBiasInput, "Bias") : "nullptr";
  const bool quantized = type != DataType::kFloat32;
  if (type == DataType::kFloat32) {
    suffix = "F32";
  } else if (type == DataType::kInt8) {
    suffix = "S8";
    scratch = ctx.Scratch(d.scratch_index, elements * sizeof(int32_t), "int32_t") + ", ";
  } else if (type == DataType::kInt16) {
    suffix = "S16";
    scratch = ctx.Scratch(d.scratch_index, elements * sizeof(int64_t), "int64_t") + ", ";
    if (d.bias64 != nullptr) {
      arrays += ArrayDefinition("alignas(8)", DataType::kInt64, "k" + stem + "Bias64",
                                reinterpret_cast<const uint8_t*>(d.bias64), channels);
      bias = "k" + stem + "Bias64";
    }
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  }
  if (quantized) {
    arrays += Int32Array("", "k" + stem + "Multiplier", p.output_multiplier, channels) +
              Int32Array("", "k" + stem + "Shift", p.output_shift, channels);
  }
  Fields f;
  f.Int("batches", p.batches)
      .Int("input_height", p.input_height)
      .Int("input_width", p.input_width)
      .Int("input_depth", p.input_depth)
      .Int("filter_height", p.filter_height)
      .Int("filter_width", p.filter_width)
      .Int("output_height", p.output_height)
      .Int("output_width", p.output_width)
      .Int("output_depth", p.output_depth)
      .Int("stride_height", p.stride_height)
      .Int("stride_width", p.stride_width)
      .Int("pad_height", p.pad_height)
      .Int("pad_width", p.pad_width)
      .Int("input_offset", p.input_offset)
      .Int("output_offset", p.output_offset)
      .Int("activation_min", p.activation_min)
      .Int("activation_max", p.activation_max)
      .Add("output_multiplier", quantized ? "k" + stem + "Multiplier" : "nullptr")
      .Add("output_shift", quantized ? "k" + stem + "Shift" : "nullptr")
      .Float("float_activation_min", p.float_activation_min)
      .Float("float_activation_max", p.float_activation_max);
  ctx.Include("kernels/transpose_conv/transpose_conv.h");
  ctx.Define(Fill(kParamsTemplate, {{"arrays", arrays}, {"stem", stem}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"suffix", suffix},
                                {"stem", stem},
                                {"input", ctx.In(kDataInput)},
                                {"filter", ctx.In(kFilterInput, "Filter")},
                                {"bias", bias},
                                {"scratch", scratch},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
