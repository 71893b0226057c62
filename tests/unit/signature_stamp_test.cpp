#include "scannedonly/signature_stamp.hpp"

#include "temp_dir.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
void set_mtime(const std::string& path, std::int64_t seconds) {
    const timespec times[2] = {{0, UTIME_OMIT}, {seconds, 0}};
    ASSERT_EQ(::utimensat(AT_FDCWD, path.c_str(), times, AT_SYMLINK_NOFOLLOW), 0);
}
const TrustedOwners kMe{{::geteuid()}};
}  // namespace

TEST(SignatureStamp, StampsLieBeforeAnyMarkersOwnAccessTime) {
    EXPECT_FALSE(valid_stamp(0));
    EXPECT_TRUE(valid_stamp(1));
    EXPECT_TRUE(valid_stamp(kStampLimit - 1));
    EXPECT_FALSE(valid_stamp(kStampLimit));
    EXPECT_FALSE(valid_stamp(1'764'000'000));  // a marker stamped before stamps: 2025
}

TEST(SignatureStamp, FromADigestAlwaysValidAndSpread) {
    EXPECT_EQ(stamp_from_digest(std::string("\x00\x00\x00\x00", 4)), 1);
    EXPECT_TRUE(valid_stamp(stamp_from_digest("\xff\xff\xff\xff")));
    EXPECT_EQ(stamp_from_digest("\x01\x02\x03\x04rest"), 0x01020304);
    EXPECT_NE(stamp_from_digest("abcd"), stamp_from_digest("abce"));
}

TEST(SignatureStamp, PublishedOnlyByATrustedRegularFileWithAValidStamp) {
    struct stat st {};
    st.st_mode = S_IFREG | 0644;
    st.st_uid = 0;
    st.st_mtim = {1234, 0};
    EXPECT_EQ(published_stamp(st, TrustedOwners{}), 1234);
    EXPECT_FALSE(published_stamp(st, TrustedOwners{{55}}));  // root's file, root not trusted
    st.st_mtim = {1'764'000'000, 0};
    EXPECT_FALSE(published_stamp(st, TrustedOwners{}));  // an ordinary time: not a stamp
    st.st_mtim = {1234, 0};
    st.st_mode = S_IFLNK | 0777;
    EXPECT_FALSE(published_stamp(st, TrustedOwners{}));
}

TEST(SignatureStamp, WatchLooksAtMostOncePerInterval) {
    TempDir dir;
    const std::string path = dir / "signatures";
    std::ofstream(path) << "stamp\n";
    set_mtime(path, 100);
    StampWatch watch(path, kMe, 3s);
    const auto t0 = StampWatch::Clock::now();
    EXPECT_EQ(watch.current(t0), 100);
    set_mtime(path, 200);
    EXPECT_EQ(watch.current(t0 + 2s), 100);  // cached
    EXPECT_EQ(watch.current(t0 + 3s), 200);
    ASSERT_EQ(::unlink(path.c_str()), 0);
    EXPECT_EQ(watch.current(t0 + 6s), std::nullopt);
}

TEST(SignatureStamp, WatchDoesNotFollowASymlink) {
    TempDir dir;
    std::ofstream(dir / "real") << "stamp\n";
    set_mtime(dir / "real", 100);
    ASSERT_EQ(::symlink((dir / "real").c_str(), (dir / "signatures").c_str()), 0);
    StampWatch watch(dir / "signatures", kMe, 3s);
    EXPECT_EQ(watch.current(StampWatch::Clock::now()), std::nullopt);
}
