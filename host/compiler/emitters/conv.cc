// CONV_2D and DEPTHWISE_CONV_2D: ConvParams / DepthwiseParams as const data,
// per-channel multipliers and shifts as const arrays.
#include "compiler/emitter.h"
#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(// {{op}} {{index}}: per-channel requantization.
{{multiplier}}{{shift}}const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{filter}}, {{bias}}, {{output}});
)";

// The suffix of the reference function for the op's element type.
Result<std::string> TypeSuffix(const AotTensor& input) {
  switch (input.type) {
    case DataType::kFloat32:
      return std::string("F32");
    case DataType::kInt8:
      return std::string("S8");
    case DataType::kInt16:
      return std::string("S16");
    default:
      return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(input.type));
  }
}

template <typename P>
void AddQuantFields(const P& p, const std::string& stem, bool quantized, Fields* f) {
  f->Bool("has_bias", p.has_bias)
      .Int("input_offset", p.input_offset)
      .Int("output_offset", p.output_offset)
      .Add("multiplier", quantized ? "k" + stem + "Multiplier" : "nullptr")
      .Add("shift", quantized ? "k" + stem + "Shift" : "nullptr")
      .Int("act_min", p.act_min)
      .Int("act_max", p.act_max)
      .Float("float_min", p.float_min)
      .Float("float_max", p.float_max);
}

template <typename P>
void EmitCommon(OpEmitContext& ctx, const P& p, const char* params_type, const char* fn_stem,
                const std::string& suffix, const Fields& fields) {
  const bool quantized = suffix != "F32";
  const std::string stem = ctx.stem();
  const size_t channels = static_cast<size_t>(p.output_c);
  ctx.Define(
      Fill(kParamsTemplate,
           {{"op", ctx.op().name},
            {"index", std::to_string(ctx.op().index)},
            {"multiplier",
             quantized ? Int32Array("", "k" + stem + "Multiplier", p.multiplier, channels) : ""},
            {"shift", quantized ? Int32Array("", "k" + stem + "Shift", p.shift, channels) : ""},
            {"params_type", params_type},
            {"stem", stem},
            {"fields", fields.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", fn_stem + suffix},
                                {"stem", stem},
                                {"input", ctx.In(0)},
                                {"filter", ctx.In(1, "Filter")},
                                {"bias", p.has_bias ? ctx.In(2, "Bias") : "nullptr"},
                                {"output", ctx.Out(0)}}));
}

}  // namespace

Status EmitConv2D(OpEmitContext& ctx) {
  MOTE_ASSIGN_OR_RETURN(const std::string suffix, TypeSuffix(ctx.input(0)));
  const ConvParams& p = ctx.op_data<ConvParams>();
  Fields f;
  f.Int("batches", p.batches)
      .Int("input_h", p.input_h)
      .Int("input_w", p.input_w)
      .Int("input_c", p.input_c)
      .Int("filter_h", p.filter_h)
      .Int("filter_w", p.filter_w)
      .Int("filter_c", p.filter_c)
      .Int("output_h", p.output_h)
      .Int("output_w", p.output_w)
      .Int("output_c", p.output_c)
      .Int("filters_per_group", p.filters_per_group)
      .Int("stride_h", p.stride_h)
      .Int("stride_w", p.stride_w)
      .Int("dilation_h", p.dilation_h)
      .Int("dilation_w", p.dilation_w)
      .Int("pad_h", p.pad_h)
      .Int("pad_w", p.pad_w);
  AddQuantFields(p, ctx.stem(), suffix != "F32", &f);
  ctx.Include("kernels/conv2d/conv2d.h");
  EmitCommon(ctx, p, "ConvParams", "Conv", suffix, f);
  return Status::Ok();
}

Status EmitDepthwiseConv2D(OpEmitContext& ctx) {
  MOTE_ASSIGN_OR_RETURN(const std::string suffix, TypeSuffix(ctx.input(0)));
  const DepthwiseParams& p = ctx.op_data<DepthwiseParams>();
  Fields f;
  f.Int("batches", p.batches)
      .Int("input_h", p.input_h)
      .Int("input_w", p.input_w)
      .Int("input_c", p.input_c)
      .Int("filter_h", p.filter_h)
      .Int("filter_w", p.filter_w)
      .Int("output_h", p.output_h)
      .Int("output_w", p.output_w)
      .Int("output_c", p.output_c)
      .Int("depth_multiplier", p.depth_multiplier)
      .Int("stride_h", p.stride_h)
      .Int("stride_w", p.stride_w)
      .Int("dilation_h", p.dilation_h)
      .Int("dilation_w", p.dilation_w)
      .Int("pad_h", p.pad_h)
      .Int("pad_w", p.pad_w);
  AddQuantFields(p, ctx.stem(), suffix != "F32", &f);
  ctx.Include("kernels/depthwise_conv2d/depthwise_conv2d.h");
  EmitCommon(ctx, p, "DepthwiseParams", "DepthwiseConv", suffix, f);
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
