// Proves the runtime never touches the heap: counts every operator new and
// every malloc/calloc/realloc made by Mote's code (malloc & co. are wrapped at
// link time) while a model is loaded, planned and run, and asserts zero.
#include <cstdlib>
#include <cstring>
#include <new>

#include <gtest/gtest.h>

#include "kernels/registry/all_ops_resolver.h"
#include "mote/interpreter.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace {
bool g_counting = false;
size_t g_heap_calls = 0;
void Count() {
  if (g_counting) ++g_heap_calls;
}
}  // namespace

extern "C" {
void* __real_malloc(size_t);
void* __real_calloc(size_t, size_t);
void* __real_realloc(void*, size_t);
void* __wrap_malloc(size_t n) {
  Count();
  return __real_malloc(n);
}
void* __wrap_calloc(size_t n, size_t m) {
  Count();
  return __real_calloc(n, m);
}
void* __wrap_realloc(void* p, size_t n) {
  Count();
  return __real_realloc(p, n);
}
}

void* operator new(size_t n) {
  Count();
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n) {
  Count();
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }

namespace mote {
namespace {

// Loads, allocates and invokes `bytes` with heap counting on; returns the count.
size_t HeapCallsToRun(const std::vector<uint8_t>& bytes, bool* ran) {
  alignas(16) static uint8_t model_copy[1 << 20];
  alignas(16) static uint8_t arena[4 << 20];
  std::memcpy(model_copy, bytes.data(), bytes.size());
  AllOpsResolver resolver;  // constructed before counting: not part of the runtime path
  g_heap_calls = 0;
  g_counting = true;
  Result<Model> model = Model::Load(Span<const uint8_t>(model_copy, bytes.size()));
  bool ok = model.ok();
  if (ok) {
    Interpreter interpreter(model.value(), resolver, Span<uint8_t>(arena));
    ok = interpreter.AllocateTensors().ok();
    if (ok) {
      std::memset(interpreter.input(0).data, 1, interpreter.input(0).bytes);
      ok = interpreter.Invoke().ok();
    }
  }
  g_counting = false;
  *ran = ok;
  return g_heap_calls;
}

TEST(NoHeap, BuiltModel) {
  host::ModelBuilder b;
  int a = b.AddTensor(DataType::kInt8, {2, 3});
  int c = b.AddTensor(DataType::kInt8, {6});
  b.AddOperator(BuiltinOp::kReshape, {a}, {c});
  b.SetInputs({a});
  b.SetOutputs({c});
  bool ran = false;
  EXPECT_EQ(HeapCallsToRun(b.Build(), &ran), 0u);
  EXPECT_TRUE(ran);
}

void* volatile g_sink_p = nullptr;
int* volatile g_sink_q = nullptr;

TEST(NoHeap, CounterWorks) {
  g_heap_calls = 0;
  g_counting = true;
  g_sink_p = std::malloc(16);  // volatile sinks: the calls cannot be elided
  g_sink_q = new int(3);
  g_counting = false;
  std::free(g_sink_p);
  delete g_sink_q;
  EXPECT_EQ(g_heap_calls, 2u);  // the probe sees both kinds of heap call
}

TEST(NoHeap, SharedModels) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance absent; shared models not checked";
  for (const char* name : {"kws_ref_model", "pretrainedResnet_quant", "ad01_int8",
                           "micro_speech_quantized", "trained_lstm_int8",
                           "keyword_scrambled_8bit", "pretrainedResnet"}) {
    bool ran = false;
    const auto bytes = testing::ReadFile(dir + "/models/" + name + ".tflite");
    ASSERT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(HeapCallsToRun(bytes, &ran), 0u) << name;
    EXPECT_TRUE(ran) << name << " did not run";
  }
}

}  // namespace
}  // namespace mote
