#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kernels/strided_slice/strided_slice.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;
using host::QuantParams;

OpResolverN<1> Resolver() {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::StridedSlice()).ok());
  return r;
}

struct Masks {
  int32_t begin = 0, end = 0, ellipsis = 0, new_axis = 0, shrink = 0;
  bool offset = false;
};

std::vector<uint8_t> SliceModel(DataType type, const std::vector<int32_t>& in_shape,
                                const std::vector<int32_t>& begin,
                                const std::vector<int32_t>& end,
                                const std::vector<int32_t>& strides,
                                const std::vector<int32_t>& out_shape, Masks m = {},
                                const QuantParams& q = {}) {
  ModelBuilder b;
  const int n = static_cast<int>(begin.size());
  int in = b.AddTensor(type, in_shape, q);
  int tb = b.AddConstTensor<int32_t>(DataType::kInt32, {n}, begin);
  int te = b.AddConstTensor<int32_t>(DataType::kInt32, {static_cast<int>(end.size())}, end);
  int ts =
      b.AddConstTensor<int32_t>(DataType::kInt32, {static_cast<int>(strides.size())}, strides);
  int out = b.AddTensor(type, out_shape, q);
  host::Options o(32);
  o.Int32(0, m.begin).Int32(1, m.end).Int32(2, m.ellipsis).Int32(3, m.new_axis);
  o.Int32(4, m.shrink).Bool(5, m.offset);
  b.AddOperator(BuiltinOp::kStridedSlice, {in, tb, te, ts}, {out}, o);
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

template <typename T>
std::vector<T> RunSlice(const std::vector<uint8_t>& model, const std::vector<T>& input) {
  testing::ModelRunner r(model);
  Status s = r.Init(Resolver());
  EXPECT_TRUE(s.ok()) << s.message();
  if (!s.ok()) return {};
  r.SetInput<T>(0, input);
  EXPECT_TRUE(r.interpreter().Invoke().ok());
  return r.Output<T>(0);
}

std::vector<int32_t> Iota(int n) {
  std::vector<int32_t> v(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) v[static_cast<size_t>(i)] = i;
  return v;
}

TEST(StridedSlice, Int8Basic1D) {
  auto m = SliceModel(DataType::kInt8, {6}, {1}, {5}, {2}, {2}, {}, {{1.f}, {0}});
  EXPECT_EQ(RunSlice<int8_t>(m, {0, 1, 2, 3, 4, 5}), (std::vector<int8_t>{1, 3}));
}

TEST(StridedSlice, NegativeStrideAndIndices) {
  // [5:-7:-2] on 6 elements: 5, 3, 1.
  auto m = SliceModel(DataType::kInt16, {6}, {-1}, {-7}, {-2}, {3}, {}, {{1.f}, {0}});
  EXPECT_EQ(RunSlice<int16_t>(m, {10, 11, 12, 13, 14, 15}), (std::vector<int16_t>{15, 13, 11}));
}

TEST(StridedSlice, BeginAndEndMasks2D) {
  // x[:, 1:] on [3, 3] with end mask on axis 1 (end ignored) and begin mask on axis 0.
  Masks m;
  m.begin = 1;
  m.end = 2;
  auto model = SliceModel(DataType::kInt32, {3, 3}, {2, 1}, {3, 0}, {1, 1}, {3, 2}, m);
  EXPECT_EQ(RunSlice<int32_t>(model, Iota(9)), (std::vector<int32_t>{1, 2, 4, 5, 7, 8}));
}

TEST(StridedSlice, ReversedWithMasks) {
  // x[::-1, ::-2] on [2, 3].
  Masks m;
  m.begin = 3;
  m.end = 3;
  auto model = SliceModel(DataType::kFloat32, {2, 3}, {0, 0}, {0, 0}, {-1, -2}, {2, 2}, m);
  EXPECT_EQ(RunSlice<float>(model, {0, 1, 2, 3, 4, 5}), (std::vector<float>{5, 3, 2, 0}));
}

TEST(StridedSlice, ShrinkAxis) {
  // x[1, :] on [3, 2] -> shape [2]; negative begin for a shrunk axis: x[-1].
  Masks m;
  m.shrink = 1;
  auto a = SliceModel(DataType::kInt32, {3, 2}, {1, 0}, {2, 2}, {1, 1}, {2}, m);
  EXPECT_EQ(RunSlice<int32_t>(a, Iota(6)), (std::vector<int32_t>{2, 3}));
  auto b = SliceModel(DataType::kInt32, {3, 2}, {-1, 0}, {0, 2}, {1, 1}, {2}, m);
  EXPECT_EQ(RunSlice<int32_t>(b, Iota(6)), (std::vector<int32_t>{4, 5}));
}

TEST(StridedSlice, EllipsisAndNewAxis) {
  // x[..., 1] with new axis first: x[tf.newaxis, ..., 1:2] on [2, 2, 3] -> [1, 2, 2, 1].
  Masks m;
  m.new_axis = 1;
  m.ellipsis = 2;
  auto model = SliceModel(DataType::kInt32, {2, 2, 3}, {0, 0, 1}, {0, 0, 2}, {1, 1, 1},
                          {1, 2, 2, 1}, m);
  EXPECT_EQ(RunSlice<int32_t>(model, Iota(12)), (std::vector<int32_t>{1, 4, 7, 10}));
}

TEST(StridedSlice, ImplicitTrailingAxesAndOffset) {
  // One entry on a [3, 2] input: rows 1.. (offset: end = begin + 2).
  Masks m;
  m.offset = true;
  auto model = SliceModel(DataType::kInt8, {3, 2}, {1}, {2}, {1}, {2, 2}, m, {{1.f}, {0}});
  EXPECT_EQ(RunSlice<int8_t>(model, {0, 1, 2, 3, 4, 5}), (std::vector<int8_t>{2, 3, 4, 5}));
}

TEST(StridedSlice, EmptyResult) {
  auto model = SliceModel(DataType::kInt8, {4}, {3}, {1}, {1}, {0}, {}, {{1.f}, {0}});
  testing::ModelRunner r(model);
  Status s = r.Init(Resolver());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_TRUE(r.interpreter().Invoke().ok());
}

TEST(StridedSlice, RejectsZeroStride) {
  testing::ModelRunner r(SliceModel(DataType::kInt8, {4}, {0}, {4}, {0}, {4}, {}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(StridedSlice, RejectsWrongOutputShape) {
  testing::ModelRunner r(SliceModel(DataType::kInt8, {6}, {0}, {6}, {2}, {2}, {}, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(StridedSlice, RejectsOutOfRangeShrink) {
  Masks m;
  m.shrink = 1;
  testing::ModelRunner r(SliceModel(DataType::kInt8, {3}, {3}, {4}, {1}, {}, m, {{1.f}, {0}}));
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(StridedSlice, RejectsTooManyEntriesAndMismatchedLengths) {
  testing::ModelRunner a(
      SliceModel(DataType::kInt8, {3}, {0, 0}, {1, 1}, {1, 1}, {1}, {}, {{1.f}, {0}}));
  EXPECT_EQ(a.Init(Resolver()).code(), StatusCode::kInvalidModel);
  testing::ModelRunner b(
      SliceModel(DataType::kInt8, {3}, {0}, {1, 1}, {1}, {1}, {}, {{1.f}, {0}}));
  EXPECT_EQ(b.Init(Resolver()).code(), StatusCode::kInvalidModel);
}

TEST(StridedSlice, RejectsNonConstantBegin) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, {4}, {{1.f}, {0}});
  int tb = b.AddTensor(DataType::kInt32, {1});
  int te = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, {2});
  int ts = b.AddConstTensor<int32_t>(DataType::kInt32, {1}, {1});
  int out = b.AddTensor(DataType::kInt8, {2}, {{1.f}, {0}});
  b.AddOperator(BuiltinOp::kStridedSlice, {in, tb, te, ts}, {out}, host::Options(32));
  b.SetInputs({in, tb});
  b.SetOutputs({out});
  testing::ModelRunner r(b.Build());
  EXPECT_EQ(r.Init(Resolver()).code(), StatusCode::kUnsupported);
}

// TFLM's seanet STRIDED_SLICE models (int16): every golden input, byte for byte.
TEST(StridedSlice, SeanetGoldens) {
  const std::string dir = testing::ConformanceDir();
  if (dir.empty()) GTEST_SKIP() << "../shared/conformance not found";
  int checked = 0;
  for (int m = 0; m <= 32; m += 2) {
    const std::string name = "seanet_strided_slice" + std::to_string(m);
    std::vector<uint8_t> model = testing::ReadFile(dir + "/models/" + name + ".tflite");
    ASSERT_FALSE(model.empty()) << name;
    for (const char* k : {"0", "1", "2", "_csv"}) {
      const std::vector<uint8_t> in = testing::ReadFile(dir + "/golden/" + name + "/in" + k + ".bin");
      const std::vector<uint8_t> want =
          testing::ReadFile(dir + "/golden/" + name + "/out" + k + ".bin");
      ASSERT_FALSE(in.empty() || want.empty()) << name << " " << k;
      testing::ModelRunner r(model);
      Status s = r.Init(Resolver());
      ASSERT_TRUE(s.ok()) << name << ": " << s.message();
      r.SetInputBytes(0, in.data(), in.size());
      ASSERT_TRUE(r.interpreter().Invoke().ok());
      EXPECT_EQ(r.Output<uint8_t>(0), want) << name << " in" << k;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 68);
}

}  // namespace
}  // namespace mote
