#include "cli/mote_main.h"

#include <CLI/CLI.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"

namespace mote {
namespace cli {

int MoteMain(int argc, char** argv) {
  CLI::App app{"mote: run and inspect TinyML models (.tflite) with the Mote runtime"};
  app.require_subcommand(1);
  int exit_code = kExitOk;
  AddInspectCommand(app, &exit_code);
  AddRunCommand(app, &exit_code);
  AddCompileCommand(app, &exit_code);
  AddBenchCommand(app, &exit_code);
  AddListenCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  return exit_code;
}

}  // namespace cli
}  // namespace mote
