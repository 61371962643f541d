// `mote run --aot`: runs a model through the ahead-of-time compiled path.
#ifndef MOTE_HOST_CLI_RUN_AOT_H_
#define MOTE_HOST_CLI_RUN_AOT_H_

#include <string>
#include <vector>

namespace mote {
namespace cli {

// Compiles MODEL, builds it with the host compiler (cached), runs it on the
// inputs (one file per model input, or one with all of them concatenated) and
// writes all outputs concatenated. Returns a `mote run` exit code.
int RunAotModel(const std::string& model, const std::vector<std::string>& inputs,
                const std::string& output);

}  // namespace cli
}  // namespace mote

#endif  // MOTE_HOST_CLI_RUN_AOT_H_
