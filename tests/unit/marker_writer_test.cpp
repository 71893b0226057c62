#include "marker_writer.hpp"

#include "temp_dir.hpp"
#include "scannedonly/markers.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace scannedonlyd;
using namespace scannedonly;
namespace fs = std::filesystem;

namespace {
struct stat stat_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st;
}

constexpr SignatureStamp kStamp = 4711;

// Setting a marker's group takes root or CAP_CHOWN.
bool may_chown() { return ::geteuid() == 0; }

Access access_of(const TempDir& dir, const std::string& name) {
    const TrustedOwners trusted{{0, ::geteuid()}};
    return file_access(file_facts(stat_of(dir / name)),
                       marker_facts(lstat_at(dir.fd(), scanned_marker_name(name, Prefixes{}))),
                       trusted);
}
}  // namespace

TEST(MarkerWriter, AFreshMarkerVouchesForTheFile) {
    if (!may_chown()) GTEST_SKIP() << "needs root";
    TempDir dir;
    std::ofstream(dir / "a.txt") << "content";
    EXPECT_EQ(access_of(dir, "a.txt"), Access::NeedsScan);
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    EXPECT_EQ(access_of(dir, "a.txt"), Access::Allowed);
    std::ofstream(dir / "a.txt", std::ios::app) << " changed";
    EXPECT_EQ(access_of(dir, "a.txt"), Access::NeedsScan);
}

TEST(MarkerWriter, RefreshesItsOwnMarkerInPlace) {
    if (!may_chown()) GTEST_SKIP() << "needs root";
    TempDir dir;
    std::ofstream(dir / "a.txt") << "content";
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    const ino_t first = stat_of(dir / ".scanned:a.txt").st_ino;
    std::ofstream(dir / "a.txt", std::ios::app) << " changed";
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    EXPECT_EQ(stat_of(dir / ".scanned:a.txt").st_ino, first);
    EXPECT_EQ(access_of(dir, "a.txt"), Access::Allowed);
}

TEST(MarkerWriter, ReplacesWhatItDidNotWriteWithoutWritingThroughIt) {
    if (!may_chown()) GTEST_SKIP() << "needs root";
    TempDir dir;
    std::ofstream(dir / "a.txt") << "content";
    std::ofstream(dir / "victim") << "precious";
    const struct stat victim = stat_of(dir / "victim");
    fs::create_symlink(dir / "victim", dir / ".scanned:a.txt");
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    EXPECT_TRUE(S_ISREG(stat_of(dir / ".scanned:a.txt").st_mode));
    // A hard link to someone's file is not reused either.
    ASSERT_EQ(::unlink((dir / ".scanned:a.txt").c_str()), 0);
    ASSERT_EQ(::link((dir / "victim").c_str(), (dir / ".scanned:a.txt").c_str()), 0);
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    EXPECT_NE(stat_of(dir / ".scanned:a.txt").st_ino, victim.st_ino);
    const struct stat after = stat_of(dir / "victim");
    EXPECT_EQ(after.st_gid, victim.st_gid);
    EXPECT_EQ(after.st_mtim.tv_nsec, victim.st_mtim.tv_nsec);
    EXPECT_EQ(after.st_mtim.tv_sec, victim.st_mtim.tv_sec);
}

TEST(MarkerWriter, TheMarkerCarriesTheStampAsItsAccessTime) {
    if (!may_chown()) GTEST_SKIP() << "needs root";
    TempDir dir;
    std::ofstream(dir / "a.txt") << "content";
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp));
    const struct stat marker = stat_of(dir / ".scanned:a.txt");
    EXPECT_EQ(marker.st_atim.tv_sec, kStamp);
    EXPECT_TRUE(same_time(marker.st_mtim, marker.st_ctim));
    ASSERT_TRUE(write_marker(dir.fd(), ".scanned:a.txt", stat_of(dir / "a.txt"), kStamp + 1));
    EXPECT_EQ(stat_of(dir / ".scanned:a.txt").st_atim.tv_sec, kStamp + 1);
}

TEST(MarkerWriter, RemoveEntryRemovesTheLinkNotItsTarget) {
    TempDir dir;
    std::ofstream(dir / "victim") << "precious";
    fs::create_symlink(dir / "victim", dir / ".failed:a.txt");
    remove_entry(dir.fd(), ".failed:a.txt");
    remove_entry(dir.fd(), ".failed:missing");
    EXPECT_FALSE(fs::exists(fs::symlink_status(dir / ".failed:a.txt")));
    EXPECT_TRUE(fs::exists(dir / "victim"));
}
