// The interpreter with banded in-place convolutions and operator reordering:
// the plan shrinks, the outputs are byte-identical to the plan without them,
// and observers see the model's op indices in execution order.
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <set>
#include <vector>

#include "core/interpreter_hooks.h"
#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/elementwise/elementwise.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::Options;
using host::QuantParams;

// Builds small conv nets (NHWC, SAME padding) of one element type.
class NetBuilder {
 public:
  NetBuilder(DataType type, uint32_t seed) : type_(type), rng_(seed) {}
  int Input(std::vector<int32_t> shape) {
    const int t = Tensor(shape);
    inputs_.push_back(t);
    return t;
  }
  int Conv(int in, int32_t out_c, int32_t k, int32_t stride) {
    return Windowed(in, out_c, k, stride, /*depthwise=*/false);
  }
  int Depthwise(int in, int32_t k, int32_t stride) {
    return Windowed(in, shapes_[in][3], k, stride, /*depthwise=*/true);
  }
  int Add(int a, int b) {
    const int out = Tensor(shapes_[a]);
    b_.AddOperator(BuiltinOp::kAdd, {a, b}, {out}, Options(11).Int8(0, 0));
    return out;
  }
  std::vector<uint8_t> Build(int output) {
    b_.SetInputs(inputs_);
    b_.SetOutputs({output});
    return b_.Build();
  }

 private:
  bool quantized() const { return type_ != DataType::kFloat32; }
  int Tensor(const std::vector<int32_t>& shape) {
    const int t =
        b_.AddTensor(type_, shape, quantized() ? QuantParams{{0.05f}, {3}, 0} : QuantParams{});
    if (static_cast<size_t>(t) >= shapes_.size()) shapes_.resize(t + 1);
    shapes_[t] = shape;
    return t;
  }
  int Windowed(int in, int32_t out_c, int32_t k, int32_t stride, bool depthwise) {
    const std::vector<int32_t>& s = shapes_[in];
    const int32_t in_c = s[3];
    const std::vector<int32_t> filter_shape =
        depthwise ? std::vector<int32_t>{1, k, k, out_c} : std::vector<int32_t>{out_c, k, k, in_c};
    const int32_t taps = depthwise ? k * k : k * k * in_c;
    const size_t filter_elems = static_cast<size_t>(out_c) * k * k * (depthwise ? 1 : in_c);
    std::uniform_int_distribution<int> w(-127, 127);
    int filter, bias;
    if (quantized()) {
      std::vector<int8_t> f(filter_elems);
      for (int8_t& v : f) v = static_cast<int8_t>(w(rng_));
      std::vector<int32_t> bias_data(out_c);
      for (int32_t& v : bias_data) v = w(rng_) * 8;
      // Per-channel scales that keep outputs mostly inside int8.
      const float scale = 0.05f * 4.0f / (127.0f * 0.05f * static_cast<float>(taps));
      QuantParams fq{std::vector<float>(out_c, scale), std::vector<int64_t>(out_c, 0),
                     depthwise ? 3 : 0};
      filter = b_.AddConstTensor(DataType::kInt8, filter_shape, f, fq);
      QuantParams bq{std::vector<float>(out_c, scale * 0.05f), std::vector<int64_t>(out_c, 0), 0};
      bias = b_.AddConstTensor(DataType::kInt32, {out_c}, bias_data, bq);
    } else {
      std::vector<float> f(filter_elems), bias_data(out_c);
      for (float& v : f) v = static_cast<float>(w(rng_)) / (127.0f * taps);
      for (float& v : bias_data) v = static_cast<float>(w(rng_)) / 127.0f;
      filter = b_.AddConstTensor(DataType::kFloat32, filter_shape, f);
      bias = b_.AddConstTensor(DataType::kFloat32, {out_c}, bias_data);
    }
    const int out =
        Tensor({s[0], (s[1] + stride - 1) / stride, (s[2] + stride - 1) / stride, out_c});
    if (depthwise) {
      b_.AddOperator(
          BuiltinOp::kDepthwiseConv2D, {in, filter, bias}, {out},
          Options(2).Int8(0, 0).Int32(1, stride).Int32(2, stride).Int32(3, 1).Int8(4, 0));
    } else {
      b_.AddOperator(BuiltinOp::kConv2D, {in, filter, bias}, {out},
                     Options(1).Int8(0, 0).Int32(1, stride).Int32(2, stride).Int8(3, 0));
    }
    return out;
  }

  DataType type_;
  std::mt19937 rng_;
  ModelBuilder b_;
  std::vector<int> inputs_;
  std::vector<std::vector<int32_t>> shapes_;
};

const OpResolver& Resolver() {
  static OpResolverN<3>* resolver = [] {
    auto* r = new OpResolverN<3>();
    if (!r->Add(ops::Conv2D()).ok() || !r->Add(ops::DepthwiseConv2D()).ok() ||
        !r->Add(ops::Add()).ok()) {
      std::abort();
    }
    return r;
  }();
  return *resolver;
}

struct Outcome {
  std::vector<std::vector<uint8_t>> outputs;  // one per input
  PlanSummary summary;
  std::vector<size_t> observed;  // op indices the observer saw, in order
  std::vector<size_t> steps;     // op_at_step
  bool ok = false;
};

void Observe(void* user, const Interpreter&, size_t op) {
  static_cast<std::vector<size_t>*>(user)->push_back(op);
}

Outcome Execute(const std::vector<uint8_t>& model, const PlannerOptions& options, int samples,
                int tensor_a = -1, int tensor_b = -1, bool* overlap = nullptr) {
  Outcome r;
  testing::ModelRunner runner(model);
  Status s = runner.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  Interpreter& interp = runner.interpreter();
  InterpreterHooks::set_planner_options(interp, options);
  s = interp.AllocateTensors();
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return r;
  r.summary = InterpreterHooks::plan_summary(interp);
  for (size_t i = 0; i < interp.num_ops(); ++i) r.steps.push_back(interp.op_at_step(i));
  if (overlap != nullptr) {
    const TensorRef a = interp.tensor(tensor_a), b = interp.tensor(tensor_b);
    const uint8_t* pa = static_cast<const uint8_t*>(a.data);
    const uint8_t* pb = static_cast<const uint8_t*>(b.data);
    *overlap = pa < pb + b.bytes && pb < pa + a.bytes;
  }
  interp.set_op_observer(&Observe, &r.observed);
  std::mt19937 rng(5);
  for (int i = 0; i < samples; ++i) {
    std::vector<uint8_t> in(interp.input(0).bytes);
    for (uint8_t& v : in) v = static_cast<uint8_t>(rng());
    if (interp.input(0).type == DataType::kFloat32) {
      for (size_t k = 0; k < in.size() / 4; ++k) {
        const float f = static_cast<float>(static_cast<int>(rng() % 2001) - 1000) / 500.0f;
        std::memcpy(in.data() + 4 * k, &f, 4);
      }
    }
    runner.SetInputBytes(0, in.data(), in.size());
    EXPECT_TRUE(interp.Invoke().ok());
    const TensorRef out = interp.output(0);
    const uint8_t* p = static_cast<const uint8_t*>(out.data);
    r.outputs.emplace_back(p, p + out.bytes);
  }
  r.ok = true;
  return r;
}

// KWS-like: conv, then depthwise / pointwise pairs, one with stride 2.
void CheckConvChain(DataType type) {
  NetBuilder net(type, 11);
  const int in = net.Input({2, 10, 6, 3});
  const int a = net.Conv(in, 16, 3, 1);
  const int b = net.Depthwise(a, 3, 1);
  const int c = net.Conv(b, 16, 1, 1);
  const int d = net.Depthwise(c, 3, 2);
  const int e = net.Conv(d, 24, 1, 1);
  const int f = net.Depthwise(e, 3, 1);
  const std::vector<uint8_t> model = net.Build(f);
  PlannerOptions off;
  off.banded = false;
  bool overlap = false;
  const Outcome with = Execute(model, PlannerOptions(), 3, a, b, &overlap);
  const Outcome without = Execute(model, off, 3);
  ASSERT_TRUE(with.ok && without.ok);
  EXPECT_GE(with.summary.num_banded, 2u);
  EXPECT_EQ(without.summary.num_banded, 0u);
  EXPECT_TRUE(overlap) << "the depthwise output should be planned over its input";
  EXPECT_LT(with.summary.activation_bytes, without.summary.activation_bytes);
  ASSERT_EQ(with.outputs.size(), without.outputs.size());
  std::set<uint8_t> distinct;
  for (size_t i = 0; i < with.outputs.size(); ++i) {
    EXPECT_EQ(with.outputs[i], without.outputs[i]) << "sample " << i;
    distinct.insert(with.outputs[i].begin(), with.outputs[i].end());
  }
  EXPECT_GT(distinct.size(), 16u) << "outputs are degenerate; the comparison would be weak";
}

TEST(BandedInPlace, Int8ConvChainIsByteIdentical) { CheckConvChain(DataType::kInt8); }
TEST(BandedInPlace, FloatConvChainIsByteIdentical) { CheckConvChain(DataType::kFloat32); }

// A residual block whose 1x1 stride-2 shortcut is listed last: run first, it
// lets the branch's first conv write over the block input.
TEST(BandedInPlace, ReorderedResidualBlockIsByteIdentical) {
  NetBuilder net(DataType::kInt8, 3);
  const int in = net.Input({1, 12, 12, 4});
  const int x = net.Conv(in, 16, 1, 1);   // op 0
  const int a1 = net.Conv(x, 16, 3, 1);   // op 1
  const int a2 = net.Conv(a1, 16, 3, 2);  // op 2
  const int s = net.Conv(x, 16, 1, 2);    // op 3: the shortcut
  const int y = net.Add(a2, s);           // op 4
  const std::vector<uint8_t> model = net.Build(y);
  PlannerOptions fixed;
  fixed.reorder = false;
  const Outcome reordered = Execute(model, PlannerOptions(), 3);
  const Outcome original = Execute(model, fixed, 3);
  ASSERT_TRUE(reordered.ok && original.ok);
  EXPECT_TRUE(reordered.summary.reordered);
  EXPECT_FALSE(original.summary.reordered);
  EXPECT_LT(reordered.summary.activation_bytes, original.summary.activation_bytes);
  EXPECT_EQ(reordered.outputs, original.outputs);
  // The shortcut (op 3) runs before the branch's first conv (op 1).
  const auto step = [&](size_t op) {
    return std::find(reordered.steps.begin(), reordered.steps.end(), op) - reordered.steps.begin();
  };
  EXPECT_LT(step(3), step(1));
  // Observers get the model's op indices, in execution order, once per op.
  std::vector<size_t> expected;
  for (int i = 0; i < 3; ++i)
    expected.insert(expected.end(), reordered.steps.begin(), reordered.steps.end());
  EXPECT_EQ(reordered.observed, expected);
  (void)x;
  (void)a1;
  (void)s;
}

TEST(BandedInPlace, ExactArenaSizeWorks) {
  NetBuilder net(DataType::kInt8, 8);
  const int in = net.Input({1, 12, 12, 4});
  const int x = net.Conv(in, 16, 1, 1);
  const int a = net.Depthwise(x, 3, 1);
  const int s = net.Conv(x, 16, 1, 1);
  const std::vector<uint8_t> model = net.Build(net.Add(net.Conv(a, 16, 1, 1), s));
  testing::ModelRunner big(model);
  ASSERT_TRUE(big.Init(Resolver()).ok());
  const size_t needed = big.interpreter().arena_used_bytes();
  testing::ModelRunner small(model, needed - 1);
  EXPECT_EQ(small.Init(Resolver()).code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(small.interpreter().arena_required_bytes(), needed);
  testing::ModelRunner exact(model, needed);
  ASSERT_TRUE(exact.Init(Resolver()).ok());
  EXPECT_EQ(InterpreterHooks::plan_summary(exact.interpreter()).activation_bytes,
            InterpreterHooks::plan_summary(big.interpreter()).activation_bytes);
}

}  // namespace
}  // namespace mote
