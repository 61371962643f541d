// The ahead-of-time compiler: turns a verified model into readable C++ that
// calls the kernels' reference functions directly — no flatbuffer parsing,
// no op resolver and no interpreter at run time.
//
//   NAME.h       C API: arena size, NAME_init/NAME_invoke(arena, size), typed
//                input/output accessors, the kernels it calls
//   NAME.cc      params of every op as const data, NAME_init, NAME_invoke
//   NAME_data.cc the weights as aligned const arrays
#ifndef MOTE_HOST_COMPILER_AOT_COMPILER_H_
#define MOTE_HOST_COMPILER_AOT_COMPILER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "mote/kernel_arch.h"
#include "mote/model.h"
#include "mote/status.h"

namespace mote {
namespace aot {

struct CompileOptions {
  std::string name;  // C identifier prefix of everything emitted
  // portable (plain C++ kernels, any CPU), host, cortex-m4, cortex-m7, cortex-m33, cortex-m55.
  std::string target = "portable";
  // speed: kernel variants may pre-pack (e.g. pre-widen) weights into flash;
  // size: only per-channel tables, flash stays at the model's weight bytes.
  std::string optimize = "speed";
  std::string source = "";  // model file name, for the header comment
};

struct CompiledModel {
  std::string header, source, data;         // NAME.h, NAME.cc, NAME_data.cc
  size_t arena_bytes = 0;                   // NAME_ARENA_SIZE: activations + scratch + state
  size_t interpreter_arena_bytes = 0;       // the interpreter's arena_used_bytes for the same model
  size_t state_bytes = 0;                   // state in the arena (variable tensors, op state)
  size_t weight_bytes = 0;                  // constants referenced by the code
  std::vector<std::string> kernel_headers;  // e.g. "kernels/conv2d/conv2d.h"
  std::vector<std::string> kernel_functions;  // e.g. "conv2d_s8__ref"
  KernelArchSet archs = kPortableArchs;       // the target's instruction sets
};

// Fails with kUnsupported for an op without an emitter (the message names it
// and lists the supported ones), or with whatever Prepare reported.
Status CompileModel(const Model& model, const CompileOptions& options, CompiledModel* out);

// The AOT arena (activations + scratch) for `model`, for `mote inspect`.
Result<size_t> AotArenaBytes(const Model& model);

bool IsKnownTarget(const std::string& target);
// "portable, host, cortex-m4, ..." for messages.
const char* KnownTargets();
// The instruction sets kernel variants may use on `target` (a known target).
KernelArchSet TargetKernelArchs(const std::string& target);

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_AOT_COMPILER_H_
