// `mote bench MODEL [--target host|cortex-m4|cortex-m7|cortex-m33|cortex-m55]`:
// measures a model on an emulated microcontroller (QEMU) or on the host.
//
// On a Cortex-M target it builds a firmware with the model (targets/qemu,
// arm-none-eabi), runs it under QEMU with -icount shift=0 and reports executed
// instructions per inference (whole model and per layer), peak arena, stack
// high-water mark (stack painting), and flash split into weights / kernels +
// runtime / C library (from the linker map). On the host it reports
// instructions (valgrind callgrind, Interpreter::Invoke only) and wall time.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include "bench/kernel_folders.h"
#include "bench/map_file.h"
#include "bench/svg_plot.h"
#include "cli/cli_common.h"
#include "cli/commands.h"
#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

namespace mote {
namespace cli {
namespace {

namespace fs = std::filesystem;

struct BenchOptions {
  std::string model;
  std::string target = "cortex-m4";
  std::string path = "interpreter";
  bool json = false;
  std::vector<std::string> inputs;
  std::string output;
  std::string plot;
  std::string build_dir;
  size_t flash_budget = 1u << 20;  // nRF52840
  size_t ram_budget = 256u << 10;
};

struct Layer {
  size_t index = 0;
  std::string op;
  uint64_t instructions = 0;  // target
  double ns = 0;              // host
};

struct Board {
  const char* cpu;      // toolchain file name
  const char* board;    // targets/qemu board
  const char* machine;  // QEMU machine
};

const Board* FindBoard(const std::string& target) {
  static const Board kBoards[] = {{"cortex-m4f", "an386", "mps2-an386"},
                                  {"cortex-m7", "an500", "mps2-an500"},
                                  {"cortex-m33", "an505", "mps2-an505"},
                                  {"cortex-m55", "an547", "mps3-an547"}};
  std::string t = target;
  if (t == "cortex-m4") t = "cortex-m4f";
  for (const Board& b : kBoards) {
    if (t == b.cpu) return &b;
  }
  return nullptr;
}

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command; returns its exit status and captures stdout (+stderr if asked).
int RunCapture(const std::string& command, std::string* out) {
  FILE* p = popen(command.c_str(), "r");
  if (p == nullptr) return -1;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), p)) > 0) out->append(buf, n);
  const int status = pclose(p);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string Tail(const std::string& s, size_t lines) {
  size_t pos = s.size();
  for (size_t i = 0; i <= lines && pos != std::string::npos && pos > 0; ++i) {
    pos = s.rfind('\n', pos - 1);
  }
  return pos == std::string::npos ? s : s.substr(pos + 1);
}

std::string Commas(uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

// The model, planned on the host: input sizes, arena, kernel folders used.
struct HostModel {
  LoadedModel loaded;
  AllOpsResolver resolver;
  std::vector<uint8_t> arena;
  std::unique_ptr<Interpreter> interp;
};

int PrepareHostModel(const BenchOptions& opt, HostModel* hm) {
  int rc = LoadModelOrComplain(opt.model, &hm->loaded);
  if (rc != kExitOk) return rc;
  const size_t bytes = 64u << 20;
  hm->arena.resize(bytes + 16);
  const size_t pad = (16 - reinterpret_cast<uintptr_t>(hm->arena.data()) % 16) % 16;
  hm->interp = std::make_unique<Interpreter>(hm->loaded.model, hm->resolver,
                                             Span<uint8_t>(hm->arena.data() + pad, bytes));
  const Status s = hm->interp->AllocateTensors();
  if (!s.ok()) {
    std::fprintf(stderr, "mote: %s: %s\n", opt.model.c_str(), s.message());
    return ExitCodeFor(s);
  }
  return kExitOk;
}

// All inputs concatenated (zeros when no -i is given).
int ReadInputs(const BenchOptions& opt, const Interpreter& interp, std::vector<uint8_t>* bytes) {
  size_t total = 0;
  for (size_t i = 0; i < interp.num_inputs(); ++i) total += interp.input(i).bytes;
  bytes->clear();
  if (opt.inputs.empty()) {
    bytes->assign(total, 0);
    return kExitOk;
  }
  std::vector<std::vector<uint8_t>> files(opt.inputs.size());
  for (size_t i = 0; i < opt.inputs.size(); ++i) {
    if (!ReadFileOrComplain(opt.inputs[i], &files[i])) return kExitUsage;
    bytes->insert(bytes->end(), files[i].begin(), files[i].end());
  }
  if (files.size() == interp.num_inputs() && files.size() > 1) {
    for (size_t i = 0; i < files.size(); ++i) {
      if (files[i].size() != interp.input(i).bytes) {
        std::fprintf(stderr, "mote: %s is %zu bytes but model input %zu needs %zu\n",
                     opt.inputs[i].c_str(), files[i].size(), i, interp.input(i).bytes);
        return kExitInputSize;
      }
    }
  } else if (files.size() != 1) {
    std::fprintf(stderr, "mote: got %zu input files but the model has %zu inputs\n", files.size(),
                 interp.num_inputs());
    return kExitInputSize;
  }
  if (bytes->size() != total) {
    std::fprintf(stderr, "mote: %s is %zu bytes but the model's inputs need %zu in total\n",
                 opt.inputs[0].c_str(), bytes->size(), total);
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

std::string SourceDir() {
  const char* env = std::getenv("MOTE_SOURCE_DIR");
  return env != nullptr ? env : MOTE_SOURCE_DIR;
}

int BenchTarget(const BenchOptions& opt, const Board& board, HostModel& hm,
                const std::vector<uint8_t>& input, nlohmann::json* result,
                std::vector<Layer>* layers, std::vector<uint8_t>* output) {
  const std::string src = SourceDir();
  if (!fs::exists(src + "/targets/qemu/CMakeLists.txt")) {
    std::fprintf(stderr, "mote: Mote's sources not found at %s (set MOTE_SOURCE_DIR)\n",
                 src.c_str());
    return kExitFailure;
  }
  std::string dummy;
  if (RunCapture("command -v arm-none-eabi-g++ qemu-system-arm >/dev/null 2>&1", &dummy) != 0) {
    std::fprintf(stderr,
                 "mote: bench on %s needs arm-none-eabi-g++ and qemu-system-arm "
                 "(Debian: gcc-arm-none-eabi libnewlib-arm-none-eabi "
                 "libstdc++-arm-none-eabi-newlib qemu-system-arm)\n",
                 board.cpu);
    return kExitFailure;
  }
  // Only the kernel folders the model uses.
  std::set<std::string> folders;
  const SubgraphView& sg = hm.interp->subgraph();
  for (size_t i = 0; i < hm.interp->num_ops(); ++i) {
    const OperatorView op = sg.op(i);
    const OpKernel* k = hm.resolver.Find(op.builtin_code(), op.custom_name());
    const char* folder = k != nullptr ? bench::KernelFolder(*k) : nullptr;
    if (folder != nullptr) folders.insert(folder);
  }
  std::string kernels;
  for (const std::string& f : folders) kernels += (kernels.empty() ? "" : ";") + f;

  const fs::path dir = opt.build_dir.empty()
                           ? fs::temp_directory_path() / (std::string("mote-bench-") + board.cpu)
                           : fs::path(opt.build_dir);
  std::error_code ec;
  fs::create_directories(dir, ec);
  const std::string input_file = (dir / "bench_input.bin").string();
  if (!WriteFileOrComplain(input_file, input.data(), input.size())) return kExitFailure;
  // The host's plan (64-bit pointers) is at least the target's: a safe arena size.
  const size_t arena = (hm.interp->arena_used_bytes() + 15) / 16 * 16;
  const std::string configure =
      "cmake -S " + Quote(src + "/targets/qemu") + " -B " + Quote(dir.string()) +
      " -DCMAKE_TOOLCHAIN_FILE=" + Quote(src + "/cmake/toolchains/" + board.cpu + ".cmake") +
      " -DMOTE_BENCH_MODEL=" + Quote(fs::absolute(opt.model).string()) +
      " -DMOTE_BENCH_INPUT=" + Quote(input_file) + " -DMOTE_BENCH_KERNELS=" + Quote(kernels) +
      " -DMOTE_BENCH_ARENA=" + std::to_string(arena) +
      " -DMOTE_FLASH_BUDGET=" + std::to_string(opt.flash_budget) +
      " -DMOTE_RAM_BUDGET=" + std::to_string(opt.ram_budget) + " -DMOTE_CONFORMANCE_MODELS= 2>&1";
  std::string log;
  if (RunCapture(configure, &log) != 0) {
    std::fprintf(stderr, "mote: configuring the firmware failed:\n%s", Tail(log, 20).c_str());
    return kExitFailure;
  }
  log.clear();
  if (RunCapture("cmake --build " + Quote(dir.string()) + " -j2 --target mote_bench 2>&1", &log) !=
      0) {
    std::fprintf(stderr, "mote: building the firmware for %s failed:\n%s", board.cpu,
                 Tail(log, 20).c_str());
    if (log.find("budget") != std::string::npos) {
      std::fprintf(stderr,
                   "mote: the image does not fit %zu bytes flash / %zu bytes RAM "
                   "(--flash-budget, --ram-budget)\n",
                   opt.flash_budget, opt.ram_budget);
    }
    return kExitFailure;
  }
  std::string out;
  const int rc = RunCapture(Quote(src + "/scripts/qemu-run.sh") + " " + board.board + " " +
                                Quote((dir / "mote_bench.elf").string()),
                            &out);
  nlohmann::json& r = *result;
  std::string error;
  uint64_t stack = 0, heap = 0;
  bool have_total = false;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream l(line);
    std::string key;
    l >> key;
    if (key == "MOTE_LAYER") {
      Layer layer;
      l >> layer.index >> layer.op >> layer.instructions;
      layers->push_back(layer);
    } else if (key == "MOTE_INSTRUCTIONS") {
      uint64_t v = 0;
      l >> v;
      r["instructions"] = v;
      have_total = true;
    } else if (key == "MOTE_ARENA") {
      size_t v = 0;
      l >> v;
      r["arena_bytes"] = v;
    } else if (key == "MOTE_STACK") {
      l >> stack;
    } else if (key == "MOTE_HEAP") {
      l >> heap;
    } else if (key == "MOTE_OUTPUT") {
      std::string hex;
      l >> hex;
      for (size_t i = 0; i + 1 < hex.size(); i += 2) {
        output->push_back(static_cast<uint8_t>(std::stoul(hex.substr(i, 2), nullptr, 16)));
      }
    } else if (key == "MOTE_ERROR") {
      error = line;
    }
  }
  if (rc != 0 || !have_total) {
    std::fprintf(stderr, "mote: the firmware failed on %s (exit %d): %s\n%s", board.machine, rc,
                 error.c_str(), Tail(out, 10).c_str());
    return rc == 3 || rc == 4 || rc == 5 ? rc : kExitFailure;
  }
  r["stack_bytes"] = stack;
  r["heap_bytes"] = heap;
  std::string map_text, map_error;
  std::vector<uint8_t> map_bytes;
  bench::FlashSplit split;
  if (!ReadFileOrComplain((dir / "mote_bench.map").string(), &map_bytes)) return kExitFailure;
  map_text.assign(map_bytes.begin(), map_bytes.end());
  if (!bench::ParseMapFile(map_text, &split, &map_error)) {
    std::fprintf(stderr, "mote: %s: %s\n", (dir / "mote_bench.map").c_str(), map_error.c_str());
    return kExitFailure;
  }
  r["flash_weights_bytes"] = split.weights;
  r["flash_code_bytes"] = split.code;
  r["flash_libc_bytes"] = split.libc;
  r["flash_bytes"] = split.flash_used;
  r["ram_bytes"] = split.ram_used;
  r["flash_budget_bytes"] = opt.flash_budget;
  r["ram_budget_bytes"] = opt.ram_budget;
  r["board"] = board.machine;
  r["kernel_folders"] = std::vector<std::string>(folders.begin(), folders.end());
  r["firmware"] = (dir / "mote_bench.elf").string();
  return kExitOk;
}

int BenchHost(const BenchOptions& opt, HostModel& hm, const std::vector<uint8_t>& input,
              nlohmann::json* result, std::vector<Layer>* layers, std::vector<uint8_t>* output) {
  Interpreter& interp = *hm.interp;
  using Clock = std::chrono::steady_clock;
  struct Timing {
    Clock::time_point last;
    std::vector<double> ns;
  } timing;
  timing.ns.assign(interp.num_ops(), 0.0);
  auto observe = [](void* user, const Interpreter&, size_t op) {
    auto* t = static_cast<Timing*>(user);
    const Clock::time_point now = Clock::now();
    t->ns[op] += std::chrono::duration<double, std::nano>(now - t->last).count();
    t->last = now;
  };
  // Wall time: median of repeated runs (at least 5, about half a second).
  std::vector<double> runs;
  const Clock::time_point begin = Clock::now();
  while (runs.size() < 5 ||
         (runs.size() < 1000 && Clock::now() - begin < std::chrono::milliseconds(500))) {
    SetInputs(interp, input);
    const Clock::time_point t0 = Clock::now();
    if (!interp.Invoke().ok()) return kExitFailure;
    runs.push_back(std::chrono::duration<double, std::nano>(Clock::now() - t0).count());
  }
  *output = Outputs(interp);
  std::sort(runs.begin(), runs.end());
  // Per layer: one more pass with the observer, averaged over 5 runs.
  interp.set_op_observer(observe, &timing);
  for (int i = 0; i < 5; ++i) {
    SetInputs(interp, input);
    timing.last = Clock::now();
    if (!interp.Invoke().ok()) return kExitFailure;
  }
  interp.set_op_observer(nullptr, nullptr);
  char name[32];
  for (size_t i = 0; i < interp.num_ops(); ++i) {
    Layer l;
    l.index = i;
    l.op = interp.subgraph().op(i).name(name, sizeof(name));
    l.ns = timing.ns[i] / 5;
    layers->push_back(l);
  }
  nlohmann::json& r = *result;
  r["wall_ns"] = runs[runs.size() / 2];
  r["arena_bytes"] = interp.arena_used_bytes();
  r["instructions"] = nullptr;
  // Instructions: callgrind over `mote run`, counting Interpreter::Invoke only.
  std::string dummy;
  if (RunCapture("command -v valgrind >/dev/null 2>&1", &dummy) != 0) {
    std::fprintf(stderr, "mote: valgrind not found; reporting wall time only\n");
    return kExitOk;
  }
  const fs::path tmp = fs::temp_directory_path() / ("mote-bench-host-" + std::to_string(getpid()));
  fs::create_directories(tmp);
  const std::string in_file = (tmp / "in.bin").string();
  if (!WriteFileOrComplain(in_file, input.data(), input.size())) return kExitFailure;
  const std::string self = fs::read_symlink("/proc/self/exe").string();
  std::string log;
  const int rc = RunCapture(
      "valgrind --tool=callgrind --callgrind-out-file=/dev/null "
      "--toggle-collect='mote::Interpreter::Invoke()' " +
          Quote(self) + " run " + Quote(opt.model) + " -i " + Quote(in_file) + " -o " +
          Quote((tmp / "out.bin").string()) + " 2>&1",
      &log);
  fs::remove_all(tmp);
  const size_t pos = log.find("Collected :");
  if (rc != 0 || pos == std::string::npos) {
    std::fprintf(stderr, "mote: callgrind failed:\n%s", Tail(log, 10).c_str());
    return kExitFailure;
  }
  r["instructions"] = std::stoull(log.substr(pos + 11));
  return kExitOk;
}

void PrintReport(const nlohmann::json& r, std::vector<Layer> layers, bool host) {
  std::printf("%s on %s (%s path)\n", r["model"].get<std::string>().c_str(),
              r["target"].get<std::string>().c_str(), r["path"].get<std::string>().c_str());
  if (!r["instructions"].is_null()) {
    std::printf("  instructions per inference: %s%s\n",
                Commas(r["instructions"].get<uint64_t>()).c_str(),
                host ? " (valgrind callgrind, Interpreter::Invoke)"
                     : " (executed instructions, QEMU -icount shift=0)");
  }
  if (host)
    std::printf("  wall time per inference: %.1f us (median)\n", r["wall_ns"].get<double>() / 1000);
  std::printf("  arena: %s bytes\n", Commas(r["arena_bytes"].get<uint64_t>()).c_str());
  if (!host) {
    std::printf("  stack high-water mark: %s bytes\n",
                Commas(r["stack_bytes"].get<uint64_t>()).c_str());
    const uint64_t w = r["flash_weights_bytes"], c = r["flash_code_bytes"],
                   l = r["flash_libc_bytes"];
    std::printf("  flash: %s bytes = weights %s + kernels/runtime %s + C library %s (budget %s)\n",
                Commas(w + c + l).c_str(), Commas(w).c_str(), Commas(c).c_str(), Commas(l).c_str(),
                Commas(r["flash_budget_bytes"].get<uint64_t>()).c_str());
    std::printf("  RAM: %s bytes (data + bss incl. arena + heap + stack; budget %s)\n",
                Commas(r["ram_bytes"].get<uint64_t>()).c_str(),
                Commas(r["ram_budget_bytes"].get<uint64_t>()).c_str());
  }
  std::stable_sort(layers.begin(), layers.end(), [host](const Layer& a, const Layer& b) {
    return host ? a.ns > b.ns : a.instructions > b.instructions;
  });
  double total = 0;
  for (const Layer& l : layers) total += host ? l.ns : static_cast<double>(l.instructions);
  std::printf("  layers by cost:\n  %5s  %-24s %16s %7s\n", "op#", "op",
              host ? "ns" : "instructions", "share");
  for (const Layer& l : layers) {
    const double v = host ? l.ns : static_cast<double>(l.instructions);
    std::printf("  %5zu  %-24s %16s %6.1f%%\n", l.index, l.op.c_str(),
                Commas(static_cast<uint64_t>(v)).c_str(), total > 0 ? 100.0 * v / total : 0.0);
  }
}

int Bench(const BenchOptions& opt) {
  if (opt.path == "aot") {
    std::fprintf(stderr,
                 "mote: bench --path aot is not available yet: the firmware build links the "
                 "interpreter only; use --path interpreter\n");
    return kExitUnsupported;
  }
  const bool host = opt.target == "host";
  const Board* board = host ? nullptr : FindBoard(opt.target);
  if (!host && board == nullptr) {
    std::fprintf(stderr,
                 "mote: unknown --target '%s' (host, cortex-m4, cortex-m7, cortex-m33, "
                 "cortex-m55)\n",
                 opt.target.c_str());
    return kExitUsage;
  }
  HostModel hm;
  int rc = PrepareHostModel(opt, &hm);
  if (rc != kExitOk) return rc;
  std::vector<uint8_t> input;
  rc = ReadInputs(opt, *hm.interp, &input);
  if (rc != kExitOk) return rc;

  nlohmann::json r;
  r["model"] = fs::path(opt.model).filename().string();
  r["target"] = host ? "host" : board->cpu;
  r["path"] = opt.path;
  std::vector<Layer> layers;
  std::vector<uint8_t> output;
  rc = host ? BenchHost(opt, hm, input, &r, &layers, &output)
            : BenchTarget(opt, *board, hm, input, &r, &layers, &output);
  if (rc != kExitOk) return rc;
  nlohmann::json jl = nlohmann::json::array();
  for (const Layer& l : layers) {
    nlohmann::json j = {{"index", l.index}, {"op", l.op}};
    if (host) {
      j["ns"] = l.ns;
    } else {
      j["instructions"] = l.instructions;
    }
    jl.push_back(j);
  }
  r["layers"] = jl;
  if (!opt.output.empty() && !WriteFileOrComplain(opt.output, output.data(), output.size())) {
    return kExitFailure;
  }
  if (!opt.plot.empty()) {
    std::vector<bench::Bar> bars;
    for (const Layer& l : layers) {
      bars.push_back({"#" + std::to_string(l.index) + " " + l.op,
                      host ? static_cast<uint64_t>(l.ns) : l.instructions});
    }
    std::stable_sort(bars.begin(), bars.end(),
                     [](const bench::Bar& a, const bench::Bar& b) { return a.value > b.value; });
    const std::string svg =
        bench::BarChartSvg(r["model"].get<std::string>() + " on " + r["target"].get<std::string>() +
                               ": cost per layer",
                           host ? "ns" : "instructions", bars);
    if (!WriteFileOrComplain(opt.plot, svg.data(), svg.size())) return kExitFailure;
  }
  if (opt.json) {
    std::printf("%s\n", r.dump(2).c_str());
  } else {
    PrintReport(r, layers, host);
  }
  return kExitOk;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Measure a model on an emulated Cortex-M (QEMU) or on the host: instructions per inference\n"
      "(whole model and per layer), peak arena, stack high-water mark, flash split.\n"
      "Exit codes: 0 ok, 1 build/run failure, 2 usage, 3 invalid model, 4 input size mismatch,\n"
      "5 unsupported op or path");
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_option("--target", opt->target,
                  "host, cortex-m4 (QEMU mps2-an386), cortex-m7 (mps2-an500), cortex-m33 "
                  "(mps2-an505), cortex-m55 (mps3-an547)")
      ->capture_default_str();
  cmd->add_option("--path", opt->path, "interpreter or aot")
      ->check(CLI::IsMember({"interpreter", "aot"}))
      ->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print the results as JSON");
  cmd->add_option("-i,--input", opt->inputs,
                  "Input bytes (one file per input or all concatenated; default zeros)");
  cmd->add_option("-o,--output", opt->output,
                  "Write the output bytes computed on the target (compare with `mote run`)");
  cmd->add_option("--plot", opt->plot, "Write an SVG bar chart of the per-layer cost");
  cmd->add_option("--build-dir", opt->build_dir,
                  "Firmware build directory (default: $TMPDIR/mote-bench-CPU, reused)");
  cmd->add_option("--flash-budget", opt->flash_budget,
                  "Flash bytes of the real part the linker checks against (default: nRF52840)")
      ->capture_default_str();
  cmd->add_option("--ram-budget", opt->ram_budget, "RAM bytes of the real part")
      ->capture_default_str();
  cmd->callback([opt, exit_code]() { *exit_code = Bench(*opt); });
}

}  // namespace cli
}  // namespace mote
