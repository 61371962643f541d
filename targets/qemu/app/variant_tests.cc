// Kernel variants on the target (variant_checks.h). Not gtest: each check
// prints PASS/FAIL and the exit code is the number of failures.
#include "app_util.h"
#include "variant_checks.h"

int main() {
  app::Checks c;
  vcheck::CheckArmDsp(c);
  vcheck::CheckConv2dVariants(c);
  vcheck::CheckFullyConnectedVariants(c);
  vcheck::CheckDepthwiseConv2dVariants(c);
  vcheck::CheckPoolingVariants(c);
  vcheck::CheckAddVariants(c);
  app::Print("%d of %d variant checks passed on target\n", c.total() - c.failures(), c.total());
  return c.failures();
}
