// CONV_2D and DEPTHWISE_CONV_2D: ConvParams / DepthwiseParams as const data,
// per-channel multipliers and shifts as const arrays.
#include "compiler/emitter.h"
#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/fully_connected/fully_connected.h"
#include "mote/planner.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(// {{op}} {{index}}: per-channel requantization.
{{multiplier}}{{shift}}const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{filter}}, {{bias}}, {{output}});
)";

// The output was planned over the input (in place): the same kernel, run in
// bands of output rows through a band buffer (kernels/common/banded.h).
constexpr char kBandedVariantCallTemplate[] =
    R"(  // Output planned over the input: computed in bands of {{rows}} row(s){{how}}.
  mote::{{in_bands}}(&mote::{{fn}}, k{{stem}}Params, {{args}}, {{rows}}, {{band}});
)";
constexpr char kBandedCallTemplate[] =
    R"(  // Output planned over the input: computed in bands of {{rows}} row(s){{how}}.
  mote::{{in_bands}}(k{{stem}}Params, {{input}}, {{filter}}, {{bias}}, {{output}}, {{rows}}, {{band}});
)";

// Streamed into the FULLY_CONNECTED that reads the output (AotOp::stream_consumer):
// bands of output rows into a band buffer, each folded into the FC's sums.
constexpr char kStreamedTemplate[] =
    R"(  // Streamed into {{consumer_op}} {{consumer_index}}: this op's output is never stored; each band
  // of {{rows}} output row(s) is folded into the FC's {{units}} sums, then the FC's outputs written.
  {
    uint8_t* band = {{band}};
    int32_t* acc = reinterpret_cast<int32_t*>(band + {{band_bytes}});
    std::memset(acc, 0, {{units}} * sizeof(int32_t));
    for (int32_t row = 0; row < {{height}}; row += {{rows}}) {
      const int32_t rows = {{height}} - row < {{rows}} ? {{height}} - row : {{rows}};
      mote::{{band_fn}}(&mote::{{fn}}, k{{stem}}Params, {{args}}, row, rows, band);
      const int8_t* slice = reinterpret_cast<const int8_t*>(band);
      const size_t first = static_cast<size_t>(row) * {{row_bytes}};
      const size_t count = static_cast<size_t>(rows) * {{row_bytes}};
      mote::FullyConnectedS8Accumulate(k{{consumer_stem}}Params, {{weights}}, slice, first, count, acc);
    }
    mote::FullyConnectedS8Finish(k{{consumer_stem}}Params, {{bias}}, acc, {{output}});
  }
)";

// The band buffer when the plan put output 0 over input 0 ("nullptr" when
// bands go straight to the output), else "" (the direct call). Accounts for
// the op's band scratch either way.
template <typename D>
std::string BandBuffer(OpEmitContext& ctx, const D& d, size_t element_bytes) {
  if (d.bands.rows <= 0) return "";
  const AotTensor& in = ctx.input(0);
  const AotTensor& out = ctx.output(0);
  const bool overlap = in.storage == Storage::kArena && out.storage == Storage::kArena &&
                       in.offset < out.offset + out.bytes && out.offset < in.offset + in.bytes;
  if (d.bands.scratch_index < 0) return overlap ? "nullptr" : "";
  const size_t bytes = overlap ? static_cast<size_t>(d.bands.rows) * d.params.output_w *
                                     d.params.output_c * element_bytes
                               : 0;
  const std::string band = ctx.Scratch(d.bands.scratch_index, bytes, "uint8_t");
  return overlap ? band : "";
}

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

// Whether the op's per-channel multiplier/shift arrays are emitted: quantized,
// unless the kernel variant reads them only from its packed constants (then
// Prepare may have dropped them, and no kernel would read a copy).
template <typename D>
bool ChannelArrays(const D& d, const std::string& suffix) {
  return suffix != "F32" &&
         !(d.s8 != nullptr && (d.s8->reads_only_packed || d.s8->requant_only_packed));
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

template <typename D>
void EmitCommon(OpEmitContext& ctx, const D& d, const char* params_type, const char* fn_stem,
                const std::string& suffix, const Fields& fields) {
  const auto& p = d.params;
  const bool quantized = ChannelArrays(d, suffix);
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
  const size_t element_bytes = suffix == "F32" ? 4 : (suffix == "S16" ? 2 : 1);
  const std::string band = BandBuffer(ctx, d, element_bytes);
  const std::string in_bands = fn_stem + suffix + "InBands";
  const std::string how = band == "nullptr" ? ", each straight to its place" : " via a band buffer";
  if (d.s8 != nullptr && ctx.op().stream_consumer >= 0) {
    const std::string args = ctx.In(0) + ", " + ctx.VariantWeights(*d.s8, p, "Filter", p.has_bias) +
                             ", nullptr, " +
                             ctx.VariantConstants(*d.s8, p, d.packed, d.scratch_index);
    OpEmitContext consumer = ctx.StreamConsumer();
    const auto& fc = consumer.op_data<FullyConnectedOpData>().params;
    const int32_t rows = ctx.op().stream_band_rows;
    const size_t row_bytes = static_cast<size_t>(p.output_w) * p.output_c;
    const size_t band_bytes = AlignUp(row_bytes * static_cast<size_t>(rows), kArenaAlignment);
    const size_t units = static_cast<size_t>(fc.output_depth);
    ctx.Include("kernels/fully_connected/fully_connected.h");
    ctx.Call(Fill(kStreamedTemplate,
                  {{"consumer_op", consumer.op().name},
                   {"consumer_index", std::to_string(consumer.op().index)},
                   {"rows", std::to_string(rows)},
                   {"units", std::to_string(units)},
                   {"band", ctx.Scratch(ctx.op().stream_scratch,
                                        band_bytes + units * sizeof(int32_t), "uint8_t")},
                   {"band_bytes", std::to_string(band_bytes)},
                   {"height", std::to_string(p.output_h)},
                   {"band_fn", fn_stem + suffix + "Band"},
                   {"fn", d.s8->name},
                   {"stem", stem},
                   {"args", "{" + args + "}"},
                   {"consumer_stem", consumer.stem()},
                   {"weights", consumer.In(1, "Weights")},
                   {"row_bytes", std::to_string(row_bytes)},
                   {"bias", fc.has_bias ? consumer.In(2, "Bias") : "nullptr"},
                   {"output", consumer.Out(0)}}));
    return;
  }
  if (d.s8 != nullptr) {
    const std::string args = ctx.In(0) + ", " + ctx.VariantWeights(*d.s8, p, "Filter", p.has_bias) +
                             ", " + ctx.Out(0) + ", " +
                             ctx.VariantConstants(*d.s8, p, d.packed, d.scratch_index);
    if (!band.empty()) {
      ctx.Call(Fill(kBandedVariantCallTemplate, {{"in_bands", in_bands},
                                                 {"fn", d.s8->name},
                                                 {"stem", stem},
                                                 {"args", "{" + args + "}"},
                                                 {"rows", std::to_string(d.bands.rows)},
                                                 {"how", how},
                                                 {"band", band}}));
      return;
    }
    ctx.CallVariant(d.s8->name, args);
    return;
  }
  if (!band.empty()) {
    ctx.Call(Fill(kBandedCallTemplate, {{"in_bands", in_bands},
                                        {"stem", stem},
                                        {"input", ctx.In(0)},
                                        {"filter", ctx.In(1, "Filter")},
                                        {"bias", p.has_bias ? ctx.In(2, "Bias") : "nullptr"},
                                        {"output", ctx.Out(0)},
                                        {"rows", std::to_string(d.bands.rows)},
                                        {"how", how},
                                        {"band", band}}));
    return;
  }
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
  const ConvOpData& d = ctx.op_data<ConvOpData>();
  const ConvParams& p = d.params;
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
  AddQuantFields(p, ctx.stem(), ChannelArrays(d, suffix), &f);
  ctx.Include("kernels/conv2d/conv2d.h");
  ctx.Include("kernels/conv2d/conv2d_in_place.h");
  EmitCommon(ctx, d, "ConvParams", "Conv", suffix, f);
  return Status::Ok();
}

Status EmitDepthwiseConv2D(OpEmitContext& ctx) {
  MOTE_ASSIGN_OR_RETURN(const std::string suffix, TypeSuffix(ctx.input(0)));
  const DepthwiseOpData& d = ctx.op_data<DepthwiseOpData>();
  const DepthwiseParams& p = d.params;
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
  AddQuantFields(p, ctx.stem(), ChannelArrays(d, suffix), &f);
  ctx.Include("kernels/depthwise_conv2d/depthwise_conv2d.h");
  ctx.Include("kernels/depthwise_conv2d/depthwise_conv2d_in_place.h");
  EmitCommon(ctx, d, "DepthwiseParams", "DepthwiseConv", suffix, f);
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
