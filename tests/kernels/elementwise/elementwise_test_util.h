// Builders and helpers shared by the element-wise kernel tests.
#ifndef MOTE_TESTS_KERNELS_ELEMENTWISE_ELEMENTWISE_TEST_UTIL_H_
#define MOTE_TESTS_KERNELS_ELEMENTWISE_ELEMENTWISE_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "kernels/elementwise/elementwise.h"
#include "support/layer_check.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace elementwise_test {

using host::ModelBuilder;
using host::QuantParams;

inline OpResolverN<24> Resolver() {
  OpResolverN<24> r;
  for (const OpKernel* k : ops::elementwise_kernels()) EXPECT_TRUE(r.Add(*k).ok());
  return r;
}

// Options union codes.
constexpr uint8_t kAddOptions = 11;
constexpr uint8_t kMulOptions = 21;
constexpr uint8_t kSubOptions = 28;
constexpr uint8_t kDivOptions = 29;
constexpr uint8_t kMaxMinOptions = 39;

inline uint8_t OptionsFor(BuiltinOp op) {
  switch (op) {
    case BuiltinOp::kAdd:
      return kAddOptions;
    case BuiltinOp::kSub:
      return kSubOptions;
    case BuiltinOp::kMul:
      return kMulOptions;
    case BuiltinOp::kDiv:
      return kDivOptions;
    default:
      return kMaxMinOptions;
  }
}

struct Operand {
  DataType type;
  std::vector<int32_t> shape;
  QuantParams quant;
};

// A single binary op with both inputs as model inputs.
inline std::vector<uint8_t> BinaryModel(BuiltinOp op, const Operand& a, const Operand& b,
                                        const Operand& out,
                                        FusedActivation act = FusedActivation::kNone) {
  ModelBuilder m;
  const int in1 = m.AddTensor(a.type, a.shape, a.quant);
  const int in2 = m.AddTensor(b.type, b.shape, b.quant);
  const int o = m.AddTensor(out.type, out.shape, out.quant);
  host::Options options(OptionsFor(op));
  if (OptionsFor(op) != kMaxMinOptions) options.Int8(0, static_cast<int8_t>(act));
  m.AddOperator(op, {in1, in2}, {o}, options);
  m.SetInputs({in1, in2});
  m.SetOutputs({o});
  return m.Build();
}

// Runs the model on (x, y); fails the test if Init or Invoke fails.
template <typename T>
std::vector<T> RunOp(const std::vector<uint8_t>& model, const std::vector<T>& x,
                     const std::vector<T>& y) {
  testing::ModelRunner r(model);
  const Status s = r.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, x);
  r.SetInput<T>(1, y);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

inline StatusCode InitCode(const std::vector<uint8_t>& model) {
  testing::ModelRunner r(model);
  return r.Init(Resolver()).code();
}

// Per-layer goldens: every elementwise layer of `model` must match TFLM exactly.
inline void ExpectLayersExact(const std::string& model, const std::string& input) {
  if (testing::ConformanceDir().empty()) GTEST_SKIP() << "../shared/conformance not found";
  const auto report = testing::CheckLayers(model, input, Resolver(), /*stub_missing=*/true);
  ASSERT_TRUE(report.error.empty()) << model << ": " << report.error;
  int checked = 0;
  for (const auto& l : report.layers) {
    if (!l.implemented) continue;
    ++checked;
    EXPECT_EQ(l.mismatched, 0u) << model << " " << input << " op " << l.op_index << " " << l.op_name
                                << " max diff " << l.max_abs_diff;
  }
  EXPECT_GT(checked, 0) << model << " has no elementwise layer";
}

}  // namespace elementwise_test
}  // namespace mote

#endif  // MOTE_TESTS_KERNELS_ELEMENTWISE_ELEMENTWISE_TEST_UTIL_H_
