// UNIDIRECTIONAL_SEQUENCE_LSTM: Prepare (validation + quantization setup),
// Eval and registration.
#include "kernels/lstm/lstm.h"

#include <cmath>

#include "kernels/common/quantization.h"
#include "kernels/lstm/lstm_quant.h"

namespace mote {
namespace {

// Input tensor indices (the .tflite LSTM operand order).
constexpr int kInput = 0;
constexpr int kInputWeightsFirst = 1;      // 1..4: input/forget/cell/output
constexpr int kRecurrentWeightsFirst = 5;  // 5..8
constexpr int kPeepholeFirst = 9;          // 9..11 (unsupported)
constexpr int kBiasFirst = 12;             // 12..15
constexpr int kProjectionWeights = 16;     // 16, 17 (unsupported)
constexpr int kProjectionBias = 17;
constexpr int kOutputState = 18;
constexpr int kCellState = 19;
constexpr int kLayerNormFirst = 20;  // 20..23 (unsupported)
constexpr int kNumInputs = 24;

// UnidirectionalSequenceLSTMOptions field numbers.
constexpr uint8_t kOptionsType = 71;
constexpr int kFieldActivation = 0;
constexpr int kFieldCellClip = 1;
constexpr int kFieldTimeMajor = 3;
constexpr int kFieldDiagonalRecurrent = 5;

void EvalS8(const EvalContext& ctx) {
  const LstmOpData& data = ctx.op_data<LstmOpData>();
  LstmS8Weights weights;
  for (int g = 0; g < kLstmNumGates; ++g) {
    weights.input_weights[g] = ctx.input<int8_t>(kInputWeightsFirst + g);
    weights.recurrent_weights[g] = ctx.input<int8_t>(kRecurrentWeightsFirst + g);
    weights.bias[g] = ctx.input<int32_t>(kBiasFirst + g);
  }
  UnidirectionalSequenceLstmS8(data.params, weights, ctx.input<int8_t>(kInput),
                               ctx.mutable_input<int8_t>(kOutputState),
                               ctx.mutable_input<int16_t>(kCellState), ctx.output<int8_t>(0),
                               static_cast<int16_t*>(ctx.scratch(data.scratch)));
}

void EvalF32(const EvalContext& ctx) {
  const LstmF32OpData& data = ctx.op_data<LstmF32OpData>();
  LstmF32Weights weights;
  for (int g = 0; g < kLstmNumGates; ++g) {
    weights.input_weights[g] = ctx.input<float>(kInputWeightsFirst + g);
    weights.recurrent_weights[g] = ctx.input<float>(kRecurrentWeightsFirst + g);
    weights.bias[g] = ctx.input<float>(kBiasFirst + g);
  }
  UnidirectionalSequenceLstmF32(data.params, weights, ctx.input<float>(kInput),
                                ctx.mutable_input<float>(kOutputState),
                                ctx.mutable_input<float>(kCellState), ctx.output<float>(0),
                                static_cast<float*>(ctx.scratch(data.scratch)));
}

Status Invalid(const char* what) { return Status::Error(StatusCode::kInvalidModel, "%s", what); }

Status CheckType(const TensorView& t, DataType type, const char* what) {
  if (t.type() != type) {
    return Status::Error(StatusCode::kUnsupported, "%s has type %s, expected %s", what,
                         DataTypeName(t.type()), DataTypeName(type));
  }
  return Status::Ok();
}

Status CheckShape2(const TensorView& t, int32_t d0, int32_t d1, const char* what) {
  if (t.rank() != 2 || t.dim(0) != d0 || t.dim(1) != d1) {
    return Status::Error(StatusCode::kInvalidModel, "%s must have shape [%d, %d]", what,
                         static_cast<int>(d0), static_cast<int>(d1));
  }
  return Status::Ok();
}

// Per-tensor quantization with a zero point inside [lo, hi].
Status CheckQuant(const TensorView& t, const char* what, int32_t lo, int32_t hi,
                  TensorQuant* quant) {
  const QuantizationView q = t.quantization();
  if (q.per_channel()) {
    return Status::Error(StatusCode::kUnsupported, "%s: per-channel quantization", what);
  }
  MOTE_ASSIGN_OR_RETURN(*quant, PerTensorQuant(t, what));
  if (!std::isfinite(quant->scale)) {
    return Status::Error(StatusCode::kInvalidModel, "%s: scale is not finite", what);
  }
  if (quant->zero_point < lo || quant->zero_point > hi) {
    return Status::Error(StatusCode::kInvalidModel, "%s: zero point %d outside [%d, %d]", what,
                         static_cast<int>(quant->zero_point), static_cast<int>(lo),
                         static_cast<int>(hi));
  }
  return Status::Ok();
}

Status CheckTensors(const PrepareContext& ctx) {
  if (ctx.num_inputs() != kNumInputs || ctx.num_outputs() != 1) {
    return Status::Error(StatusCode::kInvalidModel, "expected 24 inputs and 1 output, got %zu, %zu",
                         ctx.num_inputs(), ctx.num_outputs());
  }
  const int required[] = {kInput, 1, 2, 3, 4, 5, 6, 7, 8, 12, 13, 14, 15, kOutputState, kCellState};
  for (int i : required) {
    if (!ctx.has_input(static_cast<size_t>(i))) {
      if (i == kInputWeightsFirst || i == kRecurrentWeightsFirst || i == kBiasFirst) {
        return Status::Error(StatusCode::kUnsupported, "CIFG LSTM (input %d missing)", i);
      }
      return Status::Error(StatusCode::kInvalidModel, "required input %d is missing", i);
    }
  }
  const int unsupported[] = {kPeepholeFirst,      kPeepholeFirst + 1,  kPeepholeFirst + 2,
                             kProjectionWeights,  kProjectionBias,     kLayerNormFirst,
                             kLayerNormFirst + 1, kLayerNormFirst + 2, kLayerNormFirst + 3};
  for (int i : unsupported) {
    if (ctx.has_input(static_cast<size_t>(i))) {
      return Status::Error(StatusCode::kUnsupported,
                           "input %d given: peephole, projection and layer norm are unsupported",
                           i);
    }
  }
  if (!ctx.input(kOutputState).is_variable() || !ctx.input(kCellState).is_variable()) {
    return Invalid("output state and cell state must be variable tensors");
  }
  return Status::Ok();
}

struct LstmConfig {
  bool time_major;
  float cell_clip;
  int32_t batch;
  int32_t steps;
  int32_t input_size;
  int32_t state;
};

Status ParseOptions(const PrepareContext& ctx, LstmConfig* config) {
  const OptionsView options = ctx.options();
  if (!options.present() || options.type() != kOptionsType) {
    return Invalid("missing UnidirectionalSequenceLSTMOptions");
  }
  const auto activation = static_cast<FusedActivation>(options.GetInt8(kFieldActivation, 0));
  if (activation != FusedActivation::kTanh) {
    return Status::Error(StatusCode::kUnsupported, "cell activation %d (only TANH)",
                         static_cast<int>(activation));
  }
  config->cell_clip = options.GetFloat(kFieldCellClip, 0.0f);
  if (!(config->cell_clip >= 0.0f)) return Invalid("cell_clip must be >= 0");
  if (options.GetBool(kFieldDiagonalRecurrent, false)) {
    return Status::Error(StatusCode::kUnsupported, "diagonal recurrent weights");
  }
  config->time_major = options.GetBool(kFieldTimeMajor, false);
  return Status::Ok();
}

// Shapes of every tensor against [B, T, I] input and [B, S] states; types are
// checked per variant. `act`, `weight`, `bias`, `cell_type`: the expected types.
Status CheckShapesAndTypes(const PrepareContext& ctx, DataType act, DataType weight,
                           DataType bias_type, DataType cell_type, LstmConfig* config) {
  const TensorView input = ctx.input(kInput);
  const TensorView hidden = ctx.input(kOutputState);
  const TensorView cell = ctx.input(kCellState);
  const TensorView output = ctx.output(0);
  MOTE_TRY(CheckType(hidden, act, "output state"));
  MOTE_TRY(CheckType(cell, cell_type, "cell state"));
  MOTE_TRY(CheckType(output, act, "output"));
  if (input.rank() != 3) return Invalid("input must have rank 3");
  if (hidden.rank() != 2) return Invalid("output state must have rank 2 [batch, cells]");
  config->batch = config->time_major ? input.dim(1) : input.dim(0);
  config->steps = config->time_major ? input.dim(0) : input.dim(1);
  config->input_size = input.dim(2);
  config->state = hidden.dim(1);
  const int32_t state = config->state;
  if (config->batch <= 0 || config->steps <= 0 || config->input_size <= 0 || state <= 0) {
    return Status::Error(StatusCode::kUnsupported, "empty LSTM tensors");
  }
  MOTE_TRY(CheckShape2(hidden, config->batch, state, "output state"));
  if (cell.num_elements() != static_cast<uint32_t>(config->batch) * static_cast<uint32_t>(state)) {
    return Invalid("cell state must have batch * cells elements");
  }
  if (output.rank() != 3 || output.dim(0) != input.dim(0) || output.dim(1) != input.dim(1) ||
      output.dim(2) != state) {
    return Invalid("output shape must be the input's with the last dimension = cells");
  }
  // Scratch: 4 gate buffers of (time major ? B : 1) x S cells of up to 4 bytes.
  const uint64_t rows = config->time_major ? static_cast<uint64_t>(config->batch) : 1;
  if (rows * static_cast<uint64_t>(state) * 16 > kMaxTensorBytes) {
    return Status::Error(StatusCode::kUnsupported, "LSTM scratch would exceed 2 GiB");
  }
  for (int g = 0; g < kLstmNumGates; ++g) {
    const TensorView wx = ctx.input(static_cast<size_t>(kInputWeightsFirst + g));
    const TensorView wh = ctx.input(static_cast<size_t>(kRecurrentWeightsFirst + g));
    const TensorView bias = ctx.input(static_cast<size_t>(kBiasFirst + g));
    MOTE_TRY(CheckType(wx, weight, "input weights"));
    MOTE_TRY(CheckType(wh, weight, "recurrent weights"));
    MOTE_TRY(CheckType(bias, bias_type, "gate bias"));
    MOTE_TRY(CheckShape2(wx, state, config->input_size, "input weights"));
    MOTE_TRY(CheckShape2(wh, state, state, "recurrent weights"));
    if (bias.rank() != 1 || bias.dim(0) != state) return Invalid("gate bias must be [cells]");
  }
  return Status::Ok();
}

Status PrepareS8(PrepareContext& ctx, LstmConfig& config) {
  MOTE_TRY(CheckShapesAndTypes(ctx, DataType::kInt8, DataType::kInt8, DataType::kInt32,
                               DataType::kInt16, &config));
  LstmQuantSpec spec{};
  TensorQuant q{};
  MOTE_TRY(CheckQuant(ctx.input(kInput), "input", -128, 127, &q));
  spec.input_scale = q.scale;
  spec.input_zero_point = q.zero_point;
  MOTE_TRY(CheckQuant(ctx.input(kOutputState), "output state", -128, 127, &q));
  spec.hidden_scale = q.scale;
  spec.hidden_zero_point = q.zero_point;
  TensorQuant out_q{};
  MOTE_TRY(CheckQuant(ctx.output(0), "output", -128, 127, &out_q));
  if (out_q.scale != q.scale || out_q.zero_point != q.zero_point) {
    // The output is a copy of the hidden state.
    return Invalid("output quantization differs from the output state's");
  }
  MOTE_TRY(CheckQuant(ctx.input(kCellState), "cell state", 0, 0, &q));
  spec.cell_scale = q.scale;
  spec.cell_clip = config.cell_clip;
  for (int g = 0; g < kLstmNumGates; ++g) {
    MOTE_TRY(CheckQuant(ctx.input(static_cast<size_t>(kInputWeightsFirst + g)), "input weights",
                        -128, 127, &q));
    spec.input_weight_scale[g] = q.scale;
    spec.input_weight_zero_point[g] = q.zero_point;
    MOTE_TRY(CheckQuant(ctx.input(static_cast<size_t>(kRecurrentWeightsFirst + g)),
                        "recurrent weights", -128, 127, &q));
    spec.recurrent_weight_scale[g] = q.scale;
    spec.recurrent_weight_zero_point[g] = q.zero_point;
  }

  MOTE_ASSIGN_OR_RETURN(LstmOpData * data, ctx.AllocateOpData<LstmOpData>());
  LstmS8Params& p = data->params;
  p.batch_size = config.batch;
  p.time_steps = config.steps;
  p.input_size = config.input_size;
  p.state_size = config.state;
  p.time_major = config.time_major;
  p.cell_activation = LstmCellActivation::kTanh;
  MOTE_TRY(ComputeLstmS8Quantization(spec, &p));
  MOTE_ASSIGN_OR_RETURN(data->scratch,
                        ctx.RequestScratch(LstmS8ScratchElements(p) * sizeof(int16_t)));
  ctx.set_eval(&EvalS8);
  return Status::Ok();
}

Status PrepareF32(PrepareContext& ctx, LstmConfig& config) {
  MOTE_TRY(CheckShapesAndTypes(ctx, DataType::kFloat32, DataType::kFloat32, DataType::kFloat32,
                               DataType::kFloat32, &config));
  MOTE_ASSIGN_OR_RETURN(LstmF32OpData * data, ctx.AllocateOpData<LstmF32OpData>());
  LstmF32Params& p = data->params;
  p.batch_size = config.batch;
  p.time_steps = config.steps;
  p.input_size = config.input_size;
  p.state_size = config.state;
  p.time_major = config.time_major;
  p.cell_clip = config.cell_clip;
  p.cell_activation = LstmCellActivation::kTanh;
  MOTE_ASSIGN_OR_RETURN(data->scratch,
                        ctx.RequestScratch(LstmF32ScratchElements(p) * sizeof(float)));
  ctx.set_eval(&EvalF32);
  return Status::Ok();
}

Status Prepare(PrepareContext& ctx) {
  MOTE_TRY(CheckTensors(ctx));
  LstmConfig config{};
  MOTE_TRY(ParseOptions(ctx, &config));
  switch (ctx.input(kInput).type()) {
    case DataType::kInt8:
      return PrepareS8(ctx, config);
    case DataType::kFloat32:
      return PrepareF32(ctx, config);
    default:
      return Status::Error(StatusCode::kUnsupported, "input type %s (int8 or float32 only)",
                           DataTypeName(ctx.input(kInput).type()));
  }
}

constexpr OpKernel kUnidirectionalSequenceLstm{BuiltinOp::kUnidirectionalSequenceLstm, nullptr,
                                               &Prepare};

}  // namespace

namespace ops {
const OpKernel& UnidirectionalSequenceLstm() { return kUnidirectionalSequenceLstm; }

Span<const OpKernel* const> lstm_kernels() {
  static const OpKernel* const kList[] = {&kUnidirectionalSequenceLstm};
  return Span<const OpKernel* const>(kList);
}
}  // namespace ops

}  // namespace mote
