// The scans in progress, with their path and start, for STATS.
#pragma once

#include "scannedonly/daemon_stats.hpp"
#include "scannedonly/scan_queue.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace scannedonlyd {

class ActiveScans {
public:
    // Registers a job for as long as it lives.
    class Entry {
    public:
        Entry(ActiveScans& scans, const scannedonly::ScanJob& job);
        ~Entry();
        Entry(const Entry&) = delete;
        Entry& operator=(const Entry&) = delete;

    private:
        ActiveScans& scans_;
        std::uint64_t id_;
    };

    // Oldest first; paths printable().
    std::vector<scannedonly::ActiveScan> list() const;

private:
    struct Scan {
        std::string path;
        scannedonly::Lane lane;
        std::chrono::steady_clock::time_point start;
    };
    mutable std::mutex mutex_;
    std::uint64_t next_id_ = 0;
    std::map<std::uint64_t, Scan> scans_;
};

}  // namespace scannedonlyd
