#include "scannedonly/file_image.hpp"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <string>

using namespace scannedonly;

namespace {

// A file with the given bytes, already unlinked; its descriptor.
int file_with(const std::string& bytes) {
    char name[] = "/tmp/file-image-test-XXXXXX";
    const int fd = mkstemp(name);
    unlink(name);
    EXPECT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
    return fd;
}

std::string pattern(std::size_t size, char seed) {
    std::string bytes(size, '\0');
    for (std::size_t i = 0; i < size; ++i) bytes[i] = static_cast<char>(seed + i * 7);
    return bytes;
}

std::string contents(const FileImage& image) { return std::string(image.data(), image.size()); }

}  // namespace

TEST(FileImage, ReadsTheWholeFile) {
    const std::string bytes = pattern(100000, 'a');
    const int fd = file_with(bytes);
    const FileImage image(fd, bytes.size());
    ASSERT_TRUE(image);
    EXPECT_EQ(contents(image), bytes);
    close(fd);
}

TEST(FileImage, ReadsAWindowFromAnOffset) {
    const std::string bytes = pattern(600000, 'w');
    const int fd = file_with(bytes);
    const FileImage image(fd, 300000, 250000);
    ASSERT_TRUE(image);
    EXPECT_EQ(contents(image), bytes.substr(250000, 300000));
    const FileImage tail(fd, 300000, 500000);  // past the end: what is there
    EXPECT_EQ(contents(tail), bytes.substr(500000));
    close(fd);
}

TEST(FileImage, AFileThatShrankGivesWhatIsLeft) {
    const int fd = file_with("short");
    const FileImage image(fd, 4096);
    ASSERT_TRUE(image);
    EXPECT_EQ(contents(image), "short");
    close(fd);
}

TEST(FileImage, ReusedBufferHoldsOnlyTheNewFile) {
    const int big = file_with(pattern(3 << 20, 'x'));
    { const FileImage first(big, 3 << 20); ASSERT_TRUE(first); }
    const std::string bytes = pattern(1000, 'q');
    const int small = file_with(bytes);
    const FileImage second(small, bytes.size());
    ASSERT_TRUE(second);
    EXPECT_EQ(contents(second), bytes);
    close(big);
    close(small);
}

TEST(FileImage, FilesLargerThanTheKeptBufferAreReadWhole) {
    const std::string bytes = pattern(9 << 20, 'L');
    const int fd = file_with(bytes);
    { const FileImage image(fd, bytes.size()); ASSERT_TRUE(image); EXPECT_EQ(contents(image), bytes); }
    const FileImage again(fd, bytes.size());  // after the big buffer was freed
    ASSERT_TRUE(again);
    EXPECT_EQ(contents(again), bytes);
    close(fd);
}

TEST(FileImage, AReadErrorIsReportedWithErrno) {
    const int fd = open("/tmp", O_RDONLY | O_DIRECTORY);
    errno = 0;
    const FileImage image(fd, 10);
    EXPECT_FALSE(image);
    EXPECT_EQ(errno, EISDIR);
    close(fd);
}
