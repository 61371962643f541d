// Small Prepare helpers shared by the data-movement kernels.
#ifndef MOTE_KERNELS_DATA_MOVEMENT_PREPARE_UTIL_H_
#define MOTE_KERNELS_DATA_MOVEMENT_PREPARE_UTIL_H_

#include <cstdint>
#include <cstring>

#include "mote/kernel.h"
#include "mote/model.h"

namespace mote {
namespace dm {

// Maps axis in [-rank, rank) to [0, rank).
inline Status NormalizeAxis(int32_t axis, int rank, int* out) {
  if (axis < -rank || axis >= rank) {
    return Status::Error(StatusCode::kInvalidModel, "axis %d is out of range for rank %d",
                         static_cast<int>(axis), rank);
  }
  *out = axis < 0 ? axis + rank : axis;
  return Status::Ok();
}

// Element i of a constant int32/int64 tensor (bounds and constness checked by
// the caller via ReadConstInts).
inline Status ReadConstInts(const TensorView& t, const char* what, int32_t* out, int max_count,
                            int* count) {
  if (!t.is_constant()) {
    return Status::Error(StatusCode::kUnsupported, "%s must be a constant tensor", what);
  }
  if (t.type() != DataType::kInt32 && t.type() != DataType::kInt64) {
    return Status::Error(StatusCode::kInvalidModel, "%s must be int32 or int64", what);
  }
  const uint32_t n = t.num_elements();
  if (n > static_cast<uint32_t>(max_count) || t.data().size() < t.bytes()) {
    return Status::Error(StatusCode::kInvalidModel, "%s has %u elements (at most %d)", what, n,
                         max_count);
  }
  const uint8_t* raw = t.data().data();
  for (uint32_t i = 0; i < n; ++i) {
    if (t.type() == DataType::kInt32) {
      std::memcpy(&out[i], raw + 4 * i, 4);
    } else {
      int64_t v;
      std::memcpy(&v, raw + 8 * i, 8);
      if (v < INT32_MIN || v > INT32_MAX) {
        return Status::Error(StatusCode::kInvalidModel, "%s value out of int32 range", what);
      }
      out[i] = static_cast<int32_t>(v);
    }
  }
  *count = static_cast<int>(n);
  return Status::Ok();
}

inline bool ElementSizeOk(DataType type) {
  const size_t s = DataTypeSize(type);
  return s == 1 || s == 2 || s == 4 || s == 8;
}

inline Status CheckTypes(const TensorView& a, const TensorView& b, const char* what) {
  if (a.type() != b.type()) {
    return Status::Error(StatusCode::kInvalidModel, "%s type %s differs from %s", what,
                         DataTypeName(b.type()), DataTypeName(a.type()));
  }
  if (!ElementSizeOk(a.type())) {
    return Status::Error(StatusCode::kUnsupported, "type %s is not supported",
                         DataTypeName(a.type()));
  }
  return Status::Ok();
}

// Defined in join_split.cc, listed in transpose_gather.cc.
extern const OpKernel kConcatenation, kPack, kSplit, kUnpack;
extern const OpKernel kSplitV;  // split_v.cc

inline Status ShapeMismatch(const char* what) {
  return Status::Error(StatusCode::kInvalidModel, "%s shape is inconsistent", what);
}

}  // namespace dm
}  // namespace mote

#endif  // MOTE_KERNELS_DATA_MOVEMENT_PREPARE_UTIL_H_
