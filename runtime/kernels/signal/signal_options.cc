#include "kernels/signal/signal_options.h"

#include <cstring>

// Header-only use: no locale objects (they live in libflatbuffers); the
// options are numbers, never parsed from strings.
#ifndef FLATBUFFERS_LOCALE_INDEPENDENT
#define FLATBUFFERS_LOCALE_INDEPENDENT 0
#endif
#include "flatbuffers/flexbuffers.h"

namespace mote {
namespace signal {

Status ReadIntOptions(Span<const uint8_t> blob, const char* const* keys, int32_t* values,
                      size_t n) {
  if (blob.size() == 0) {
    return Status::Error(StatusCode::kInvalidModel, "custom options are missing");
  }
  if (blob.size() > kMaxOptionsBytes) {
    return Status::Error(StatusCode::kUnsupported, "custom options are %zu bytes (at most %zu)",
                         blob.size(), kMaxOptionsBytes);
  }
  // flexbuffers reads scalars in place: give it an aligned copy.
  alignas(16) uint8_t buf[kMaxOptionsBytes];
  std::memcpy(buf, blob.data(), blob.size());
  if (!flexbuffers::VerifyBuffer(buf, blob.size(), nullptr)) {
    return Status::Error(StatusCode::kInvalidModel,
                         "custom options (%zu bytes) are not a valid flexbuffer", blob.size());
  }
  const flexbuffers::Reference root = flexbuffers::GetRoot(buf, blob.size());
  if (!root.IsMap()) {
    return Status::Error(StatusCode::kInvalidModel, "custom options are not a flexbuffer map");
  }
  const flexbuffers::Map map = root.AsMap();
  for (size_t i = 0; i < n; ++i) {
    const flexbuffers::Reference v = map[keys[i]];
    if (v.IsNull()) {
      return Status::Error(StatusCode::kInvalidModel, "custom option '%s' is missing", keys[i]);
    }
    if (!v.IsInt() && !v.IsUInt() && !v.IsBool()) {
      return Status::Error(StatusCode::kInvalidModel, "custom option '%s' is not an integer",
                           keys[i]);
    }
    const int64_t x =
        v.IsUInt() ? static_cast<int64_t>(v.AsUInt64() & 0x7FFFFFFFFFFFFFFFull) : v.AsInt64();
    if (x < INT32_MIN || x > INT32_MAX) {
      return Status::Error(StatusCode::kInvalidModel, "custom option '%s' is out of range",
                           keys[i]);
    }
    values[i] = static_cast<int32_t>(x);
  }
  return Status::Ok();
}

Status CheckArity(const PrepareContext& ctx, size_t inputs, size_t outputs) {
  if (ctx.num_inputs() != inputs || ctx.num_outputs() != outputs) {
    return Status::Error(StatusCode::kInvalidModel,
                         "expects %zu inputs and %zu outputs, has %zu and %zu", inputs, outputs,
                         ctx.num_inputs(), ctx.num_outputs());
  }
  for (size_t i = 0; i < inputs; ++i) {
    if (!ctx.has_input(i))
      return Status::Error(StatusCode::kInvalidModel, "input %zu is missing", i);
  }
  return Status::Ok();
}

Status CheckType(const TensorView& t, DataType type, const char* what) {
  if (t.type() != type) {
    return Status::Error(StatusCode::kInvalidModel, "%s has type %s, expected %s", what,
                         DataTypeName(t.type()), DataTypeName(type));
  }
  return Status::Ok();
}

}  // namespace signal
}  // namespace mote
