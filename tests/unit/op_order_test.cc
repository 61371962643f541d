// Operator reordering (core/op_order.h): the chosen order is valid (every
// data and state dependency holds), never has a larger peak than the model's
// order, and its peak is what an independent lifetime count gives. Only the
// graph matters here (no kernels run), so op shapes need not agree.
#include <algorithm>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "core/op_order.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;

OrderOpMemory NoSharing(const void*, size_t) { return OrderOpMemory{}; }

struct Graph {
  std::vector<uint8_t> bytes;
  std::vector<uint8_t> aligned;
  Model model;
  explicit Graph(std::vector<uint8_t> b) : bytes(std::move(b)) {
    aligned.resize(bytes.size() + 16);
    const size_t pad = (16 - reinterpret_cast<uintptr_t>(aligned.data()) % 16) % 16;
    std::copy(bytes.begin(), bytes.end(), aligned.begin() + pad);
    Result<Model> m = Model::Load(Span<const uint8_t>(aligned.data() + pad, bytes.size()));
    EXPECT_TRUE(m.ok()) << m.status().message();
    if (m.ok()) model = m.value();
  }
  SubgraphView sg() const { return model.main_subgraph(); }
};

struct Chosen {
  OrderResult result;
  std::vector<uint16_t> order;
};

Chosen Choose(const SubgraphView& sg, uint32_t budget = 100000) {
  Chosen c;
  c.order.resize(sg.num_operators());
  std::vector<uint64_t> work(OpOrderWorkBytes(sg.num_operators(), sg.num_tensors()) / 8 + 1);
  c.result = ChooseOpOrder(sg, &NoSharing, nullptr, 16, budget,
                           Span<uint8_t>(reinterpret_cast<uint8_t*>(work.data()), work.size() * 8),
                           c.order.data());
  return c;
}

// Every tensor is written before it is read, and ops sharing a state tensor
// keep their model order.
bool Valid(const SubgraphView& sg, const std::vector<uint16_t>& order) {
  std::vector<int> step_of(order.size(), -1);
  for (size_t s = 0; s < order.size(); ++s) {
    if (order[s] >= order.size() || step_of[order[s]] >= 0) return false;
    step_of[order[s]] = static_cast<int>(s);
  }
  for (size_t c = 0; c < order.size(); ++c) {
    for (int32_t t : sg.op(c).inputs()) {
      if (t < 0 || sg.tensor(t).is_constant()) continue;
      for (size_t a = 0; a < order.size(); ++a) {
        const auto outs = sg.op(a).outputs();
        const bool writes = std::find(outs.begin(), outs.end(), t) != outs.end();
        const bool state = sg.tensor(t).is_variable() && a < c &&
                           std::find(sg.op(a).inputs().begin(), sg.op(a).inputs().end(), t) !=
                               sg.op(a).inputs().end();
        if ((writes || state) && step_of[a] > step_of[c]) return false;
      }
    }
  }
  return true;
}

// Most bytes alive at one step: a tensor lives from its producer's step (graph
// inputs: before the first) to its last reader's (graph outputs: to the end).
uint64_t Peak(const SubgraphView& sg, const std::vector<uint16_t>& order) {
  const int n = static_cast<int>(order.size());
  std::vector<int> first(sg.num_tensors(), n + 1), last(sg.num_tensors(), -2);
  auto touch = [&](int32_t t, int s) {
    if (t < 0) return;
    first[t] = std::min(first[t], s);
    last[t] = std::max(last[t], s);
  };
  for (int32_t t : sg.inputs()) touch(t, -1);
  for (int s = 0; s < n; ++s) {
    for (int32_t t : sg.op(order[s]).inputs()) touch(t, s);
    for (int32_t t : sg.op(order[s]).outputs()) touch(t, s);
  }
  for (int32_t t : sg.outputs()) touch(t, n);
  uint64_t peak = 0;
  for (int s = 0; s < n; ++s) {
    uint64_t live = 0;
    for (size_t t = 0; t < sg.num_tensors(); ++t) {
      const TensorView tv = sg.tensor(t);
      if (tv.is_constant() || tv.is_variable() || first[t] > s || last[t] < s) continue;
      live += (tv.bytes() + 15) / 16 * 16;
    }
    peak = std::max(peak, live);
  }
  return peak;
}

// A residual block whose shortcut is listed last: running it first frees the
// block input before the branch's second op.
TEST(OpOrder, RunsTheShortcutFirst) {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kFloat32, {256});
  const int x = b.AddTensor(DataType::kFloat32, {256});
  const int a1 = b.AddTensor(DataType::kFloat32, {256});
  const int a2 = b.AddTensor(DataType::kFloat32, {256});
  const int s = b.AddTensor(DataType::kFloat32, {16});
  const int y = b.AddTensor(DataType::kFloat32, {16});
  b.AddOperator(BuiltinOp::kRelu, {in}, {x});    // 0
  b.AddOperator(BuiltinOp::kRelu, {x}, {a1});    // 1
  b.AddOperator(BuiltinOp::kRelu, {a1}, {a2});   // 2
  b.AddOperator(BuiltinOp::kRelu, {x}, {s});     // 3: the shortcut (reads x last)
  b.AddOperator(BuiltinOp::kAdd, {a2, s}, {y});  // 4
  b.SetInputs({in});
  b.SetOutputs({y});
  const Graph g(b.Build());
  ASSERT_FALSE(HasOnlyOneOrder(g.sg()));
  const Chosen c = Choose(g.sg());
  EXPECT_TRUE(c.result.reordered);
  EXPECT_TRUE(c.result.exhaustive);
  ASSERT_TRUE(Valid(g.sg(), c.order));
  EXPECT_EQ(c.result.original_peak, 3u * 1024);  // x, a1, a2
  EXPECT_EQ(c.result.peak, 2u * 1024 + 64);      // x or a1, a2 and s
  EXPECT_EQ(c.result.peak, Peak(g.sg(), c.order));
  const auto step_of = [&](uint16_t op) {
    return std::find(c.order.begin(), c.order.end(), op) - c.order.begin();
  };
  EXPECT_LT(step_of(3), step_of(2));
}

TEST(OpOrder, ChainsHaveOneOrder) {
  ModelBuilder b;
  const int t0 = b.AddTensor(DataType::kFloat32, {8});
  const int t1 = b.AddTensor(DataType::kFloat32, {8});
  const int t2 = b.AddTensor(DataType::kFloat32, {8});
  b.AddOperator(BuiltinOp::kRelu, {t0}, {t1});
  b.AddOperator(BuiltinOp::kRelu, {t1}, {t2});
  b.SetInputs({t0});
  b.SetOutputs({t2});
  const Graph g(b.Build());
  EXPECT_TRUE(HasOnlyOneOrder(g.sg()));
  const Chosen c = Choose(g.sg());
  EXPECT_FALSE(c.result.reordered);
  EXPECT_EQ(c.order, (std::vector<uint16_t>{0, 1}));
}

// Ops reading and writing one state tensor keep their order even when
// moving one would lower the peak.
TEST(OpOrder, StateTensorsKeepTheirOrder) {
  ModelBuilder b;
  const int in = b.AddTensor(DataType::kFloat32, {4});
  const int state = b.AddTensor(DataType::kFloat32, {4}, {}, "state", /*is_variable=*/true);
  const int big = b.AddTensor(DataType::kFloat32, {1024});
  const int u = b.AddTensor(DataType::kFloat32, {4});
  const int v = b.AddTensor(DataType::kFloat32, {4});
  const int y = b.AddTensor(DataType::kFloat32, {4});
  b.AddOperator(BuiltinOp::kAdd, {in, state}, {u});  // 0 reads the state
  b.AddOperator(BuiltinOp::kRelu, {in}, {big});      // 1
  b.AddOperator(BuiltinOp::kAdd, {u, state}, {v});   // 2 reads the state
  b.AddOperator(BuiltinOp::kRelu, {big}, {y});       // 3
  b.SetInputs({in});
  b.SetOutputs({v, y});
  const Graph g(b.Build());
  const Chosen c = Choose(g.sg());
  ASSERT_TRUE(Valid(g.sg(), c.order));
  EXPECT_LE(c.result.peak, c.result.original_peak);
  const auto step_of = [&](uint16_t op) {
    return std::find(c.order.begin(), c.order.end(), op) - c.order.begin();
  };
  EXPECT_LT(step_of(0), step_of(2));
  EXPECT_EQ(c.result.peak, Peak(g.sg(), c.order));
}

// Random DAGs of unary and binary ops with random tensor sizes.
TEST(OpOrder, RandomGraphsGiveValidOrdersNeverWorse) {
  std::mt19937 rng(99);
  auto uniform = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
  int better = 0;
  for (int trial = 0; trial < 150; ++trial) {
    ModelBuilder b;
    std::vector<int> tensors;
    const int inputs = uniform(1, 2);
    for (int i = 0; i < inputs; ++i)
      tensors.push_back(b.AddTensor(DataType::kInt8, {uniform(1, 300)}));
    std::vector<int> graph_inputs(tensors.begin(), tensors.end());
    const int ops = uniform(2, 14);
    std::vector<int> consumed(256, 0);
    for (int o = 0; o < ops; ++o) {
      const int out = b.AddTensor(DataType::kInt8, {uniform(1, 300)});
      const int a = tensors[uniform(0, static_cast<int>(tensors.size()) - 1)];
      if (uniform(0, 1) == 0) {
        b.AddOperator(BuiltinOp::kRelu, {a}, {out});
        ++consumed[a];
      } else {
        const int c = tensors[uniform(0, static_cast<int>(tensors.size()) - 1)];
        b.AddOperator(BuiltinOp::kAdd, {a, c}, {out});
        ++consumed[a];
        ++consumed[c];
      }
      tensors.push_back(out);
    }
    std::vector<int> outputs;
    for (int t : tensors) {
      if (consumed[t] == 0 &&
          std::find(graph_inputs.begin(), graph_inputs.end(), t) == graph_inputs.end()) {
        outputs.push_back(t);
      }
    }
    b.SetInputs(graph_inputs);
    b.SetOutputs(outputs);
    const Graph g(b.Build());
    const Chosen c = Choose(g.sg(), trial % 2 == 0 ? 100000 : 20);
    ASSERT_TRUE(Valid(g.sg(), c.order)) << "trial " << trial;
    std::vector<uint16_t> identity(c.order.size());
    for (size_t i = 0; i < identity.size(); ++i) identity[i] = static_cast<uint16_t>(i);
    if (HasOnlyOneOrder(g.sg())) {
      EXPECT_EQ(c.order, identity);
      continue;
    }
    EXPECT_EQ(c.result.original_peak, Peak(g.sg(), identity)) << "trial " << trial;
    EXPECT_EQ(c.result.peak, Peak(g.sg(), c.order)) << "trial " << trial;
    EXPECT_LE(c.result.peak, c.result.original_peak) << "trial " << trial;
    better += c.result.peak < c.result.original_peak ? 1 : 0;
  }
  EXPECT_GT(better, 10);
}

}  // namespace
}  // namespace mote
