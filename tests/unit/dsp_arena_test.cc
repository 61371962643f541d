// The interpreter's arena with the Arm DSP kernel variants must never exceed
// its arena with the reference kernels: a variant's packed constants or
// scratch may not cost more arena than they save. Checked on the shapes of
// MLPerf Tiny's anomaly detection network (ad01: FULLY_CONNECTED layers
// 640 -> 128 -> 128 -> 8 -> 128 -> 640, per-tensor int8 weights), where a
// widened copy of the 640-value input row once cost 1.3 KB of scratch.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/interpreter_hooks.h"
#include "kernels/fully_connected/fully_connected.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

std::vector<uint8_t> Ad01LikeModel() {
  ModelBuilder b;
  const int32_t widths[] = {640, 128, 128, 8, 128, 640};
  const QuantParams act{{0.05f}, {-10}, 0};
  int x = b.AddTensor(DataType::kInt8, {1, widths[0]}, QuantParams{{0.1f}, {3}, 0}, "input");
  const int input = x;
  for (size_t l = 1; l < sizeof(widths) / sizeof(widths[0]); ++l) {
    const int32_t in = widths[l - 1], out = widths[l];
    std::vector<int8_t> w(static_cast<size_t>(in) * out);
    for (size_t i = 0; i < w.size(); ++i) w[i] = static_cast<int8_t>((i * 37 + l) % 255 - 127);
    std::vector<int32_t> bias(static_cast<size_t>(out));
    for (size_t i = 0; i < bias.size(); ++i) bias[i] = static_cast<int32_t>(i * 101 % 2001) - 1000;
    const int wt = b.AddConstTensor(DataType::kInt8, {out, in}, w, QuantParams{{0.01f}, {0}, 0});
    const int bi = b.AddConstTensor(DataType::kInt32, {out}, bias, QuantParams{{0.001f}, {0}, 0});
    const int y = b.AddTensor(DataType::kInt8, {1, out}, act);
    b.AddOperator(BuiltinOp::kFullyConnected, {x, wt, bi}, {y},
                  Options(8).Int8(0, l + 1 < sizeof(widths) / sizeof(widths[0]) ? 1 : 0));
    x = y;
  }
  b.SetInputs({input});
  b.SetOutputs({x});
  return b.Build();
}

const OpResolver& Resolver() {
  static OpResolverN<1>* resolver = [] {
    auto* r = new OpResolverN<1>();
    if (!r->Add(ops::FullyConnected()).ok()) std::abort();
    return r;
  }();
  return *resolver;
}

struct Allocated {
  size_t arena = 0;
  std::vector<int8_t> output;
};

Allocated Allocate(const std::vector<uint8_t>& model, KernelArchSet archs) {
  Allocated r;
  testing::ModelRunner runner(model);
  Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  InterpreterHooks::set_kernel_archs(runner.interpreter(), archs);
  s = runner.interpreter().AllocateTensors();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  std::vector<int8_t> input(640);
  for (size_t i = 0; i < input.size(); ++i) input[i] = static_cast<int8_t>(i * 13 % 256 - 128);
  runner.SetInput<int8_t>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  r.arena = runner.interpreter().arena_used_bytes();
  r.output = runner.Output<int8_t>(0);
  return r;
}

TEST(DspArena, FullyConnectedLayersCostNoMoreArenaThanTheReference) {
  const std::vector<uint8_t> model = Ad01LikeModel();
  const Allocated reference = Allocate(model, kPortableArchs);
  const Allocated dsp = Allocate(model, kPortableArchs | KernelArchBit(KernelArch::kArmV7emDsp));
  ASSERT_FALSE(reference.output.empty());
  EXPECT_EQ(dsp.output, reference.output);
  std::printf("ad01-like arena: reference kernels %zu B, Arm DSP variants %zu B\n", reference.arena,
              dsp.arena);
  EXPECT_LE(dsp.arena, reference.arena);
}

// The real ad01 (../shared/conformance), when present.
TEST(DspArena, Ad01CostsNoMoreArenaThanTheReference) {
  const std::string path = std::string(MOTE_SHARED_DIR) + "/conformance/models/ad01_int8.tflite";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent (../shared)";
  const std::vector<uint8_t> model = testing::ReadFile(path);
  const Allocated reference = Allocate(model, kPortableArchs);
  const Allocated dsp = Allocate(model, kPortableArchs | KernelArchBit(KernelArch::kArmV7emDsp));
  ASSERT_FALSE(reference.output.empty());
  EXPECT_EQ(dsp.output, reference.output);
  std::printf("ad01 arena: reference kernels %zu B, Arm DSP variants %zu B\n", reference.arena,
              dsp.arena);
  EXPECT_LE(dsp.arena, reference.arena);
}

}  // namespace
}  // namespace mote
