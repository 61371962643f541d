// The whole `mote` command as a function (used by main() and the CLI fuzzer).
#ifndef MOTE_HOST_CLI_MOTE_MAIN_H_
#define MOTE_HOST_CLI_MOTE_MAIN_H_

namespace mote {
namespace cli {

// Parses argv, runs the subcommand, returns the process exit code.
int MoteMain(int argc, char** argv);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_MOTE_MAIN_H_
