#include "scannedonly/prescan_report.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

namespace {
Tally waited(std::size_t sent, std::size_t clean, std::size_t infected, std::size_t failed) {
    Tally t;
    t.seen = sent + 3;
    t.already_scanned = 3;
    t.sent = sent;
    t.clean = clean;
    t.infected = infected;
    t.failed = failed;
    return t;
}
}  // namespace

TEST(PrescanReport, ExitStatusForCron) {
    EXPECT_EQ(exit_status(waited(10, 10, 0, 0), true), 0);
    EXPECT_EQ(exit_status(waited(10, 9, 1, 0), true), 1);
    EXPECT_EQ(exit_status(waited(10, 9, 0, 1), true), 2);
    // A virus is what cron must report, even next to failures.
    EXPECT_EQ(exit_status(waited(10, 8, 1, 1), true), 1);
    // Timed out: some still pending.
    EXPECT_EQ(exit_status(waited(10, 5, 0, 0), true), 2);
    // Without --wait, sent files have no verdict yet and that is fine.
    EXPECT_EQ(exit_status(waited(10, 0, 0, 0), false), 0);
    Tally unreadable = waited(10, 10, 0, 0);
    unreadable.errors = 1;
    EXPECT_EQ(exit_status(unreadable, true), 2);
    EXPECT_EQ(exit_status(unreadable, false), 2);
}

TEST(PrescanReport, SummaryLineNamesEveryFigure) {
    EXPECT_EQ(summary_line(waited(300, 299, 1, 0), true, 2100ms),
              "seen 303, already scanned 3, sent 300, clean 299, infected 1, failed 0, 2.1s");
    Tally t = waited(300, 200, 1, 0);
    t.markers_removed = 7;
    t.errors = 2;
    t.outdated = 40;
    t.outdated_rescanned = 30;
    EXPECT_EQ(summary_line(t, true, 61s),
              "seen 303, already scanned 3, sent 300, clean 200, infected 1, failed 0, "
              "pending 99, markers removed 7, outdated 40, outdated rescanned 30, errors 2, 1:01");
    EXPECT_EQ(summary_line(t, false, 0ms),
              "seen 303, already scanned 3, sent 300, markers removed 7, outdated 40, errors 2, "
              "0.0s");
    EXPECT_EQ(summary_line(waited(5, 0, 0, 0), false, 0ms),
              "seen 8, already scanned 3, sent 5, 0.0s");
}

TEST(PrescanReport, ElapsedFormats) {
    EXPECT_EQ(format_elapsed(0ms), "0.0s");
    EXPECT_EQ(format_elapsed(59'949ms), "59.9s");
    EXPECT_EQ(format_elapsed(12min + 5s), "12:05");
    EXPECT_EQ(format_elapsed(3h + 2min + 9s), "3:02:09");
}

TEST(PrescanReport, ProgressBarFillsWithVerdicts) {
    EXPECT_EQ(progress_line(waited(10, 5, 0, 0), 1s, 10),
              "[#####.....]  50% 5/10  infected 0  failed 0  1.0s");
    EXPECT_EQ(progress_line(waited(10, 9, 1, 0), 1s, 10),
              "[##########] 100% 10/10  infected 1  failed 0  1.0s");
    EXPECT_EQ(progress_line(Tally{}, 0ms, 4), "[....]   0% 0/0  infected 0  failed 0  0.0s");
}
