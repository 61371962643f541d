// Registration of AVERAGE_POOL_2D's and MAX_POOL_2D's int8 variants: the order
// is the preference (most specialised first); the reference comes last and
// accepts everything. A variant is listed only where its source is compiled
// (CMake sets MOTE_KERNELS_<ARCH> for the instruction sets this build compiles).
#include "kernels/pooling/pooling.h"

namespace mote {

void avg_pool_s8__ref(const PoolParams& p, const PoolS8Args& a) {
  AveragePoolS8(p, a.input, a.output);
}
void max_pool_s8__ref(const PoolParams& p, const PoolS8Args& a) { MaxPoolS8(p, a.input, a.output); }

namespace {
constexpr PoolS8Variant kAvgRef{
    "avg_pool_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &avg_pool_s8__ref};
constexpr PoolS8Variant kMaxRef{
    "max_pool_s8__ref", KernelArch::kPortable, nullptr, nullptr, nullptr, nullptr,
    &max_pool_s8__ref};
}  // namespace

Span<const PoolS8Variant* const> AveragePoolS8Variants() {
  static const PoolS8Variant* const kList[] = {
      &kAvgPoolS8ArmV7emDsp,
      &kAvgRef,
  };
  return Span<const PoolS8Variant* const>(kList);
}

Span<const PoolS8Variant* const> MaxPoolS8Variants() {
  static const PoolS8Variant* const kList[] = {
      &kMaxPoolS8ArmV7emDsp,
      &kMaxRef,
  };
  return Span<const PoolS8Variant* const>(kList);
}

}  // namespace mote
