#include "scannedonly/protocol.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

namespace {
std::vector<std::string> paths_of(const ParsedDatagram& parsed) {
    std::vector<std::string> paths;
    for (const Request& r : parsed.requests) paths.push_back(r.path);
    return paths;
}

Request parsed_line(std::string_view line, PathError expected = PathError::None) {
    Request r;
    EXPECT_EQ(parse_line(line, r), expected) << line;
    return r;
}
}  // namespace

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
        for (const Request& r : parsed.requests) {
            EXPECT_EQ(r.priority, Priority::Normal);
            received.push_back(r.path);
        }
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
    EXPECT_EQ(paths_of(parsed), (std::vector<std::string>{"/a", "/b"}));
    ASSERT_EQ(parsed.rejected.size(), 2u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::Relative);
    EXPECT_EQ(parsed.rejected[1].error, PathError::NonCanonical);
}

TEST(ParseDatagram, TruncatedLastLineIsRejected) {
    auto parsed = parse_datagram("/a\n/b");
    EXPECT_EQ(paths_of(parsed), std::vector<std::string>{"/a"});
    ASSERT_EQ(parsed.rejected.size(), 1u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::Truncated);
    EXPECT_EQ(parsed.rejected[0].line, "/b");
}

TEST(ParseDatagram, NulInsideALineRejectsOnlyThatLine) {
    auto parsed = parse_datagram(std::string_view("/a\n/b\0c\n/d\n", 11));
    EXPECT_EQ(paths_of(parsed), (std::vector<std::string>{"/a", "/d"}));
    ASSERT_EQ(parsed.rejected.size(), 1u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::ContainsNul);
}

TEST(ParseDatagram, EveryErrorHasADescription) {
    for (auto e : {PathError::None, PathError::Empty, PathError::Relative, PathError::ContainsNul,
                   PathError::ContainsNewline, PathError::TooLong, PathError::NonCanonical,
                   PathError::InvalidUtf8, PathError::Truncated, PathError::UnknownMark})
        EXPECT_STRNE(describe(e), "unknown error");
}

TEST(Priority, NamesRoundTripAndOrder) {
    for (Priority p : {Priority::Bulk, Priority::Rescan, Priority::Normal, Priority::Open})
        EXPECT_EQ(parse_priority(priority_name(p)), p);
    EXPECT_FALSE(parse_priority("Open"));
    EXPECT_FALSE(parse_priority(""));
    EXPECT_LT(Priority::Bulk, Priority::Rescan);
    EXPECT_LT(Priority::Rescan, Priority::Normal);
    EXPECT_LT(Priority::Normal, Priority::Open);
}

TEST(ParseLine, PlainPathIsNormal) {
    const Request r = parsed_line("/srv/share/a.txt");
    EXPECT_EQ(r.path, "/srv/share/a.txt");
    EXPECT_EQ(r.priority, Priority::Normal);
}

TEST(ParseLine, MarkedLinesCarryTheExactPathAfterTheMark) {
    EXPECT_EQ(parsed_line("open:/srv/a").priority, Priority::Open);
    EXPECT_EQ(parsed_line("open:/srv/a").path, "/srv/a");
    EXPECT_EQ(parsed_line("normal:/srv/a").priority, Priority::Normal);
    EXPECT_EQ(parsed_line("bulk:/srv/a").priority, Priority::Bulk);
    EXPECT_EQ(parsed_line("rescan:/srv/a").priority, Priority::Rescan);
    // A path that itself contains marks and colons stays as it is.
    EXPECT_EQ(parsed_line("/open:/x").path, "/open:/x");
    EXPECT_EQ(parsed_line("/open:/x").priority, Priority::Normal);
    EXPECT_EQ(parsed_line("bulk:/a:b/open:c").path, "/a:b/open:c");
}

TEST(ParseLine, MalformedMarksRejectTheLine) {
    parsed_line("urgent:/srv/a", PathError::UnknownMark);
    parsed_line("Open:/srv/a", PathError::UnknownMark);
    parsed_line(" open:/srv/a", PathError::UnknownMark);
    parsed_line(":/srv/a", PathError::UnknownMark);
    parsed_line("open/srv/a", PathError::Relative);
    parsed_line("open:", PathError::Empty);
    parsed_line("open:srv/a", PathError::Relative);
    parsed_line("open: /srv/a", PathError::Relative);
    parsed_line("open:open:/srv/a", PathError::Relative);  // one mark only
    parsed_line("open:/srv/../etc/shadow", PathError::NonCanonical);
    parsed_line("bulk:/" + std::string(kMaxPathBytes, 'a'), PathError::TooLong);
}

TEST(ParseDatagram, MixesMarkedAndPlainLinesAndRejectsPerLine) {
    auto parsed = parse_datagram("/a\nopen:/b\nurgent:/c\nbulk:/d\nopen:relative\n");
    ASSERT_EQ(parsed.requests.size(), 3u);
    EXPECT_EQ(parsed.requests[0].path, "/a");
    EXPECT_EQ(parsed.requests[0].priority, Priority::Normal);
    EXPECT_EQ(parsed.requests[1].path, "/b");
    EXPECT_EQ(parsed.requests[1].priority, Priority::Open);
    EXPECT_EQ(parsed.requests[2].path, "/d");
    EXPECT_EQ(parsed.requests[2].priority, Priority::Bulk);
    ASSERT_EQ(parsed.rejected.size(), 2u);
    EXPECT_EQ(parsed.rejected[0].error, PathError::UnknownMark);
    EXPECT_EQ(parsed.rejected[0].line, "urgent:/c");
    EXPECT_EQ(parsed.rejected[1].error, PathError::Relative);
}

TEST(BatchEncoder, NormalIsSentUnmarkedAsBefore) {
    BatchEncoder encoder;
    ASSERT_EQ(encoder.add("/a"), PathError::None);
    EXPECT_EQ(encoder.take(), std::vector<std::string>{"/a\n"});
}

TEST(BatchEncoder, MarksEveryLineAndCountsTheMarkInTheBatch) {
    for (Priority p : {Priority::Open, Priority::Bulk}) {
        BatchEncoder encoder(p, 64);
        for (int i = 0; i < 20; ++i) ASSERT_EQ(encoder.add("/srv/f" + std::to_string(i)), PathError::None);
        std::size_t count = 0;
        for (const std::string& d : encoder.take()) {
            EXPECT_LE(d.size(), 64u);
            auto parsed = parse_datagram(d);
            EXPECT_TRUE(parsed.rejected.empty());
            for (const Request& r : parsed.requests) {
                EXPECT_EQ(r.priority, p);
                EXPECT_EQ(r.path, "/srv/f" + std::to_string(count++));
            }
        }
        EXPECT_EQ(count, 20u);
    }
}

TEST(BatchEncoder, LongestMarkedPathFitsTheLargestDatagram) {
    BatchEncoder encoder(Priority::Bulk);
    ASSERT_EQ(encoder.add("/" + std::string(kMaxPathBytes - 1, 'x')), PathError::None);
    EXPECT_LE(encoder.take().at(0).size(), kMaxDatagramBytes);
}
