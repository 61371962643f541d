// `mote inspect MODEL [--json]`: what a model needs and contains.
#include <cstdio>
#include <fstream>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "analysis/memory_timeline.h"
#include "analysis/model_stats.h"
#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/aot_inspect.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace cli {
namespace {

struct InspectOptions {
  std::string model;
  bool json = false;
  bool memory = false;
  std::string plot;  // SVG output file
};

nlohmann::json TimelineJson(const host::MemoryTimeline& tl) {
  nlohmann::json j;
  j["plan_bytes"] = tl.summary.activation_bytes;
  j["greedy_by_size_bytes"] = tl.summary.greedy_bytes;
  j["lower_bound_bytes"] = tl.summary.lower_bound;
  j["persistent_bytes"] = tl.summary.persistent_bytes;
  j["strategy"] = PlanStrategyName(tl.summary.strategy);
  j["views"] = tl.summary.num_views;
  j["in_place"] = tl.summary.num_in_place;
  j["banded_in_place"] = tl.summary.num_banded;
  j["streamed"] = tl.summary.num_streamed;
  j["reordered"] = tl.summary.reordered;
  j["peak_live_bytes"] = tl.peak_live_bytes;
  j["peak_op"] = tl.peak_op;
  j["ops"] = nlohmann::json::array();
  for (const auto& op : tl.ops) {
    nlohmann::json o;
    o["step"] = op.step;
    o["index"] = op.index;
    o["op"] = op.name;
    o["live_bytes"] = op.live_bytes;
    o["top_bytes"] = op.top_bytes;
    j["ops"].push_back(o);
  }
  j["regions"] = nlohmann::json::array();
  for (const auto& r : tl.regions) {
    nlohmann::json o;
    o["offset"] = r.region.offset;
    o["size"] = r.region.size;
    o["first_op"] = r.region.first_op;
    o["last_op"] = r.region.last_op;
    o["tensors"] = r.tensors;
    o["label"] = r.label;
    if (r.region.tensor < 0) {
      o["scratch_op"] = r.region.scratch_op;
      o["scratch_index"] = r.region.scratch_index;
    }
    j["regions"].push_back(o);
  }
  return j;
}

void PrintTimeline(const host::MemoryTimeline& tl) {
  std::printf("\nmemory timeline (bytes live in the planned arena while each op runs)\n");
  std::printf("  #  %-26s %10s %10s  %s\n", "op", "live", "top", "");
  const double scale =
      tl.peak_live_bytes == 0 ? 0.0 : 40.0 / static_cast<double>(tl.peak_live_bytes);
  for (const auto& op : tl.ops) {
    const int bar = static_cast<int>(static_cast<double>(op.live_bytes) * scale + 0.5);
    std::printf("%3zu  %-26s %10llu %10llu  %s%s\n", op.index, op.name.c_str(),
                static_cast<unsigned long long>(op.live_bytes),
                static_cast<unsigned long long>(op.top_bytes), std::string(bar, '#').c_str(),
                op.index == tl.peak_op ? "  <- peak" : "");
  }
  std::printf("\npeak live    %llu bytes at op %zu\n",
              static_cast<unsigned long long>(tl.peak_live_bytes), tl.peak_op);
  std::printf("plan         %zu bytes (strategy: %s; greedy by size: %zu; lower bound: %zu)\n",
              tl.summary.activation_bytes, PlanStrategyName(tl.summary.strategy),
              tl.summary.greedy_bytes, tl.summary.lower_bound);
  std::printf(
      "sharing      %u view(s), %u in-place output(s), %u conv(s) in place in bands, "
      "%u conv(s) streamed, %u regions%s\n",
      tl.summary.num_views, tl.summary.num_in_place, tl.summary.num_banded, tl.summary.num_streamed,
      tl.summary.num_buffers, tl.summary.reordered ? ", ops reordered" : "");
  std::printf("persistent   %zu bytes (tables, op data, variables)\n", tl.summary.persistent_bytes);
}

nlohmann::json TensorJson(const SubgraphView& sg, int32_t index) {
  const TensorView t = sg.tensor(static_cast<size_t>(index));
  const QuantizationView q = t.quantization();
  nlohmann::json j;
  j["index"] = index;
  j["name"] = t.name();
  j["dtype"] = DataTypeName(t.type());
  j["shape"] = std::vector<int32_t>(t.shape().begin(), t.shape().end());
  j["bytes"] = t.bytes();
  j["scale"] = q.scale.empty() ? 0.0 : static_cast<double>(q.scale[0]);
  j["zero_point"] = q.zero_point.empty() ? 0 : q.zero_point[0];
  return j;
}

struct ArenaPlan {
  bool ok = false;
  size_t bytes = 0;
  std::string error;
  std::vector<std::string> unsupported;
};

ArenaPlan PlanArena(const Model& model) {
  ArenaPlan plan;
  AllOpsResolver resolver;
  const SubgraphView sg = model.main_subgraph();
  char buf[24];
  for (size_t o = 0; o < sg.num_operators(); ++o) {
    const OperatorView op = sg.op(o);
    if (resolver.Find(op.builtin_code(), op.custom_name()) == nullptr) {
      const std::string name = op.name(buf, sizeof(buf));
      bool seen = false;
      for (const auto& u : plan.unsupported) seen |= (u == name);
      if (!seen) plan.unsupported.push_back(name);
    }
  }
  std::vector<uint8_t> arena(64u << 20);
  Interpreter interpreter(model, resolver, Span<uint8_t>(arena.data(), arena.size()));
  const Status s = interpreter.AllocateTensors();
  plan.ok = s.ok();
  plan.bytes = interpreter.arena_used_bytes();
  if (!s.ok()) plan.error = s.message();
  return plan;
}

int RunInspect(const InspectOptions& opt) {
  LoadedModel loaded;
  const int rc = LoadModelOrComplain(opt.model, &loaded);
  if (rc != kExitOk) {
    if (opt.json) {
      nlohmann::json j;
      j["model"] = opt.model;
      j["error"] = loaded.status.message();
      std::printf("%s\n", j.dump(1).c_str());
    }
    return rc;
  }
  const Model& model = loaded.model;
  const SubgraphView sg = model.main_subgraph();
  const host::ModelStats stats = host::ComputeModelStats(model);
  const ArenaPlan plan = PlanArena(model);
  host::MemoryTimeline timeline;
  if (opt.memory || !opt.plot.empty()) {
    AllOpsResolver resolver;
    timeline = host::ComputeMemoryTimeline(model, resolver);
  }
  if (!opt.plot.empty()) {
    if (!timeline.ok) {
      std::fprintf(stderr, "mote inspect: cannot plot %s: %s\n", opt.model.c_str(),
                   timeline.error.c_str());
      return kExitUnsupported;
    }
    std::ofstream out(opt.plot, std::ios::binary);
    std::string name = opt.model.substr(opt.model.find_last_of('/') + 1);
    out << host::MemoryTimelineSvg(timeline, name + ": arena memory over time");
    if (!out) {
      std::fprintf(stderr, "mote inspect: cannot write %s\n", opt.plot.c_str());
      return kExitFailure;
    }
  }

  if (opt.json) {
    nlohmann::json j;
    j["model"] = opt.model;
    j["schema_version"] = model.schema_version();
    j["description"] = model.description();
    j["subgraphs"] = model.num_subgraphs();
    j["tensors"] = sg.num_tensors();
    j["inputs"] = nlohmann::json::array();
    for (int32_t t : sg.inputs()) j["inputs"].push_back(TensorJson(sg, t));
    j["outputs"] = nlohmann::json::array();
    for (int32_t t : sg.outputs()) j["outputs"].push_back(TensorJson(sg, t));
    j["ops"] = nlohmann::json::array();
    for (const auto& op : stats.ops) {
      nlohmann::json o;
      o["index"] = op.index;
      o["op"] = op.name;
      o["inputs"] = op.inputs;
      o["outputs"] = op.outputs;
      o["macs"] = op.macs;
      o["weight_bytes"] = op.weight_bytes;
      o["output_shape"] = op.outputs.empty()
                              ? std::vector<int32_t>()
                              : std::vector<int32_t>(sg.tensor(op.outputs[0]).shape().begin(),
                                                     sg.tensor(op.outputs[0]).shape().end());
      j["ops"].push_back(o);
    }
    j["macs"] = stats.total_macs;
    j["weights_bytes"] = stats.weight_bytes;
    j["arena_bytes"] = plan.ok ? nlohmann::json(plan.bytes) : nlohmann::json(nullptr);
    j["arena_bytes_aot"] = aot::AotArenaJson(model);
    j["unsupported_ops"] = plan.unsupported;
    if (!plan.ok) j["arena_error"] = plan.error;
    if (opt.memory) {
      j["memory"] = timeline.ok ? TimelineJson(timeline) : nlohmann::json(nullptr);
    }
    std::printf("%s\n", j.dump(1).c_str());
    return kExitOk;
  }

  std::printf("model        %s\n", opt.model.c_str());
  std::printf("description  %s\n", model.description());
  std::printf("tensors      %zu, operators %zu, subgraphs %zu\n", sg.num_tensors(),
              sg.num_operators(), model.num_subgraphs());
  auto print_tensor = [&](const char* kind, size_t i, int32_t t) {
    const TensorView v = sg.tensor(static_cast<size_t>(t));
    const QuantizationView q = v.quantization();
    std::printf("%-6s %zu    %-8s %-18s %8u bytes", kind, i, DataTypeName(v.type()),
                host::ShapeString(v.shape()).c_str(), v.bytes());
    if (!q.scale.empty()) {
      std::printf("  scale %.9g zero_point %lld", static_cast<double>(q.scale[0]),
                  static_cast<long long>(q.zero_point.empty() ? 0 : q.zero_point[0]));
    }
    std::printf("  (%s)\n", v.name());
  };
  for (size_t i = 0; i < sg.inputs().size(); ++i) print_tensor("input", i, sg.inputs()[i]);
  for (size_t i = 0; i < sg.outputs().size(); ++i) print_tensor("output", i, sg.outputs()[i]);
  std::printf("\n  #  %-30s %-20s %14s %12s\n", "op", "output shape", "MACs", "weights");
  for (const auto& op : stats.ops) {
    const std::string shape =
        op.outputs.empty() ? "" : host::ShapeString(sg.tensor(op.outputs[0]).shape());
    std::printf("%3zu  %-30s %-20s %14llu %12llu\n", op.index, op.name.c_str(), shape.c_str(),
                static_cast<unsigned long long>(op.macs),
                static_cast<unsigned long long>(op.weight_bytes));
  }
  std::printf("\nMACs         %llu\n", static_cast<unsigned long long>(stats.total_macs));
  std::printf("weights      %llu bytes\n", static_cast<unsigned long long>(stats.weight_bytes));
  if (plan.ok) {
    std::printf("arena        %zu bytes (interpreter: activations + scratch + persistent data)\n",
                plan.bytes);
  } else {
    std::printf("arena        not planned: %s\n", plan.error.c_str());
  }
  if (opt.memory && timeline.ok) PrintTimeline(timeline);
  if (!opt.plot.empty()) std::printf("plot         %s\n", opt.plot.c_str());
  return kExitOk;
}

}  // namespace

void AddInspectCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand("inspect",
                                     "Show a model's inputs, outputs, ops, MACs, "
                                     "weight bytes and planned arena size");
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_flag("--json", opt->json, "Machine-readable output");
  cmd->add_flag(
      "--memory", opt->memory,
      "Per-op live-memory timeline, peak and plan details (with --json: under \"memory\")");
  cmd->add_option("--plot", opt->plot, "Write the arena memory timeline as an SVG plot to FILE")
      ->type_name("FILE.svg");
  cmd->callback([opt, exit_code]() { *exit_code = RunInspect(*opt); });
}

}  // namespace cli
}  // namespace mote
