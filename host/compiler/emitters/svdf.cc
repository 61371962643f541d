// SVDF: SvdfParams as const data; the state tensor (input 4) lives in static
// storage of the generated file, the accumulators in arena scratch.
#include "kernels/svdf/svdf.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr size_t kInput = 0, kWeightsFeature = 1, kWeightsTime = 2, kBias = 3, kState = 4;

constexpr char kParamsTemplate[] = R"(const mote::SvdfParams k{{stem}}Params = {{fields}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::{{fn}}(k{{stem}}Params, {{input}}, {{weights_feature}}, {{weights_time}}, {{bias}},
      {{state}}, {{scratch}}, {{extra}}{{output}});
)";

}  // namespace

Status EmitSvdf(OpEmitContext& ctx) {
  const SvdfOpData& d = ctx.op_data<SvdfOpData>();
  const SvdfParams& p = d.params;
  if (!ctx.has_input(kState) || ctx.input(kState).storage != Storage::kVariable) {
    return Status::Error(StatusCode::kUnsupported, "SVDF state is not a variable tensor");
  }
  const DataType type = ctx.input(kInput).type;
  const DataType time_type = ctx.input(kWeightsTime).type;
  const size_t filters = static_cast<size_t>(p.batches) * static_cast<size_t>(p.num_filters);
  const size_t units = static_cast<size_t>(p.batches) * static_cast<size_t>(p.num_units);
  std::string fn, scratch, extra;
  if (type == DataType::kFloat32) {
    fn = "SvdfF32";
    scratch = ctx.Scratch(d.scratch, filters * sizeof(float), "float");
  } else if (type == DataType::kInt8 &&
             (time_type == DataType::kInt16 || time_type == DataType::kInt8)) {
    fn = time_type == DataType::kInt16 ? "SvdfS8StateS16" : "SvdfS8StateS8";
    scratch = ctx.Scratch(d.scratch, filters * sizeof(int32_t), "int32_t");
    extra = ctx.Scratch(d.scratch_output, units * sizeof(int32_t), "int32_t") + ", ";
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s input with %s time weights",
                         DataTypeName(type), DataTypeName(time_type));
  }
  Fields f;
  f.Int("batches", p.batches)
      .Int("input_size", p.input_size)
      .Int("num_filters", p.num_filters)
      .Int("num_units", p.num_units)
      .Int("rank", p.rank)
      .Int("memory_size", p.memory_size)
      .Bool("has_bias", p.has_bias)
      .Int("input_zero_point", p.input_zero_point)
      .Int("state_zero_point", p.state_zero_point)
      .Int("output_zero_point", p.output_zero_point)
      .Int("feature_multiplier", p.feature_multiplier)
      .Int("feature_shift", p.feature_shift)
      .Int("output_multiplier", p.output_multiplier)
      .Int("output_shift", p.output_shift)
      .Add("activation", "static_cast<mote::FusedActivation>(" +
                             std::to_string(static_cast<int>(p.activation)) + ")");
  ctx.Include("kernels/svdf/svdf.h");
  ctx.Define(Fill(kParamsTemplate, {{"stem", ctx.stem()}, {"fields", f.Render()}}));
  // The state pointer is mutable: the kernel shifts and updates it in place.
  std::string state = ctx.In(kState);
  ctx.Call(Fill(kCallTemplate, {{"fn", fn},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(kInput)},
                                {"weights_feature", ctx.In(kWeightsFeature, "WeightsFeature")},
                                {"weights_time", ctx.In(kWeightsTime, "WeightsTime")},
                                {"bias", p.has_bias ? ctx.In(kBias, "Bias") : "nullptr"},
                                {"state", state},
                                {"scratch", scratch},
                                {"extra", extra},
                                {"output", ctx.Out(0)}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
