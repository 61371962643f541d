// UNIDIRECTIONAL_SEQUENCE_LSTM: params (per-gate requantization) and the
// gate weight table as const data; hidden and cell state in static storage.
#include "kernels/lstm/lstm.h"
#include "compiler/emitter.h"

namespace mote {
namespace aot {
namespace {

constexpr size_t kInput = 0, kInputWeightsFirst = 1, kRecurrentWeightsFirst = 5, kBiasFirst = 12,
                 kOutputState = 18, kCellState = 19;
const char* const kGateNames[kLstmNumGates] = {"Input", "Forget", "Cell", "Output"};

constexpr char kParamsTemplate[] = R"(const mote::{{params_type}} k{{stem}}Params = {{fields}};
const mote::{{weights_type}} k{{stem}}Weights = {{weights}};
)";

constexpr char kCallTemplate[] =
    R"(  mote::UnidirectionalSequenceLstm{{suffix}}(k{{stem}}Params, k{{stem}}Weights, {{input}},
      {{hidden}}, {{cell}}, {{output}}, {{scratch}});
)";

std::string FcList(const LstmFcParams* fc) {
  std::string s = "{";
  for (int g = 0; g < kLstmNumGates; ++g) {
    s += std::string(g ? ", " : "") + "{" + IntLiteral(fc[g].input_offset) + ", " +
         IntLiteral(fc[g].weights_offset) + ", " + IntLiteral(fc[g].multiplier) + ", " +
         IntLiteral(fc[g].shift) + "}";
  }
  return s + "}";
}

std::string Mul(const LstmMulParams& m) {
  return "{" + IntLiteral(m.multiplier) + ", " + IntLiteral(m.shift) + ", " +
         IntLiteral(m.output_offset) + ", " + IntLiteral(m.output_min) + ", " +
         IntLiteral(m.output_max) + "}";
}

std::string Activation(LstmCellActivation a) {
  return a == LstmCellActivation::kTanh ? "mote::LstmCellActivation::kTanh"
                                        : "mote::LstmCellActivation::kSigmoid";
}

// {{in0, in1, in2, in3}, {rec0, ...}, {bias0, ...}}
std::string WeightTable(OpEmitContext& ctx) {
  std::string lists[3];
  const size_t first[3] = {kInputWeightsFirst, kRecurrentWeightsFirst, kBiasFirst};
  const char* role[3] = {"InputWeights", "RecurrentWeights", "Bias"};
  for (int k = 0; k < 3; ++k) {
    lists[k] = "{";
    for (int g = 0; g < kLstmNumGates; ++g) {
      lists[k] += std::string(g ? ", " : "") +
                  ctx.In(first[k] + static_cast<size_t>(g), std::string(kGateNames[g]) + role[k]);
    }
    lists[k] += "}";
  }
  Fields f;
  f.Add("input_weights", lists[0]).Add("recurrent_weights", lists[1]).Add("bias", lists[2]);
  return f.Render();
}

}  // namespace

Status EmitLstm(OpEmitContext& ctx) {
  if (ctx.input(kOutputState).storage != Storage::kVariable ||
      ctx.input(kCellState).storage != Storage::kVariable) {
    return Status::Error(StatusCode::kUnsupported, "LSTM state is not a variable tensor");
  }
  const DataType type = ctx.input(kInput).type;
  std::string suffix, params_type, weights_type, scratch;
  Fields f;
  if (type == DataType::kInt8) {
    const LstmOpData& d = ctx.op_data<LstmOpData>();
    const LstmS8Params& p = d.params;
    suffix = "S8";
    params_type = "LstmS8Params";
    weights_type = "LstmS8Weights";
    scratch = ctx.Scratch(d.scratch, LstmS8ScratchElements(p) * sizeof(int16_t), "int16_t");
    f.Int("batch_size", p.batch_size)
        .Int("time_steps", p.time_steps)
        .Int("input_size", p.input_size)
        .Int("state_size", p.state_size)
        .Bool("time_major", p.time_major)
        .Add("input_fc", FcList(p.input_fc))
        .Add("recurrent_fc", FcList(p.recurrent_fc))
        .Add("forget_times_cell", Mul(p.forget_times_cell))
        .Add("input_times_cell_gate", Mul(p.input_times_cell_gate))
        .Add("hidden", Mul(p.hidden))
        .Int("cell_scale_power", p.cell_scale_power)
        .Add("quantized_cell_clip",
             "static_cast<int16_t>(" + IntLiteral(p.quantized_cell_clip) + ")")
        .Bool("clip_cell", p.clip_cell)
        .Add("cell_activation", Activation(p.cell_activation));
  } else if (type == DataType::kFloat32) {
    const LstmF32OpData& d = ctx.op_data<LstmF32OpData>();
    const LstmF32Params& p = d.params;
    suffix = "F32";
    params_type = "LstmF32Params";
    weights_type = "LstmF32Weights";
    scratch = ctx.Scratch(d.scratch, LstmF32ScratchElements(p) * sizeof(float), "float");
    f.Int("batch_size", p.batch_size)
        .Int("time_steps", p.time_steps)
        .Int("input_size", p.input_size)
        .Int("state_size", p.state_size)
        .Bool("time_major", p.time_major)
        .Float("cell_clip", p.cell_clip)
        .Add("cell_activation", Activation(p.cell_activation));
  } else {
    return Status::Error(StatusCode::kUnsupported, "%s input", DataTypeName(type));
  }
  ctx.Include("kernels/lstm/lstm.h");
  ctx.Define(Fill(kParamsTemplate, {{"params_type", params_type},
                                    {"weights_type", weights_type},
                                    {"stem", ctx.stem()},
                                    {"fields", f.Render()},
                                    {"weights", WeightTable(ctx)}}));
  ctx.Call(Fill(kCallTemplate, {{"suffix", suffix},
                                {"stem", ctx.stem()},
                                {"input", ctx.In(kInput, "Input")},
                                {"hidden", ctx.In(kOutputState)},
                                {"cell", ctx.In(kCellState)},
                                {"output", ctx.Out(0)},
                                {"scratch", scratch}}));
  return Status::Ok();
}

}  // namespace aot
}  // namespace mote
