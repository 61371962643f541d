// `mote run MODEL -i IN [-i IN2 ...] -o OUT [--dump-layers DIR]`: runs a model
// on raw little-endian tensor bytes with the interpreter.
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "cli/run_aot.h"
#include "core/interpreter_hooks.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace cli {
namespace {

struct RunOptions {
  std::string model;
  std::vector<std::string> inputs;
  std::string output;
  std::string dump_dir;
  int64_t arena_bytes = 64 << 20;
  bool aot = false;
};

struct DumpState {
  std::string dir;
  nlohmann::json layers = nlohmann::json::array();
  bool failed = false;
};

void DumpOp(void* user, const Interpreter& interp, size_t op_index) {
  auto* dump = static_cast<DumpState*>(user);
  const OperatorView op = interp.subgraph().op(op_index);
  char buf[24];
  for (int32_t t : op.outputs()) {
    const TensorRef ref = interp.tensor(static_cast<size_t>(t));
    char file[64];
    std::snprintf(file, sizeof(file), "op%03zu_t%d.bin", op_index, static_cast<int>(t));
    if (!WriteFileOrComplain(dump->dir + "/" + file, ref.data, ref.bytes)) dump->failed = true;
    nlohmann::json l;
    l["op_index"] = op_index;
    l["op_name"] = op.name(buf, sizeof(buf));
    l["output_tensor_index"] = t;
    l["tensor_name"] = ref.name;
    l["dtype"] = DataTypeName(ref.type);
    l["shape"] = std::vector<int32_t>(ref.shape.begin(), ref.shape.end());
    l["bytes"] = ref.bytes;
    l["scale"] = ref.scale;
    l["zero_point"] = ref.zero_point;
    l["file"] = file;
    dump->layers.push_back(l);
  }
}

std::string ExpectedInputs(const Interpreter& interp) {
  std::string s;
  for (size_t i = 0; i < interp.num_inputs(); ++i) {
    if (i) s += ", ";
    s += "input " + std::to_string(i) + ": " + std::to_string(interp.input(i).bytes) + " bytes " +
         DataTypeName(interp.input(i).type);
  }
  return s;
}

int RunModel(const RunOptions& opt) {
  LoadedModel loaded;
  int rc = LoadModelOrComplain(opt.model, &loaded);
  if (rc != kExitOk) return rc;
  AllOpsResolver resolver;
  const size_t arena_bytes = static_cast<size_t>(opt.arena_bytes);
  Arena arena;
  if (!MakeArena(arena_bytes, &arena)) {
    return Fail(kExitFailure, "cannot allocate an arena of %zu bytes (--arena-bytes)", arena_bytes);
  }
  Interpreter interp(loaded.model, resolver, arena.span);
  PlannerOptions options;
  if (!opt.dump_dir.empty()) {
    options.stream = false;  // every op's output is dumped, so every one is stored
    InterpreterHooks::set_planner_options(interp, options);
  }
  const Status s = interp.AllocateTensors();
  if (!s.ok()) {
    const std::string message = s.message();
    if (s.code() == StatusCode::kResourceExhausted) {
      // The exact size, whatever the runtime could count in this arena.
      const HostPlan plan = PlanOnHost(loaded.model, resolver, options);
      if (plan.status.ok()) {
        return Fail(kExitArenaTooSmall,
                    "%s: arena too small: the model needs %zu bytes, --arena-bytes is %zu "
                    "(run with --arena-bytes %zu)",
                    opt.model.c_str(), plan.arena_bytes, arena_bytes, plan.arena_bytes);
      }
    }
    Error("%s: %s", opt.model.c_str(), message.c_str());
    if (s.code() == StatusCode::kUnsupported) {
      std::string names;
      for (size_t i = 0; i < resolver.num_kernels(); ++i) {
        names += (i ? ", " : "");
        names += OpKernelName(resolver.kernel(i));
      }
      std::fprintf(stderr, "mote: supported ops: %s\n", names.c_str());
    }
    return ModelExitCode(s);
  }

  // Inputs: one file per model input, or one file with all inputs concatenated.
  std::vector<std::vector<uint8_t>> files(opt.inputs.size());
  for (size_t i = 0; i < opt.inputs.size(); ++i) {
    if (!ReadFileOrComplain(opt.inputs[i], &files[i])) return kExitIo;
  }
  size_t total = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) total += interp.input(i).bytes;
  if (files.size() == interp.num_inputs()) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (files[i].size() != interp.input(i).bytes) {
        return Fail(kExitInputSize, "%s is %zu bytes but model input %zu needs %zu (%s)",
                    opt.inputs[i].c_str(), files[i].size(), i, interp.input(i).bytes,
                    ExpectedInputs(interp).c_str());
      }
      if (!files[i].empty()) std::memcpy(interp.input(i).data, files[i].data(), files[i].size());
    }
  } else if (files.size() == 1) {
    if (files[0].size() != total) {
      return Fail(kExitInputSize,
                  "%s is %zu bytes but the model's %zu inputs need %zu in total (%s)",
                  opt.inputs[0].c_str(), files[0].size(), interp.num_inputs(), total,
                  ExpectedInputs(interp).c_str());
    }
    size_t offset = 0;
    for (size_t i = 0; i < interp.num_inputs(); ++i) {
      if (interp.input(i).bytes != 0) {  // empty tensors may have no memory (and no data)
        std::memcpy(interp.input(i).data, files[0].data() + offset, interp.input(i).bytes);
      }
      offset += interp.input(i).bytes;
    }
  } else {
    return Fail(kExitInputSize, "got %zu input files but the model has %zu inputs (%s)",
                files.size(), interp.num_inputs(), ExpectedInputs(interp).c_str());
  }

  DumpState dump;
  if (!opt.dump_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(opt.dump_dir, ec);
    if (ec || !std::filesystem::is_directory(opt.dump_dir, ec)) {
      return Fail(kExitIo, "cannot create the folder %s: %s", opt.dump_dir.c_str(),
                  ec ? ec.message().c_str() : "a file has that name");
    }
    dump.dir = opt.dump_dir;
    interp.set_op_observer(&DumpOp, &dump);
  }
  const Status inv = interp.Invoke();
  if (!inv.ok()) return Fail(ModelExitCode(inv), "%s: %s", opt.model.c_str(), inv.message());
  if (!opt.dump_dir.empty()) {
    const std::string json = JsonText(dump.layers, 1);
    if (dump.failed ||
        !WriteFileOrComplain(opt.dump_dir + "/layers.json", json.data(), json.size())) {
      return kExitIo;
    }
  }
  std::vector<uint8_t> out;
  for (size_t i = 0; i < interp.num_outputs(); ++i) {
    const TensorRef t = interp.output(i);
    const auto* p = static_cast<const uint8_t*>(t.data);
    out.insert(out.end(), p, p + t.bytes);
  }
  if (!WriteFileOrComplain(opt.output, out.data(), out.size())) return kExitIo;
  return kExitOk;
}

}  // namespace

void AddRunCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<RunOptions>();
  CLI::App* cmd = app.add_subcommand(
      "run", "Run a model on raw little-endian input bytes and write the raw output bytes.");
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_option("-i,--input", opt->inputs,
                  "Input file: one per model input in order, or one with all inputs concatenated")
      ->required();
  cmd->add_option("-o,--output", opt->output, "Output file (all outputs concatenated)")->required();
  cmd->add_option("--dump-layers", opt->dump_dir,
                  "Write every op's output tensor (opNNN_tT.bin + layers.json) to this folder");
  cmd->add_option("--arena-bytes", opt->arena_bytes,
                  "Arena size to run with, 1 to 2147483648 (default 64 MiB); too small: exit "
                  "code 6 and the size the model needs")
      ->check(CLI::Range(int64_t{1}, static_cast<int64_t>(kMaxArenaBytes)));
  cmd->add_flag("--aot", opt->aot,
                "Run the ahead-of-time compiled code instead of the interpreter (compiles, builds "
                "with the host compiler and caches the build)");
  cmd->footer(ExitCodesHelp());
  cmd->callback([opt, exit_code]() {
    *exit_code = opt->aot ? RunAotModel(opt->model, opt->inputs, opt->output) : RunModel(*opt);
  });
}

}  // namespace cli
}  // namespace mote
