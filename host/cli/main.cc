// mote: the Mote command-line tool.
#include <cstdio>

#include <CLI/CLI.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"mote: run and inspect TinyML models (.tflite) with the Mote runtime"};
  app.require_subcommand(1);
  int exit_code = mote::cli::kExitOk;
  mote::cli::AddInspectCommand(app, &exit_code);
  mote::cli::AddRunCommand(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int rc = app.exit(e);
    return rc == 0 ? 0 : mote::cli::kExitUsage;
  }
  return exit_code;
}
