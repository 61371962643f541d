#include <gtest/gtest.h>

#include <vector>

#include "kernels/resize/resize.h"
#include "support/test_support.h"
#include "tflite_builder/model_builder.h"

namespace mote {
namespace {

using host::ModelBuilder;

std::vector<uint8_t> ResizeModel(const std::vector<int32_t>& in_shape, std::vector<int32_t> size,
                                 const std::vector<int32_t>& out_shape, bool align,
                                 bool half_pixel) {
  ModelBuilder b;
  int in = b.AddTensor(DataType::kInt8, in_shape, {{1.f}, {0}});
  int sz = b.AddConstTensor<int32_t>(DataType::kInt32, {2}, size);
  int out = b.AddTensor(DataType::kInt8, out_shape, {{1.f}, {0}});
  b.AddOperator(BuiltinOp::kResizeNearestNeighbor, {in, sz}, {out},
                host::Options(74).Bool(0, align).Bool(1, half_pixel));
  b.SetInputs({in});
  b.SetOutputs({out});
  return b.Build();
}

std::vector<int8_t> RunResize(bool align, bool half) {
  OpResolverN<1> r;
  EXPECT_TRUE(r.Add(ops::ResizeNearestNeighbor()).ok());
  testing::ModelRunner m(ResizeModel({1, 1, 3, 1}, {1, 5}, {1, 1, 5, 1}, align, half));
  Status s = m.Init(r);
  EXPECT_TRUE(s.ok()) << s.message();
  m.SetInput<int8_t>(0, {10, 20, 30});
  EXPECT_TRUE(m.interpreter().Invoke().ok());
  return m.Output<int8_t>(0);
}

TEST(ResizeNearestNeighbor, Modes) {
  // 3 -> 5. Plain: floor(x * 0.6) = 0,0,1,1,2.
  EXPECT_EQ(RunResize(false, false), (std::vector<int8_t>{10, 10, 20, 20, 30}));
  // align_corners: round(x * 0.5) = 0,1,1,2,2 (round half away from zero).
  EXPECT_EQ(RunResize(true, false), (std::vector<int8_t>{10, 20, 20, 30, 30}));
  // half_pixel_centers: floor((x + 0.5) * 0.6) = 0,0,1,2,2.
  EXPECT_EQ(RunResize(false, true), (std::vector<int8_t>{10, 10, 20, 30, 30}));
}

TEST(ResizeNearestNeighbor, Upscale2x2WithChannels) {
  OpResolverN<1> r;
  ASSERT_TRUE(r.Add(ops::ResizeNearestNeighbor()).ok());
  testing::ModelRunner m(ResizeModel({1, 1, 2, 2}, {2, 4}, {1, 2, 4, 2}, false, false));
  ASSERT_TRUE(m.Init(r).ok());
  m.SetInput<int8_t>(0, {1, 2, 3, 4});
  ASSERT_TRUE(m.interpreter().Invoke().ok());
  EXPECT_EQ(m.Output<int8_t>(0), (std::vector<int8_t>{1, 2, 1, 2, 3, 4, 3, 4,
                                                      1, 2, 1, 2, 3, 4, 3, 4}));
}

TEST(ResizeNearestNeighbor, RejectsShapeMismatchAndBadSize) {
  OpResolverN<1> r;
  ASSERT_TRUE(r.Add(ops::ResizeNearestNeighbor()).ok());
  testing::ModelRunner a(ResizeModel({1, 1, 2, 1}, {2, 4}, {1, 2, 3, 1}, false, false));
  EXPECT_EQ(a.Init(r).code(), StatusCode::kInvalidModel);
  testing::ModelRunner b(ResizeModel({1, 1, 2, 1}, {0, 4}, {1, 0, 4, 1}, false, false));
  EXPECT_EQ(b.Init(r).code(), StatusCode::kInvalidModel);
}

}  // namespace
}  // namespace mote
