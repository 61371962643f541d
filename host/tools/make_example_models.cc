// make_example_models DIR: writes the example models Mote ships, built with
// Mote's own ModelBuilder (no TensorFlow involved):
//   tiny_conv_int8.tflite   int8 CONV_2D -> DEPTHWISE_CONV_2D -> AVERAGE_POOL_2D
//                           -> RESHAPE -> FULLY_CONNECTED -> SOFTMAX on an 8x8 image
//   tiny_conv_int8.input.bin  one input for it
// Weights are deterministic pseudo-random values, quantized per channel.
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "tflite_builder/model_builder.h"

using mote::BuiltinOp;
using mote::DataType;
using mote::host::ModelBuilder;
using mote::host::Options;
using mote::host::QuantParams;

namespace {

std::vector<int8_t> RandomInt8(std::mt19937& rng, size_t n) {
  std::uniform_int_distribution<int> d(-127, 127);
  std::vector<int8_t> v(n);
  for (auto& x : v) x = static_cast<int8_t>(d(rng));
  return v;
}

std::vector<int32_t> RandomBias(std::mt19937& rng, size_t n, int range) {
  std::uniform_int_distribution<int> d(-range, range);
  std::vector<int32_t> v(n);
  for (auto& x : v) x = d(rng);
  return v;
}

bool Write(const std::string& path, const void* data, size_t size) {
  std::ofstream f(path, std::ios::binary);
  f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!f) {
    std::fprintf(stderr, "make_example_models: cannot write %s\n", path.c_str());
    return false;
  }
  std::printf("wrote %s (%zu bytes)\n", path.c_str(), size);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: make_example_models OUTPUT_DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  std::mt19937 rng(2026);
  ModelBuilder b;
  b.SetDescription("Mote example: tiny int8 conv net (built by make_example_models)");
  const float in_scale = 1.0f / 128, w_scale = 0.02f;
  const int channels = 4, classes = 3;

  const int input = b.AddTensor(DataType::kInt8, {1, 8, 8, 1}, {{in_scale}, {0}}, "image");
  // CONV_2D 3x3, 4 filters, SAME, ReLU. Per-channel weight scales.
  std::vector<float> wscales(channels, w_scale);
  const int conv_w = b.AddConstTensor(DataType::kInt8, {channels, 3, 3, 1},
                                      RandomInt8(rng, channels * 9),
                                      {wscales, std::vector<int64_t>(channels, 0), 0}, "conv/w");
  std::vector<float> bscales(channels, in_scale * w_scale);
  const int conv_b = b.AddConstTensor(DataType::kInt32, {channels}, RandomBias(rng, channels, 200),
                                      {bscales, std::vector<int64_t>(channels, 0), 0}, "conv/b");
  const float conv_scale = 0.02f;
  const int conv_out =
      b.AddTensor(DataType::kInt8, {1, 8, 8, channels}, {{conv_scale}, {-128}}, "conv/out");
  b.AddOperator(BuiltinOp::kConv2D, {input, conv_w, conv_b}, {conv_out},
                Options(1).Int8(0, 0).Int32(1, 1).Int32(2, 1).Int8(3, 1).Int32(4, 1).Int32(5, 1));
  // DEPTHWISE_CONV_2D 3x3, multiplier 1, SAME, ReLU6.
  const int dw_w = b.AddConstTensor(DataType::kInt8, {1, 3, 3, channels},
                                    RandomInt8(rng, channels * 9),
                                    {wscales, std::vector<int64_t>(channels, 0), 3}, "dw/w");
  std::vector<float> dwb(channels, conv_scale * w_scale);
  const int dw_b = b.AddConstTensor(DataType::kInt32, {channels}, RandomBias(rng, channels, 500),
                                    {dwb, std::vector<int64_t>(channels, 0), 0}, "dw/b");
  const float dw_scale = 6.0f / 255;
  const int dw_out = b.AddTensor(DataType::kInt8, {1, 8, 8, channels}, {{dw_scale}, {-128}}, "dw/out");
  b.AddOperator(BuiltinOp::kDepthwiseConv2D, {conv_out, dw_w, dw_b}, {dw_out},
                Options(2).Int8(0, 0).Int32(1, 1).Int32(2, 1).Int32(3, 1).Int8(4, 3).Int32(5, 1)
                    .Int32(6, 1));
  // AVERAGE_POOL_2D over the whole 8x8 map.
  const int pool = b.AddTensor(DataType::kInt8, {1, 1, 1, channels}, {{dw_scale}, {-128}}, "pool");
  b.AddOperator(BuiltinOp::kAveragePool2D, {dw_out}, {pool},
                Options(5).Int8(0, 1).Int32(1, 8).Int32(2, 8).Int32(3, 8).Int32(4, 8).Int8(5, 0));
  const std::vector<int32_t> flat_shape = {1, channels};
  const int shape = b.AddConstTensor(DataType::kInt32, {2}, flat_shape, {}, "flatten/shape");
  const int flat = b.AddTensor(DataType::kInt8, {1, channels}, {{dw_scale}, {-128}}, "flatten");
  b.AddOperator(BuiltinOp::kReshape, {pool, shape}, {flat},
                Options(17).Int32Vector(0, flat_shape));
  // FULLY_CONNECTED to 3 classes.
  const int fc_w = b.AddConstTensor(DataType::kInt8, {classes, channels},
                                    RandomInt8(rng, classes * channels), {{0.01f}, {0}}, "fc/w");
  const int fc_b = b.AddConstTensor(DataType::kInt32, {classes}, RandomBias(rng, classes, 1000),
                                    {{dw_scale * 0.01f}, {0}}, "fc/b");
  const int logits = b.AddTensor(DataType::kInt8, {1, classes}, {{0.05f}, {0}}, "logits");
  b.AddOperator(BuiltinOp::kFullyConnected, {flat, fc_w, fc_b}, {logits},
                Options(8).Int8(0, 0).Int8(1, 0).Bool(2, false));
  const int probs =
      b.AddTensor(DataType::kInt8, {1, classes}, {{1.0f / 256}, {-128}}, "probabilities");
  b.AddOperator(BuiltinOp::kSoftmax, {logits}, {probs}, Options(9).Float(0, 1.0f));
  b.SetInputs({input});
  b.SetOutputs({probs});
  const std::vector<uint8_t> model = b.Build();

  // An input: a bright diagonal stripe on a dark background.
  std::vector<int8_t> image(64);
  for (int y = 0; y < 8; ++y) {
    for (int x = 0; x < 8; ++x) image[y * 8 + x] = static_cast<int8_t>(std::abs(x - y) <= 1 ? 120 : -100);
  }
  const bool ok = Write(dir + "/tiny_conv_int8.tflite", model.data(), model.size()) &&
                  Write(dir + "/tiny_conv_int8.input.bin", image.data(), image.size());
  return ok ? 0 : 1;
}
