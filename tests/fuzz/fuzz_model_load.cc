// Fuzz target (a): any bytes given as a model verify cleanly or fail cleanly;
// when they verify, every accessor is safe to use.
#include <cstdint>
#include <cstring>
#include <vector>

#include "mote/model.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  alignas(16) static uint8_t buffer[1 << 20];
  if (size > sizeof(buffer)) return 0;
  std::memcpy(buffer, data, size);
  mote::Result<mote::Model> model = mote::Model::Load(mote::Span<const uint8_t>(buffer, size));
  if (!model.ok()) return 0;
  // Touch everything the verified model exposes.
  char name[24];
  for (size_t s = 0; s < model->num_subgraphs(); ++s) {
    const mote::SubgraphView sg = model->subgraph(s);
    for (size_t t = 0; t < sg.num_tensors(); ++t) {
      const mote::TensorView tv = sg.tensor(t);
      volatile uint32_t sink = tv.bytes() + tv.data().size() + tv.quantization().scale.size();
      (void)sink;
      (void)tv.name();
    }
    for (size_t o = 0; o < sg.num_operators(); ++o) {
      const mote::OperatorView op = sg.op(o);
      (void)op.name(name, sizeof(name));
      const mote::OptionsView opt = op.options();
      for (int f = 0; f < 12; ++f) {
        volatile int32_t v = opt.GetInt32(f, 0) + opt.GetInt8(f, 0);
        (void)v;
      }
      volatile size_t n = opt.GetInt32Vector(0).size() + op.custom_options().size();
      (void)n;
    }
  }
  return 0;
}
