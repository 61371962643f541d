// Resolving a TensorFlow slice spec (begin/end/strides + masks) into per-axis
// ranges. Per-axis start/stop follow TFLM's reference StridedSlice exactly:
// negative indices count from the end, then clamp ([0, size] going forward,
// [-1, size - 1] going backward), then the masks override.
#include <algorithm>

#include "kernels/strided_slice/strided_slice.h"

namespace mote {
namespace {

bool Bit(int32_t mask, int i) { return (static_cast<uint32_t>(mask) >> i) & 1u; }

int64_t Clamp(int64_t v, int64_t lo, int64_t hi) { return std::min(std::max(v, lo), hi); }

struct AxisRange {
  int32_t start;
  int32_t count;
};

// One sliced (not new, not ellipsis) axis of size `size`.
Status ResolveAxis(const StridedSliceSpec& s, int entry, int axis, int32_t size, bool shrink,
                   AxisRange* r) {
  const int64_t stride = s.strides[entry];
  if (stride == 0) {
    return Status::Error(StatusCode::kInvalidModel, "stride of entry %d is 0", entry);
  }
  int64_t start = s.begin[entry];
  if (start < 0) start += size;
  start = stride > 0 ? Clamp(start, 0, size) : Clamp(start, -1, size - 1);
  if (Bit(s.begin_mask, entry)) start = stride > 0 ? 0 : size - 1;
  if (shrink) {
    if (stride < 0) {
      return Status::Error(StatusCode::kUnsupported,
                           "shrink_axis with a negative stride (entry %d)", entry);
    }
    if (start < 0 || start >= size) {
      return Status::Error(StatusCode::kInvalidModel,
                           "shrunk index %d is out of range for axis %d of size %d",
                           static_cast<int>(s.begin[entry]), axis, static_cast<int>(size));
    }
    r->start = static_cast<int32_t>(start);
    r->count = 1;
    return Status::Ok();
  }
  int64_t end = s.end[entry];
  if (s.offset) end += start;
  if (end < 0) end += size;
  end = stride > 0 ? Clamp(end, 0, size) : Clamp(end, -1, size - 1);
  if (Bit(s.end_mask, entry)) end = stride > 0 ? size : -1;
  int64_t count = 0;
  if (stride > 0 && end > start) count = (end - start + stride - 1) / stride;
  if (stride < 0 && start > end) count = (start - end - stride - 1) / -stride;
  // A stride of 1 going backward at the -1 sentinel never reaches an index;
  // count > 0 guarantees start is a real index (0 <= start < size).
  r->start = static_cast<int32_t>(count > 0 ? start : 0);
  r->count = static_cast<int32_t>(count);
  return Status::Ok();
}

Status AddOutputDim(int32_t dim, int32_t* out_dims, int* out_rank) {
  if (*out_rank >= kMaxRank) {
    return Status::Error(StatusCode::kUnsupported, "output rank exceeds %d", kMaxRank);
  }
  out_dims[(*out_rank)++] = dim;
  return Status::Ok();
}

}  // namespace

Status ResolveStridedSlice(const StridedSliceSpec& s, Span<const int32_t> in_shape,
                           StridedSliceParams* p, int32_t* out_dims, int* out_rank) {
  const int rank = static_cast<int>(in_shape.size());
  if (rank > kMaxRank) {
    return Status::Error(StatusCode::kUnsupported, "input rank %d exceeds %d", rank, kMaxRank);
  }
  if (s.num_entries < 0 || s.num_entries > 32) {
    return Status::Error(StatusCode::kInvalidModel, "slice spec has %d entries",
                         static_cast<int>(s.num_entries));
  }
  const int n = s.num_entries;
  int ellipses = 0;
  for (int i = 0; i < n; ++i) ellipses += Bit(s.ellipsis_mask, i) ? 1 : 0;
  if (ellipses > 1) {
    return Status::Error(StatusCode::kInvalidModel, "more than one ellipsis in ellipsis_mask");
  }
  p->rank = rank;
  *out_rank = 0;
  int axis = 0;  // next input axis
  auto full_axis = [&]() -> Status {
    p->in_dims[axis] = in_shape[static_cast<size_t>(axis)];
    p->start[axis] = 0;
    p->stride[axis] = 1;
    p->count[axis] = p->in_dims[axis];
    MOTE_TRY(AddOutputDim(p->in_dims[axis], out_dims, out_rank));
    ++axis;
    return Status::Ok();
  };
  for (int i = 0; i < n; ++i) {
    if (Bit(s.ellipsis_mask, i)) {
      // The ellipsis covers every input axis not named by the later entries.
      int later = 0;
      for (int j = i + 1; j < n; ++j) later += Bit(s.new_axis_mask, j) ? 0 : 1;
      const int covered = rank - axis - later;
      if (covered < 0) {
        return Status::Error(StatusCode::kInvalidModel,
                             "slice spec names more axes than the input's %d", rank);
      }
      for (int k = 0; k < covered; ++k) MOTE_TRY(full_axis());
    } else if (Bit(s.new_axis_mask, i)) {
      MOTE_TRY(AddOutputDim(1, out_dims, out_rank));
    } else {
      if (axis >= rank) {
        return Status::Error(StatusCode::kInvalidModel,
                             "slice spec names more axes than the input's %d", rank);
      }
      const bool shrink = Bit(s.shrink_axis_mask, i);
      const int32_t size = in_shape[static_cast<size_t>(axis)];
      AxisRange r{0, 0};
      MOTE_TRY(ResolveAxis(s, i, axis, size, shrink, &r));
      p->in_dims[axis] = size;
      p->start[axis] = r.start;
      p->stride[axis] = s.strides[i];
      p->count[axis] = r.count;
      if (!shrink) MOTE_TRY(AddOutputDim(r.count, out_dims, out_rank));
      ++axis;
    }
  }
  while (axis < rank) MOTE_TRY(full_axis());  // implicit trailing ellipsis
  return Status::Ok();
}

}  // namespace mote
