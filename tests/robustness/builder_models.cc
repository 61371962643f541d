#include "robustness/builder_models.h"

namespace mote {
namespace robustness {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

const QuantParams kQ{{0.5f}, {0}};
const QuantParams kQ1{{1.0f}, {-3}};

int64_t Product(const std::vector<int32_t>& shape) {
  int64_t n = 1;
  for (int32_t d : shape) n *= d > 0 ? d : 0;
  return n;
}

std::vector<uint8_t> Reshape() {
  ModelBuilder b;
  const int x = b.AddTensor(DataType::kInt8, {1, 4}, kQ);
  const int shape = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, std::vector<int32_t>{4});
  const int y = b.AddTensor(DataType::kInt8, {4}, kQ);
  b.AddOperator(BuiltinOp::kReshape, {x, shape}, {y}, Options(17).Int32Vector(0, {4}));
  b.SetInputs({x});
  b.SetOutputs({y});
  return b.Build();
}

std::vector<uint8_t> DepthwiseConv() {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, {1, 4, 4, 2}, kQ);
  const int f = b.AddConstTensor<int8_t>(DataType::kInt8, {1, 2, 2, 4}, std::vector<int8_t>(16, 3),
                                         QuantParams{{0.25f, 0.25f, 0.5f, 0.5f}, {0, 0, 0, 0}, 3});
  const int bias =
      b.AddConstTensor<int32_t>(DataType::kInt32, {4}, std::vector<int32_t>{1, 2, 3, 4},
                                QuantParams{{0.125f, 0.125f, 0.25f, 0.25f}, {0, 0, 0, 0}});
  const int out = b.AddTensor(DataType::kInt8, {1, 3, 3, 4}, kQ1);
  b.AddOperator(BuiltinOp::kDepthwiseConv2D, {in, f, bias}, {out},
                Options(2).Int8(0, 1).Int32(1, 1).Int32(2, 1).Int32(3, 2).Int32(5, 1).Int32(6, 1));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<uint8_t> Pool() {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, {1, 4, 4, 1}, kQ);
  const int out = b.AddTensor(DataType::kInt8, {1, 2, 2, 1}, kQ);
  b.AddOperator(BuiltinOp::kAveragePool2D, {in}, {out},
                Options(5).Int8(0, 1).Int32(1, 2).Int32(2, 2).Int32(3, 2).Int32(4, 2));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<uint8_t> AddArgMax() {
  ModelBuilder b;
  const int x = b.AddTensor(DataType::kInt8, {1, 5}, kQ);
  const int y = b.AddTensor(DataType::kInt8, {1, 5}, kQ);
  const int sum = b.AddTensor(DataType::kInt8, {1, 5}, kQ1);
  const int axis = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, std::vector<int32_t>{1});
  const int idx = b.AddTensor(DataType::kInt32, {1});
  b.AddOperator(BuiltinOp::kAdd, {x, y}, {sum}, Options(11).Int8(0, 0));
  b.AddOperator(BuiltinOp::kArgMax, {sum, axis}, {idx}, Options(40).Int8(0, 2));
  b.SetInputs({x, y});
  b.SetOutputs({idx});
  return b.Build();
}

std::vector<uint8_t> ConcatMean() {
  ModelBuilder b;
  const int a = b.AddTensor(DataType::kInt8, {1, 2, 2, 1}, kQ);
  const int c = b.AddTensor(DataType::kInt8, {1, 2, 2, 2}, kQ);
  const int cat = b.AddTensor(DataType::kInt8, {1, 2, 2, 3}, kQ);
  const int axes = b.AddConstTensor<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{1, 2});
  const int mean = b.AddTensor(DataType::kInt8, {1, 3}, kQ);
  b.AddOperator(BuiltinOp::kConcatenation, {a, c}, {cat}, Options(10).Int32(0, 3));
  b.AddOperator(BuiltinOp::kMean, {cat, axes}, {mean}, Options(27).Bool(0, false));
  b.SetInputs({a, c});
  b.SetOutputs({mean});
  return b.Build();
}

// conv -> reshape -> fully connected -> softmax: a chain for graph-order corruptions.
std::vector<uint8_t> Chain() {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, {1, 4, 4, 2}, kQ);
  const int f = b.AddConstTensor<int8_t>(DataType::kInt8, {3, 2, 2, 2}, std::vector<int8_t>(24, 1),
                                         QuantParams{{0.25f}, {0}});
  const int conv = b.AddTensor(DataType::kInt8, {1, 3, 3, 3}, kQ1);
  const int shape = b.AddConstTensor<int32_t>(DataType::kInt32, {2}, std::vector<int32_t>{1, 27});
  const int flat = b.AddTensor(DataType::kInt8, {1, 27}, kQ1);
  const int w = b.AddConstTensor<int8_t>(DataType::kInt8, {4, 27}, std::vector<int8_t>(108, -2),
                                         QuantParams{{0.125f}, {0}});
  const int bias = b.AddConstTensor<int32_t>(
      DataType::kInt32, {4}, std::vector<int32_t>{5, 6, 7, 8}, QuantParams{{0.125f}, {0}});
  const int fc = b.AddTensor(DataType::kInt8, {1, 4}, kQ1);
  const int sm = b.AddTensor(DataType::kInt8, {1, 4}, QuantParams{{1.0f / 256}, {-128}});
  b.AddOperator(BuiltinOp::kConv2D, {in, f, -1}, {conv},
                Options(1).Int8(0, 1).Int32(1, 1).Int32(2, 1).Int32(4, 1).Int32(5, 1));
  b.AddOperator(BuiltinOp::kReshape, {conv, shape}, {flat}, Options(17).Int32Vector(0, {1, 27}));
  b.AddOperator(BuiltinOp::kFullyConnected, {flat, w, bias}, {fc}, Options(8));
  b.AddOperator(BuiltinOp::kSoftmax, {fc}, {sm}, Options(9).Float(0, 1.0f));
  b.SetInputs({in});
  b.SetOutputs({sm});
  return b.Build();
}

}  // namespace

std::vector<uint8_t> BuildConv(const ConvSpec& s) {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, s.input, kQ);
  const int32_t oc = s.filter.empty() ? 0 : s.filter[0];
  QuantParams fq;
  for (int32_t c = 0; c < (oc > 0 && oc < 64 ? oc : 1); ++c) {
    fq.scale.push_back(0.25f);
    fq.zero_point.push_back(0);
  }
  const int f =
      b.AddConstTensor<int8_t>(DataType::kInt8, s.filter,
                               std::vector<int8_t>(static_cast<size_t>(Product(s.filter)), 2), fq);
  int bias = -1;
  if (s.with_bias) {
    QuantParams bq;
    for (size_t c = 0; c < fq.scale.size(); ++c) {
      bq.scale.push_back(0.125f);
      bq.zero_point.push_back(0);
    }
    bias = b.AddConstTensor<int32_t>(DataType::kInt32, {static_cast<int32_t>(fq.scale.size())},
                                     std::vector<int32_t>(fq.scale.size(), 7), bq);
  }
  const int out = b.AddTensor(DataType::kInt8, s.output, kQ1);
  b.AddOperator(BuiltinOp::kConv2D, {in, f, bias}, {out},
                Options(1)
                    .Int8(0, s.padding)
                    .Int32(1, s.stride_w)
                    .Int32(2, s.stride_h)
                    .Int32(4, s.dilation_w)
                    .Int32(5, s.dilation_h));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<NamedModel> BuilderModels() {
  return {{"builder:reshape", Reshape()},
          {"builder:conv2d", BuildConv(ConvSpec())},
          {"builder:depthwise", DepthwiseConv()},
          {"builder:avg_pool", Pool()},
          {"builder:add_argmax", AddArgMax()},
          {"builder:concat_mean", ConcatMean()},
          {"builder:chain", Chain()}};
}

}  // namespace robustness
}  // namespace mote
