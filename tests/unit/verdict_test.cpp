#include "scannedonly/verdict.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

namespace {
const TrustedOwners kRoot;

FileFacts file(time_t ctime) { return FileFacts{true, 100, {ctime, 0}, 1}; }
MarkerFacts marker(time_t ctime, uid_t owner = 0) {
    return MarkerFacts{true, true, owner, marker_group_for(1), {ctime, 0}, {ctime, 0}};
}

VerdictFacts present(time_t file_ctime) {
    VerdictFacts f;
    f.file = file(file_ctime);
    return f;
}
}  // namespace

TEST(Verdict, AnOutdatedFileIsCleanOnceItsMarkerIsCurrentOrRewritten) {
    auto f = present(100);
    f.scanned = marker(101);
    f.scanned.stamp = 5;
    const MarkerFacts before = f.scanned;
    EXPECT_EQ(judge(f, {}, kRoot, {7, before}), Verdict::Pending);
    f.scanned.stamp = 7;
    EXPECT_EQ(judge(f, {}, kRoot, {7, before}), Verdict::Clean);
    f.scanned = marker(102);  // rewritten under yet newer signatures
    f.scanned.stamp = 9;
    EXPECT_EQ(judge(f, {}, kRoot, {7, before}), Verdict::Clean);
}

TEST(Verdict, FreshTrustedMarkerIsClean) {
    auto f = present(100);
    f.scanned = marker(101);
    EXPECT_EQ(judge(f, {}, kRoot), Verdict::Clean);
    f.scanned = marker(100);  // not strictly newer
    EXPECT_EQ(judge(f, {}, kRoot), Verdict::Pending);
    f.scanned = marker(101, 1000);  // forged by a user
    EXPECT_EQ(judge(f, {}, kRoot), Verdict::Pending);
}

TEST(Verdict, RenamedOrQuarantinedIsInfected) {
    VerdictFacts renamed;
    renamed.virus_entry = true;
    EXPECT_EQ(judge(renamed, {}, kRoot), Verdict::Infected);
    VerdictFacts quarantined;
    quarantined.warning_file = true;
    EXPECT_EQ(judge(quarantined, {}, kRoot), Verdict::Infected);
    EXPECT_EQ(judge(VerdictFacts{}, {}, kRoot), Verdict::Pending);  // gone, no trace yet
}

TEST(Verdict, OnlyANewFailedMarkerCounts) {
    auto f = present(100);
    f.failed = marker(150);
    EXPECT_EQ(judge(f, {}, kRoot), Verdict::Failed);
    // The same marker as before sending, bound to this file: the daemon lets
    // a recent failure stand instead of scanning again, so it is the verdict.
    EXPECT_EQ(judge(f, marker(150), kRoot), Verdict::Failed);
    // One it does not vouch for (an earlier version's, group 0): last run's.
    f.failed.group = 0;
    EXPECT_EQ(judge(f, f.failed, kRoot), Verdict::Pending);
    f.failed = marker(150);
    EXPECT_EQ(judge(f, marker(120), kRoot), Verdict::Failed);
    // Older than the file: about earlier content.
    f.failed = marker(90);
    EXPECT_EQ(judge(f, {}, kRoot), Verdict::Pending);
}
