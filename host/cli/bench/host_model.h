// The model as `mote bench` sees it on the host: verified, planned with the
// interpreter (op names, input sizes, kernel folders), compiled ahead of time.
#ifndef MOTE_HOST_CLI_BENCH_HOST_MODEL_H_
#define MOTE_HOST_CLI_BENCH_HOST_MODEL_H_

#include <memory>
#include <string>
#include <vector>

#include "cli/bench/bench_options.h"
#include "cli/cli_common.h"
#include "compiler/aot_compiler.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace cli {

// The name the compiled model gets in bench builds: bench_model.h, kBenchModelArenaSize, ...
constexpr char kBenchModelName[] = "bench_model";

struct HostModel {
  LoadedModel loaded;
  AllOpsResolver resolver;
  std::vector<uint8_t> arena;
  std::unique_ptr<Interpreter> interp;  // tensors allocated
  std::string OpName(size_t op) const;
};

// Loads, verifies and plans `path` (64 MiB arena). Returns an exit code.
int PrepareHostModel(const std::string& path, HostModel* hm);

// All inputs concatenated from -i files (one per input, or one with all), or
// zeros without -i. Returns an exit code (4 on a size mismatch).
int ReadInputs(const std::vector<std::string>& files, const Interpreter& interp,
               std::vector<uint8_t>* bytes);
void SetInputs(Interpreter& interp, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> Outputs(const Interpreter& interp);

// Compiles the model as kBenchModelName for `target` (host, cortex-m4, ...), as
// `mote compile` does. Returns an exit code (5 for an op without emitter).
int CompileForBench(const std::string& model_path, const HostModel& hm, const std::string& target,
                    aot::CompiledModel* compiled);

// The interpreter's arena for this model with kernels picked for `target`
// (host, cortex-m4, ...), planned on the host: at least what the target needs
// (its pointers are smaller). Returns an exit code.
int InterpreterArenaFor(const std::string& model_path, const HostModel& hm,
                        const std::string& target, size_t* bytes);

// runtime/kernels folders the interpreter uses for this model, and those the
// compiled code calls.
std::vector<std::string> InterpreterKernelFolders(const HostModel& hm);
std::vector<std::string> CompiledKernelFolders(const aot::CompiledModel& compiled);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_BENCH_HOST_MODEL_H_
