#include "cli/cli_common.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

namespace mote {
namespace cli {

bool ReadFileOrComplain(const std::string& path, std::vector<uint8_t>* out) {
  std::ifstream f(path, std::ios::binary);
  if (!f) {
    std::fprintf(stderr, "mote: cannot read %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  out->assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
  return true;
}

bool WriteFileOrComplain(const std::string& path, const void* data, size_t size) {
  std::ofstream f(path, std::ios::binary);
  if (!f || !f.write(static_cast<const char*>(data), static_cast<std::streamsize>(size))) {
    std::fprintf(stderr, "mote: cannot write %s: %s\n", path.c_str(), std::strerror(errno));
    return false;
  }
  return true;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidModel: return kExitInvalidModel;
    case StatusCode::kUnsupported: return kExitUnsupported;
    case StatusCode::kInvalidArgument: return kExitUsage;
    default: return kExitFailure;
  }
}

int LoadModelOrComplain(const std::string& path, LoadedModel* loaded) {
  std::vector<uint8_t> bytes;
  if (!ReadFileOrComplain(path, &bytes)) return kExitUsage;
  // 16-byte aligned copy: Model::Load needs at least 8, int64 weights 8.
  loaded->storage.assign(bytes.size() + 16, 0);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(loaded->storage.data()) % 16) % 16;
  if (!bytes.empty()) std::memcpy(loaded->storage.data() + pad, bytes.data(), bytes.size());
  Result<Model> model = Model::Load(Span<const uint8_t>(loaded->storage.data() + pad, bytes.size()));
  loaded->status = model.status();
  if (!model.ok()) {
    std::fprintf(stderr, "mote: %s: %s model: %s\n", path.c_str(),
                 model.status().code() == StatusCode::kUnsupported ? "unsupported" : "invalid",
                 model.status().message());
    return ExitCodeFor(model.status());
  }
  loaded->model = model.value();
  return kExitOk;
}

}  // namespace cli
}  // namespace mote
