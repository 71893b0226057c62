#include "scannedonly/beneath.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace scannedonly;
namespace fs = std::filesystem;

class Beneath : public ::testing::TestWithParam<Resolver> {
protected:
    void SetUp() override {
        char tmpl[] = "/tmp/beneath-test-XXXXXX";
        ASSERT_NE(mkdtemp(tmpl), nullptr);
        base_ = tmpl;
        fs::create_directories(base_ / "root/a/b");
        fs::create_directories(base_ / "outside");
        std::ofstream(base_ / "root/a/b/file") << "x";
        std::ofstream(base_ / "outside/secret") << "s";
        fs::create_directory_symlink(base_ / "outside", base_ / "root/a/link");
        fs::create_directory_symlink("b", base_ / "root/a/relative");
        fs::create_symlink(base_ / "outside/secret", base_ / "root/a/b/filelink");
        mkfifo((base_ / "root/a/b/fifo").c_str(), 0600);
        root_ = open((base_ / "root").c_str(), O_RDONLY | O_DIRECTORY);
        ASSERT_GE(root_, 0);
    }
    void TearDown() override {
        close(root_);
        fs::remove_all(base_);
    }
    int open_dir(const char* relative) { return open_dir_beneath(root_, relative, GetParam()); }

    fs::path base_;
    int root_ = -1;
};

TEST_P(Beneath, OpensPlainDirectories) {
    const int fd = open_dir("a/b");
    ASSERT_GE(fd, 0);
    const int file = open_file_nofollow(fd, "file");
    EXPECT_GE(file, 0);
    close(file);
    close(fd);
    const int self = open_dir("");
    EXPECT_GE(self, 0);
    close(self);
}

TEST_P(Beneath, RefusesEverySymlinkOnTheWay) {
    errno = 0;
    EXPECT_EQ(open_dir("a/link"), -1);
    EXPECT_EQ(errno, ELOOP);
    EXPECT_EQ(open_dir("a/relative"), -1);
    EXPECT_EQ(open_dir("a/link/x"), -1);
}

TEST_P(Beneath, RefusesEscapes) {
    EXPECT_EQ(open_dir(".."), -1);
    EXPECT_EQ(open_dir("a/../.."), -1);
}

TEST_P(Beneath, FileOpenRefusesSymlinksAndDoesNotBlockOnFifos) {
    const int dir = open_dir("a/b");
    ASSERT_GE(dir, 0);
    errno = 0;
    EXPECT_EQ(open_file_nofollow(dir, "filelink"), -1);
    EXPECT_EQ(errno, ELOOP);
    const int fifo = open_file_nofollow(dir, "fifo");  // returns at once
    EXPECT_GE(fifo, 0);
    close(fifo);
    close(dir);
}

INSTANTIATE_TEST_SUITE_P(BothResolvers, Beneath,
                         ::testing::Values(Resolver::Openat2, Resolver::Component));
