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
    s.signature_stamp = "4861723";
    s.outdated_seen = 40;
    s.outdated_rescanned = 30;
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
    s.engine = "clamd";
    s.servers = {{"tcp:10.0.0.5:3310", "up", 2, 1500, 1, "ClamAV 1.4.2/27456/Mon Dec  1 09:35:00 2026"},
                 {"unix:/run/clamav/clamd.ctl", "down", 0, 7, 3, ""}};
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
    EXPECT_EQ(back->engine, "clamd");
    ASSERT_EQ(back->servers.size(), 2u);
    EXPECT_EQ(back->servers[0].name, "tcp:10.0.0.5:3310");
    EXPECT_EQ(back->servers[0].state, "up");
    EXPECT_EQ(back->servers[0].outstanding, 2);
    EXPECT_EQ(back->servers[0].scans, 1500);
    EXPECT_EQ(back->servers[0].errors, 1);
    EXPECT_EQ(back->servers[0].version, s.servers[0].version);
    EXPECT_EQ(back->servers[1].state, "down");
    EXPECT_EQ(back->servers[1].version, "");
}

TEST(DaemonStats, EveryClamdServerIsShown) {
    const DaemonStats s = sample();
    const std::string prometheus = stats_prometheus(s);
    EXPECT_NE(prometheus.find("scannedonly_clamd_up{server=\"tcp:10.0.0.5:3310\"} 1\n"),
              std::string::npos);
    EXPECT_NE(prometheus.find("scannedonly_clamd_errors_total{server=\"unix:/run/clamav/clamd.ctl\"} 3\n"),
              std::string::npos);
    const std::string summary = stats_summary(s);
    EXPECT_NE(summary.find("clamd tcp:10.0.0.5:3310: up, 2 outstanding, 1500 scans, 1 errors, "
                           "ClamAV 1.4.2/27456/"),
              std::string::npos);
    EXPECT_NE(stats_json(s).find("\"servers\":[{\"name\":\"tcp:10.0.0.5:3310\",\"state\":\"up\""),
              std::string::npos);
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
    EXPECT_NE(text.find("version 27100 (Tue Dec  1 09:00:00 2026), stamp 4861723"),
              std::string::npos);
    EXPECT_NE(text.find("outdated markers 40 seen, 30 rescanned"), std::string::npos);
    EXPECT_NE(text.find("small 3 waiting (oldest 0.2 s)"), std::string::npos);
    EXPECT_NE(text.find("waiting by priority: open 1, normal 0, rescan 0, bulk 2"), std::string::npos);
    EXPECT_NE(text.find("1 infected"), std::string::npos);
    EXPECT_NE(text.find("scanning (large, 12.5 s): /srv/share/with space"), std::string::npos);
}
