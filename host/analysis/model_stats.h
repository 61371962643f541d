// Host-side model analysis: per-op MACs, weight bytes, tensor summaries.
// Used by `mote inspect` and reports.
#ifndef MOTE_HOST_ANALYSIS_MODEL_STATS_H_
#define MOTE_HOST_ANALYSIS_MODEL_STATS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "mote/model.h"

namespace mote {
namespace host {

struct OpStats {
  size_t index = 0;
  std::string name;
  std::vector<int32_t> inputs, outputs;
  uint64_t macs = 0;          // multiply-accumulates for one inference
  uint64_t weight_bytes = 0;  // constant inputs
};

struct ModelStats {
  std::vector<OpStats> ops;
  uint64_t total_macs = 0;
  uint64_t weight_bytes = 0;  // all constant tensors
};

ModelStats ComputeModelStats(const Model& model);

// "[1, 49, 10, 1]"
std::string ShapeString(Span<const int32_t> shape);

}  // namespace host
}  // namespace mote

#endif  // MOTE_HOST_ANALYSIS_MODEL_STATS_H_
