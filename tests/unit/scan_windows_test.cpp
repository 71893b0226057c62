#include "scannedonly/scan_windows.hpp"

#include <gtest/gtest.h>

using scannedonly::kScanWindowOverlap;
using scannedonly::scan_windows;

namespace {

constexpr std::uint64_t kMiB = 1ULL << 20;

TEST(ScanWindows, FileNoLargerThanTheWindowIsOneScan) {
    for (std::uint64_t size : {std::uint64_t{0}, std::uint64_t{1}, 64 * kMiB}) {
        const auto w = scan_windows(size, 64 * kMiB);
        ASSERT_EQ(w.size(), 1u) << size;
        EXPECT_EQ(w[0].offset, 0u);
        EXPECT_EQ(w[0].length, size);
    }
}

TEST(ScanWindows, LargerFileIsCoveredByOverlappingWindows) {
    const std::uint64_t window = 64 * kMiB, size = 200 * kMiB + 123;
    const auto w = scan_windows(size, window);
    ASSERT_EQ(w.size(), 4u);
    EXPECT_EQ(w[0].offset, 0u);
    for (std::size_t i = 1; i < w.size(); ++i) {
        EXPECT_LE(w[i].length, window);
        // Each starts inside the previous one, exactly one overlap before its end.
        EXPECT_EQ(w[i].offset + kScanWindowOverlap, w[i - 1].offset + w[i - 1].length);
    }
    EXPECT_EQ(w.back().offset + w.back().length, size);
}

TEST(ScanWindows, NoEmptyTrailingWindowWhenTheLastEndsExactlyAtTheEnd) {
    const std::uint64_t window = 16 * kMiB;
    const std::uint64_t size = window + (window - kScanWindowOverlap);
    const auto w = scan_windows(size, window);
    ASSERT_EQ(w.size(), 2u);
    EXPECT_EQ(w[1].offset + w[1].length, size);
    EXPECT_EQ(w[1].length, window);
}

TEST(ScanWindows, ThreeGibibytesInOneGibibyteWindows) {
    const auto w = scan_windows(3ULL << 30, 1ULL << 30);
    ASSERT_EQ(w.size(), 4u);  // 3 GiB of 1 GiB windows, each starting 1 MiB early
    EXPECT_EQ(w[3].offset + w[3].length, 3ULL << 30);
    EXPECT_EQ(w[3].length, 3 * kMiB);
}

}  // namespace

TEST(ScanWindows, OnlyDataStoredAsItLiesIsSeenWholeInWindows) {
    using scannedonly::windows_see_whole;
    for (const char* stored : {"", "CL_TYPE_BINARY_DATA", "CL_TYPE_TEXT_ASCII", "CL_TYPE_POSIX_TAR",
                               "CL_TYPE_ISO9660", "CL_TYPE_GPT"})
        EXPECT_TRUE(windows_see_whole(stored)) << stored;
    for (const char* packed : {"CL_TYPE_ZIP", "CL_TYPE_GZ", "CL_TYPE_7Z", "CL_TYPE_RAR",
                               "CL_TYPE_MSEXE", "CL_TYPE_PDF", "CL_TYPE_binary_data"})
        EXPECT_FALSE(windows_see_whole(packed)) << packed;
}
