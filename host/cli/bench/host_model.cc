#include "cli/bench/host_model.h"
#include "core/interpreter_hooks.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <set>

#include "bench/kernel_folders.h"

namespace mote {
namespace cli {

std::string HostModel::OpName(size_t op) const {
  char name[32];
  return interp->subgraph().op(op).name(name, sizeof(name));
}

int PrepareHostModel(const std::string& path, HostModel* hm) {
  const int rc = LoadModelOrComplain(path, &hm->loaded);
  if (rc != kExitOk) return rc;
  const size_t bytes = 64u << 20;
  hm->arena.resize(bytes + 16);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(hm->arena.data()) % 16) % 16;
  hm->interp = std::make_unique<Interpreter>(hm->loaded.model, hm->resolver,
                                             Span<uint8_t>(hm->arena.data() + pad, bytes));
  const Status s = hm->interp->AllocateTensors();
  if (!s.ok()) {
    Error("%s: %s", path.c_str(), s.message());
    return ExitCodeFor(s);
  }
  return kExitOk;
}

int ReadInputs(const std::vector<std::string>& files, const Interpreter& interp,
               std::vector<uint8_t>* bytes) {
  size_t total = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) total += interp.input(i).bytes;
  bytes->clear();
  if (files.empty()) {
    bytes->assign(total, 0);
    return kExitOk;
  }
  std::vector<std::vector<uint8_t>> contents(files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    if (!ReadFileOrComplain(files[i], &contents[i])) return kExitIo;
    bytes->insert(bytes->end(), contents[i].begin(), contents[i].end());
  }
  if (files.size() == interp.num_inputs() && files.size() > 1) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (contents[i].size() != interp.input(i).bytes) {
        Error("%s is %zu bytes but model input %zu needs %zu", files[i].c_str(), contents[i].size(),
              i, interp.input(i).bytes);
        return kExitInputSize;
      }
    }
  } else if (files.size() != 1) {
    Error("got %zu input files but the model has %zu inputs", files.size(), interp.num_inputs());
    return kExitInputSize;
  }
  if (bytes->size() != total) {
    Error("%s is %zu bytes but the model's inputs need %zu in total", files[0].c_str(),
          bytes->size(), total);
    return kExitInputSize;
  }
  return kExitOk;
}

void SetInputs(Interpreter& interp, const std::vector<uint8_t>& bytes) {
  size_t offset = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) {
    std::memcpy(interp.input(i).data, bytes.data() + offset, interp.input(i).bytes);
    offset += interp.input(i).bytes;
  }
}

std::vector<uint8_t> Outputs(const Interpreter& interp) {
  std::vector<uint8_t> out;
  for (size_t i = 0; i < interp.num_outputs(); ++i) {
    const auto* p = static_cast<const uint8_t*>(interp.output(i).data);
    out.insert(out.end(), p, p + interp.output(i).bytes);
  }
  return out;
}

int CompileForBench(const std::string& model_path, const HostModel& hm, const std::string& target,
                    aot::CompiledModel* compiled) {
  aot::CompileOptions options;
  options.name = kBenchModelName;
  options.target = target;
  options.source = std::filesystem::path(model_path).filename().string();
  const Status s = aot::CompileModel(hm.loaded.model, options, compiled);
  if (!s.ok()) {
    Error("%s: %s (use --path interpreter)", model_path.c_str(), s.message());
    return ExitCodeFor(s);
  }
  return kExitOk;
}

int InterpreterArenaFor(const std::string& model_path, const HostModel& hm,
                        const std::string& target, size_t* bytes) {
  std::vector<uint8_t> arena(hm.arena.size());
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(arena.data()) % 16) % 16;
  Interpreter interp(hm.loaded.model, hm.resolver,
                     Span<uint8_t>(arena.data() + pad, arena.size() - 16));
  InterpreterHooks::set_kernel_archs(interp, aot::TargetKernelArchs(target));
  const Status s = interp.AllocateTensors();
  if (!s.ok()) {
    Error("%s (kernels for %s): %s", model_path.c_str(), target.c_str(), s.message());
    return ExitCodeFor(s);
  }
  *bytes = interp.arena_used_bytes();
  return kExitOk;
}

std::vector<std::string> InterpreterKernelFolders(const HostModel& hm) {
  std::set<std::string> folders;
  const SubgraphView& sg = hm.interp->subgraph();
  for (size_t i = 0; i < hm.interp->num_ops(); ++i) {
    const OperatorView op = sg.op(i);
    const OpKernel* k = hm.resolver.Find(op.builtin_code(), op.custom_name());
    const char* folder = k != nullptr ? bench::KernelFolder(*k) : nullptr;
    if (folder != nullptr) folders.insert(folder);
  }
  return {folders.begin(), folders.end()};
}

std::vector<std::string> CompiledKernelFolders(const aot::CompiledModel& compiled) {
  // Headers are "kernels/<folder>/<file>.h"; "common" is always linked.
  std::set<std::string> folders;
  for (const std::string& h : compiled.kernel_headers) {
    const size_t a = h.find('/'), b = a == std::string::npos ? a : h.find('/', a + 1);
    if (h.rfind("kernels/", 0) != 0 || b == std::string::npos) continue;
    const std::string folder = h.substr(a + 1, b - a - 1);
    if (folder != "common") folders.insert(folder);
  }
  return {folders.begin(), folders.end()};
}

}  // namespace cli
}  // namespace mote
