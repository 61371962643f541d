// AllOpsResolver: every kernel Mote has. For host tools and tests; firmware
// should register only the ops its model uses (OpResolverN) to save flash.
#ifndef MOTE_KERNELS_REGISTRY_ALL_OPS_RESOLVER_H_
#define MOTE_KERNELS_REGISTRY_ALL_OPS_RESOLVER_H_

#include "mote/op_resolver.h"

namespace mote {

class AllOpsResolver : public OpResolver {
 public:
  static constexpr size_t kCapacity = 128;
  AllOpsResolver();
  size_t num_kernels() const override { return count_; }
  const OpKernel& kernel(size_t i) const override { return *kernels_[i]; }

 private:
  static void Add(const OpKernel& kernel, void* self);
  const OpKernel* kernels_[kCapacity] = {};
  size_t count_ = 0;
};

}  // namespace mote

#endif  // MOTE_KERNELS_REGISTRY_ALL_OPS_RESOLVER_H_
