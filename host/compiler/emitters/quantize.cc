// QUANTIZE: float -> int8/int16 (AffineQuantizeParams) or integer requantization
// (RequantizeParams) as const data. DEQUANTIZE (DequantizeParams) and CAST
// (CastParams: element count and the two types).
#include "kernels/quantize/quantize.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] = R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});
)";

// The DataType enumerator, as C++ source.
std::string DataTypeEnumerator(DataType type) {
  switch (type) {
    case DataType::kFloat32:
      return "mote::DataType::kFloat32";
    case DataType::kInt32:
      return "mote::DataType::kInt32";
    case DataType::kUInt8:
      return "mote::DataType::kUInt8";
    case DataType::kBool:
      return "mote::DataType::kBool";
    case DataType::kInt16:
      return "mote::DataType::kInt16";
    case DataType::kInt8:
      return "mote::DataType::kInt8";
    case DataType::kUInt32:
      return "mote::DataType::kUInt32";
    default:
      return "static_cast<mote::DataType>(" + std::to_string(static_cast<int>(type)) + ")";
  }
}

}  // namespace

Status EmitQuantize(OpEmitContext& ctx) {
  const DataType in = ctx.input(0).type;
  const DataType out = ctx.output(0).type;
  std::string params_type, fn;
  Fields f;
  if (in == DataType::kFloat32) {
    const AffineQuantizeParams& p = ctx.op_data<AffineQuantizeParams>();
    params_type = "AffineQuantizeParams";
    fn = out == DataType::kInt8 ? "AffineQuantizeF32ToS8" : "AffineQuantizeF32ToS16";
    f.Add("size", std::to_string(p.size) + "u")
        .Float("scale", p.scale)
        .Int("zero_point", p.zero_point);
  } else {
    const RequantizeParams& p = ctx.op_data<RequantizeParams>();
    params_type = "RequantizeParams";
    fn = "Requantize";  // overloaded on the element types
    f.Add("size", std::to_string(p.size) + "u")
        .Int("multiplier", p.multiplier)
        .Int("shift", p.shift)
        .Int("input_zero_point", p.input_zero_point)
        .Int("output_zero_point", p.output_zero_point);
  }
  ctx.Include("kernels/quantize/quantize.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", params_type}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(
      kCallTemplate,
      {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitDequantize(OpEmitContext& ctx) {
  const DataType in = ctx.input(0).type;
  const char* fn = in == DataType::kInt8    ? "DequantizeS8"
                   : in == DataType::kInt16 ? "DequantizeS16"
                   : in == DataType::kUInt8 ? "DequantizeU8"
                                            : nullptr;
  if (fn == nullptr) return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(in));
  const DequantizeParams& p = ctx.op_data<DequantizeParams>();
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Float("scale", p.scale)
      .Int("zero_point", p.zero_point);
  ctx.Include("kernels/quantize/quantize.h");
  ctx.Define(
      Fill(kParamsTemplate,
           {{"params_type", "DequantizeParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(
      kCallTemplate,
      {{"fn", fn}, {"stem", ctx.stem()}, {"input", ctx.In(0, "Input")}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

Status EmitCast(OpEmitContext& ctx) {
  const CastParams& p = ctx.op_data<CastParams>();
  Fields f;
  f.Add("size", std::to_string(p.size) + "u")
      .Add("input_type", DataTypeEnumerator(p.input_type))
      .Add("output_type", DataTypeEnumerator(p.output_type));
  ctx.Include("kernels/quantize/quantize.h");
  ctx.Define(Fill(kParamsTemplate,
                  {{"params_type", "CastParams"}, {"stem", ctx.stem()}, {"fields", f.Render()}}));
  ctx.Call(Fill(kCallTemplate, {{"fn", "Cast"},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(0, "Input")},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
