// Conv-like ops compute their per-channel multipliers and shifts in
// temporary Prepare memory (PrepareContext::AllocateTemporary) and keep them
// only if the chosen kernel reads them: the Arm DSP variants read their
// packed tables instead, so the interpreter drops 8 bytes per channel. The
// arena the interpreter reports must still hold that temporary memory.
#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "core/interpreter_hooks.h"
#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

constexpr int32_t kChannels = 512;

// input [1, 1, 1, 4] -> CONV_2D 1x1 (per-channel, kChannels outputs) or
// DEPTHWISE_CONV_2D 1x1 (multiplier kChannels / 4): the multipliers (4 KB)
// outweigh the activations.
std::vector<uint8_t> WideModel(bool depthwise) {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kInt8, {1, 1, 1, 4}, QuantParams{{0.05f}, {3}, 0});
  std::vector<int8_t> filter(static_cast<size_t>(kChannels) * (depthwise ? 1 : 4));
  for (size_t i = 0; i < filter.size(); ++i) filter[i] = static_cast<int8_t>(i * 37 % 255 - 127);
  std::vector<float> scales(kChannels);
  for (int32_t c = 0; c < kChannels; ++c) scales[c] = 0.001f * static_cast<float>(1 + c % 7);
  const QuantParams fq{scales, std::vector<int64_t>(kChannels, 0), depthwise ? 3 : 0};
  const int f = depthwise ? b.AddConstTensor(DataType::kInt8, {1, 1, 1, kChannels}, filter, fq)
                          : b.AddConstTensor(DataType::kInt8, {kChannels, 1, 1, 4}, filter, fq);
  const int out = b.AddTensor(DataType::kInt8, {1, 1, 1, kChannels}, QuantParams{{0.02f}, {-5}, 0});
  if (depthwise) {
    b.AddOperator(BuiltinOp::kDepthwiseConv2D, {in, f, -1}, {out},
                  Options(2).Int8(0, 1).Int32(1, 1).Int32(2, 1).Int32(3, kChannels / 4));
  } else {
    b.AddOperator(BuiltinOp::kConv2D, {in, f, -1}, {out},
                  Options(1).Int8(0, 1).Int32(1, 1).Int32(2, 1));
  }
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

const OpResolver& Resolver() {
  static OpResolverN<2>* resolver = [] {
    auto* r = new OpResolverN<2>();
    if (!r->Add(ops::Conv2D()).ok() || !r->Add(ops::DepthwiseConv2D()).ok()) std::abort();
    return r;
  }();
  return *resolver;
}

struct Allocated {
  size_t persistent = 0, arena = 0;
  std::vector<int8_t> output;
};

Allocated Allocate(const std::vector<uint8_t>& model, KernelArchSet archs, size_t arena_bytes) {
  Allocated r;
  testing::ModelRunner runner(model, arena_bytes);
  Status s = runner.Init(Resolver());
  if (!s.ok()) return r;
  InterpreterHooks::set_kernel_archs(runner.interpreter(), archs);
  s = runner.interpreter().AllocateTensors();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  runner.SetInput<int8_t>(0, std::vector<int8_t>{-100, 7, 55, 127});
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  r.persistent = InterpreterHooks::plan_summary(runner.interpreter()).persistent_bytes;
  r.arena = runner.interpreter().arena_used_bytes();
  r.output = runner.Output<int8_t>(0);
  return r;
}

TEST(RequantArrays, DspVariantsDropThemAndTheArenaStillFits) {
  const KernelArchSet dsp = kPortableArchs | KernelArchBit(KernelArch::kArmV7emDsp);
  for (bool depthwise : {false, true}) {
    const std::vector<uint8_t> model = WideModel(depthwise);
    const Allocated portable = Allocate(model, kPortableArchs, 1 << 20);
    const Allocated with_dsp = Allocate(model, dsp, 1 << 20);
    ASSERT_FALSE(portable.output.empty());
    EXPECT_EQ(with_dsp.output, portable.output) << "depthwise " << depthwise;
    // The DSP variants pack 16 bytes per channel; kept arrays would add 8 more
    // on top of the reference's 8, i.e. at least 16 * kChannels more in all.
    EXPECT_LT(with_dsp.persistent, portable.persistent + 16 * kChannels) << depthwise;
    // An arena of exactly the reported size holds the temporary multipliers
    // (4 KB, more than the activations) and runs.
    for (const Allocated* r : {&portable, &with_dsp}) {
      EXPECT_GE(r->arena, 8u * kChannels);
      const Allocated exact = Allocate(model, r == &portable ? kPortableArchs : dsp, r->arena);
      EXPECT_EQ(exact.output, portable.output) << "depthwise " << depthwise;
    }
  }
}

}  // namespace
}  // namespace mote
