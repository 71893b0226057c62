#include "scannedonly/protocol.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

TEST(CheckPath, AcceptsCanonicalAbsolutePaths) {
    EXPECT_EQ(check_path("/srv/share/a.txt"), PathError::None);
    EXPECT_EQ(check_path("/srv/share/dir with space/ü.txt"), PathError::None);
    EXPECT_EQ(check_path("/"), PathError::None);
}

TEST(CheckPath, RejectsEachMalformedKind) {
    EXPECT_EQ(check_path(""), PathError::Empty);
    EXPECT_EQ(check_path("srv/a"), PathError::Relative);
    EXPECT_EQ(check_path(std::string_view("/srv/a\0b", 8)), PathError::ContainsNul);
    EXPECT_EQ(check_path("/srv/a\nb"), PathError::ContainsNewline);
    EXPECT_EQ(check_path("/" + std::string(kMaxPathBytes, 'a')), PathError::TooLong);
    EXPECT_EQ(check_path("/srv//a"), PathError::NonCanonical);
    EXPECT_EQ(check_path("/srv/./a"), PathError::NonCanonical);
    EXPECT_EQ(check_path("/srv/../etc/shadow"), PathError::NonCanonical);
    EXPECT_EQ(check_path("/srv/.."), PathError::NonCanonical);
    EXPECT_EQ(check_path("/srv/a/"), PathError::NonCanonical);
    EXPECT_EQ(check_path("/srv/\xff"), PathError::InvalidUtf8);
}

TEST(CheckPath, DotNamesThatAreNotDotComponentsAreFine) {
    EXPECT_EQ(check_path("/srv/.hidden"), PathError::None);
    EXPECT_EQ(check_path("/srv/..x"), PathError::None);
    EXPECT_EQ(check_path("/srv/.../a"), PathError::None);
}

TEST(BatchEncoder, PacksPathsIntoBoundedDatagrams) {
    BatchEncoder encoder;
    std::vector<std::string> sent;
    for (int i = 0; i < 200; ++i) {
        std::string path = "/srv/share/file-" + std::to_string(i);
        ASSERT_EQ(encoder.add(path), PathError::None);
        sent.push_back(path);
    }
    auto datagrams = encoder.take();
    EXPECT_GT(datagrams.size(), 1u);
    std::vector<std::string> received;
    for (const auto& d : datagrams) {
        EXPECT_LE(d.size(), kBatchBytes);
        auto parsed = parse_datagram(d);
        EXPECT_TRUE(parsed.rejected.empty());
        received.insert(received.end(), parsed.paths.begin(), parsed.paths.end());
    }
    EXPECT_EQ(received, sent);
    EXPECT_TRUE(encoder.empty());
}

TEST(BatchEncoder, LongPathTravelsAlone) {
    BatchEncoder encoder;
    std::string long_path = "/" + std::string(3000, 'x');
    ASSERT_EQ(encoder.add("/a"), PathError::None);
    ASSERT_EQ(encoder.add(long_path), PathError::None);
    ASSERT_EQ(encoder.add("/b"), PathError::None);
    auto datagrams = encoder.take();
    ASSERT_EQ(datagrams.size(), 3u);
    EXPECT_EQ(datagrams[1], long_path + "\n");
    EXPECT_LE(datagrams[1].size(), kMaxDatagramBytes);
}

TEST(BatchEncoder, RefusesUnframablePaths) {
    BatchEncoder encoder;
    EXPECT_EQ(encoder.add("/a\nb"), PathError::ContainsNewline);
    EXPECT_EQ(encoder.add("relative"), PathError::Relative);
    EXPECT_TRUE(encoder.empty());
}

TEST(ParseDatagram, SplitsValidAndRejectedLines) {
    auto parsed = parse_datagram("/a\nrelative\n\n/b\n/c/../d\n");
    EXPECT_EQ(parsed.paths, (std::vector<std::string>{"/a", "/b"}));
    ASSERT_EQ(parsed.rejected.size(), 2u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::Relative);
    EXPECT_EQ(parsed.rejected[1].error, PathError::NonCanonical);
}

TEST(ParseDatagram, TruncatedLastLineIsRejected) {
    auto parsed = parse_datagram("/a\n/b");
    EXPECT_EQ(parsed.paths, std::vector<std::string>{"/a"});
    ASSERT_EQ(parsed.rejected.size(), 1u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::Truncated);
    EXPECT_EQ(parsed.rejected[0].line, "/b");
}

TEST(ParseDatagram, NulInsideALineRejectsOnlyThatLine) {
    auto parsed = parse_datagram(std::string_view("/a\n/b\0c\n/d\n", 11));
    EXPECT_EQ(parsed.paths, (std::vector<std::string>{"/a", "/d"}));
    ASSERT_EQ(parsed.rejected.size(), 1u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::ContainsNul);
}

TEST(ParseDatagram, EveryErrorHasADescription) {
    for (auto e : {PathError::None, PathError::Empty, PathError::Relative, PathError::ContainsNul,
                   PathError::ContainsNewline, PathError::TooLong, PathError::NonCanonical,
                   PathError::InvalidUtf8, PathError::Truncated})
        EXPECT_STRNE(describe(e), "unknown error");
}
