// Views (RESHAPE) and in-place outputs (activations, same-shape ADD): the
// planner shares memory only where it is safe, and results do not change.
#include <gtest/gtest.h>

#include "core/interpreter_hooks.h"
#include "kernels/activations/activations.h"
#include "kernels/elementwise/elementwise.h"
#include "kernels/reshape/reshape.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;

const std::vector<float> kInput = {-3, -1.5f, 0, 0.5f, 2, 7, -8, 6.5f};

float Relu(float v) { return v < 0 ? 0 : v; }
float Relu6(float v) { return v < 0 ? 0 : (v > 6 ? 6 : v); }

struct Runner {
  explicit Runner(std::vector<uint8_t> model) : runner(std::move(model)) {}
  Status Init(bool share) {
    MOTE_TRY(resolver.Add(ops::Reshape()));
    MOTE_TRY(resolver.Add(ops::Relu()));
    MOTE_TRY(resolver.Add(ops::Relu6()));
    MOTE_TRY(resolver.Add(ops::Add()));
    MOTE_TRY(runner.Init(resolver));
    PlannerOptions options;
    options.views = share;
    options.in_place = share;
    InterpreterHooks::set_planner_options(runner.interpreter(), options);
    return runner.interpreter().AllocateTensors();
  }
  void* data(int t) { return runner.interpreter().tensor(static_cast<size_t>(t)).data; }
  std::vector<float> Run() {
    runner.SetInput<float>(0, kInput);
    EXPECT_TRUE(runner.interpreter().Invoke().ok());
    return runner.Output<float>(0);
  }
  OpResolverN<4> resolver;
  testing::ModelRunner runner;
};

// x -> RESHAPE -> r -> RELU -> a -> RELU6 -> b -> RELU -> y
TEST(MemorySharing, ViewsAndInPlaceChain) {
  ModelBuilder mb;
  const int x = mb.AddTensor(DataType::kFloat32, {2, 4});
  const int r = mb.AddTensor(DataType::kFloat32, {8});
  const int a = mb.AddTensor(DataType::kFloat32, {8});
  const int b = mb.AddTensor(DataType::kFloat32, {8});
  const int y = mb.AddTensor(DataType::kFloat32, {8});
  mb.AddOperator(BuiltinOp::kReshape, {x}, {r});
  mb.AddOperator(BuiltinOp::kRelu, {r}, {a});
  mb.AddOperator(BuiltinOp::kRelu6, {a}, {b});
  mb.AddOperator(BuiltinOp::kRelu, {b}, {y});
  mb.SetInputs({x});
  mb.SetOutputs({y});
  std::vector<float> expected;
  for (float v : kInput) expected.push_back(Relu(Relu6(Relu(v))));

  Runner shared(mb.Build());
  ASSERT_TRUE(shared.Init(true).ok());
  EXPECT_EQ(shared.data(r), shared.data(x));  // a view of the graph input
  EXPECT_EQ(shared.data(a), shared.data(x));  // in place over the graph input, dead here
  EXPECT_EQ(shared.data(b), shared.data(a));  // in place
  EXPECT_EQ(shared.data(y), shared.data(a));  // in place, and a graph output
  EXPECT_EQ(shared.Run(), expected);
  EXPECT_EQ(shared.Run(), expected);  // (Run writes the input before each Invoke)
  const PlanSummary& s = InterpreterHooks::plan_summary(shared.runner.interpreter());
  EXPECT_EQ(s.num_views, 1u);
  EXPECT_EQ(s.num_in_place, 3u);
  EXPECT_EQ(s.activation_bytes, 32u);  // one 32-byte region

  Runner separate(mb.Build());
  ASSERT_TRUE(separate.Init(false).ok());
  EXPECT_NE(separate.data(r), separate.data(x));
  EXPECT_NE(separate.data(b), separate.data(a));
  EXPECT_EQ(separate.Run(), expected);
  EXPECT_GE(InterpreterHooks::plan_summary(separate.runner.interpreter()).activation_bytes, 64u);
}

// x -> RELU -> a; a -> RELU6 -> b; ADD(a, b) -> y: a is still needed after
// RELU6, so b must not take its memory; the ADD may write over a or b.
TEST(MemorySharing, ResidualInputIsNotOverwrittenEarly) {
  ModelBuilder mb;
  const int x = mb.AddTensor(DataType::kFloat32, {8});
  const int a = mb.AddTensor(DataType::kFloat32, {8});
  const int b = mb.AddTensor(DataType::kFloat32, {8});
  const int c = mb.AddTensor(DataType::kFloat32, {8});
  const int y = mb.AddTensor(DataType::kFloat32, {8});
  mb.AddOperator(BuiltinOp::kRelu, {x}, {a});
  mb.AddOperator(BuiltinOp::kRelu6, {a}, {b});
  mb.AddOperator(BuiltinOp::kAdd, {a, b}, {c});
  mb.AddOperator(BuiltinOp::kRelu, {c}, {y});
  mb.SetInputs({x});
  mb.SetOutputs({y});
  std::vector<float> expected;
  for (float v : kInput) expected.push_back(Relu(Relu(v) + Relu6(Relu(v))));

  Runner shared(mb.Build());
  ASSERT_TRUE(shared.Init(true).ok());
  EXPECT_NE(shared.data(b), shared.data(a));
  EXPECT_TRUE(shared.data(c) == shared.data(a) || shared.data(c) == shared.data(b));
  EXPECT_EQ(shared.data(y), shared.data(c));
  EXPECT_EQ(shared.Run(), expected);
}

// A broadcasting ADD is not element-for-element: no in-place output.
TEST(MemorySharing, BroadcastAddIsNotInPlace) {
  ModelBuilder mb;
  const int x = mb.AddTensor(DataType::kFloat32, {8});
  const int a = mb.AddTensor(DataType::kFloat32, {8});
  const int one = mb.AddTensor(DataType::kFloat32, {1});
  const int k = mb.AddConstTensor(DataType::kFloat32, {1}, std::vector<float>{1.0f});
  const int y = mb.AddTensor(DataType::kFloat32, {8});
  mb.AddOperator(BuiltinOp::kRelu, {x}, {a});
  mb.AddOperator(BuiltinOp::kRelu, {k}, {one});
  mb.AddOperator(BuiltinOp::kAdd, {a, one}, {y});
  mb.SetInputs({x});
  mb.SetOutputs({y});
  std::vector<float> expected;
  for (float v : kInput) expected.push_back(Relu(v) + 1.0f);
  Runner shared(mb.Build());
  ASSERT_TRUE(shared.Init(true).ok());
  EXPECT_NE(shared.data(y), shared.data(a));
  // Only the first RELU runs in place (over the graph input, which dies there).
  EXPECT_EQ(shared.data(a), shared.data(x));
  EXPECT_EQ(InterpreterHooks::plan_summary(shared.runner.interpreter()).num_in_place, 1u);
  EXPECT_EQ(shared.Run(), expected);
}

}  // namespace
}  // namespace mote
