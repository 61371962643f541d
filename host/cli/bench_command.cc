// `mote bench MODEL [--target host|cortex-m4|cortex-m7|cortex-m33|cortex-m55]
//                   [--path aot|interpreter] [--json] [--plot F.svg] [-i IN... -o OUT]`:
// measures a model, ahead-of-time compiled (default) or with the interpreter.
//
// On a Cortex-M target it builds a firmware with the model (targets/qemu,
// arm-none-eabi), runs it under QEMU with -icount shift=0 and reports executed
// instructions per inference (whole model and per layer), arena, stack
// high-water mark (stack painting), and flash split into weights / kernels +
// runtime / C library (from the linker map). On the host it reports
// instructions (valgrind callgrind) and wall time. The pieces are in
// cli/bench/ (bench_options.h lists them); docs/performance.md says how
// everything is measured.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/bench/bench_options.h"
#include "cli/bench/bench_report.h"
#include "cli/bench/firmware_build.h"
#include "cli/bench/host_bench.h"
#include "cli/bench/host_model.h"
#include "cli/bench/host_runner.h"
#include "cli/bench/target_bench.h"
#include "cli/cli_common.h"
#include "cli/commands.h"

namespace mote {
namespace cli {
namespace {

int Bench(const BenchOptions& opt) {
  const bool host = opt.target == "host";
  const Board* board = host ? nullptr : FindBoard(opt.target);
  if (!host && board == nullptr) {
    Error(
        "unknown --target '%s' (host, cortex-m4, cortex-m7, cortex-m33, "
        "cortex-m55)",
        opt.target.c_str());
    return kExitUsage;
  }
  HostModel hm;
  int rc = PrepareHostModel(opt.model, &hm);
  if (rc != kExitOk) return rc;
  std::vector<uint8_t> input;
  rc = ReadInputs(opt.inputs, *hm.interp, &input);
  if (rc != kExitOk) return rc;

  BenchResult result;
  nlohmann::json& r = result.fields;
  r["model"] = std::filesystem::path(opt.model).filename().string();
  r["target"] = host ? "host" : board->cpu;
  r["path"] = opt.path;
  rc = host ? BenchHost(opt, hm, input, &result) : BenchTarget(opt, *board, hm, input, &result);
  if (rc != kExitOk) return rc;
  if (!opt.output.empty() &&
      !WriteFileOrComplain(opt.output, result.output.data(), result.output.size())) {
    return kExitIo;
  }
  if (!opt.plot.empty()) {
    const std::string svg = BenchPlotSvg(result);
    if (!WriteFileOrComplain(opt.plot, svg.data(), svg.size())) return kExitIo;
  }
  if (opt.json) {
    PrintJson(BenchJson(result, host), kExitOk, 2);
  } else {
    PrintBenchReport(result, host);
  }
  return kExitOk;
}

}  // namespace

void AddBenchCommand(CLI::App& app, int* exit_code) {
  auto opt = std::make_shared<BenchOptions>();
  CLI::App* cmd = app.add_subcommand(
      "bench",
      "Measure a model on an emulated Cortex-M (QEMU) or on the host: instructions per inference\n"
      "(whole model and per layer), peak arena, stack high-water mark, flash split. Building a\n"
      "firmware takes minutes the first time: each step is shown on stderr.");
  cmd->footer(ExitCodesHelp());
  cmd->add_option("MODEL", opt->model, ".tflite model file")->required();
  cmd->add_option("--target", opt->target,
                  "host, cortex-m4 (QEMU mps2-an386), cortex-m7 (mps2-an500), cortex-m33 "
                  "(mps2-an505), cortex-m55 (mps3-an547)")
      ->capture_default_str();
  cmd->add_option("--path", opt->path,
                  "aot (the code of `mote compile`) or interpreter (the .tflite embedded)")
      ->check(CLI::IsMember({"interpreter", "aot"}))
      ->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print the results as JSON");
  cmd->add_option("-i,--input", opt->inputs,
                  "Input bytes (one file per input or all concatenated; default zeros)");
  cmd->add_option("-o,--output", opt->output,
                  "Write the output bytes computed on the target (compare with `mote run`)");
  cmd->add_option("--plot", opt->plot, "Write an SVG bar chart of the per-layer cost");
  cmd->add_option("--build-dir", opt->build_dir,
                  "Firmware build directory (default: $TMPDIR/mote-bench-CPU-KEY, one per source "
                  "tree, reused)");
  cmd->add_option("--flash-budget", opt->flash_budget,
                  "Flash bytes of the real part the linker checks against (default: nRF52840)")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  cmd->add_option("--ram-budget", opt->ram_budget, "RAM bytes of the real part")
      ->capture_default_str()
      ->check(CLI::Range(size_t{1}, size_t{1} << 32));
  cmd->callback([opt, exit_code]() { *exit_code = Bench(*opt); });
  AddBenchHostRunnerCommand(app, exit_code);
}

}  // namespace cli
}  // namespace mote
