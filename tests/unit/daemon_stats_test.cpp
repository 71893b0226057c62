#include "scannedonly/daemon_stats.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;

namespace {
DaemonStats sample() {
    DaemonStats s;
    s.version = "0.31.0";
    s.libclamav_version = "1.4.1";
    s.signature_version = "27100";
    s.signature_date = "Tue Dec  1 09:00:00 2026";
    s.engine_loaded_at = "2026-12-02T01:00:00Z";
    s.small_queued = 3;
    s.small_oldest_queued_seconds = 0.25;
    s.open_queued = 1;
    s.bulk_queued = 2;
    s.large_active = 1;
    s.clean = 9;
    s.infected = 1;
    s.bytes = 123456789012;
    s.files_per_second = 1.5;
    s.scans = {{"large", 12.5, "/srv/share/with space \"q\".iso"}};
    return s;
}
}  // namespace

TEST(DaemonStats, TextRoundTrips) {
    const DaemonStats s = sample();
    const auto back = parse_stats(format_stats(s));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->signature_date, s.signature_date);
    EXPECT_EQ(back->small_queued, 3);
    EXPECT_EQ(back->small_oldest_queued_seconds, 0.25);
    EXPECT_EQ(back->open_queued, 1);
    EXPECT_EQ(back->bulk_queued, 2);
    EXPECT_EQ(back->bytes, 123456789012.0);
    ASSERT_EQ(back->scans.size(), 1u);
    EXPECT_EQ(back->scans[0].path, s.scans[0].path);
    EXPECT_EQ(back->scans[0].seconds, 12.5);
    EXPECT_EQ(back->scans[0].lane, "large");
}

TEST(DaemonStats, ATruncatedReplyIsNoReplyAndNewKeysAreSkipped) {
    std::string text = format_stats(sample());
    EXPECT_FALSE(parse_stats(text.substr(0, text.size() - 3)));
    EXPECT_TRUE(parse_stats("some_future_key 7\nclean 2\nEND"));
    EXPECT_EQ(parse_stats("some_future_key 7\nclean 2\nEND")->clean, 2);
}

TEST(DaemonStats, JsonHasEveryKeyAndEscapesPaths) {
    const std::string json = stats_json(sample());
    for (const StatField& f : stat_fields())
        EXPECT_NE(json.find("\"" + std::string(f.key) + "\":"), std::string::npos) << f.key;
    EXPECT_NE(json.find("\"path\":\"/srv/share/with space \\\"q\\\".iso\""), std::string::npos);
    EXPECT_NE(json.find("\"signature_version\":\"27100\""), std::string::npos);
}

TEST(DaemonStats, PrometheusGroupsSamplesUnderOneHeader) {
    const std::string text = stats_prometheus(sample());
    EXPECT_NE(text.find("scannedonly_files_total{verdict=\"clean\"} 9\n"), std::string::npos);
    EXPECT_NE(text.find("scannedonly_queued{lane=\"small\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("scannedonly_queued_by_priority{priority=\"bulk\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("scannedonly_scanned_bytes_total 123456789012\n"), std::string::npos);
    std::size_t headers = 0;
    for (std::size_t at = 0; (at = text.find("# TYPE scannedonly_files_total ", at)) != std::string::npos; ++at)
        ++headers;
    EXPECT_EQ(headers, 1u);
}

TEST(DaemonStats, SummaryAnswersTheAdministratorsQuestions) {
    const std::string text = stats_summary(sample());
    EXPECT_NE(text.find("version 27100 (Tue Dec  1 09:00:00 2026)"), std::string::npos);
    EXPECT_NE(text.find("small 3 waiting (oldest 0.2 s)"), std::string::npos);
    EXPECT_NE(text.find("waiting by priority: open 1, normal 0, rescan 0, bulk 2"), std::string::npos);
    EXPECT_NE(text.find("1 infected"), std::string::npos);
    EXPECT_NE(text.find("scanning (large, 12.5 s): /srv/share/with space"), std::string::npos);
}
