// Builds compiled model code into a host executable with the host C++
// compiler, cached by content, for `mote run --aot`.
#ifndef MOTE_HOST_COMPILER_AOT_BUILD_H_
#define MOTE_HOST_COMPILER_AOT_BUILD_H_

#include <string>
#include <vector>

#include "compiler/aot_compiler.h"

namespace mote {
namespace aot {

// The cache root: $MOTE_CACHE_DIR, else $XDG_CACHE_HOME/mote/aot, else
// ~/.cache/mote/aot, else /tmp/mote-aot.
std::string AotCacheRoot();

// Where this `mote` finds Mote's runtime sources and its host kernel
// libraries, at run time (no build-tree path is compiled in):
//   installed:  <prefix>/bin/mote -> <prefix>/share/mote/runtime, <prefix>/lib/mote/*.a
//   build tree: <build>/mote -> the paths listed in <build>/mote-build-tree.txt
// $MOTE_RUNTIME_DIR overrides the runtime directory.
struct AotPaths {
  std::string runtime_dir;        // holds include/, kernels/, core/
  std::vector<std::string> libs;  // host kernel libraries (for `mote run --aot`)
};
Status FindAotPaths(AotPaths* out);

// What a build of `compiled` needs besides the generated files: the runtime
// sources of the kernel folders it calls (the target's variants only) and
// kernels/common, and the include directories (absolute paths).
Status ModelBuildFiles(const CompiledModel& compiled, std::vector<std::string>* sources,
                       std::vector<std::string>* include_dirs);

// Writes the generated files plus a driver (`driver IN OUT`: IN holds all
// inputs concatenated, OUT receives all outputs concatenated) into a cache
// directory keyed by the code, the kernel libraries and the compiler, and
// builds it unless an up-to-date executable is there. On success sets *exe.
// `*cached` tells whether the build was reused.
Status BuildAotDriver(const CompiledModel& compiled, const std::string& name, std::string* exe,
                      bool* cached);

// One file of code to build; `compile` marks the .cc files given to the compiler.
struct SourceFile {
  std::string name;
  std::string text;
  bool compile = false;
};

// The step under BuildAotDriver: writes `files` into a cache directory named
// `name`-<key> (key: the files, the kernel libraries and the compile command)
// and builds them, with the runtime headers and kernel libraries, into an
// executable with one compiler run, unless an up-to-date one is there.
Status BuildAotExecutable(const std::string& name, const std::vector<SourceFile>& files,
                          std::string* exe, bool* cached);

// Several compiled models in one executable (one compiler run, cached as
// above), for tests of many small models:
//   driver MODEL IN OUT PASSES
// runs model MODEL on IN, one or more samples back to back (each all inputs
// concatenated). Each pass resets the model's state, then runs every sample
// in order, carrying the state; OUT receives every run's outputs
// concatenated. Exit codes: 0 ok, 2 usage or unknown model, 4 bad input size.
struct DriverModel {
  std::string name;  // C identifier the model was compiled with
  const CompiledModel* compiled = nullptr;
};
Status BuildAotMultiDriver(const std::vector<DriverModel>& models, const std::string& name,
                           std::string* exe, bool* cached);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_AOT_BUILD_H_
