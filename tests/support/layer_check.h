// Per-layer conformance check: runs a shared model on a golden input and
// compares every op's output with TFLM's (../shared/conformance/layers/).
// After each op its output is replaced by TFLM's, so every op is judged on
// exactly TFLM's inputs, and ops without a kernel can be stubbed.
#ifndef MOTE_TESTS_SUPPORT_LAYER_CHECK_H_
#define MOTE_TESTS_SUPPORT_LAYER_CHECK_H_

#include <string>
#include <vector>

#include "mote/op_resolver.h"

namespace mote {
namespace testing {

struct LayerResult {
  int op_index = 0;
  std::string op_name;
  bool implemented = false;  // false: stubbed
  size_t bytes = 0;
  size_t mismatched = 0;     // elements that differ
  double max_abs_diff = 0;   // in the element type's units
};

struct LayerCheckReport {
  std::string error;  // non-empty if the check could not run
  std::vector<LayerResult> layers;
};

// `model` is a name under conformance/models; `input` e.g. "in0". With
// `stub_missing`, ops the resolver lacks run as no-ops (their output is TFLM's).
LayerCheckReport CheckLayers(const std::string& model, const std::string& input,
                             const OpResolver& resolver, bool stub_missing);

}  // namespace testing
}  // namespace mote

#endif  // MOTE_TESTS_SUPPORT_LAYER_CHECK_H_
