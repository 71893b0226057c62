#include "scannedonly/failed_retry.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {

constexpr ino_t kIno = 4242;

// A file changed at t=100s, its scan failed at t=200s with an engine
// compiled at t=50s; asked again at t=300s with a one-hour backoff.
FailedScan failed_at_200() {
    FailedScan f;
    f.file = FileFacts{true, 4096, {100, 0}, kIno};
    f.failed_marker = MarkerFacts{true, true, 0, marker_group_for(kIno), {200, 0}, {200, 0}};
    f.engine_loaded = {50, 0};
    f.now = {300, 0};
    f.retry_interval = 1h;
    return f;
}

}  // namespace

TEST(FailureStands, AFreshFailureIsNotScannedAgain) {
    EXPECT_TRUE(failure_stands(failed_at_200(), TrustedOwners{}));
}

TEST(FailureStands, RetriedWhenTheFileChanged) {
    FailedScan f = failed_at_200();
    f.file.ctime = {250, 0};  // written after the failed scan
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
    f = failed_at_200();
    f.file.ino = kIno + 1;  // another file at the name
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
}

TEST(FailureStands, RetriedWhenTheSignaturesOrLimitsChanged) {
    FailedScan f = failed_at_200();
    f.engine_loaded = {250, 0};  // a reload or a restart after the failure
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
    f.engine_loaded = {200, 0};  // same instant: which came first is unknown
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
}

TEST(FailureStands, RetriedAfterTheBackoff) {
    FailedScan f = failed_at_200();
    f.now = {200 + 3599, 0};
    EXPECT_TRUE(failure_stands(f, TrustedOwners{}));
    f.now = {200 + 3600, 0};
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
    f.retry_interval = 0ms;  // only on a change
    f.now = {200 + 86400 * 365, 0};
    EXPECT_TRUE(failure_stands(f, TrustedOwners{}));
}

TEST(FailureStands, OnlyATrustedUnmovedMarkerCounts) {
    FailedScan f = failed_at_200();
    f.failed_marker.exists = false;
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
    f = failed_at_200();
    f.failed_marker.owner = 1000;  // a user's forgery
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
    f = failed_at_200();
    f.failed_marker.ctime = {260, 0};  // renamed after it was written
    EXPECT_FALSE(failure_stands(f, TrustedOwners{}));
}
