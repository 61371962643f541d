// On-target kernel-variant checks (the mote_variant_tests firmware): every
// variant of a family that this CPU runs, against the family's reference,
// byte for byte, over a deterministic list of cases (the host's GoogleTest
// sweeps in tests/kernels/variants/ are the exhaustive ones; here the Arm DSP
// variants run on the real instructions). Each family adds a Check* function
// here and a call in variant_tests.cc; the helpers below run and tally the
// variants and fill the conv-like families' cases.
#ifndef MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_
#define MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "app_util.h"
#include "mote/kernel_arch.h"

namespace vcheck {

// Deterministic pseudo-random numbers (xorshift32).
class Rng {
 public:
  explicit Rng(uint32_t seed) : state_(seed != 0 ? seed : 1) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  // Uniform in [lo, hi] (hi - lo < 2^31).
  int32_t Uniform(int32_t lo, int32_t hi) {
    return lo + static_cast<int32_t>(Next() % static_cast<uint32_t>(hi - lo + 1));
  }
  int8_t Int8() { return static_cast<int8_t>(Next()); }
  // An int8 zero point, often at the extremes.
  int32_t ZeroPoint() {
    const int32_t k = Uniform(0, 3);
    return k == 0 ? -128 : k == 1 ? 127 : Uniform(-128, 127);
  }

 private:
  uint32_t state_;
};

// The variants the interpreter may pick on this CPU.
inline bool RunsHere(mote::KernelArch arch) {
  return (mote::NativeKernelArchs() & mote::KernelArchBit(arch)) != 0;
}

// Reports one variant's result: its name, the cases it accepted, whether all
// were bit-exact; a variant for this CPU's extension must accept at least
// `min_cases` (its intended shapes are in the list).
inline void Report(app::Checks& c, const char* family, const char* name, int accepted,
                   int mismatches, int min_cases) {
  char line[160];
  snprintf(line, sizeof(line), "%s %s: %d cases, %d mismatches", family, name, accepted,
           mismatches);
  c.Check(mismatches == 0 && accepted >= min_cases, line);
}

// Per-variant counts over a family's cases (its first `kMaxVariants` variants).
template <size_t kMaxVariants>
struct VariantTally {
  int accepted[kMaxVariants] = {};
  int mismatches[kMaxVariants] = {};

  // Counts one case variant `v` accepted; true on its first mismatch (print the case).
  bool Add(size_t v, bool matched) {
    ++accepted[v];
    return !matched && mismatches[v]++ == 0;
  }
  // Reports every variant this CPU runs (see Report).
  template <typename Variants>
  void ReportAll(app::Checks& c, const char* family, const Variants& variants,
                 int min_cases) const {
    for (size_t v = 0; v < variants.size() && v < kMaxVariants; ++v) {
      if (!RunsHere(variants[v]->arch)) continue;
      Report(c, family, variants[v]->name, accepted[v], mismatches[v], min_cases);
    }
  }
};

// Whether `variant` runs on this CPU, takes `p`, and needs at most `max_scratch`
// scratch and `max_packed` packed bytes.
template <typename Variant, typename Params>
bool Accepts(const Variant& variant, const Params& p, size_t max_scratch, size_t max_packed) {
  if (!RunsHere(variant.arch) || (variant.supports != nullptr && !variant.supports(p))) {
    return false;
  }
  const size_t scratch = variant.scratch_bytes != nullptr ? variant.scratch_bytes(p) : 0;
  const size_t packed = variant.packed_bytes != nullptr ? variant.packed_bytes(p) : 0;
  return scratch <= max_scratch && packed <= max_packed;
}

// The `n` output bytes equal `expected` and the 16 guard bytes after them
// still hold 0x5A.
inline bool OutputMatches(const int8_t* output, const int8_t* expected, size_t n) {
  bool ok = memcmp(output, expected, n) == 0;
  for (size_t k = 0; k < 16; ++k) ok = ok && output[n + k] == 0x5A;
  return ok;
}

// Runs `variant` on `p` with `a` (a.output: `output_bytes` bytes and 16 more
// of guard, all set to 0x5A first), its constants packed into `packed` first
// when it has any; true if the output equals `expected`.
template <typename Variant, typename Params, typename Args>
bool RunMatches(const Variant& variant, const Params& p, Args a, uint8_t* packed,
                const int8_t* expected, size_t output_bytes) {
  if (variant.packed_bytes != nullptr && variant.packed_bytes(p) > 0) {
    variant.pack(p, a, packed);
    a.packed = packed;
  }
  memset(a.output, 0x5A, output_bytes + 16);
  variant.eval(p, a);
  return OutputMatches(a.output, expected, output_bytes);
}

// NHWC byte counts of a conv-like op's int8 input and output.
template <typename Params>
size_t ConvInputBytes(const Params& p) {
  return static_cast<size_t>(p.batches) * p.input_h * p.input_w * p.input_c;
}
template <typename Params>
size_t ConvOutputBytes(const Params& p) {
  return static_cast<size_t>(p.batches) * p.output_h * p.output_w * p.output_c;
}

// A conv-like family's case buffers and their capacities.
struct ConvCaseBuffers {
  int8_t* input;
  size_t max_input;
  int8_t* filter;
  size_t max_filter;
  size_t max_output;
  int32_t* bias;
  int32_t* multiplier;
  int32_t* shift;
  size_t max_channels;
};

// The rest of conv-like case `i` once its shape and output size are set: bias,
// extreme zero points, a realistic case (the first 4, then half: every channel
// on the fast requantization path, full activation range) or not, then the
// input, `filter_bytes` of filter and per-channel constants into `b`. False if
// the case does not fit the buffers.
template <typename Params>
bool FinishConvCase(int i, Rng& rng, size_t filter_bytes, const ConvCaseBuffers& b, Params* p) {
  p->has_bias = rng.Uniform(0, 4) != 0;
  p->input_offset = -rng.ZeroPoint();
  p->output_offset = rng.ZeroPoint();
  const bool realistic = i < 4 || rng.Uniform(0, 1) == 0;
  if (realistic || rng.Uniform(0, 1) == 0) {
    p->act_min = -128, p->act_max = 127;
  } else {
    p->act_min = rng.Uniform(-128, 0);
    p->act_max = rng.Uniform(p->act_min, 127);
  }
  if (ConvInputBytes(*p) > b.max_input || filter_bytes > b.max_filter ||
      ConvOutputBytes(*p) > b.max_output || p->output_c > static_cast<int32_t>(b.max_channels)) {
    return false;
  }
  for (size_t k = 0; k < ConvInputBytes(*p); ++k) b.input[k] = rng.Int8();
  for (size_t k = 0; k < filter_bytes; ++k) b.filter[k] = rng.Int8();
  for (int32_t oc = 0; oc < p->output_c; ++oc) {
    b.bias[oc] = realistic ? rng.Uniform(-(1 << 16), 1 << 16) : static_cast<int32_t>(rng.Next());
    b.multiplier[oc] = rng.Uniform(1 << 30, INT32_MAX);
    b.shift[oc] = realistic ? rng.Uniform(-12, -1) : rng.Uniform(-31, 4);
    // Some realistic layers: half the channels dead as TFLite's converter
    // writes them (bias clamped near +-2^30, multiplier 2^-26..2^-31 or 0).
    if (realistic && i % 3 == 1 && oc % 2 == 0) {
      b.bias[oc] = (oc % 4 == 0 ? -1 : 1) * ((1 << 30) + (oc % 3 == 0 ? 128 : 0));
      if (oc % 6 == 0) b.multiplier[oc] = 0;
      b.shift[oc] = b.multiplier[oc] == 0 ? 0 : -26 - oc % 6;
    }
  }
  p->multiplier = b.multiplier;
  p->shift = b.shift;
  return true;
}

void CheckArmDsp(app::Checks& c);
void CheckConv2dVariants(app::Checks& c);
void CheckFullyConnectedVariants(app::Checks& c);
void CheckDepthwiseConv2dVariants(app::Checks& c);
void CheckPoolingVariants(app::Checks& c);
void CheckAddVariants(app::Checks& c);

}  // namespace vcheck

#endif  // MOTE_TARGETS_QEMU_APP_VARIANT_CHECKS_H_
