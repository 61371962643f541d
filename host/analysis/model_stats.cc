#include "analysis/model_stats.h"

namespace mote {
namespace host {
namespace {

uint64_t Elements(const TensorView& t) { return t.num_elements(); }

// MACs of one op, from its tensor shapes (0 for ops without multiplies).
uint64_t OpMacs(const SubgraphView& sg, const OperatorView& op) {
  auto in = [&](size_t i) -> TensorView {
    const auto ins = op.inputs();
    return (i < ins.size() && ins[i] >= 0) ? sg.tensor(static_cast<size_t>(ins[i])) : TensorView();
  };
  auto out0 = [&]() -> TensorView {
    return op.outputs().empty() ? TensorView() : sg.tensor(static_cast<size_t>(op.outputs()[0]));
  };
  const TensorView out = out0();
  if (!out.valid()) return 0;
  switch (op.builtin()) {
    case BuiltinOp::kConv2D: {
      const TensorView f = in(1);  // [out_c, kh, kw, in_c]
      if (!f.valid() || f.rank() != 4) return 0;
      return Elements(out) * static_cast<uint64_t>(f.dim(1)) * f.dim(2) * f.dim(3);
    }
    case BuiltinOp::kDepthwiseConv2D: {
      const TensorView f = in(1);  // [1, kh, kw, out_c]
      if (!f.valid() || f.rank() != 4) return 0;
      return Elements(out) * static_cast<uint64_t>(f.dim(1)) * f.dim(2);
    }
    case BuiltinOp::kTransposeConv: {
      const TensorView f = in(1);  // [out_c, kh, kw, in_c]
      const TensorView x = in(2);
      if (!f.valid() || !x.valid() || f.rank() != 4) return 0;
      return Elements(x) * static_cast<uint64_t>(f.dim(0)) * f.dim(1) * f.dim(2);
    }
    case BuiltinOp::kFullyConnected: {
      const TensorView w = in(1);  // [units, depth]
      if (!w.valid() || w.rank() < 2) return 0;
      return Elements(out) * static_cast<uint64_t>(w.dim(w.rank() - 1));
    }
    case BuiltinOp::kSvdf: {
      const TensorView wf = in(1);
      const TensorView wt = in(2);
      if (!wf.valid() || !wt.valid()) return 0;
      return Elements(wf) + Elements(wt);
    }
    case BuiltinOp::kUnidirectionalSequenceLstm: {
      uint64_t macs = 0;
      const TensorView x = in(0);
      const uint64_t steps = (x.valid() && x.rank() == 3) ? static_cast<uint64_t>(x.dim(1)) : 1;
      for (size_t i = 1; i <= 8; ++i) {
        const TensorView w = in(i);
        if (w.valid()) macs += Elements(w);
      }
      return macs * steps;
    }
    case BuiltinOp::kAdd:
    case BuiltinOp::kSub:
    case BuiltinOp::kMul:
    case BuiltinOp::kDiv:
    case BuiltinOp::kAveragePool2D:
    case BuiltinOp::kSoftmax:
      return Elements(out);
    default:
      return 0;
  }
}

}  // namespace

std::string ShapeString(Span<const int32_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i) s += ", ";
    s += std::to_string(shape[i]);
  }
  return s + "]";
}

ModelStats ComputeModelStats(const Model& model) {
  ModelStats stats;
  const SubgraphView sg = model.main_subgraph();
  for (size_t t = 0; t < sg.num_tensors(); ++t) {
    if (sg.tensor(t).is_constant()) stats.weight_bytes += sg.tensor(t).data().size();
  }
  char buf[24];
  for (size_t o = 0; o < sg.num_operators(); ++o) {
    const OperatorView op = sg.op(o);
    OpStats s;
    s.index = o;
    s.name = op.name(buf, sizeof(buf));
    s.inputs.assign(op.inputs().begin(), op.inputs().end());
    s.outputs.assign(op.outputs().begin(), op.outputs().end());
    s.macs = OpMacs(sg, op);
    for (int32_t t : op.inputs()) {
      if (t >= 0 && sg.tensor(static_cast<size_t>(t)).is_constant()) {
        s.weight_bytes += sg.tensor(static_cast<size_t>(t)).data().size();
      }
    }
    stats.total_macs += s.macs;
    stats.ops.push_back(std::move(s));
  }
  return stats;
}

}  // namespace host
}  // namespace mote
