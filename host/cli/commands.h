// The subcommands of `mote`; each registers itself on the CLI11 app and writes
// its exit code when it runs.
#ifndef MOTE_HOST_CLI_COMMANDS_H_
#define MOTE_HOST_CLI_COMMANDS_H_

namespace CLI {
class App;
}

namespace mote {
namespace cli {

void AddInspectCommand(CLI::App& app, int* exit_code);
void AddRunCommand(CLI::App& app, int* exit_code);
void AddCompileCommand(CLI::App& app, int* exit_code);
void AddBenchCommand(CLI::App& app, int* exit_code);
void AddListenCommand(CLI::App& app, int* exit_code);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_COMMANDS_H_
