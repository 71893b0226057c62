#include "scannedonly/rate_limit.hpp"

#include <gtest/gtest.h>

using namespace scannedonly;
using namespace std::chrono_literals;

TEST(RateLimiter, PassesABurstThenCountsWhatItHoldsBack) {
    RateLimiter limiter(2, 60s);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    std::uint64_t suppressed = 99;
    EXPECT_TRUE(limiter.allow(t0, suppressed));
    EXPECT_EQ(suppressed, 0u);
    EXPECT_TRUE(limiter.allow(t0 + 1s, suppressed));
    EXPECT_FALSE(limiter.allow(t0 + 2s, suppressed));
    EXPECT_FALSE(limiter.allow(t0 + 3s, suppressed));
    EXPECT_TRUE(limiter.allow(t0 + 61s, suppressed));
    EXPECT_EQ(suppressed, 2u);
    EXPECT_TRUE(limiter.allow(t0 + 62s, suppressed));
    EXPECT_EQ(suppressed, 0u);
}

TEST(RateLimiter, BurstOfOneLetsAMessageThroughOncePerWindow) {
    RateLimiter limiter(1, 60s);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    EXPECT_TRUE(limiter.allow(t0));
    EXPECT_FALSE(limiter.allow(t0 + 59s));
    EXPECT_TRUE(limiter.allow(t0 + 60s));
}
