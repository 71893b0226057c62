#include "status.hpp"

#include "log.hpp"

#include <systemd/sd-daemon.h>

#include <cstdio>

namespace scannedonlyd {

StatusReporter::StatusReporter(const Counters& counters, const scannedonly::ScanQueue& queue)
    : counters_(counters), queue_(queue), last_time_(std::chrono::steady_clock::now()) {}

std::string StatusReporter::line() {
    const auto now = std::chrono::steady_clock::now();
    const double seconds = std::chrono::duration<double>(now - last_time_).count();
    const std::uint64_t scanned = counters_.scanned, bytes = counters_.bytes;
    const double files_per_s = seconds > 0 ? (scanned - last_scanned_) / seconds : 0;
    const double mb_per_s = seconds > 0 ? (bytes - last_bytes_) / seconds / (1 << 20) : 0;
    last_time_ = now;
    last_scanned_ = scanned;
    last_bytes_ = bytes;

    const scannedonly::QueueFigures q = queue_.figures();
    using scannedonly::Priority;
    const auto by = [&q](Priority p) { return q.queued_by_priority[static_cast<std::size_t>(p)]; };
    char buf[768];
    std::snprintf(buf, sizeof buf,
                  "status small_queued=%zu large_queued=%zu open_queued=%zu normal_queued=%zu "
                  "rescan_queued=%zu bulk_queued=%zu small_active=%u large_active=%u "
                  "scanned=%llu clean=%llu infected=%llu failed=%llu exceeded=%llu dropped=%llu "
                  "malformed=%llu ignored=%llu outdated_seen=%llu outdated_rescanned=%llu "
                  "retry_later=%zu files_per_s=%.1f mb_per_s=%.2f",
                  q.queued_small, q.queued_large, by(Priority::Open), by(Priority::Normal),
                  by(Priority::Rescan), by(Priority::Bulk), q.active_small, q.active_large,
                  static_cast<unsigned long long>(scanned),
                  static_cast<unsigned long long>(counters_.clean.load()),
                  static_cast<unsigned long long>(counters_.infected.load()),
                  static_cast<unsigned long long>(counters_.failed.load()),
                  static_cast<unsigned long long>(counters_.exceeded.load()),
                  static_cast<unsigned long long>(counters_.dropped.load()),
                  static_cast<unsigned long long>(counters_.malformed.load()),
                  static_cast<unsigned long long>(counters_.ignored.load()),
                  static_cast<unsigned long long>(counters_.outdated_seen.load()),
                  static_cast<unsigned long long>(counters_.outdated_rescanned.load()), q.retry_later,
                  files_per_s, mb_per_s);
    return buf;
}

StatusThread::StatusThread(StatusReporter& reporter, std::chrono::milliseconds interval)
    : interval_(interval), thread_([this, &reporter] { run(reporter); }) {}

void StatusThread::run(StatusReporter& reporter) {
    std::unique_lock lock(mutex_);
    while (!stop_) {
        if (interval_.count() <= 0) {
            woken_.wait(lock);
            continue;
        }
        const auto interval = interval_;
        if (woken_.wait_for(lock, interval, [&] { return stop_ || interval_ != interval; }))
            continue;
        lock.unlock();
        const std::string line = reporter.line();
        log(LOG_NOTICE, line);
        sd_notifyf(0, "STATUS=%s", line.c_str());
        lock.lock();
    }
}

// A new interval starts counting now.
void StatusThread::set_interval(std::chrono::milliseconds interval) {
    {
        std::lock_guard lock(mutex_);
        interval_ = interval;
    }
    woken_.notify_all();
}

StatusThread::~StatusThread() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    woken_.notify_all();
    thread_.join();
}

}  // namespace scannedonlyd
