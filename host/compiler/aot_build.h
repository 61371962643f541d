// Builds compiled model code into a host executable with the host C++
// compiler, cached by content, for `mote run --aot`.
#ifndef MOTE_HOST_COMPILER_AOT_BUILD_H_
#define MOTE_HOST_COMPILER_AOT_BUILD_H_

#include <string>

#include "compiler/aot_compiler.h"

namespace mote {
namespace aot {

// The cache root: $MOTE_CACHE_DIR, else $XDG_CACHE_HOME/mote/aot, else
// ~/.cache/mote/aot, else /tmp/mote-aot.
std::string AotCacheRoot();

// Writes the generated files plus a driver (`driver IN OUT`: IN holds all
// inputs concatenated, OUT receives all outputs concatenated) into a cache
// directory keyed by the code, the kernel libraries and the compiler, and
// builds it unless an up-to-date executable is there. On success sets *exe.
// `*cached` tells whether the build was reused.
Status BuildAotDriver(const CompiledModel& compiled, const std::string& name, std::string* exe,
                      bool* cached);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_AOT_BUILD_H_
