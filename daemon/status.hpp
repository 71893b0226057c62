// The periodic status line: queue depth per lane, counters, and rates since
// the previous line. Key=value pairs, so scripts (the benchmark) can parse it.
#pragma once

#include "counters.hpp"
#include "scannedonly/scan_queue.hpp"

#include <chrono>
#include <string>

namespace scannedonlyd {

class StatusReporter {
public:
    StatusReporter(const Counters& counters, const scannedonly::ScanQueue& queue);
    std::string line();

private:
    const Counters& counters_;
    const scannedonly::ScanQueue& queue_;
    std::chrono::steady_clock::time_point last_time_;
    std::uint64_t last_scanned_ = 0;
    std::uint64_t last_bytes_ = 0;
};

}  // namespace scannedonlyd
