#include "scannedonly/failed_retry.hpp"

namespace scannedonly {

namespace {

std::chrono::milliseconds since(const timespec& earlier, const timespec& later) {
    using namespace std::chrono;
    return duration_cast<milliseconds>(seconds(later.tv_sec - earlier.tv_sec) +
                                       nanoseconds(later.tv_nsec - earlier.tv_nsec));
}

}  // namespace

bool failure_stands(const FailedScan& f, const TrustedOwners& trusted) {
    const MarkerFacts& m = f.failed_marker;
    if (!m.exists || file_access(f.file, m, trusted) != Access::Allowed) return false;
    if (!ctime_newer(m.mtime, f.engine_loaded)) return false;
    return f.retry_interval.count() == 0 || since(m.mtime, f.now) < f.retry_interval;
}

}  // namespace scannedonly
