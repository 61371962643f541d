// Reading the signal ops' flexbuffer custom options (a map of named integers)
// and the tensor checks their Prepare functions share.
#ifndef MOTE_KERNELS_SIGNAL_SIGNAL_OPTIONS_H_
#define MOTE_KERNELS_SIGNAL_SIGNAL_OPTIONS_H_

#include <cstddef>
#include <cstdint>

#include "mote/kernel.h"

namespace mote {
namespace signal {

// Largest custom-options blob accepted (it is copied to an aligned stack buffer).
constexpr size_t kMaxOptionsBytes = 1024;

// Verifies the blob as a flexbuffer map and reads values[i] = map[keys[i]]
// for i < n; every key must be present with an integer or bool value that
// fits an int32. Never reads outside the blob.
Status ReadIntOptions(Span<const uint8_t> blob, const char* const* keys, int32_t* values, size_t n);

// Checks the op has exactly `inputs` inputs and `outputs` outputs, all present.
Status CheckArity(const PrepareContext& ctx, size_t inputs, size_t outputs);
// Checks tensor type (`what` names it in the message).
Status CheckType(const TensorView& t, DataType type, const char* what);

}  // namespace signal
}  // namespace mote

#endif  // MOTE_KERNELS_SIGNAL_SIGNAL_OPTIONS_H_
