// layer_check_<kernel folder> MODEL [INPUT]: per-layer comparison with TFLM's
// goldens for the ops of one kernel folder; other ops are stubbed.
#include <cstdio>
#include <string>

#include "kernels/registry/kernel_registry.h"
#include "support/layer_check.h"

namespace {

class RegistryResolver : public mote::OpResolver {
 public:
  RegistryResolver() { mote::VisitRegisteredKernels(&Add, this); }
  size_t num_kernels() const override { return count_; }
  const mote::OpKernel& kernel(size_t i) const override { return *list_[i]; }

 private:
  static void Add(const mote::OpKernel& k, void* self) {
    auto* r = static_cast<RegistryResolver*>(self);
    if (r->count_ < 64) r->list_[r->count_++] = &k;
  }
  const mote::OpKernel* list_[64] = {};
  size_t count_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s MODEL [in0|in1|...]\n", argv[0]);
    return 2;
  }
  RegistryResolver resolver;
  const std::string input = argc > 2 ? argv[2] : "in0";
  const auto report = mote::testing::CheckLayers(argv[1], input, resolver, /*stub_missing=*/true);
  if (!report.error.empty()) {
    std::fprintf(stderr, "error: %s\n", report.error.c_str());
    return 1;
  }
  int failures = 0;
  for (const auto& l : report.layers) {
    if (!l.implemented) continue;
    std::printf("op %3d %-28s %8zu bytes  %s (mismatched %zu, max diff %g)\n", l.op_index,
                l.op_name.c_str(), l.bytes, l.mismatched == 0 ? "EXACT" : "DIFF ", l.mismatched,
                l.max_abs_diff);
    if (l.mismatched != 0) ++failures;
  }
  return failures == 0 ? 0 : 1;
}
