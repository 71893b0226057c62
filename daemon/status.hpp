// The periodic status line: queue depth per lane, counters, and rates since
// the previous line. Key=value pairs, so scripts (the benchmark) can parse it.
#pragma once

#include "counters.hpp"
#include "scannedonly/scan_queue.hpp"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

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

// Every interval, logs the status line and hands it to systemd (STATUS=),
// on a thread of its own: sd_notify blocks while nobody reads the
// notification socket, and the thread receiving requests must never wait.
class StatusThread {
public:
    // interval 0: no lines until set_interval() gives one.
    StatusThread(StatusReporter& reporter, std::chrono::milliseconds interval);
    ~StatusThread();  // stops and joins
    StatusThread(const StatusThread&) = delete;
    StatusThread& operator=(const StatusThread&) = delete;

    void set_interval(std::chrono::milliseconds interval);

private:
    void run(StatusReporter& reporter);

    std::mutex mutex_;
    std::condition_variable woken_;
    std::chrono::milliseconds interval_;
    bool stop_ = false;
    std::thread thread_;  // last: it starts with the members above made
};

}  // namespace scannedonlyd
