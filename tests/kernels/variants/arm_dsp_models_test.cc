// The shared models (../shared/conformance) through the interpreter with the
// Arm DSP kernel variants selected (their dsp:: emulation on this host), byte
// for byte against TFLM's goldens: every real layer shape of the conformance
// set, in both the interpreter's budget (in-place int8 weights) and ahead of
// time's (packed, widened weights). Skips when ../shared is absent.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "core/interpreter_hooks.h"
#include "kernels/registry/all_ops_resolver.h"
#include "kernels/signal/signal.h"
#include "mote/interpreter.h"
#include "support/test_support.h"

namespace mote {
namespace {

namespace fs = std::filesystem;

// Models with int8 CONV_2D / FULLY_CONNECTED / DEPTHWISE_CONV_2D layers.
const char* const kModels[] = {
    "kws_ref_model",    "pretrainedResnet_quant", "ad01_int8",
    "hello_world_int8", "micro_speech_quantized", "keyword_scrambled_8bit"};

// Runs every golden input of `name`; returns the number of samples checked.
int CheckModel(const std::string& root, const std::string& name, bool ahead_of_time_budget) {
  const std::string gdir = root + "/golden/" + name;
  const std::vector<uint8_t> bytes = testing::ReadFile(root + "/models/" + name + ".tflite");
  auto model = Model::Load(Span<const uint8_t>(bytes.data(), bytes.size()));
  EXPECT_TRUE(model.ok()) << name;
  if (!model.ok()) return 0;
  AllOpsResolver resolver;
  std::vector<uint8_t> arena(8 << 20);
  Interpreter interp(*model, resolver, Span<uint8_t>(arena.data(), arena.size()));
  InterpreterHooks::set_kernel_archs(interp,
                                     kPortableArchs | KernelArchBit(KernelArch::kArmV7emDsp));
  InterpreterHooks::set_ahead_of_time(interp,
                                      ahead_of_time_budget);  // any packed size: the w16 variants
  const Status s = interp.AllocateTensors();
  EXPECT_TRUE(s.ok()) << name << ": " << s.message();
  if (!s.ok()) return 0;
  int checked = 0;
  for (int k = 0; k < 10; ++k) {
    const std::string in_file = gdir + "/in" + std::to_string(k) + ".bin";
    if (!fs::exists(in_file)) continue;
    const std::vector<uint8_t> in = testing::ReadFile(in_file);
    const std::vector<uint8_t> want = testing::ReadFile(gdir + "/out" + std::to_string(k) + ".bin");
    size_t offset = 0;
    for (size_t i = 0; i < interp.num_inputs() && offset <= in.size(); ++i) {
      const TensorRef t = interp.input(i);
      if (offset + t.bytes > in.size()) break;
      std::memcpy(t.data, in.data() + offset, t.bytes);
      offset += t.bytes;
    }
    EXPECT_EQ(offset, in.size()) << name << " in" << k;
    interp.ResetVariables();
    signal::ResetState(interp);
    EXPECT_TRUE(interp.Invoke().ok()) << name;
    std::vector<uint8_t> got;
    for (size_t i = 0; i < interp.num_outputs(); ++i) {
      const TensorRef t = interp.output(i);
      got.insert(got.end(), static_cast<uint8_t*>(t.data), static_cast<uint8_t*>(t.data) + t.bytes);
    }
    EXPECT_EQ(got, want) << name << " in" << k << (ahead_of_time_budget ? " (ahead of time)" : "")
                         << ": differs from TFLM with the Arm DSP variants";
    ++checked;
  }
  return checked;
}

TEST(ArmDspModelsTest, ConformanceModelsMatchTflm) {
  const std::string root = testing::ConformanceDir();
  if (root.empty()) GTEST_SKIP() << "../shared/conformance is absent (TFLM goldens)";
  int checked = 0;
  for (const char* name : kModels) {
    if (!fs::exists(root + "/models/" + name + ".tflite")) continue;
    checked += CheckModel(root, name, false);
    checked += CheckModel(root, name, true);
  }
  EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace mote
