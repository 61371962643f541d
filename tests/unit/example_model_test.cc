// The example model Mote ships (built by host/tools/make_example_models)
// loads, plans and runs; its softmax output is a probability distribution.
#include <numeric>

#include <gtest/gtest.h>

#include "kernels/registry/all_ops_resolver.h"
#include "support/test_support.h"

namespace mote {
namespace {

TEST(ExampleModel, RunsAndOutputsProbabilities) {
  const std::string dir = std::string(MOTE_SOURCE_DIR) + "/examples/models/";
  auto bytes = testing::ReadFile(dir + "tiny_conv_int8.tflite");
  auto input = testing::ReadFile(dir + "tiny_conv_int8.input.bin");
  ASSERT_FALSE(bytes.empty());
  ASSERT_EQ(input.size(), 64u);
  AllOpsResolver resolver;
  testing::ModelRunner runner(bytes, 16 * 1024);
  const Status s = runner.Init(resolver);
  ASSERT_TRUE(s.ok()) << s.message();
  runner.SetInputBytes(0, input.data(), input.size());
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  const TensorRef out = runner.interpreter().output(0);
  ASSERT_EQ(out.bytes, 3u);
  double sum = 0;
  for (int8_t q : runner.Output<int8_t>(0)) sum += (q - out.zero_point) * out.scale;
  EXPECT_NEAR(sum, 1.0, 3.0 / 256);  // each of 3 outputs rounds by at most 1/256
  EXPECT_LT(runner.interpreter().arena_used_bytes(), 4096u);
}

}  // namespace
}  // namespace mote
