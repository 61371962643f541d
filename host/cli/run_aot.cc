#include "cli/run_aot.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "cli/cli_common.h"
#include "compiler/aot_build.h"
#include "compiler/aot_compiler.h"
#include "compiler/emit_util.h"

namespace mote {
namespace cli {

int RunAotModel(const std::string& model_path, const std::vector<std::string>& inputs,
                const std::string& output) {
  LoadedModel loaded;
  int rc = LoadModelOrComplain(model_path, &loaded);
  if (rc != kExitOk) return rc;
  const SubgraphView sg = loaded.model.main_subgraph();
  const size_t num_inputs = sg.inputs().size();
  std::vector<size_t> sizes;
  std::string expected;
  size_t total = 0;
  for (size_t i = 0; i < num_inputs; ++i) {
    const TensorView t = sg.tensor(static_cast<size_t>(sg.inputs()[i]));
    sizes.push_back(t.bytes());
    total += t.bytes();
    expected += (i ? ", " : "") + std::string("input ") + std::to_string(i) + ": " +
                std::to_string(t.bytes()) + " bytes " + DataTypeName(t.type());
  }
  // Same input convention and messages as the interpreter's `mote run`.
  std::vector<uint8_t> all;
  if (inputs.size() == num_inputs || inputs.size() == 1) {
    for (size_t i = 0; i < inputs.size(); ++i) {
      std::vector<uint8_t> bytes;
      if (!ReadFileOrComplain(inputs[i], &bytes)) return kExitIo;
      const size_t want = inputs.size() == num_inputs ? sizes[i] : total;
      if (bytes.size() != want) {
        return Fail(kExitInputSize, "%s is %zu bytes but %s %zu (%s)", inputs[i].c_str(),
                    bytes.size(),
                    inputs.size() == num_inputs ? "the model input needs" : "the inputs need",
                    want, expected.c_str());
      }
      all.insert(all.end(), bytes.begin(), bytes.end());
    }
  } else {
    return Fail(kExitInputSize, "got %zu input files but the model has %zu inputs (%s)",
                inputs.size(), num_inputs, expected.c_str());
  }

  aot::CompileOptions options;
  options.name = aot::Identifier(std::filesystem::path(model_path).stem().string());
  options.source = std::filesystem::path(model_path).filename().string();
  options.target = "host";  // built and run here
  aot::CompiledModel compiled;
  Status s = aot::CompileModel(loaded.model, options, &compiled);
  if (!s.ok()) return Fail(ExitCodeFor(s), "%s: %s", model_path.c_str(), s.message());
  std::string exe;
  bool cached = false;
  s = aot::BuildAotDriver(compiled, options.name, &exe, &cached);
  if (!s.ok()) return Fail(kExitFailure, "%s: %s", model_path.c_str(), s.message());
  const std::string in_file =
      std::filesystem::path(exe).parent_path().string() + "/in." + std::to_string(getpid());
  if (!WriteFileOrComplain(in_file, all.data(), all.size())) return kExitIo;
  const pid_t pid = fork();
  if (pid == 0) {
    execl(exe.c_str(), exe.c_str(), in_file.c_str(), output.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  if (pid < 0 || waitpid(pid, &status, 0) < 0) status = -1;
  std::error_code ec;
  std::filesystem::remove(in_file, ec);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    return Fail(kExitFailure, "%s: the compiled model (%s) failed", model_path.c_str(),
                exe.c_str());
  }
  return kExitOk;
}

}  // namespace cli
}  // namespace mote
