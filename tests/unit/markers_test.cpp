#include "scannedonly/markers.hpp"

#include "temp_dir.hpp"

#include <unistd.h>

#include <gtest/gtest.h>

using namespace scannedonly;

namespace {
const Prefixes kDefault;

constexpr ino_t kInode = 4242;

FileFacts file(off_t size, time_t sec, long nsec = 0) {
    return FileFacts{true, size, {sec, nsec}, kInode};
}
// As the daemon leaves it: the file's inode as group, mtime equal to ctime.
MarkerFacts marker(uid_t owner, time_t sec, long nsec = 0) {
    return MarkerFacts{true, true, owner, marker_group_for(kInode), {sec, nsec}, {sec, nsec}};
}
}  // namespace

TEST(Markers, ReservedNamesAreThePrefixedOnes) {
    EXPECT_TRUE(is_reserved_name(".scanned:a.txt", kDefault));
    EXPECT_TRUE(is_reserved_name(".virus:a.txt", kDefault));
    EXPECT_TRUE(is_reserved_name(".failed:a.txt", kDefault));
    EXPECT_TRUE(is_reserved_name(".scanned:", kDefault));
    EXPECT_FALSE(is_reserved_name("a.txt", kDefault));
    EXPECT_FALSE(is_reserved_name(".scanned", kDefault));
    EXPECT_FALSE(is_reserved_name("x.scanned:a", kDefault));
}

TEST(Markers, WarningFileNameIsBesideTheFile) {
    EXPECT_EQ(warning_file_name("eicar.com"), "eicar.com.VIRUS-WARNING.txt");
    EXPECT_EQ(warning_file_name(".hidden"), ".hidden.VIRUS-WARNING.txt");
}

TEST(Markers, CustomPrefixesAndEmptyPrefixNeverMatchesEverything) {
    Prefixes p{"_ok_", "", "_bad_"};
    EXPECT_TRUE(is_reserved_name("_ok_a", p));
    EXPECT_FALSE(is_reserved_name("a", p));
    EXPECT_EQ(scanned_marker_name("a", p), "_ok_a");
}

TEST(Markers, NamesBuiltFromPrefixes) {
    EXPECT_EQ(scanned_marker_name("f", kDefault), ".scanned:f");
    EXPECT_EQ(virus_name("f", kDefault), ".virus:f");
    EXPECT_EQ(failed_marker_name("f", kDefault), ".failed:f");
}

TEST(Markers, CtimeComparisonIsStrict) {
    EXPECT_TRUE(ctime_newer({10, 1}, {10, 0}));
    EXPECT_TRUE(ctime_newer({11, 0}, {10, 999999999}));
    EXPECT_FALSE(ctime_newer({10, 0}, {10, 0}));
    EXPECT_FALSE(ctime_newer({9, 999999999}, {10, 0}));
}

TEST(Markers, FreshTrustedMarkerAllows) {
    EXPECT_EQ(file_access(file(10, 100), marker(0, 101), TrustedOwners{}), Access::Allowed);
}

TEST(Markers, AMarkerOfOtherSignaturesIsOutdatedOnlyWhenItWouldVouch) {
    MarkerFacts m = marker(0, 101);
    m.stamp = 7;
    EXPECT_EQ(file_access(file(10, 100), m, TrustedOwners{}, 7), Access::Allowed);
    EXPECT_EQ(file_access(file(10, 100), m, TrustedOwners{}, 8), Access::Outdated);
    EXPECT_EQ(file_access(file(10, 100), m, TrustedOwners{}), Access::Allowed);  // none known
    EXPECT_EQ(file_access(file(10, 102), m, TrustedOwners{}, 8), Access::NeedsScan);
    EXPECT_EQ(file_access(file(0, 102), m, TrustedOwners{}, 8), Access::Allowed);  // empty
}

TEST(Markers, MissingMarkerNeedsScan) {
    EXPECT_EQ(file_access(file(10, 100), MarkerFacts{}, TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, StaleOrSameTickMarkerNeedsScan) {
    EXPECT_EQ(file_access(file(10, 100), marker(0, 99), TrustedOwners{}), Access::NeedsScan);
    EXPECT_EQ(file_access(file(10, 100, 5), marker(0, 100, 5), TrustedOwners{}),
              Access::NeedsScan);
}

TEST(Markers, UntrustedOwnerNeedsScan) {
    EXPECT_EQ(file_access(file(10, 100), marker(1000, 200), TrustedOwners{}), Access::NeedsScan);
    EXPECT_EQ(file_access(file(10, 100), marker(1000, 200), TrustedOwners{{0, 1000}}),
              Access::Allowed);
}

TEST(Markers, MarkerThatIsNotARegularFileNeedsScan) {
    MarkerFacts dir_marker = marker(0, 200);
    dir_marker.regular = false;
    EXPECT_EQ(file_access(file(10, 100), dir_marker, TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, EmptyFileIsAlwaysAllowed) {
    EXPECT_EQ(file_access(file(0, 100), MarkerFacts{}, TrustedOwners{}), Access::Allowed);
}

TEST(Markers, MovedMarkerNeedsScan) {
    // A rename (or link, chmod, chown) of the marker moves its ctime only.
    MarkerFacts moved = marker(0, 200);
    moved.ctime = {300, 0};
    EXPECT_EQ(file_access(file(10, 100), moved, TrustedOwners{}), Access::NeedsScan);
    moved.mtime = {300, 1};
    EXPECT_EQ(file_access(file(10, 100), moved, TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, MarkerOfAnotherInodeNeedsScan) {
    FileFacts other = file(10, 100);
    other.ino = kInode + 1;
    EXPECT_EQ(file_access(other, marker(0, 200), TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, MarkerOfAnEarlierVersionNeedsScan) {
    // Before markers carried the inode, their group was the daemon's: 0.
    MarkerFacts old = marker(0, 200);
    old.group = 0;
    EXPECT_EQ(file_access(file(10, 100), old, TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, GroupHoldsTheInodeAsFarAsAGidGoes) {
    EXPECT_EQ(marker_group_for(7), 7u);
    EXPECT_EQ(marker_group_for((ino_t{1} << 32) + 7), 7u);
}

TEST(Markers, NonRegularNameIsNeverVouchedFor) {
    FileFacts link = file(10, 100);
    link.regular = false;
    EXPECT_EQ(file_access(link, marker(0, 200), TrustedOwners{}), Access::NeedsScan);
    link.size = 0;
    EXPECT_EQ(file_access(link, MarkerFacts{}, TrustedOwners{}), Access::NeedsScan);
}

TEST(Markers, FactsFromStat) {
    struct stat st {};
    st.st_mode = S_IFREG | 0644;
    st.st_size = 5;
    st.st_ino = 99;
    st.st_uid = 0;
    st.st_gid = 99;
    st.st_ctim = {10, 1};
    st.st_mtim = {10, 1};
    st.st_atim = {12345, 6};
    const FileFacts f = file_facts(st);
    EXPECT_TRUE(f.regular);
    EXPECT_EQ(f.ino, 99u);
    EXPECT_EQ(f.size, 5);
    const MarkerFacts m = marker_facts(st);
    EXPECT_TRUE(m.exists && m.regular);
    EXPECT_EQ(m.group, 99u);
    EXPECT_EQ(m.mtime.tv_nsec, 1);
    EXPECT_EQ(m.stamp, 12345);
    EXPECT_FALSE(marker_facts(std::optional<struct stat>{}).exists);
    st.st_mode = S_IFLNK | 0777;
    EXPECT_FALSE(file_facts(st).regular);
}

TEST(Markers, FileVersionKeepsWhatAWriteMoves) {
    struct stat st {};
    st.st_dev = 1;
    st.st_ino = 2;
    st.st_size = 3;
    st.st_mtim = {4, 5};
    st.st_ctim = {6, 7};
    st.st_atim = {8, 9};
    const FileVersion v = file_version(st);
    EXPECT_EQ(v.dev, 1u);
    EXPECT_EQ(v.ino, 2u);
    EXPECT_EQ(v.size, 3);
    EXPECT_TRUE(same_time(v.mtime, {4, 5}));
    EXPECT_TRUE(same_time(v.ctime, {6, 7}));
    st.st_atim = {10, 0};  // reading is no change
    EXPECT_TRUE(same_version(file_version(st), v));
    st.st_ctim.tv_nsec = 8;
    EXPECT_FALSE(same_version(file_version(st), v));
}

TEST(Markers, AWholeSecondCtimeSettlesAtTheNextSecond) {
    using namespace std::chrono_literals;
    const timespec changed{100, 0};  // a filesystem with 1-second timestamps
    EXPECT_EQ(until_settled(changed, {100, 0}), 1s);
    EXPECT_EQ(until_settled(changed, {100, 300'000'000}), 700ms);
    EXPECT_EQ(until_settled(changed, {100, 999'999'999}), 1ns);
    EXPECT_EQ(until_settled(changed, {101, 0}), 0ns);
    EXPECT_EQ(until_settled(changed, {250, 5}), 0ns);
}

TEST(Markers, AFineCtimeSettlesOnceTheCoarseClockHasPassedIt) {
    using namespace std::chrono_literals;
    const timespec changed{100, 4'000'000};  // one kernel tick
    EXPECT_EQ(until_settled(changed, {100, 4'000'000}), 1ns);  // still its tick
    EXPECT_EQ(until_settled(changed, {100, 3'000'000}), 1'000'001ns);  // a fine ctime ahead
    EXPECT_EQ(until_settled(changed, {100, 8'000'000}), 0ns);
}

TEST(Markers, LstatAtDoesNotFollowSymlinksAndMissesQuietly) {
    TempDir dir;
    ASSERT_EQ(::symlink("/etc/passwd", (dir / "link").c_str()), 0);
    const auto link = lstat_at(dir.fd(), "link");
    ASSERT_TRUE(link);
    EXPECT_TRUE(S_ISLNK(link->st_mode));
    EXPECT_FALSE(file_facts(*link).regular);
    EXPECT_FALSE(lstat_at(dir.fd(), "missing"));
    EXPECT_FALSE(marker_facts(lstat_at(dir.fd(), "missing")).exists);
}
