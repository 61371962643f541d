// Single-op model builder and runners shared by the activation kernel tests.
#ifndef MOTE_TESTS_KERNELS_ACTIVATIONS_ACTIVATIONS_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_ACTIVATIONS_ACTIVATIONS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

#include "kernels/activations/activations.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace activations_test {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

inline const OpResolver& Resolver() {
  static OpResolverN<6>* resolver = [] {
    auto* r = new OpResolverN<6>();
    for (const OpKernel* k : ops::activations_kernels()) {
      if (!r->Add(*k).ok()) abort();
    }
    return r;
  }();
  return *resolver;
}

struct UnaryModel {
  BuiltinOp op = BuiltinOp::kRelu;
  DataType type = DataType::kInt8;
  std::vector<int32_t> in_shape{4}, out_shape{4};
  QuantParams in_q{{0.5f}, {0}, 0}, out_q{{0.5f}, {0}, 0};
  Options options;
  std::vector<uint8_t> Build() const {
    ModelBuilder b;
    const bool quant = type != DataType::kFloat32;
    const int in = b.AddTensor(type, in_shape, quant ? in_q : QuantParams{});
    const int out = b.AddTensor(type, out_shape, quant ? out_q : QuantParams{});
    b.AddOperator(op, {in}, {out}, options);
    b.SetInputs({in});
    b.SetOutputs({out});
    return b.Build();
  }
};

template <typename T>
std::vector<T> RunUnary(const UnaryModel& m, const std::vector<T>& input) {
  testing::ModelRunner runner(m.Build());
  const Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  runner.SetInput<T>(0, input);
  EXPECT_TRUE(runner.interpreter().Invoke().ok());
  return runner.Output<T>(0);
}

inline StatusCode PrepareCode(const UnaryModel& m) {
  testing::ModelRunner runner(m.Build());
  return runner.Init(Resolver()).code();
}

}  // namespace activations_test
}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_ACTIVATIONS_ACTIVATIONS_TEST_UTIL_H_
