// Fuzz target (c): load + allocate + Invoke. The fuzz input is a model
// followed by input tensor bytes: the last 4 bytes give the model's length.
#include <cstdint>
#include <cstring>

#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alignas(16) static uint8_t buffer[1 << 20];
  alignas(16) static uint8_t arena[1 << 20];
  static const mote::AllOpsResolver resolver;
  if (size < 4 || size > sizeof(buffer)) return 0;
  uint32_t model_size;
  std::memcpy(&model_size, data + size - 4, 4);
  size -= 4;
  if (model_size > size) model_size = static_cast<uint32_t>(size);
  std::memcpy(buffer, data, model_size);
  const uint8_t* input = data + model_size;
  const size_t input_size = size - model_size;
  mote::Result<mote::Model> model =
      mote::Model::Load(mote::Span<const uint8_t>(buffer, model_size));
  if (!model.ok()) return 0;
  mote::Interpreter interpreter(model.value(), resolver, mote::Span<uint8_t>(arena));
  if (!interpreter.AllocateTensors().ok()) return 0;
  // Fill every input from the fuzz bytes (cycled), so kernels see arbitrary values.
  size_t k = 0;
  for (size_t i = 0; i < interpreter.num_inputs(); ++i) {
    mote::TensorRef t = interpreter.input(i);
    auto* p = static_cast<uint8_t*>(t.data);
    for (size_t b = 0; b < t.bytes; ++b) p[b] = input_size ? input[k++ % input_size] : 0;
  }
  interpreter.Invoke().IgnoreError();
  return 0;
}
