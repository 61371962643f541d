// Fuzz target (b): load + AllocateTensors (every kernel's Prepare) on any bytes.
#include <cstdint>
#include <cstring>

#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alignas(16) static uint8_t buffer[1 << 20];
  alignas(16) static uint8_t arena[1 << 20];
  static const mote::AllOpsResolver resolver;
  if (size > sizeof(buffer)) return 0;
  std::memcpy(buffer, data, size);
  mote::Result<mote::Model> model = mote::Model::Load(mote::Span<const uint8_t>(buffer, size));
  if (!model.ok()) return 0;
  mote::Interpreter interpreter(model.value(), resolver, mote::Span<uint8_t>(arena));
  interpreter.AllocateTensors().IgnoreError();
  return 0;
}
