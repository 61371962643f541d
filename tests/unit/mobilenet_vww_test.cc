// The MLPerf Tiny VWW network's shapes (MobileNet v1 0.25, 96x96, synthetic
// weights: tests/support/mobilenet_vww.h) through the interpreter: every
// kernel arch set this machine runs and the planner's sharing switches give
// byte-identical outputs; the activations are not degenerate; the planned
// arena is measured against TFLM's Cortex-M4 arena for the trained model.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "core/interpreter_hooks.h"
#include "kernels/common/gemm_s8__armv7em_dsp.h"
#include "kernels/common/quantization.h"
#include "kernels/registry/all_ops_resolver.h"
#include "support/mobilenet_vww.h"
#include "support/test_support.h"

namespace mote {
namespace {

using testing::BuildMobileNetVww;
using testing::kMobileNetVwwInputBytes;

// TFLM's arena for the trained VWW MobileNet on a Cortex-M4 (issue 4).
constexpr size_t kTflmM4ArenaBytes = 100660;

const AllOpsResolver& Resolver() {
  static const AllOpsResolver resolver;
  return resolver;
}

const std::vector<uint8_t>& Model() {
  static const std::vector<uint8_t> model = BuildMobileNetVww();
  return model;
}

std::vector<std::vector<int8_t>> RandomInputs() {
  std::mt19937 rng(96);
  std::uniform_int_distribution<int> value(-128, 127);
  std::vector<std::vector<int8_t>> inputs(3, std::vector<int8_t>(kMobileNetVwwInputBytes));
  for (auto& input : inputs) {
    for (int8_t& v : input) v = static_cast<int8_t>(value(rng));
  }
  return inputs;
}

// Every op's int8 output as the op leaves it (copied by the op observer).
struct Recorder {
  std::vector<std::vector<int8_t>> outputs;
  static void Observe(void* user, const Interpreter& interp, size_t op) {
    auto* self = static_cast<Recorder*>(user);
    const TensorRef t = interp.tensor(static_cast<size_t>(interp.subgraph().op(op).outputs()[0]));
    const auto* p = t.data_as<const int8_t>();
    self->outputs[op].assign(p, p + t.bytes);
  }
};

struct Outcome {
  std::vector<std::vector<int8_t>> probs;   // per input
  std::vector<std::vector<int8_t>> layers;  // per input, every op's output concatenated
  PlanSummary summary;
  size_t arena_used = 0;
};

PlannerOptions NoSharing() {
  PlannerOptions o;
  o.views = o.in_place = o.banded = o.reorder = o.stream = false;
  return o;
}

Outcome Execute(KernelArchSet archs, const PlannerOptions& options) {
  Outcome r;
  testing::ModelRunner runner(Model());
  Status s = runner.Init(Resolver(), options);
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  Interpreter& interp = runner.interpreter();
  InterpreterHooks::set_kernel_archs(interp, archs);  // again with the arch set under test
  s = interp.AllocateTensors();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  r.summary = InterpreterHooks::plan_summary(interp);
  r.arena_used = interp.arena_used_bytes();
  Recorder recorder;
  recorder.outputs.resize(interp.num_ops());
  interp.set_op_observer(&Recorder::Observe, &recorder);
  for (const std::vector<int8_t>& input : RandomInputs()) {
    runner.SetInput<int8_t>(0, input);
    EXPECT_TRUE(interp.Invoke().ok());
    r.probs.push_back(runner.Output<int8_t>(0));
    std::vector<int8_t> all;
    for (const auto& out : recorder.outputs) all.insert(all.end(), out.begin(), out.end());
    r.layers.push_back(all);
  }
  return r;
}

const Outcome& Reference() {
  static const Outcome* const reference = new Outcome(Execute(kPortableArchs, NoSharing()));
  return *reference;
}

std::vector<KernelArchSet> ArchSetsHere() {
  std::vector<KernelArchSet> sets = {kPortableArchs,
                                     kPortableArchs | KernelArchBit(KernelArch::kArmV7emDsp)};
#if defined(__x86_64__)
  if (__builtin_cpu_supports("avx2"))
    sets.push_back(kPortableArchs | KernelArchBit(KernelArch::kX86Avx2));
#endif
  if (std::find(sets.begin(), sets.end(), NativeKernelArchs()) == sets.end()) {
    sets.push_back(NativeKernelArchs());
  }
  return sets;
}

TEST(MobileNetVww, ModelIsDeterministicAndLoads) {
  EXPECT_EQ(BuildMobileNetVww(), Model());
  EXPECT_NE(BuildMobileNetVww(7), Model());
  testing::ModelRunner runner(Model());
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  EXPECT_EQ(runner.interpreter().num_ops(), testing::kMobileNetVwwOps);
  EXPECT_EQ(runner.interpreter().input(0).bytes, kMobileNetVwwInputBytes);
  EXPECT_EQ(runner.interpreter().output(0).bytes, testing::kMobileNetVwwClasses);
}

TEST(MobileNetVww, EveryArchSetAndPlannerOptionGiveTheReferenceBytes) {
  const Outcome& reference = Reference();
  ASSERT_EQ(reference.probs.size(), 3u);
  PlannerOptions sharing;  // everything on (the default)
  for (KernelArchSet archs : ArchSetsHere()) {
    for (bool share : {false, true}) {
      SCOPED_TRACE("archs " + std::to_string(archs) + (share ? " sharing" : " no sharing"));
      const Outcome got = Execute(archs, share ? sharing : NoSharing());
      std::printf("archs %u%s: activations %zu B, arena used %zu B\n", static_cast<unsigned>(archs),
                  share ? " sharing" : " no sharing", got.summary.activation_bytes, got.arena_used);
      EXPECT_EQ(got.probs, reference.probs);
      if (!share) {
        // Without sharing every op's output is intact when the op returns.
        EXPECT_EQ(got.layers, reference.layers);
      }
    }
  }
}

// The quantization is drawn like TFLite's converter's for the trained model,
// including its dead channels (weights all near zero: bias clamped near
// +-2^30, multiplier 2^-27 or below), which once sent the whole layer off
// the Arm DSP variants' fast requantization (3-4x the instructions per MAC
// on the trained model). The model must have them, and every CONV_2D
// channel must take that path (kernels/common/gemm_s8__armv7em_dsp.h).
TEST(MobileNetVww, ConverterLikeChannelsTakeTheFastRequantization) {
  const std::vector<uint8_t>& bytes = Model();
  Result<::mote::Model> loaded =
      ::mote::Model::Load(Span<const uint8_t>(bytes.data(), bytes.size()));
  ASSERT_TRUE(loaded.ok());
  const SubgraphView g = loaded.value().main_subgraph();
  int dead = 0, channels = 0;
  for (size_t i = 0; i < g.num_operators(); ++i) {
    const OperatorView op = g.op(i);
    if (op.builtin() != BuiltinOp::kConv2D) continue;
    const TensorView in = g.tensor(static_cast<size_t>(op.inputs()[0]));
    const TensorView filter = g.tensor(static_cast<size_t>(op.inputs()[1]));
    const TensorView bias = g.tensor(static_cast<size_t>(op.inputs()[2]));
    const TensorView out = g.tensor(static_cast<size_t>(op.outputs()[0]));
    const int32_t input_offset = -static_cast<int32_t>(in.quantization().zero_point[0]);
    const int32_t depth = filter.dim(1) * filter.dim(2) * filter.dim(3);
    const int64_t max_input = std::max(128 - input_offset, 127 + input_offset);
    for (int32_t c = 0; c < filter.dim(0); ++c, ++channels) {
      int32_t b = 0;
      std::memcpy(&b, bias.data().data() + 4 * c, 4);
      const double scale = static_cast<double>(in.quantization().scale[0]) *
                           filter.quantization().scale[static_cast<size_t>(c)] /
                           out.quantization().scale[0];
      int32_t multiplier = 0;
      int shift = 0;
      QuantizeMultiplier(scale, &multiplier, &shift);
      if (b <= -(1 << 30) || b >= (1 << 30)) ++dead;
      EXPECT_TRUE(
          dsp_gemm::MakeRequantChannel(b, multiplier, shift, int64_t{depth} * 128 * max_input).fast)
          << "op " << i << " channel " << c << " bias " << b << " multiplier " << multiplier
          << " shift " << shift;
    }
  }
  EXPECT_GT(dead, channels / 3) << "the converter's dead channels are missing";
}

// The synthetic weights keep the network alive: each conv / depthwise
// layer's ReLU outputs spread over their range (neither mostly 0 nor
// at the top of their range), and the logits differ between inputs.
TEST(MobileNetVww, ActivationsAreNotDegenerate) {
  testing::ModelRunner runner(Model());
  ASSERT_TRUE(runner.Init(Resolver(), NoSharing()).ok());
  Interpreter& interp = runner.interpreter();
  Recorder recorder;
  recorder.outputs.resize(interp.num_ops());
  interp.set_op_observer(&Recorder::Observe, &recorder);
  std::vector<std::vector<int8_t>> logits;
  for (const std::vector<int8_t>& input : RandomInputs()) {
    runner.SetInput<int8_t>(0, input);
    ASSERT_TRUE(interp.Invoke().ok());
    logits.push_back(recorder.outputs[testing::kMobileNetVwwLogitsOp]);
    for (size_t op = 0; op + 4 < interp.num_ops(); ++op) {  // the conv and depthwise layers
      const std::vector<int8_t>& out = recorder.outputs[op];
      const size_t zeros = static_cast<size_t>(std::count(out.begin(), out.end(), -128));
      const size_t saturated = static_cast<size_t>(std::count(out.begin(), out.end(), 127));
      const std::set<int8_t> distinct(out.begin(), out.end());
      EXPECT_LT(zeros, out.size() * 8 / 10) << "op " << op << ": mostly 0";
      EXPECT_LT(saturated, out.size() / 10) << "op " << op << ": often saturated";
      EXPECT_GE(distinct.size(), 64u) << "op " << op;
    }
  }
  std::printf("logits (scale 1/16):");
  for (const auto& l : logits) std::printf(" [%d %d]", l[0], l[1]);
  std::printf("\n");
  EXPECT_FALSE(logits[0] == logits[1] && logits[1] == logits[2]) << "logits equal for all inputs";
}

TEST(MobileNetVww, PlannedArenaIsUnderHalfOfTflmsM4Arena) {
  testing::ModelRunner runner(Model());
  ASSERT_TRUE(runner.Init(Resolver()).ok());
  const PlanSummary& s = InterpreterHooks::plan_summary(runner.interpreter());
  const size_t used = runner.interpreter().arena_used_bytes();
  RecordProperty("activation_bytes", std::to_string(s.activation_bytes));
  RecordProperty("lower_bound", std::to_string(s.lower_bound));
  RecordProperty("arena_used_bytes", std::to_string(used));
  std::printf(
      "MobileNet VWW: activations %zu B (lower bound %zu, greedy %zu; %u banded, %u views), "
      "arena used %zu B; TFLM M4 %zu B\n",
      s.activation_bytes, s.lower_bound, s.greedy_bytes, s.num_banded, s.num_views, used,
      kTflmM4ArenaBytes);
  EXPECT_LT(s.activation_bytes, kTflmM4ArenaBytes / 2);

  // What banded in place buys here (the chain of convs written over each other).
  PlannerOptions no_bands;
  no_bands.banded = false;
  testing::ModelRunner apart(Model());
  ASSERT_TRUE(apart.Init(Resolver(), no_bands).ok());
  const size_t apart_bytes = InterpreterHooks::plan_summary(apart.interpreter()).activation_bytes;
  RecordProperty("activation_bytes_without_bands", std::to_string(apart_bytes));
  std::printf("without banded in place: activations %zu B\n", apart_bytes);
  EXPECT_LT(s.activation_bytes, apart_bytes);
}

// The model and one random input as files, for `mote inspect / compile /
// bench` (docs/memory.md, docs/performance.md).
TEST(MobileNetVww, WritesModelFileForTheTools) {
#if defined(MOTE_BINARY_DIR)
  const std::string base = std::string(MOTE_BINARY_DIR) + "/mobilenet_vww_int8";
  std::ofstream(base + ".tflite", std::ios::binary)
      .write(reinterpret_cast<const char*>(Model().data()),
             static_cast<std::streamsize>(Model().size()));
  const std::vector<int8_t> input = RandomInputs()[0];
  std::ofstream(base + ".input.bin", std::ios::binary)
      .write(reinterpret_cast<const char*>(input.data()),
             static_cast<std::streamsize>(input.size()));
  EXPECT_EQ(testing::ReadFile(base + ".tflite"), Model());
  EXPECT_EQ(testing::ReadFile(base + ".input.bin").size(), kMobileNetVwwInputBytes);
#else
  GTEST_SKIP() << "MOTE_BINARY_DIR is not defined";
#endif
}

}  // namespace
}  // namespace mote
