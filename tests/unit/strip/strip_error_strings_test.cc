// MOTE_STRIP_ERROR_STRINGS=1 (this binary, with its own copy of the status
// sources): errors keep their codes, messages become the code's name, and the
// format strings are not in the binary at all.
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "mote/status.h"

static_assert(MOTE_STRIP_ERROR_STRINGS == 1, "built with -DMOTE_STRIP_ERROR_STRINGS=1");

namespace mote {
namespace {

Status Fails(int size) {
  return Status::Error(StatusCode::kResourceExhausted, "zqx arena wants %d zqx", size);
}

Result<int> FailsWithContext() {
  MOTE_TRY(Fails(4096).WithContext("zqx op %d zqx", 3));
  return 1;
}

TEST(StripErrorStrings, CodesStayMessagesAreCodeNames) {
  EXPECT_EQ(sizeof(Status), 4u);
  const Status s = Fails(4096);
  EXPECT_EQ(s.code(), StatusCode::kResourceExhausted);
  EXPECT_STREQ(s.message(), "RESOURCE_EXHAUSTED");
  const Result<int> r = FailsWithContext();
  EXPECT_EQ(r.status().code(), StatusCode::kResourceExhausted);
  EXPECT_STREQ(r.status().message(), "RESOURCE_EXHAUSTED");
  EXPECT_EQ(Status::Error(StatusCode::kOk, "zqx").code(), StatusCode::kInternal);
  EXPECT_STREQ(Status::Ok().message(), "");
}

TEST(StripErrorStrings, FormatStringsAreNotInTheBinary) {
  std::ifstream f("/proc/self/exe", std::ios::binary);
  if (!f) GTEST_SKIP() << "/proc/self/exe not readable";
  const std::string image((std::istreambuf_iterator<char>(f)), std::istreambuf_iterator<char>());
  ASSERT_GT(image.size(), 1000u);
  // The needles are built at run time so that they are not literals themselves.
  std::string marker = "xqz";
  marker = std::string(marker.rbegin(), marker.rend()) + " ";  // "zqx "
  EXPECT_EQ(image.find(marker + "arena wants"), std::string::npos);
  EXPECT_EQ(image.find(marker + "op %d"), std::string::npos);
  // Control: a string the test does keep is found.
  std::string kept = "EXHAUSTED";
  kept = "RESOURCE_" + kept;
  EXPECT_NE(image.find(kept), std::string::npos);
}

}  // namespace
}  // namespace mote
