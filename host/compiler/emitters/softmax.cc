// SOFTMAX: SoftmaxParams as const data; the int16 lookup tables as const arrays.
// int8 -> int8 calls the kernel variant Prepare picked for the target.
#include "kernels/softmax/softmax.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr char kParamsTemplate[] =
    R"({{tables}}const mote::SoftmaxParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] = R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{output}});
)";

std::string Table(const std::string& name, const int16_t* lut) {
  return ArrayDefinition("", DataType::kInt16, name, reinterpret_cast<const uint8_t*>(lut),
                         kSoftmaxLutSize);
}

}  // namespace

Status EmitSoftmax(OpEmitContext& ctx) {
  const DataType in = ctx.input(0).type;
  const DataType out = ctx.output(0).type;
  std::string fn;
  if (in == DataType::kFloat32) {
    fn = "SoftmaxF32";
  } else if (in == DataType::kInt8) {
    fn = out == DataType::kInt16 ? "SoftmaxS8S16" : "SoftmaxS8";
  } else if (in == DataType::kInt16) {
    fn = "SoftmaxS16";
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(in));
  }
  const SoftmaxOpData& d = ctx.op_data<SoftmaxOpData>();
  const SoftmaxParams& p = d.params;
  const std::string stem = ctx.stem();
  const bool tables = p.exp_lut != nullptr;
  Fields f;
  f.Int("outer_size", p.outer_size)
      .Int("depth", p.depth)
      .Float("beta", p.beta)
      .Int("input_multiplier", p.input_multiplier)
      .Int("input_left_shift", p.input_left_shift)
      .Int("diff_min", p.diff_min)
      .Add("exp_lut", tables ? "k" + stem + "ExpLut" : "nullptr")
      .Add("one_over_one_plus_x_lut", tables ? "k" + stem + "OneOverOnePlusXLut" : "nullptr");
  ctx.Include("kernels/softmax/softmax.h");
  ctx.Define(Fill(kParamsTemplate, {{"tables", tables ? Table("k" + stem + "ExpLut", p.exp_lut) +
                                                            Table("k" + stem + "OneOverOnePlusXLut",
                                                                  p.one_over_one_plus_x_lut)
                                                      : ""},
                                    {"stem", stem},
                                    {"fields", f.Render()}}));
  if (d.s8 != nullptr) {
    ctx.CallVariant(d.s8->name, ctx.In(0) + ", " + ctx.Out(0) + ", " +
                                    ctx.VariantConstants(*d.s8, p, d.packed, d.scratch_index));
    return Status::Ok();
  }
  ctx.Call(Fill(kCallTemplate,
                {{"fn", fn}, {"stem", stem}, {"input", ctx.In(0)}, {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
