// Debug builds (asserts on; this binary is compiled with -UNDEBUG): reading
// the value of a failed Result, or a tensor's data as the wrong type, stops
// the program instead of reading garbage.
#include <cstdint>

#include <gtest/gtest.h>

#include "mote/interpreter.h"
#include "mote/status.h"

namespace mote {
namespace {

struct DebugOnlyValue {  // a type no other binary instantiates Result with
  int32_t x = 7;
};

TEST(DebugChecksDeathTest, ResultValueOnErrorAsserts) {
  const Result<DebugOnlyValue> r = Status::Error(StatusCode::kInvalidArgument, "bad");
  ASSERT_FALSE(r.ok());
  EXPECT_DEATH((void)r.value(), "value\\(\\) on an error");
  EXPECT_DEATH((void)(*r).x, "value\\(\\) on an error");
  EXPECT_DEATH((void)r->x, "value\\(\\) on an error");
}

TEST(DebugChecksDeathTest, ResultValueWhenOkDoesNotAssert) {
  const Result<DebugOnlyValue> r = DebugOnlyValue{3};
  EXPECT_EQ(r.value().x, 3);
  EXPECT_EQ((*r).x, 3);
}

TEST(DebugChecksDeathTest, DataAsChecksTheType) {
  int8_t bytes[4] = {};
  TensorRef t;
  t.type = DataType::kInt8;
  t.data = bytes;
  t.bytes = sizeof(bytes);
  EXPECT_EQ(t.data_as<int8_t>(), bytes);
  EXPECT_EQ(t.data_as<const int8_t>(), bytes);
  EXPECT_NE(t.data_as<uint8_t>(), nullptr);  // raw bytes: any type
  EXPECT_NE(t.data_as<void>(), nullptr);
  EXPECT_DEATH((void)t.data_as<float>(), "wrong type");
  EXPECT_DEATH((void)t.data_as<int16_t>(), "wrong type");
  const TensorRef empty;  // no tensor: nullptr whatever the type
  EXPECT_EQ(empty.data_as<int32_t>(), nullptr);
}

}  // namespace
}  // namespace mote
