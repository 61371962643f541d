#include "single_op_models.h"

#define FLATBUFFERS_LOCALE_INDEPENDENT 0  // as signal_options.cc
#include "flatbuffers/flexbuffers.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace testing {
namespace {

using host::Options;
using host::QuantParams;
using D = DataType;

QuantParams Q(float scale, int64_t zero_point) { return {{scale}, {zero_point}}; }

// Builds a model of one op: In() adds model inputs, Out() model outputs.
class OneOp {
 public:
  int In(D type, const std::vector<int32_t>& shape, const QuantParams& q = {}) {
    inputs_.push_back(b_.AddTensor(type, shape, q));
    return inputs_.back();
  }
  int Out(D type, const std::vector<int32_t>& shape, const QuantParams& q = {}) {
    outputs_.push_back(b_.AddTensor(type, shape, q));
    return outputs_.back();
  }
  template <typename T>
  int Const(D type, const std::vector<int32_t>& shape, const std::vector<T>& v,
            const QuantParams& q = {}) {
    return b_.AddConstTensor<T>(type, shape, v, q);
  }
  std::vector<uint8_t> Op(BuiltinOp op, const std::vector<int32_t>& in,
                          const std::vector<int32_t>& out, const Options& options = Options()) {
    b_.AddOperator(op, in, out, options);
    return Finish();
  }
  std::vector<uint8_t> Custom(const std::string& name, const std::vector<int32_t>& in,
                              const std::vector<int32_t>& out,
                              const std::vector<uint8_t>& options) {
    b_.AddCustomOperator(name, in, out, options);
    return Finish();
  }

 private:
  std::vector<uint8_t> Finish() {
    b_.SetInputs(inputs_);
    b_.SetOutputs(outputs_);
    return b_.Build();
  }
  host::ModelBuilder b_;
  std::vector<int32_t> inputs_, outputs_;
};

// MEAN over `axes` (ReducerOptions: keep_dims).
std::vector<uint8_t> Mean(D type, const std::vector<int32_t>& in_shape, const QuantParams& qi,
                          const std::vector<int32_t>& axes, bool keep,
                          const std::vector<int32_t>& out_shape, const QuantParams& qo) {
  OneOp m;
  const int in = m.In(type, in_shape, qi);
  const int ax = m.Const<int32_t>(D::kInt32, {static_cast<int32_t>(axes.size())}, axes);
  const int out = m.Out(type, out_shape, qo);
  return m.Op(BuiltinOp::kMean, {in, ax}, {out}, Options(27).Bool(0, keep));
}

std::vector<uint8_t> ArgMax(D type, const std::vector<int32_t>& in_shape, int32_t axis, D out_type,
                            const std::vector<int32_t>& out_shape) {
  OneOp m;
  const int in = m.In(type, in_shape, Q(1.f, 0));
  const int ax = m.Const<int32_t>(D::kInt32, {1}, {axis});
  const int out = m.Out(out_type, out_shape);
  return m.Op(BuiltinOp::kArgMax, {in, ax}, {out},
              Options(40).Int8(0, static_cast<int8_t>(out_type)));
}

// An op with one input and one output of the same shape (DEQUANTIZE, CAST).
std::vector<uint8_t> Unary(BuiltinOp op, D in_type, const QuantParams& qi, D out_type,
                           const std::vector<int32_t>& shape) {
  OneOp m;
  const int in = m.In(in_type, shape, qi);
  const int out = m.Out(out_type, shape);
  return m.Op(op, {in}, {out});
}

struct Operand {
  D type;
  std::vector<int32_t> shape;
  QuantParams q;
};

std::vector<uint8_t> Binary(BuiltinOp op, const Operand& a, const Operand& b, const Operand& out,
                            const Options& options) {
  OneOp m;
  const int x = m.In(a.type, a.shape, a.q);
  const int y = m.In(b.type, b.shape, b.q);
  const int o = m.Out(out.type, out.shape, out.q);
  return m.Op(op, {x, y}, {o}, options);
}

std::vector<uint8_t> Resize(D type, const std::vector<int32_t>& in_shape, int32_t h, int32_t w,
                            bool align, bool half) {
  OneOp m;
  const int in = m.In(type, in_shape, Q(0.5f, 0));
  const int size = m.Const<int32_t>(D::kInt32, {2}, {h, w});
  const int out = m.Out(type, {in_shape[0], h, w, in_shape[3]}, Q(0.5f, 0));
  return m.Op(BuiltinOp::kResizeNearestNeighbor, {in, size}, {out},
              Options(74).Bool(0, align).Bool(1, half));
}

std::vector<uint8_t> FlexMap(const std::vector<std::pair<const char*, int64_t>>& values) {
  flexbuffers::Builder fbb;
  fbb.Map([&]() {
    for (const auto& [key, v] : values) fbb.Int(key, v);
  });
  fbb.Finish();
  return fbb.GetBuffer();
}

void AddDataMovementCases(std::vector<SingleOpCase>* cases) {
  const QuantParams q8 = Q(0.5f, 1);
  {
    OneOp m;
    const int a = m.In(D::kInt8, {2, 3}, q8);
    const int c = m.Const<int8_t>(D::kInt8, {2, 2}, {1, -2, 3, -4}, q8);
    const int b = m.In(D::kInt8, {2, 1}, q8);
    const int o = m.Out(D::kInt8, {2, 6}, q8);
    cases->push_back(
        {"concatenation_s8_const_part",
         m.Op(BuiltinOp::kConcatenation, {a, c, b}, {o}, Options(10).Int32(0, 1).Int8(1, 0)),
         {}});
  }
  {
    OneOp m;
    const int a = m.In(D::kFloat32, {1, 4});
    const int b = m.In(D::kFloat32, {2, 4});
    const int o = m.Out(D::kFloat32, {3, 4});
    cases->push_back({"concatenation_f32_axis0",
                      m.Op(BuiltinOp::kConcatenation, {a, b}, {o}, Options(10).Int32(0, -2)),
                      {}});
  }
  {
    OneOp m;
    const int a = m.In(D::kInt16, {3});
    const int b = m.In(D::kInt16, {3});
    const int o = m.Out(D::kInt16, {3, 2});
    cases->push_back(
        {"pack_s16", m.Op(BuiltinOp::kPack, {a, b}, {o}, Options(59).Int32(0, 2).Int32(1, 1)), {}});
  }
  {
    OneOp m;
    const int ax = m.Const<int32_t>(D::kInt32, {}, {1});
    const int in = m.In(D::kFloat32, {2, 6});
    const int o0 = m.Out(D::kFloat32, {2, 2});
    const int o1 = m.Out(D::kFloat32, {2, 2});
    const int o2 = m.Out(D::kFloat32, {2, 2});
    cases->push_back({"split_f32",
                      m.Op(BuiltinOp::kSplit, {ax, in}, {o0, o1, o2}, Options(35).Int32(0, 3)),
                      {}});
  }
  {
    OneOp m;
    const int in = m.In(D::kInt8, {2, 3, 2}, q8);
    std::vector<int32_t> outs;
    for (int i = 0; i < 3; ++i) outs.push_back(m.Out(D::kInt8, {2, 2}, q8));
    cases->push_back({"unpack_s8",
                      m.Op(BuiltinOp::kUnpack, {in}, outs, Options(64).Int32(0, 3).Int32(1, 1)),
                      {}});
  }
  {
    OneOp m;
    const int in = m.In(D::kInt8, {2, 3, 4}, q8);
    const int perm = m.Const<int32_t>(D::kInt32, {3}, {2, 0, 1});
    const int o = m.Out(D::kInt8, {4, 2, 3}, q8);
    cases->push_back(
        {"transpose_s8", m.Op(BuiltinOp::kTranspose, {in, perm}, {o}, Options(26)), {}});
  }
  {
    OneOp m;
    const int in = m.In(D::kFloat32, {1, 2, 3, 4});
    const int perm = m.Const<int64_t>(D::kInt64, {4}, {0, 3, 1, 2});
    const int o = m.Out(D::kFloat32, {1, 4, 2, 3});
    cases->push_back(
        {"transpose_f32_4d", m.Op(BuiltinOp::kTranspose, {in, perm}, {o}, Options(26)), {}});
  }
  {
    OneOp m;
    const int in = m.In(D::kFloat32, {5, 4});
    const int idx = m.Const<int32_t>(D::kInt32, {3}, {4, 0, 2});
    const int o = m.Out(D::kFloat32, {3, 4});
    cases->push_back({"gather_f32_const_indices",
                      m.Op(BuiltinOp::kGather, {in, idx}, {o}, Options(23).Int32(0, 0)),
                      {}});
  }
  {
    OneOp m;
    const int in = m.In(D::kInt8, {3, 6}, q8);
    const int idx = m.In(D::kInt32, {2, 2});
    const int o = m.Out(D::kInt8, {3, 2, 2}, q8);
    cases->push_back({"gather_s8_runtime_indices",
                      m.Op(BuiltinOp::kGather, {in, idx}, {o}, Options(23).Int32(0, 1)),
                      {{1, {0, 5}}}});
  }
  {
    OneOp m;
    const int in = m.In(D::kInt16, {4, 3});
    const int idx = m.Const<int64_t>(D::kInt64, {2}, {3, 1});
    const int o = m.Out(D::kInt16, {2, 3});
    cases->push_back({"gather_s16_int64_indices",
                      m.Op(BuiltinOp::kGather, {in, idx}, {o}, Options(23).Int32(0, 0)),
                      {}});
  }
}

void AddSignalCases(std::vector<SingleOpCase>* cases) {
  {
    OneOp m;
    const int in = m.In(D::kInt16, {2, 8});
    std::vector<int16_t> window(8);
    for (int i = 0; i < 8; ++i) window[i] = static_cast<int16_t>(4096 + 3000 * i - 500 * i * i);
    const int w = m.Const<int16_t>(D::kInt16, {8}, window);
    const int o = m.Out(D::kInt16, {2, 8});
    cases->push_back(
        {"signal_window", m.Custom("SignalWindow", {in, w}, {o}, FlexMap({{"shift", 12}})), {}});
  }
  {
    // Three frames of 30 samples, zero-padded to a 32-point FFT.
    OneOp m;
    const int in = m.In(D::kInt16, {3, 30});
    const int o = m.Out(D::kInt16, {3, 34});
    cases->push_back({"signal_rfft_frames",
                      m.Custom("SignalRfft", {in}, {o}, FlexMap({{"T", 7}, {"fft_length", 32}})),
                      {{0, {-2000, 2000}}}});
  }
  {
    // Carries its noise estimate across invocations (the test runs several).
    OneOp m;
    const int in = m.In(D::kUInt32, {8});
    const int o = m.Out(D::kUInt32, {8});
    const int noise = m.Out(D::kUInt32, {8});
    cases->push_back({"signal_spectral_subtraction",
                      m.Custom("SignalFilterBankSpectralSubtraction", {in}, {o, noise},
                               FlexMap({{"alternate_one_minus_smoothing", 15401},
                                        {"alternate_smoothing", 983},
                                        {"clamping", 1},
                                        {"min_signal_remaining", 819},
                                        {"num_channels", 8},
                                        {"one_minus_smoothing", 15975},
                                        {"smoothing", 409},
                                        {"smoothing_bits", 10},
                                        {"spectral_subtraction_bits", 14}})),
                      {{0, {0, 1 << 20}}}});
  }
}

}  // namespace

std::vector<SingleOpCase> SingleOpCases() {
  std::vector<SingleOpCase> c;
  // MEAN and ARG_MAX.
  c.push_back({"mean_f32", Mean(D::kFloat32, {2, 3, 4}, {}, {1}, false, {2, 4}, {}), {}});
  c.push_back({"mean_s8_same_quantization",
               Mean(D::kInt8, {1, 4, 4, 3}, Q(0.5f, -3), {1, 2}, true, {1, 1, 1, 3}, Q(0.5f, -3)),
               {}});
  c.push_back(
      {"mean_s8_rescaled", Mean(D::kInt8, {2, 6}, Q(0.25f, 5), {-1}, false, {2}, Q(0.1f, -2)), {}});
  c.push_back({"mean_s16", Mean(D::kInt16, {3, 8}, Q(0.01f, 0), {0}, false, {8}, Q(0.02f, 0)), {}});
  c.push_back({"arg_max_f32", ArgMax(D::kFloat32, {2, 5, 3}, 1, D::kInt32, {2, 3}), {}});
  c.push_back({"arg_max_s8_int64", ArgMax(D::kInt8, {3, 7}, -1, D::kInt64, {3}), {}});
  c.push_back({"arg_max_s16", ArgMax(D::kInt16, {4, 6}, 0, D::kInt32, {6}), {}});
  c.push_back({"arg_max_s32", ArgMax(D::kInt32, {5, 4}, 1, D::kInt32, {5}), {{0, {-3, 3}}}});
  // DEQUANTIZE and CAST.
  c.push_back({"dequantize_s8",
               Unary(BuiltinOp::kDequantize, D::kInt8, Q(0.3f, -7), D::kFloat32, {2, 8}),
               {}});
  c.push_back({"dequantize_s16",
               Unary(BuiltinOp::kDequantize, D::kInt16, Q(0.001f, 0), D::kFloat32, {16}),
               {}});
  c.push_back({"dequantize_u8",
               Unary(BuiltinOp::kDequantize, D::kUInt8, Q(0.5f, 128), D::kFloat32, {10}),
               {}});
  c.push_back({"cast_s8_f32", Unary(BuiltinOp::kCast, D::kInt8, {}, D::kFloat32, {12}), {}});
  c.push_back({"cast_f32_s32", Unary(BuiltinOp::kCast, D::kFloat32, {}, D::kInt32, {12}), {}});
  c.push_back(
      {"cast_s32_u8", Unary(BuiltinOp::kCast, D::kInt32, {}, D::kUInt8, {12}), {{0, {-300, 300}}}});
  c.push_back({"cast_f32_bool", Unary(BuiltinOp::kCast, D::kFloat32, {}, D::kBool, {12}), {}});
  c.push_back({"cast_bool_s16", Unary(BuiltinOp::kCast, D::kBool, {}, D::kInt16, {12}), {}});
  // MUL, DIV, MINIMUM, MAXIMUM (fused activation: options field 0).
  const Options mul = Options(21).Int8(0, 0), div = Options(29).Int8(0, 0), minmax = Options(39);
  c.push_back({"mul_s8_broadcast_relu",
               Binary(BuiltinOp::kMul, {D::kInt8, {2, 3, 4}, Q(0.1f, 3)},
                      {D::kInt8, {1, 1, 4}, Q(0.05f, -2)}, {D::kInt8, {2, 3, 4}, Q(0.2f, -5)},
                      Options(21).Int8(0, 1)),
               {}});
  c.push_back({"mul_s16",
               Binary(BuiltinOp::kMul, {D::kInt16, {3, 5}, Q(0.01f, 0)},
                      {D::kInt16, {3, 5}, Q(0.02f, 0)}, {D::kInt16, {3, 5}, Q(0.05f, 0)}, mul),
               {}});
  c.push_back({"mul_f32_broadcast",
               Binary(BuiltinOp::kMul, {D::kFloat32, {2, 1, 3}, {}}, {D::kFloat32, {4, 1}, {}},
                      {D::kFloat32, {2, 4, 3}, {}}, mul),
               {}});
  c.push_back({"mul_s32",
               Binary(BuiltinOp::kMul, {D::kInt32, {6}, {}}, {D::kInt32, {6}, {}},
                      {D::kInt32, {6}, {}}, mul),
               {}});
  c.push_back({"div_s8",
               Binary(BuiltinOp::kDiv, {D::kInt8, {2, 5}, Q(0.1f, 0)},
                      {D::kInt8, {2, 5}, Q(0.2f, -1)}, {D::kInt8, {2, 5}, Q(0.15f, 2)}, div),
               {}});
  c.push_back({"div_f32_broadcast",
               Binary(BuiltinOp::kDiv, {D::kFloat32, {2, 3}, {}}, {D::kFloat32, {3}, {}},
                      {D::kFloat32, {2, 3}, {}}, div),
               {}});
  c.push_back({"div_s32_with_zeros",
               Binary(BuiltinOp::kDiv, {D::kInt32, {8}, {}}, {D::kInt32, {8}, {}},
                      {D::kInt32, {8}, {}}, div),
               {{1, {-3, 3}}}});
  c.push_back({"maximum_f32_broadcast",
               Binary(BuiltinOp::kMaximum, {D::kFloat32, {2, 3}, {}}, {D::kFloat32, {1}, {}},
                      {D::kFloat32, {2, 3}, {}}, minmax),
               {}});
  c.push_back({"minimum_s8",
               Binary(BuiltinOp::kMinimum, {D::kInt8, {2, 4}, Q(0.5f, 1)},
                      {D::kInt8, {2, 4}, Q(0.5f, 1)}, {D::kInt8, {2, 4}, Q(0.5f, 1)}, minmax),
               {}});
  c.push_back({"maximum_s16",
               Binary(BuiltinOp::kMaximum, {D::kInt16, {6}, Q(1.f, 0)}, {D::kInt16, {6}, Q(1.f, 0)},
                      {D::kInt16, {6}, Q(1.f, 0)}, minmax),
               {}});
  c.push_back({"minimum_s32",
               Binary(BuiltinOp::kMinimum, {D::kInt32, {5}, {}}, {D::kInt32, {5}, {}},
                      {D::kInt32, {5}, {}}, minmax),
               {}});
  c.push_back({"maximum_s64",
               Binary(BuiltinOp::kMaximum, {D::kInt64, {4}, {}}, {D::kInt64, {4}, {}},
                      {D::kInt64, {4}, {}}, minmax),
               {}});
  AddDataMovementCases(&c);
  // RESIZE_NEAREST_NEIGHBOR.
  c.push_back({"resize_nearest_s8", Resize(D::kInt8, {1, 3, 4, 2}, 6, 8, false, false), {}});
  c.push_back({"resize_nearest_f32_align_corners",
               Resize(D::kFloat32, {2, 4, 4, 1}, 3, 5, true, false),
               {}});
  c.push_back(
      {"resize_nearest_s16_half_pixel", Resize(D::kInt16, {1, 5, 3, 3}, 2, 7, false, true), {}});
  AddSignalCases(&c);
  AddShapeAndMathCases(&c);
  return c;
}

}  // namespace testing
}  // namespace mote
