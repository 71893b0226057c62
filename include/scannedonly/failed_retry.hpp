// When a file whose scan failed is scanned again. A failure (a limit
// exceeded, an unreadable archive) repeats for the same content, the same
// signatures and the same limits, so rescanning it on every request only
// costs a scan and a warning each time. It is retried when one of them may
// have changed, or after a backoff, since some failures are passing (a full
// temporary directory).
#pragma once

#include "scannedonly/markers.hpp"

#include <chrono>
#include <ctime>

namespace scannedonly {

struct FailedScan {
    FileFacts file;
    MarkerFacts failed_marker;  // its .failed: marker
    timespec engine_loaded{};   // when the engine in use was compiled (signatures, limits)
    timespec now{};
    std::chrono::milliseconds retry_interval{};  // zero: no retry on time alone
};

// True when the .failed: marker still stands for this request: it vouches
// for the file as it is (file_access's rules: a change to the file makes it
// stale), it was written after the engine in use was compiled, and it is
// younger than retry_interval.
bool failure_stands(const FailedScan& facts, const TrustedOwners& trusted);

}  // namespace scannedonly
