// Rate limiting for log lines that a sender controls (malformed requests,
// paths outside the scan roots) or that repeat while something stays wrong
// (the daemon down, for the module): a flood must not flood the log.
#pragma once

#include <chrono>
#include <cstdint>

namespace scannedonly {

// At most `burst` events per `window` pass; the rest are counted. Not
// thread-safe: one limiter per thread that logs.
class RateLimiter {
public:
    using Clock = std::chrono::steady_clock;
    RateLimiter(unsigned burst, Clock::duration window);

    // True when this event may be logged; then `suppressed` tells how many
    // events were held back since the last one that passed.
    bool allow(Clock::time_point now, std::uint64_t& suppressed);
    // For a caller that does not say how many were held back.
    bool allow(Clock::time_point now);

private:
    unsigned burst_;
    Clock::duration window_;
    Clock::time_point window_start_{};
    unsigned passed_ = 0;
    std::uint64_t suppressed_ = 0;
};

}  // namespace scannedonly
