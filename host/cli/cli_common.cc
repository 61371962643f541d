#include "cli/cli_common.h"
#include "core/interpreter_hooks.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <new>

namespace mote {
namespace cli {
namespace {

struct Messages {
  std::string first_error;
  std::vector<std::string> warnings;
  bool json = false;
  bool json_printed = false;
};

Messages& Log() {
  static Messages m;
  return m;
}

std::string Format(const char* format, va_list args) {
  va_list copy;
  va_copy(copy, args);
  const int n = std::vsnprintf(nullptr, 0, format, copy);
  va_end(copy);
  if (n <= 0) return std::string();
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::vsnprintf(&s[0], s.size(), format, args);
  s.resize(static_cast<size_t>(n));
  return s;
}

void RecordError(const std::string& message) {
  std::fprintf(stderr, "mote: %s\n", Printable(message).c_str());
  if (Log().first_error.empty()) Log().first_error = message;
}

// Length of the UTF-8 sequence at s[i] (1..4), or 0 if it is not valid UTF-8.
size_t Utf8Length(const std::string& s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t n = 0;
  uint32_t min = 0;
  if ((c & 0xE0) == 0xC0)
    n = 2, min = 0x80;
  else if ((c & 0xF0) == 0xE0)
    n = 3, min = 0x800;
  else if ((c & 0xF8) == 0xF0)
    n = 4, min = 0x10000;
  else
    return 0;
  if (i + n > s.size()) return 0;
  uint32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = cp << 6 | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

template <typename Json>
int PrintJsonDocument(Json j, int exit_code, int indent) {
  if (exit_code != kExitOk) {
    std::string error = FirstError();
    if (error.empty()) error = "failed (exit code " + std::to_string(exit_code) + ")";
    j["error"] = error;
    j["exit_code"] = exit_code;
  }
  if (!Warnings().empty() && !j.contains("warnings")) j["warnings"] = Warnings();
  std::printf("%s\n", JsonText(j, indent).c_str());
  std::fflush(stdout);
  Log().json_printed = true;
  return exit_code;
}

}  // namespace

const char* ExitCodesHelp() {
  return "Exit codes: 0 ok, 1 build/run failure or internal error, 2 usage (bad arguments or\n"
         "option values, unusable WAV), 3 invalid model (or misconfigured op), 4 input size\n"
         "mismatch, 5 unsupported op, 6 arena too small (the message gives the size needed),\n"
         "7 a file cannot be read or written\n";
}

void Error(const char* format, ...) {
  va_list args;
  va_start(args, format);
  const std::string message = Format(format, args);
  va_end(args);
  RecordError(message);
}

int Fail(int exit_code, const char* format, ...) {
  va_list args;
  va_start(args, format);
  const std::string message = Format(format, args);
  va_end(args);
  RecordError(message);
  return exit_code;
}

void Warning(const char* format, ...) {
  va_list args;
  va_start(args, format);
  const std::string message = Format(format, args);
  va_end(args);
  std::fprintf(stderr, "mote: warning: %s\n", Printable(message).c_str());
  Log().warnings.push_back(message);
}

void Progress(const char* format, ...) {
  va_list args;
  va_start(args, format);
  const std::string message = Format(format, args);
  va_end(args);
  std::fprintf(stderr, "mote: %s...\n", message.c_str());
  std::fflush(stderr);
}

const std::string& FirstError() { return Log().first_error; }
const std::vector<std::string>& Warnings() { return Log().warnings; }

void ResetMessages(bool json) {
  Log() = Messages();
  Log().json = json;
}

bool JsonMode() { return Log().json; }
bool JsonPrinted() { return Log().json_printed; }

std::string JsonText(const nlohmann::json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string JsonText(const nlohmann::ordered_json& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

int PrintJson(nlohmann::json j, int exit_code, int indent) {
  return PrintJsonDocument(std::move(j), exit_code, indent);
}

int PrintJson(nlohmann::ordered_json j, int exit_code, int indent) {
  return PrintJsonDocument(std::move(j), exit_code, indent);
}

void PrintJsonError(int exit_code) {
  PrintJsonDocument(nlohmann::ordered_json::object(), exit_code, 1);
}

std::string Printable(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (n == 0 || (n == 1 && (c < 0x20 || c == 0x7F))) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02X", c);
      out += buf;
      ++i;
    } else {
      out.append(s, i, n);
      i += n;
    }
  }
  return out;
}

bool ReadFileBytes(const std::string& path, std::vector<uint8_t>* out, std::string* error) {
  out->clear();
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
    return false;
  }
  struct stat st;
  bool ok = ::fstat(fd, &st) == 0;
  if (!ok) {
    *error = "cannot read " + path + ": " + std::strerror(errno);
  } else if (S_ISDIR(st.st_mode)) {
    *error = "cannot read " + path + ": it is a folder, not a file";
    ok = false;
  } else if (S_ISREG(st.st_mode) && static_cast<uint64_t>(st.st_size) > kMaxFileBytes) {
    *error = "cannot read " + path + ": " + std::to_string(st.st_size) +
             " bytes, more than the largest file mote reads (" + std::to_string(kMaxFileBytes) +
             ")";
    ok = false;
  }
  try {
    if (ok && S_ISREG(st.st_mode)) out->reserve(static_cast<size_t>(st.st_size));
    uint8_t buf[1 << 16];
    while (ok) {
      const ssize_t n = ::read(fd, buf, sizeof(buf));
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        *error = "cannot read " + path + ": " + std::strerror(errno);
        ok = false;
      } else if (n == 0) {
        break;
      } else if (out->size() + static_cast<size_t>(n) > kMaxFileBytes) {
        *error = "cannot read " + path + ": more than the largest file mote reads (" +
                 std::to_string(kMaxFileBytes) + " bytes)";
        ok = false;
      } else {
        out->insert(out->end(), buf, buf + n);
      }
    }
  } catch (const std::bad_alloc&) {
    *error = "cannot read " + path + ": out of memory";
    ok = false;
  }
  ::close(fd);
  if (!ok) out->clear();
  return ok;
}

bool ReadFileOrComplain(const std::string& path, std::vector<uint8_t>* out) {
  std::string error;
  if (ReadFileBytes(path, out, &error)) return true;
  Error("%s", error.c_str());
  return false;
}

bool WriteFileOrComplain(const std::string& path, const void* data, size_t size) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    Error("cannot write %s: it is a folder", path.c_str());
    return false;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) {
    Error("cannot write %s: %s", path.c_str(), std::strerror(errno));
    return false;
  }
  const bool wrote = size == 0 || std::fwrite(data, 1, size, f) == size;
  const int saved = errno;
  const bool closed = std::fclose(f) == 0;
  if (!wrote || !closed) {
    Error("cannot write %s: %s", path.c_str(), std::strerror(wrote ? errno : saved));
    return false;
  }
  return true;
}

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidModel:
      return kExitInvalidModel;
    case StatusCode::kUnsupported:
      return kExitUnsupported;
    case StatusCode::kResourceExhausted:
      return kExitArenaTooSmall;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    default:
      return kExitFailure;
  }
}

int ModelExitCode(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kUnsupported:
      return kExitUnsupported;
    case StatusCode::kResourceExhausted:
      return kExitArenaTooSmall;
    case StatusCode::kInternal:
    case StatusCode::kFailedPrecondition:
      return kExitFailure;
    default:
      return kExitInvalidModel;
  }
}

int LoadModelOrComplain(const std::string& path, LoadedModel* loaded) {
  std::vector<uint8_t> bytes;
  if (!ReadFileOrComplain(path, &bytes)) return kExitIo;
  // 16-byte aligned copy: Model::Load needs at least 8, int64 weights 8.
  loaded->storage.assign(bytes.size() + 16, 0);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(loaded->storage.data()) % 16) % 16;
  if (!bytes.empty()) std::memcpy(loaded->storage.data() + pad, bytes.data(), bytes.size());
  Result<Model> model =
      Model::Load(Span<const uint8_t>(loaded->storage.data() + pad, bytes.size()));
  if (!model.ok()) {
    loaded->error = model.status().message();
    const bool unsupported = model.status().code() == StatusCode::kUnsupported;
    Error("%s: %s model: %s", path.c_str(), unsupported ? "unsupported" : "invalid",
          loaded->error.c_str());
    return unsupported ? kExitUnsupported : kExitInvalidModel;
  }
  loaded->model = model.value();
  return kExitOk;
}

bool MakeArena(size_t bytes, Arena* arena) {
  arena->storage.reset(new (std::nothrow) uint8_t[bytes + 16]);
  if (arena->storage == nullptr) return false;
  uint8_t* p = arena->storage.get();
  p += (16 - reinterpret_cast<uintptr_t>(p) % 16) % 16;
  arena->span = Span<uint8_t>(p, bytes);
  return true;
}

HostPlan PlanOnHost(const Model& model, const OpResolver& resolver, const PlannerOptions& options) {
  HostPlan plan;
  size_t bytes = size_t{1} << 20;
  for (;;) {
    Arena arena;
    if (!MakeArena(bytes, &arena)) {
      plan.status = Status::Error(StatusCode::kResourceExhausted,
                                  "cannot allocate an arena of %zu bytes to plan the model", bytes);
      plan.message = plan.status.message();
      plan.arena_bytes = bytes;
      return plan;
    }
    Interpreter interp(model, resolver, arena.span);
    InterpreterHooks::set_planner_options(interp, options);
    plan.status = interp.AllocateTensors();
    plan.message = plan.status.message();
    plan.arena_bytes = plan.status.ok() ? interp.arena_used_bytes() : interp.arena_required_bytes();
    if (plan.status.code() != StatusCode::kResourceExhausted || bytes >= kMaxArenaBytes ||
        interp.arena_required_bytes() <= bytes) {
      return plan;
    }
    bytes = std::max(bytes * 4, interp.arena_required_bytes());
    if (bytes > kMaxArenaBytes) bytes = kMaxArenaBytes;
  }
}

}  // namespace cli
}  // namespace mote
