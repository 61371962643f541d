// `mote inspect MODEL [--json]`: what a model needs and contains.
#include <cstdio>
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
    std::printf("%3zu  %-26s %10llu %10llu  %s%s\n", op.index, Printable(op.name).c_str(),
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
  HostPlan plan;
  std::vector<std::string> unsupported;
  bool have_aot = false;
  size_t aot_bytes = 0;
  bool ok() const { return plan.status.ok(); }
};

ArenaPlan PlanArena(const Model& model) {
  ArenaPlan arena;
  AllOpsResolver resolver;
  const SubgraphView sg = model.main_subgraph();
  char buf[24];
  for (size_t o = 0; o < sg.num_operators(); ++o) {
    const OperatorView op = sg.op(o);
    if (resolver.Find(op.builtin_code(), op.custom_name()) == nullptr) {
      const std::string name = op.name(buf, sizeof(buf));
      bool seen = false;
      for (const auto& u : arena.unsupported) seen |= (u == name);
      if (!seen) arena.unsupported.push_back(name);
    }
  }
  arena.plan = PlanOnHost(model, resolver);
  if (arena.ok()) {
    const Result<size_t> aot_bytes = aot::AotArenaBytes(model);
    arena.have_aot = aot_bytes.ok();
    if (aot_bytes.ok()) arena.aot_bytes = aot_bytes.value();
  }
  return arena;
}

int RunInspect(const InspectOptions& opt) {
  LoadedModel loaded;
  const int rc = LoadModelOrComplain(opt.model, &loaded);
  if (rc != kExitOk) {
    if (opt.json) return PrintJson(nlohmann::json{{"model", opt.model}}, rc);
    return rc;
  }
  const Model& model = loaded.model;
  const SubgraphView sg = model.main_subgraph();
  const host::ModelStats stats = host::ComputeModelStats(model);
  const ArenaPlan plan = PlanArena(model);
  // Not plannable (an op unsupported or misconfigured): everything else is
  // still shown, and the exit code is what `mote run` would return.
  int exit_code = kExitOk;
  if (!plan.ok()) {
    exit_code = ModelExitCode(plan.plan.status);
    Error("%s: %s: %s", opt.model.c_str(),
          exit_code == kExitUnsupported ? "unsupported model" : "cannot be planned",
          plan.plan.message.c_str());
  }
  host::MemoryTimeline timeline;
  if (plan.ok() && (opt.memory || !opt.plot.empty())) {
    AllOpsResolver resolver;
    timeline = host::ComputeMemoryTimeline(model, resolver);
  }
  if (!opt.plot.empty() && exit_code == kExitOk) {
    if (!timeline.ok) {
      exit_code = Fail(kExitFailure, "%s: cannot plot the memory timeline: %s", opt.model.c_str(),
                       timeline.error.c_str());
    } else {
      const std::string name = opt.model.substr(opt.model.find_last_of('/') + 1);
      const std::string svg = host::MemoryTimelineSvg(timeline, name + ": arena memory over time");
      if (!WriteFileOrComplain(opt.plot, svg.data(), svg.size())) exit_code = kExitIo;
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
    j["weight_bytes"] = stats.weight_bytes;
    // The interpreter's arena (what `mote run` needs; "arena_bytes_interpreter"
    // as in `mote compile --json`) and the compiled code's (`mote compile`,
    // default target).
    const nlohmann::json interp =
        plan.ok() ? nlohmann::json(plan.plan.arena_bytes) : nlohmann::json(nullptr);
    j["arena_bytes"] = interp;
    j["arena_bytes_interpreter"] = interp;
    j["arena_bytes_aot"] = plan.have_aot ? nlohmann::json(plan.aot_bytes) : nlohmann::json(nullptr);
    j["unsupported_ops"] = plan.unsupported;
    if (!plan.ok()) j["arena_error"] = plan.plan.message;
    if (opt.memory) {
      j["memory"] = timeline.ok ? TimelineJson(timeline) : nlohmann::json(nullptr);
    }
    return PrintJson(j, exit_code);
  }

  std::printf("model        %s\n", Printable(opt.model).c_str());
  std::printf("description  %s\n", Printable(model.description()).c_str());
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
    std::printf("  (%s)\n", Printable(v.name()).c_str());
  };
  for (size_t i = 0; i < sg.inputs().size(); ++i) print_tensor("input", i, sg.inputs()[i]);
  for (size_t i = 0; i < sg.outputs().size(); ++i) print_tensor("output", i, sg.outputs()[i]);
  std::printf("\n  #  %-30s %-20s %14s %12s\n", "op", "output shape", "MACs", "weights");
  for (const auto& op : stats.ops) {
    const std::string shape =
        op.outputs.empty() ? "" : host::ShapeString(sg.tensor(op.outputs[0]).shape());
    std::printf("%3zu  %-30s %-20s %14llu %12llu\n", op.index, Printable(op.name).c_str(),
                shape.c_str(), static_cast<unsigned long long>(op.macs),
                static_cast<unsigned long long>(op.weight_bytes));
  }
  std::printf("\nMACs         %llu\n", static_cast<unsigned long long>(stats.total_macs));
  std::printf("weights      %llu bytes\n", static_cast<unsigned long long>(stats.weight_bytes));
  if (plan.ok()) {
    std::printf("arena        %zu bytes (interpreter: activations + scratch + persistent data)\n",
                plan.plan.arena_bytes);
    if (plan.have_aot) {
      std::printf("arena (AOT)  %zu bytes (mote compile, default target: activations + scratch)\n",
                  plan.aot_bytes);
    } else {
      std::printf("arena (AOT)  not compiled (an op has no ahead-of-time emitter)\n");
    }
  } else {
    std::printf("arena        not planned: %s\n", Printable(plan.plan.message).c_str());
  }
  if (opt.memory && timeline.ok) PrintTimeline(timeline);
  if (!opt.plot.empty() && exit_code == kExitOk) std::printf("plot         %s\n", opt.plot.c_str());
  return exit_code;
}

}  // namespace

void AddInspectCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<InspectOptions>();
  CLI::App* cmd = app.add_subcommand(
      "inspect",
      "Show a model's inputs, outputs, ops, MACs, weight bytes and planned arena sizes\n"
      "(interpreter and ahead-of-time compiled). Fails, with the exit code `mote run` would\n"
      "return, when the model cannot be planned (an op unsupported or misconfigured).");
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_flag("--json", opt->json, "Machine-readable output");
  cmd->add_flag(
      "--memory", opt->memory,
      "Per-op live-memory timeline, peak and plan details (with --json: under \"memory\")");
  cmd->add_option("--plot", opt->plot, "Write the arena memory timeline as an SVG plot to FILE")
      ->type_name("FILE.svg");
  cmd->footer(ExitCodesHelp());
  cmd->callback([opt, exit_code]() { *exit_code = RunInspect(*opt); });
}

}  // namespace cli
}  // namespace mote
