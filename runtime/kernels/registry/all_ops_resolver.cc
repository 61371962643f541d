#include "kernels/registry/all_ops_resolver.h"

#include "kernels/registry/kernel_registry.h"

namespace mote {

AllOpsResolver::AllOpsResolver() { VisitRegisteredKernels(&AllOpsResolver::Add, this); }

void AllOpsResolver::Add(const OpKernel& kernel, void* self) {
  auto* r = static_cast<AllOpsResolver*>(self);
  if (r->count_ < kCapacity) r->kernels_[r->count_++] = &kernel;
}

}  // namespace mote
