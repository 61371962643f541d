// Inputs the fuzzers found crashing (tests/robustness/corpus/), each with a
// test of the clean error Mote now gives. A last test runs every file in the
// folder through load, allocate and invoke, so new crash files are covered
// the moment they are added.
#include <dirent.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "robustness/robust_support.h"
#include "support/test_support.h"

namespace mote {
namespace robustness {
namespace {

std::vector<uint8_t> Corpus(const std::string& name) {
  const std::vector<uint8_t> bytes =
      testing::ReadFile(std::string(MOTE_ROBUSTNESS_CORPUS) + "/" + name);
  EXPECT_FALSE(bytes.empty()) << "missing corpus file " << name;
  return bytes;
}

// fuzz_allocate, UBSan "reference binding to misaligned address ... for type
// 'const long'": a quantization zero_point vector (int64) placed at an
// address that is 4- but not 8-byte aligned. The flatbuffers verifier only
// checks 4-byte alignment of vector lengths; Mote now checks element alignment
// of zero points and of constant data (an unaligned 8-byte load faults on Cortex-M).
TEST(CorpusRegression, FuzzAllocateMisalignedZeroPoint) {
  std::vector<uint8_t> arena(1 << 20);
  const Outcome o = RunBytes(Corpus("fuzz_allocate_misaligned_zero_point.tflite"), arena, true);
  EXPECT_EQ(o.stage, Stage::kLoad);
  EXPECT_TRUE(Contains(o.status, "8-byte aligned")) << o.status.message();
}

// fuzz_invoke, the same misaligned int64 zero_point class found independently.
TEST(CorpusRegression, FuzzInvokeMisalignedZeroPoint) {
  std::vector<uint8_t> arena(1 << 20);
  std::vector<uint8_t> bytes = Corpus("fuzz_invoke_misaligned_zero_point.bin");
  ASSERT_GE(bytes.size(), 4u);
  // fuzz_invoke's format: model bytes, input bytes, u32 model length.
  uint32_t model_size;
  std::memcpy(&model_size, bytes.data() + bytes.size() - 4, 4);
  bytes.resize(std::min<size_t>(model_size, bytes.size() - 4));
  const Outcome o = RunBytes(bytes, arena, true);
  EXPECT_EQ(o.stage, Stage::kLoad);
  EXPECT_TRUE(Contains(o.status, "8-byte aligned")) << o.status.message();
}

// fuzz_allocate and fuzz_invoke, UBSan "signed integer overflow: 2147483647 -
// -1" in the memory planner's placement-order key (a buffer whose first use
// is -1). The key is now computed in 64 bits; under -DMOTE_SANITIZE=ON this
// test aborts if the overflow comes back.
TEST(CorpusRegression, FuzzAllocatePlannerFirstUseOverflow) {
  std::vector<uint8_t> arena(1 << 20);
  const Outcome o =
      RunBytes(Corpus("fuzz_allocate_planner_first_use_overflow.tflite"), arena, true);
  if (o.stage != Stage::kAccepted) {
    EXPECT_NE(o.status.message()[0], '\0');
  }
}

// fuzz_invoke, UBSan "null pointer passed as argument 1" in JoinCopy: a
// CONCATENATION whose input and output tensors hold zero elements. Empty
// tensors are not planned and kept a null address, and the kernel's
// memcpy(out, in, 0) is undefined for null. Every tensor now has an address.
TEST(CorpusRegression, FuzzInvokeEmptyConcatOutput) {
  std::vector<uint8_t> bytes = Corpus("fuzz_invoke_empty_concat_output.bin");
  ASSERT_GE(bytes.size(), 4u);
  uint32_t model_size;
  std::memcpy(&model_size, bytes.data() + bytes.size() - 4, 4);
  bytes.resize(std::min<size_t>(model_size, bytes.size() - 4));
  static const AllOpsResolver resolver;
  ExactBytes copy(bytes);
  Result<Model> model = Model::Load(copy.span());
  ASSERT_TRUE(model.ok()) << model.status().message();
  std::vector<uint8_t> arena(1 << 16);
  Interpreter interpreter(*model, resolver, Span<uint8_t>(arena.data(), arena.size()));
  ASSERT_TRUE(interpreter.AllocateTensors().ok());
  const SubgraphView sg = model->main_subgraph();
  size_t empty = 0;
  for (size_t t = 0; t < sg.num_tensors(); ++t) {
    EXPECT_NE(interpreter.tensor(t).data, nullptr) << "tensor " << t;
    empty += sg.tensor(t).bytes() == 0;
  }
  EXPECT_GT(empty, 0u);
  EXPECT_TRUE(interpreter.Invoke().ok());
}

TEST(CorpusRegression, EveryCorpusFileIsHandledCleanly) {
  std::vector<uint8_t> arena(1 << 20);
  size_t files = 0;
  if (DIR* d = opendir(MOTE_ROBUSTNESS_CORPUS)) {
    while (dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;
      const Outcome o = RunBytes(Corpus(e->d_name), arena, true);
      if (o.stage != Stage::kAccepted) {
        EXPECT_NE(o.status.message()[0], '\0') << e->d_name;
      }
      ++files;
    }
    closedir(d);
  }
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace robustness
}  // namespace mote
