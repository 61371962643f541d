#include "cli/mote_main.h"

#include <cstdio>
#include <cstring>
#include <new>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/cli_common.h"
#include "cli/commands.h"

#ifndef MOTE_VERSION
#define MOTE_VERSION "0.1.0"
#endif

namespace mote {
namespace cli {
namespace {

// `--json` anywhere before a `--`: the command line asks for JSON output, also
// when it cannot be parsed.
bool WantsJson(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (argv[i] == nullptr || std::strcmp(argv[i], "--") == 0) break;
    if (std::strcmp(argv[i], "--json") == 0) return true;
  }
  return false;
}

std::string CommandNames(const CLI::App& app) {
  std::string names;
  for (const CLI::App* sub :
       app.get_subcommands([](const CLI::App* s) { return !s->get_group().empty(); })) {
    names += (names.empty() ? "" : ", ") + sub->get_name();
  }
  return names;
}

// What CLI11 says, in mote's words where it matters.
int ParseFailure(CLI::App& app, const CLI::ParseError& e) {
  std::string what = e.what();
  const CLI::App* failed = &app;
  for (const CLI::App* sub : app.get_subcommands()) failed = sub;
  const std::string usage =
      failed == &app ? "mote --help" : "mote " + failed->get_name() + " --help";
  if (failed == &app && what.find("subcommand is required") != std::string::npos) {
    return Fail(kExitUsage, "no command given (commands: %s; see mote --help)",
                CommandNames(app).c_str());
  }
  return Fail(kExitUsage, "%s (see %s)", what.c_str(), usage.c_str());
}

int Run(int argc, char** argv) {
  CLI::App app{"mote: run and inspect TinyML models (.tflite) with the Mote runtime", "mote"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("mote ") + MOTE_VERSION);
  app.footer(ExitCodesHelp());
  int exit_code = kExitOk;
  AddInspectCommand(app, &exit_code);
  AddRunCommand(app, &exit_code);
  AddCompileCommand(app, &exit_code);
  AddBenchCommand(app, &exit_code);
  AddListenCommand(app, &exit_code);
  // `mote help [COMMAND]`: the same as `mote [COMMAND] --help`.
  std::string topic;
  CLI::App* help = app.add_subcommand("help", "Show the help of mote or of one command");
  help->add_option("COMMAND", topic, "Command to describe");
  help->callback([&]() {
    if (topic.empty()) {
      std::printf("%s",
                  app.get_formatter()->make_help(&app, "mote", CLI::AppFormatMode::Normal).c_str());
      return;
    }
    for (CLI::App* sub : app.get_subcommands({})) {
      if (sub->get_name() == topic && !sub->get_group().empty()) {
        std::printf("%s", sub->help("mote").c_str());
        return;
      }
    }
    exit_code = Fail(kExitUsage, "unknown command '%s' (commands: %s)", topic.c_str(),
                     CommandNames(app).c_str());
  });
  // An unknown command: CLI11 would only say that a subcommand is required.
  if (argc > 1 && argv[1][0] != '-') {
    bool known = false;
    for (const CLI::App* sub : app.get_subcommands({})) known = known || sub->get_name() == argv[1];
    if (!known) {
      return Fail(kExitUsage, "unknown command '%s' (commands: %s; see mote --help)", argv[1],
                  CommandNames(app).c_str());
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::Success& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;  // --help, --version
  } catch (const CLI::ParseError& e) {
    return ParseFailure(app, e);
  }
  return exit_code;
}

}  // namespace

int MoteMain(int argc, char** argv) {
  const bool json = WantsJson(argc, argv);
  ResetMessages(json);
  int rc = kExitFailure;
  try {
    rc = Run(argc, argv);
  } catch (const std::bad_alloc&) {
    rc = Fail(kExitFailure, "out of memory");
  } catch (const std::exception& e) {
    rc = Fail(kExitFailure, "internal error: %s", e.what());
  } catch (...) {
    rc = Fail(kExitFailure, "internal error");
  }
  if (json && rc != kExitOk && !JsonPrinted()) PrintJsonError(rc);
  std::fflush(stdout);
  return rc;
}

}  // namespace cli
}  // namespace mote
