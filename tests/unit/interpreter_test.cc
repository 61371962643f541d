#include <gtest/gtest.h>

#include "kernels/reshape/reshape.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;

std::vector<uint8_t> TwoReshapes() {
  ModelBuilder b;
  int a = b.AddTensor(DataType::kInt8, {2, 3});
  int m = b.AddTensor(DataType::kInt8, {6});
  int c = b.AddTensor(DataType::kInt8, {3, 2});
  b.AddOperator(BuiltinOp::kReshape, {a}, {m});
  b.AddOperator(BuiltinOp::kReshape, {m}, {c});
  b.SetInputs({a});
  b.SetOutputs({c});
  return b.Build();
}

TEST(Interpreter, RunsAChainOfOps) {
  OpResolverN<1> resolver;
  ASSERT_TRUE(resolver.Add(ops::Reshape()).ok());
  testing::ModelRunner runner(TwoReshapes());
  Status s = runner.Init(resolver);
  ASSERT_TRUE(s.ok()) << s.message();
  runner.SetInput<int8_t>(0, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(runner.interpreter().Invoke().ok());
  EXPECT_EQ(runner.Output<int8_t>(0), (std::vector<int8_t>{1, 2, 3, 4, 5, 6}));
  EXPECT_GT(runner.interpreter().arena_used_bytes(), 0u);
}

TEST(Interpreter, UnregisteredOpIsUnsupported) {
  OpResolverN<1> resolver;
  testing::ModelRunner runner(TwoReshapes());
  Status s = runner.Init(resolver);
  EXPECT_EQ(s.code(), StatusCode::kUnsupported);
  EXPECT_NE(std::string(s.message()).find("RESHAPE"), std::string::npos) << s.message();
}

TEST(Interpreter, TooSmallArenaReportsExactSize) {
  OpResolverN<1> resolver;
  ASSERT_TRUE(resolver.Add(ops::Reshape()).ok());
  testing::ModelRunner big(TwoReshapes());
  ASSERT_TRUE(big.Init(resolver).ok());
  const size_t needed = big.interpreter().arena_used_bytes();
  testing::ModelRunner small(TwoReshapes(), needed - 1);
  Status s = small.Init(resolver);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(small.interpreter().arena_required_bytes(), needed) << s.message();
  testing::ModelRunner exact(TwoReshapes(), needed);
  EXPECT_TRUE(exact.Init(resolver).ok());
}

}  // namespace
}  // namespace mote
