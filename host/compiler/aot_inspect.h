// What `mote inspect --json` reports about the AOT path.
#ifndef MOTE_HOST_COMPILER_AOT_INSPECT_H_
#define MOTE_HOST_COMPILER_AOT_INSPECT_H_

#include <nlohmann/json.hpp>

#include "compiler/aot_compiler.h"

namespace mote {
namespace aot {

// The AOT arena in bytes, or null when the model cannot be compiled.
inline nlohmann::json AotArenaJson(const Model& model) {
  const Result<size_t> bytes = AotArenaBytes(model);
  return bytes.ok() ? nlohmann::json(bytes.value()) : nlohmann::json(nullptr);
}

}  // namespace aot
}  // namespace mote

#endif  // MOTE_HOST_COMPILER_AOT_INSPECT_H_
