// mote_kernel_benchmarks: Google Benchmark of every int8 kernel variant that
// can run on this machine (portable and x86 ones; the Arm DSP variants run
// only emulated here and are measured under QEMU instead), reference
// included, on the layer shapes of kws_ref_model, pretrainedResnet_quant and
// ad01_int8. Reports MACs per second ("MAC/s") next to the time per call.
//
//   build/host/mote_kernel_benchmarks --benchmark_filter=kws
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "kernels/conv2d/conv2d.h"
#include "kernels/depthwise_conv2d/depthwise_conv2d.h"
#include "kernels/elementwise/elementwise.h"
#include "kernels/fully_connected/fully_connected.h"

namespace mote {
namespace {

bool RunsNatively(KernelArch arch) {
  switch (arch) {
    case KernelArch::kPortable:
      return true;
    case KernelArch::kX86Avx2:
#if defined(__x86_64__)
      return __builtin_cpu_supports("avx2");
#else
      return false;
#endif
    default:
      return false;  // emulated here: not a meaningful speed
  }
}

// Random int8 tensors and plausible quantization for one layer.
struct LayerData {
  std::vector<int8_t> input, filter, output;
  std::vector<int32_t> bias, multiplier, shift;
  std::vector<uint8_t> packed, scratch;

  void Fill(size_t in, size_t filter_bytes, size_t out, int32_t channels) {
    std::mt19937 rng(1234);
    const auto byte = [&] { return static_cast<int8_t>(static_cast<int>(rng() % 256) - 128); };
    input.resize(in);
    filter.resize(filter_bytes);
    output.resize(out);
    for (int8_t& v : input) v = byte();
    for (int8_t& v : filter) v = byte();
    bias.resize(static_cast<size_t>(channels));
    multiplier.resize(static_cast<size_t>(channels));
    shift.resize(static_cast<size_t>(channels));
    for (int32_t c = 0; c < channels; ++c) {
      bias[c] = static_cast<int32_t>(rng() % 20001) - 10000;
      multiplier[c] = (1 << 30) + static_cast<int32_t>(rng() % (1u << 30));
      shift[c] = -static_cast<int32_t>(rng() % 10) - 1;
    }
  }
  // 16-byte aligned buffers of the variant's sizes.
  void* Packed(size_t bytes) {
    packed.assign(bytes + 16, 0);
    return packed.data() + (16 - reinterpret_cast<uintptr_t>(packed.data()) % 16);
  }
  void* Scratch(size_t bytes) {
    scratch.assign(bytes + 16, 0);
    return scratch.data() + (16 - reinterpret_cast<uintptr_t>(scratch.data()) % 16);
  }
};

// Runs `v` on `p` in a benchmark loop (after packing, as Prepare would).
template <typename Variant, typename Params, typename Args>
void RunVariant(benchmark::State& state, const Variant& v, const Params& p, Args a, LayerData& data,
                int64_t macs) {
  const size_t packed = v.packed_bytes != nullptr ? v.packed_bytes(p) : 0;
  const size_t scratch = v.scratch_bytes != nullptr ? v.scratch_bytes(p) : 0;
  a.packed = nullptr;
  a.scratch = scratch > 0 ? data.Scratch(scratch) : nullptr;
  if (packed > 0) {
    void* buffer = data.Packed(packed);
    v.pack(p, a, buffer);
    a.packed = buffer;
  }
  for (auto _ : state) {
    v.eval(p, a);
    benchmark::DoNotOptimize(a.output[0]);
    benchmark::ClobberMemory();
  }
  state.counters["MAC/s"] =
      benchmark::Counter(static_cast<double>(macs), benchmark::Counter::kIsIterationInvariantRate);
}

// Whether `v` takes `p` with LayerData's per-channel quantization.
template <typename Variant, typename Params>
bool Supports(const Variant& v, Params p, int32_t channels) {
  LayerData data;
  data.Fill(0, 0, 0, channels);
  p.multiplier = data.multiplier.data();
  p.shift = data.shift.data();
  return v.supports == nullptr || v.supports(p);
}

struct ConvShape {
  const char* name;
  int32_t in_h, in_w, in_c, f_h, f_w, out_c, stride, pad_h, pad_w;
};

void RegisterConv(const ConvShape& s) {
  ConvParams p{};
  p.batches = 1;
  p.input_h = s.in_h;
  p.input_w = s.in_w;
  p.input_c = p.filter_c = s.in_c;
  p.filter_h = s.f_h;
  p.filter_w = s.f_w;
  p.output_c = p.filters_per_group = s.out_c;
  p.stride_h = p.stride_w = s.stride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_h = s.pad_h;
  p.pad_w = s.pad_w;
  p.output_h = (s.in_h + 2 * s.pad_h - s.f_h) / s.stride + 1;
  p.output_w = (s.in_w + 2 * s.pad_w - s.f_w) / s.stride + 1;
  p.has_bias = true;
  p.input_offset = 128;
  p.output_offset = -128;
  p.act_min = -128;
  p.act_max = 127;
  const int64_t macs =
      int64_t{p.output_h} * p.output_w * p.output_c * p.filter_h * p.filter_w * p.filter_c;
  for (const ConvS8Variant* v : ConvS8Variants()) {
    if (!RunsNatively(v->arch) || !Supports(*v, p, s.out_c)) continue;
    const std::string name = std::string("conv2d/") + s.name + "/" + v->name;
    benchmark::RegisterBenchmark(name.c_str(), [p, v, s, macs](benchmark::State& state) {
      LayerData data;
      data.Fill(static_cast<size_t>(s.in_h) * s.in_w * s.in_c,
                static_cast<size_t>(s.out_c) * s.f_h * s.f_w * s.in_c,
                static_cast<size_t>(p.output_h) * p.output_w * s.out_c, s.out_c);
      ConvParams q = p;
      q.multiplier = data.multiplier.data();
      q.shift = data.shift.data();
      const ConvS8Args a{data.input.data(), data.filter.data(),
                         data.bias.data(),  data.output.data(),
                         nullptr,           nullptr};
      RunVariant(state, *v, q, a, data, macs);
    });
  }
}

struct DepthwiseShape {
  const char* name;
  int32_t in_h, in_w, channels, f_h, f_w, stride, pad;
};

void RegisterDepthwise(const DepthwiseShape& s) {
  DepthwiseParams p{};
  p.batches = 1;
  p.input_h = s.in_h;
  p.input_w = s.in_w;
  p.input_c = p.output_c = s.channels;
  p.depth_multiplier = 1;
  p.filter_h = s.f_h;
  p.filter_w = s.f_w;
  p.stride_h = p.stride_w = s.stride;
  p.dilation_h = p.dilation_w = 1;
  p.pad_h = p.pad_w = s.pad;
  p.output_h = (s.in_h + 2 * s.pad - s.f_h) / s.stride + 1;
  p.output_w = (s.in_w + 2 * s.pad - s.f_w) / s.stride + 1;
  p.has_bias = true;
  p.input_offset = 128;
  p.output_offset = -128;
  p.act_min = -128;
  p.act_max = 127;
  const int64_t macs = int64_t{p.output_h} * p.output_w * p.output_c * p.filter_h * p.filter_w;
  for (const DepthwiseS8Variant* v : DepthwiseS8Variants()) {
    if (!RunsNatively(v->arch) || !Supports(*v, p, s.channels)) continue;
    const std::string name = std::string("depthwise_conv2d/") + s.name + "/" + v->name;
    benchmark::RegisterBenchmark(name.c_str(), [p, v, s, macs](benchmark::State& state) {
      LayerData data;
      data.Fill(static_cast<size_t>(s.in_h) * s.in_w * s.channels,
                static_cast<size_t>(s.f_h) * s.f_w * s.channels,
                static_cast<size_t>(p.output_h) * p.output_w * s.channels, s.channels);
      DepthwiseParams q = p;
      q.multiplier = data.multiplier.data();
      q.shift = data.shift.data();
      const DepthwiseS8Args a{data.input.data(), data.filter.data(),
                              data.bias.data(),  data.output.data(),
                              nullptr,           nullptr};
      RunVariant(state, *v, q, a, data, macs);
    });
  }
}

struct FcShape {
  const char* name;
  int32_t depth, units;
};

void RegisterFullyConnected(const FcShape& s) {
  FullyConnectedParams p{};
  p.batches = 1;
  p.accum_depth = s.depth;
  p.output_depth = s.units;
  p.has_bias = true;
  p.input_offset = 128;
  p.output_offset = -128;
  p.multiplier = 1 << 30;
  p.shift = -7;
  p.act_min = -128;
  p.act_max = 127;
  const int64_t macs = int64_t{s.depth} * s.units;
  for (const FullyConnectedS8Variant* v : FullyConnectedS8Variants()) {
    if (!RunsNatively(v->arch)) continue;
    if (v->supports != nullptr && !v->supports(p)) continue;
    const std::string name = std::string("fully_connected/") + s.name + "/" + v->name;
    benchmark::RegisterBenchmark(name.c_str(), [p, v, s, macs](benchmark::State& state) {
      LayerData data;
      data.Fill(static_cast<size_t>(s.depth), static_cast<size_t>(s.depth) * s.units,
                static_cast<size_t>(s.units), s.units);
      const FullyConnectedS8Args a{data.input.data(), data.filter.data(),
                                   data.bias.data(),  data.output.data(),
                                   nullptr,           nullptr};
      RunVariant(state, *v, p, a, data, macs);
    });
  }
}

// int8 ADD of two same-shape tensors (ResNet's residual ADDs, with their
// constants); "MAC/s" counts elements.
void RegisterAdd(const char* shape_name, uint32_t elements) {
  QuantAddSubParams p{};
  p.shape.size = elements;
  p.shape.broadcast = false;
  p.left_shift = 20;
  p.input1_offset = 128;
  p.input2_offset = -4;
  p.output_offset = -128;
  p.input1_multiplier = 1623821475;
  p.input1_shift = -2;
  p.input2_multiplier = 1073741824;
  p.input2_shift = 0;
  p.output_multiplier = 1098017566;
  p.output_shift = -17;
  p.activation_min = -128;
  p.activation_max = 127;
  for (const AddS8Variant* v : AddS8Variants()) {
    if (!RunsNatively(v->arch) || (v->supports != nullptr && !v->supports(p))) continue;
    const std::string name = std::string("add/") + shape_name + "/" + v->name;
    benchmark::RegisterBenchmark(name.c_str(), [p, v, elements](benchmark::State& state) {
      LayerData data;
      data.Fill(elements, elements, elements, 0);
      const AddS8Args a{data.input.data(), data.filter.data(), data.output.data(), nullptr,
                        nullptr};
      RunVariant(state, *v, p, a, data, elements);
    });
  }
}

void RegisterAll() {
  const ConvShape kConvs[] = {
      {"kws_stem_10x4", 49, 10, 1, 10, 4, 64, 2, 4, 1},
      {"kws_pointwise", 25, 5, 64, 1, 1, 64, 1, 0, 0},
      {"resnet_stem_3x3", 32, 32, 3, 3, 3, 16, 1, 1, 1},
      {"resnet_s1_3x3", 32, 32, 16, 3, 3, 16, 1, 1, 1},
      {"resnet_s2_3x3_stride2", 32, 32, 16, 3, 3, 32, 2, 0, 0},
      {"resnet_s2_shortcut_1x1", 32, 32, 16, 1, 1, 32, 2, 0, 0},
      {"resnet_s3_3x3", 8, 8, 64, 3, 3, 64, 1, 1, 1},
  };
  for (const ConvShape& s : kConvs) RegisterConv(s);
  RegisterDepthwise({"kws_3x3", 25, 5, 64, 3, 3, 1, 1});
  const FcShape kFcs[] = {{"ad01_640x128", 640, 128},
                          {"ad01_128x128", 128, 128},
                          {"ad01_128x8", 128, 8},
                          {"kws_64x12", 64, 12}};
  for (const FcShape& s : kFcs) RegisterFullyConnected(s);
  RegisterAdd("resnet_32x32x16", 32 * 32 * 16);
  RegisterAdd("resnet_8x8x64", 8 * 8 * 64);
}

}  // namespace
}  // namespace mote

int main(int argc, char** argv) {
  mote::RegisterAll();
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
