// `mote compile MODEL -o DIR [--name NAME] [--target T] [--optimize size|speed] [--json]`:
// ahead-of-time compiles a model to readable C++ (NAME.h, NAME.cc, NAME_data.cc).
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"
#include "compiler/aot_build.h"
#include "compiler/aot_compiler.h"
#include "compiler/emit_util.h"

namespace mote {
namespace cli {
namespace {

struct CompileCommandOptions {
  std::string model;
  std::string out_dir;
  std::string name;
  std::string target = "portable";
  std::string optimize = "speed";
  bool json = false;
};

int Compile(const CompileCommandOptions& opt) {
  if (!aot::IsKnownTarget(opt.target)) {
    return Fail(kExitUsage, "unknown --target '%s' (%s)", opt.target.c_str(), aot::KnownTargets());
  }
  if (opt.optimize != "size" && opt.optimize != "speed") {
    return Fail(kExitUsage, "unknown --optimize '%s' (size, speed)", opt.optimize.c_str());
  }
  LoadedModel loaded;
  const int rc = LoadModelOrComplain(opt.model, &loaded);
  if (rc != kExitOk) return rc;
  aot::CompileOptions options;
  options.source = std::filesystem::path(opt.model).filename().string();
  options.name = opt.name.empty() ? std::filesystem::path(opt.model).stem().string() : opt.name;
  options.name = aot::Identifier(options.name);
  options.target = opt.target;
  options.optimize = opt.optimize;
  aot::CompiledModel compiled;
  const Status s = aot::CompileModel(loaded.model, options, &compiled);
  if (!s.ok()) return Fail(ExitCodeFor(s), "%s: %s", opt.model.c_str(), s.message());
  std::error_code ec;
  std::filesystem::create_directories(opt.out_dir, ec);
  if (ec || !std::filesystem::is_directory(opt.out_dir, ec)) {
    return Fail(kExitIo, "cannot create the folder %s: %s", opt.out_dir.c_str(),
                ec ? ec.message().c_str() : "a file has that name");
  }
  const std::string base = opt.out_dir + "/" + options.name;
  if (!WriteFileOrComplain(base + ".h", compiled.header.data(), compiled.header.size()) ||
      !WriteFileOrComplain(base + ".cc", compiled.source.data(), compiled.source.size()) ||
      !WriteFileOrComplain(base + "_data.cc", compiled.data.data(), compiled.data.size())) {
    return kExitIo;
  }
  if (opt.json) {
    nlohmann::json j;
    j["name"] = options.name;
    j["target"] = options.target;
    j["optimize"] = options.optimize;
    // Everything a build needs: the generated sources, the runtime sources of the
    // kernels they call (this target's variants), and the include directories.
    std::vector<std::string> runtime_sources, include_dirs;
    const Status paths = aot::ModelBuildFiles(compiled, &runtime_sources, &include_dirs);
    if (!paths.ok()) return Fail(kExitFailure, "%s", paths.message());
    const std::string dir = std::filesystem::absolute(opt.out_dir).lexically_normal().string();
    const std::string abs_base = dir + "/" + options.name;
    j["files"] = {base + ".h", base + ".cc", base + "_data.cc"};
    j["header"] = abs_base + ".h";
    j["sources"] = {abs_base + ".cc", abs_base + "_data.cc"};
    j["runtime_sources"] = runtime_sources;
    include_dirs.insert(include_dirs.begin(), dir);
    j["include_dirs"] = include_dirs;
    j["arena_bytes_aot"] = compiled.arena_bytes;
    j["arena_bytes_interpreter"] = compiled.interpreter_arena_bytes;
    j["state_bytes"] = compiled.state_bytes;
    // The generated code's flash constants (weights and packed constants): the
    // same figure `mote bench` reports as flash_weights_bytes. `inspect`'s
    // weight_bytes is the model's constant tensors.
    j["flash_weights_bytes"] = compiled.weight_bytes;
    j["kernels"] = compiled.kernel_headers;
    j["kernel_functions"] = compiled.kernel_functions;
    PrintJson(j, kExitOk, 2);
  } else {
    std::printf(
        "wrote %s.h, %s.cc, %s_data.cc: arena %zu bytes (interpreter %zu), "
        "flash weights %zu bytes, state %zu bytes\n",
        base.c_str(), base.c_str(), base.c_str(), compiled.arena_bytes,
        compiled.interpreter_arena_bytes, compiled.weight_bytes, compiled.state_bytes);
  }
  return kExitOk;
}

}  // namespace

void AddCompileCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<CompileCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "compile",
      "Compile a model ahead of time to readable C++: NAME.h (arena size, NAME_invoke, typed\n"
      "input/output accessors), NAME.cc (precomputed op params, calls into Mote's kernels) and\n"
      "NAME_data.cc (weights). --json lists the runtime sources and include directories to\n"
      "build them with; in CMake, mote_add_model() does it (docs/compile.md).");
  cmd->footer(ExitCodesHelp());
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_option("-o,--output-dir", opt->out_dir, "Directory to write the files to")->required();
  cmd->add_option("--name", opt->name,
                  "C identifier prefix (default: the model file name without extension)");
  cmd->add_option("--target", opt->target,
                  "portable (default: plain C++ kernels, any CPU with a C++17 compiler), host,\n"
                  "cortex-m4, cortex-m7, cortex-m33 or cortex-m55 (optimized kernel variants)");
  cmd->add_option("--optimize", opt->optimize,
                  "speed (default: variants may pre-pack/pre-widen weights into flash) or size\n"
                  "(flash stays at the model's weight bytes plus per-channel tables)");
  cmd->add_flag("--json", opt->json,
                "Print a JSON summary: files, every source and include directory a build needs,\n"
                "arena, weights, kernels");
  cmd->callback([opt, exit_code]() { *exit_code = Compile(*opt); });
}

}  // namespace cli
}  // namespace mote
