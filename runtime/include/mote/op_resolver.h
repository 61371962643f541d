// OpResolver: which kernels an interpreter may use. Only kernels added to a
// resolver are linked into the firmware (the accessors: mote/ops.h).
//
//   mote::OpResolverN<3> resolver;
//   MOTE_TRY(resolver.Add(mote::ops::Conv2DInt8()));
//   MOTE_TRY(resolver.Add(mote::ops::FullyConnected()));
//   MOTE_TRY(resolver.Add(mote::ops::Softmax()));
#ifndef MOTE_OP_RESOLVER_H_
#define MOTE_OP_RESOLVER_H_

#include <cstddef>
#include <cstring>

#include "mote/kernel.h"
#include "mote/ops.h"
#include "mote/status.h"

namespace mote {

class OpResolver {
 public:
  virtual ~OpResolver() = default;
  virtual size_t num_kernels() const = 0;
  virtual const OpKernel& kernel(size_t i) const = 0;

  // The kernel for a builtin code (custom_name ignored) or a custom op; null if none.
  const OpKernel* Find(int32_t builtin_code, const char* custom_name) const {
    for (size_t i = 0; i < num_kernels(); ++i) {
      const OpKernel& k = kernel(i);
      if (static_cast<int32_t>(k.builtin) != builtin_code) continue;
      if (k.builtin != BuiltinOp::kCustom) return &k;
      if (custom_name != nullptr && k.custom_name != nullptr &&
          std::strcmp(custom_name, k.custom_name) == 0) {
        return &k;
      }
    }
    return nullptr;
  }
};

template <size_t N>
class OpResolverN : public OpResolver {
 public:
  Status Add(const OpKernel& k) {
    if (Find(static_cast<int32_t>(k.builtin), k.custom_name) != nullptr) {
      return Status::Error(StatusCode::kInvalidArgument, "op %s registered twice", OpKernelName(k));
    }
    if (count_ == N) {
      return Status::Error(StatusCode::kResourceExhausted,
                           "resolver is full (%zu kernels); cannot add %s", N, OpKernelName(k));
    }
    kernels_[count_++] = &k;
    return Status::Ok();
  }
  size_t num_kernels() const override { return count_; }
  const OpKernel& kernel(size_t i) const override { return *kernels_[i]; }

 private:
  const OpKernel* kernels_[N] = {};
  size_t count_ = 0;
};

}  // namespace mote

#endif  // MOTE_OP_RESOLVER_H_
