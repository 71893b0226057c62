#include "scannedonly/rate_limit.hpp"

namespace scannedonly {

RateLimiter::RateLimiter(unsigned burst, Clock::duration window)
    : burst_(burst), window_(window) {}

bool RateLimiter::allow(Clock::time_point now, std::uint64_t& suppressed) {
    if (passed_ == 0 || now - window_start_ >= window_) {
        window_start_ = now;
        passed_ = 0;
    }
    if (passed_ >= burst_) {
        ++suppressed_;
        return false;
    }
    ++passed_;
    suppressed = suppressed_;
    suppressed_ = 0;
    return true;
}

bool RateLimiter::allow(Clock::time_point now) {
    std::uint64_t ignored = 0;
    return allow(now, ignored);
}

}  // namespace scannedonly
