#include "scannedonly/rate_window.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

TEST(RateWindow, NothingBeforeTwoSamples) {
    RateWindow w;
    EXPECT_EQ(w.rates().files_per_second, 0);
    w.add(RateWindow::Clock::time_point{} + 1h, 10, 1000);
    EXPECT_EQ(w.rates().files_per_second, 0);
}

TEST(RateWindow, RatesCoverOnlyTheLastMinute) {
    RateWindow w(60s);
    const auto t0 = RateWindow::Clock::time_point{} + 1h;
    // A burst long ago, then a steady 2 files and 2 MB a second.
    w.add(t0, 0, 0);
    w.add(t0 + 1s, 1000, 1000 << 20);
    for (int s = 0; s <= 120; ++s)
        w.add(t0 + 100s + std::chrono::seconds(s), 1000 + 2 * s,
              (1000ull << 20) + 2ull * s * (1 << 20));
    EXPECT_NEAR(w.rates().files_per_second, 2.0, 0.01);
    EXPECT_NEAR(w.rates().bytes_per_second, 2.0 * (1 << 20), 1.0);
}

TEST(RateWindow, AnIdleMinuteAfterABurstReadsZero) {
    RateWindow w(60s);
    const auto t0 = RateWindow::Clock::time_point{} + 1h;
    w.add(t0, 0, 0);
    w.add(t0 + 1s, 500, 0);
    for (int s = 2; s <= 70; ++s) w.add(t0 + std::chrono::seconds(s), 500, 0);
    EXPECT_EQ(w.rates().files_per_second, 0);
}
