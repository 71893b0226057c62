// Files/s and MB/s over the last minute, from samples of the daemon's
// running totals (the status line's rates are since its previous line).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>

namespace scannedonly {

class RateWindow {
public:
    using Clock = std::chrono::steady_clock;
    explicit RateWindow(Clock::duration span = std::chrono::minutes(1)) : span_(span) {}

    // Totals as they are at `now`; samples older than the span are dropped
    // but the newest of them is kept as the window's start.
    void add(Clock::time_point now, std::uint64_t files, std::uint64_t bytes);

    struct Rates {
        double files_per_second = 0;
        double bytes_per_second = 0;
    };
    // Between the oldest sample kept and the newest; zero before two.
    Rates rates() const;

private:
    struct Sample {
        Clock::time_point at;
        std::uint64_t files;
        std::uint64_t bytes;
    };
    Clock::duration span_;
    std::deque<Sample> samples_;
};

}  // namespace scannedonly
