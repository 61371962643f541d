#include "support/layer_check.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <memory>

#include <nlohmann/json.hpp>

#include "mote/interpreter.h"
#include "support/test_support.h"

namespace mote {
namespace testing {
namespace {

Status StubPrepare(PrepareContext& ctx) {
  ctx.set_eval([](const EvalContext&) {});
  return Status::Ok();
}

// The given resolver's kernels plus a no-op stub for every other op code the model uses.
class StubbingResolver : public OpResolver {
 public:
  StubbingResolver(const OpResolver& base, const Model& model, bool stub) {
    for (size_t i = 0; i < base.num_kernels(); ++i) list_.push_back(&base.kernel(i));
    if (!stub) return;
    const SubgraphView sg = model.main_subgraph();
    stubs_.reserve(sg.num_operators());
    for (size_t o = 0; o < sg.num_operators(); ++o) {
      const OperatorView op = sg.op(o);
      if (Find(op.builtin_code(), op.custom_name()) != nullptr) continue;
      names_.push_back(std::make_unique<std::string>(op.custom_name()));
      stubs_.push_back(OpKernel{op.builtin(), names_.back()->c_str(), &StubPrepare});
      list_.push_back(&stubs_.back());
      stubbed_codes_.push_back(op.builtin_code());
      stubbed_names_.push_back(op.custom_name());
    }
  }
  size_t num_kernels() const override { return list_.size(); }
  const OpKernel& kernel(size_t i) const override { return *list_[i]; }
  bool IsStub(const OperatorView& op) const {
    for (size_t i = 0; i < stubbed_codes_.size(); ++i) {
      if (stubbed_codes_[i] == op.builtin_code() && stubbed_names_[i] == op.custom_name()) {
        return true;
      }
    }
    return false;
  }

 private:
  std::vector<const OpKernel*> list_;
  std::vector<OpKernel> stubs_;
  std::vector<std::unique_ptr<std::string>> names_;
  std::vector<int32_t> stubbed_codes_;
  std::vector<std::string> stubbed_names_;
};

double ElementDiff(DataType type, const uint8_t* a, const uint8_t* b, size_t i) {
  switch (type) {
    case DataType::kInt8:
      return std::abs(double(int8_t(a[i])) - double(int8_t(b[i])));
    case DataType::kUInt8:
      return std::abs(double(a[i]) - double(b[i]));
    case DataType::kInt16: {
      int16_t x, y;
      std::memcpy(&x, a + 2 * i, 2);
      std::memcpy(&y, b + 2 * i, 2);
      return std::abs(double(x) - double(y));
    }
    case DataType::kInt32: {
      int32_t x, y;
      std::memcpy(&x, a + 4 * i, 4);
      std::memcpy(&y, b + 4 * i, 4);
      return std::abs(double(x) - double(y));
    }
    case DataType::kFloat32: {
      float x, y;
      std::memcpy(&x, a + 4 * i, 4);
      std::memcpy(&y, b + 4 * i, 4);
      return std::abs(double(x) - double(y));
    }
    default: {
      const size_t n = DataTypeSize(type);
      return std::memcmp(a + n * i, b + n * i, n) == 0 ? 0.0 : 1.0;
    }
  }
}

struct Observer {
  const StubbingResolver* resolver;
  std::string dir;
  nlohmann::json layers;
  LayerCheckReport* report;
};

void AfterOp(void* user, const Interpreter& interp, size_t op_index) {
  auto* obs = static_cast<Observer*>(user);
  for (const auto& layer : obs->layers) {
    if (layer["op_index"].get<size_t>() != op_index) continue;
    LayerResult r;
    r.op_index = static_cast<int>(op_index);
    r.op_name = layer["op_name"].get<std::string>();
    r.implemented = !obs->resolver->IsStub(interp.subgraph().op(op_index));
    const auto golden = ReadFile(obs->dir + "/" + layer["file"].get<std::string>());
    TensorRef t = interp.tensor(layer["output_tensor_index"].get<size_t>());
    r.bytes = t.bytes;
    if (golden.size() != t.bytes || t.data == nullptr) {
      r.mismatched = t.bytes;
      r.max_abs_diff = INFINITY;
    } else {
      const size_t n = t.bytes / DataTypeSize(t.type);
      auto* out = static_cast<uint8_t*>(t.data);
      for (size_t i = 0; i < n; ++i) {
        const double d = ElementDiff(t.type, out, golden.data(), i);
        if (d != 0) {
          ++r.mismatched;
          if (d > r.max_abs_diff) r.max_abs_diff = d;
        }
      }
      std::memcpy(out, golden.data(), golden.size());  // teacher forcing
    }
    obs->report->layers.push_back(r);
  }
}

}  // namespace

LayerCheckReport CheckLayers(const std::string& model_name, const std::string& input,
                             const OpResolver& resolver, bool stub_missing) {
  LayerCheckReport report;
  const std::string root = ConformanceDir();
  if (root.empty()) {
    report.error = "../shared/conformance not found";
    return report;
  }
  const std::string dir = root + "/layers/" + model_name + "/" + input;
  std::ifstream lj(dir + "/layers.json");
  if (!lj) {
    report.error = "no per-layer goldens at " + dir;
    return report;
  }
  Observer obs;
  obs.dir = dir;
  obs.layers = nlohmann::json::parse(lj);
  obs.report = &report;

  ModelRunner runner(ReadFile(root + "/models/" + model_name + ".tflite"), 8 << 20);
  // Load once to build the stubbing resolver, then run.
  std::vector<uint8_t> bytes = ReadFile(root + "/models/" + model_name + ".tflite");
  std::vector<uint8_t> aligned(bytes.size() + 16);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(aligned.data()) % 16) % 16;
  std::memcpy(aligned.data() + pad, bytes.data(), bytes.size());
  Result<Model> model = Model::Load(Span<const uint8_t>(aligned.data() + pad, bytes.size()));
  if (!model.ok()) {
    report.error = model.status().message();
    return report;
  }
  StubbingResolver stubbing(resolver, model.value(), stub_missing);
  obs.resolver = &stubbing;
  PlannerOptions options;
  options.stream = false;  // every op's output is checked, so every one is stored
  Status s = runner.Init(stubbing, options);
  if (!s.ok()) {
    report.error = s.message();
    return report;
  }
  const auto in = ReadFile(root + "/golden/" + model_name + "/" + input + ".bin");
  size_t offset = 0;
  for (size_t i = 0; i < runner.interpreter().num_inputs(); ++i) {
    TensorRef t = runner.interpreter().input(i);
    if (offset + t.bytes > in.size()) {
      report.error = "golden input too short";
      return report;
    }
    std::memcpy(t.data, in.data() + offset, t.bytes);
    offset += t.bytes;
  }
  runner.interpreter().set_op_observer(&AfterOp, &obs);
  s = runner.interpreter().Invoke();
  if (!s.ok()) report.error = s.message();
  return report;
}

}  // namespace testing
}  // namespace mote
