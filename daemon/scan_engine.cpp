#include "scan_engine.hpp"

#include <string_view>
#include <utility>

namespace scannedonlyd {

// With libclamav's CL_SCAN_HEURISTIC_EXCEEDS_MAX, and clamd's
// AlertExceedsMax, a file not scanned completely is reported under this
// name instead of being called clean.
constexpr std::string_view kLimitsExceeded = "Heuristics.Limits.Exceeded";

ScanResult found(std::string signature) {
    if (signature.starts_with(kLimitsExceeded)) return {ScanResult::LimitsExceeded, std::move(signature)};
    return {ScanResult::Infected, std::move(signature)};
}

std::shared_ptr<const ScanEngine> EngineHolder::get() const {
    std::lock_guard lock(mutex_);
    return engine_;
}

std::shared_ptr<const ScanEngine> EngineHolder::set(std::shared_ptr<const ScanEngine> engine) {
    std::lock_guard lock(mutex_);
    clock_gettime(CLOCK_REALTIME, &loaded_at_);
    return std::exchange(engine_, std::move(engine));
}

timespec EngineHolder::loaded_at() const {
    std::lock_guard lock(mutex_);
    return loaded_at_;
}

}  // namespace scannedonlyd
