#include "scannedonly/scan_queue.hpp"

namespace scannedonly {

ScanQueue::ScanQueue(std::size_t capacity, unsigned large_slots)
    : capacity_(capacity), large_slots_(large_slots) {}

ScanQueue::Push ScanQueue::push(std::string path, Lane lane) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Push::Closed;
        if (waiting_.contains(path)) return Push::Duplicate;
        if (waiting_.size() >= capacity_) return Push::Full;
        waiting_.insert(path);
        (lane == Lane::Large ? large_ : small_).push_back(std::move(path));
    }
    // Every waiter: a large job may only suit a waiter that a small one
    // would not wake, and waiters are few (one per scanning thread).
    ready_.notify_all();
    return Push::Queued;
}

std::optional<ScanJob> ScanQueue::take_locked(bool may_take_large) {
    const bool large_allowed = may_take_large && !large_.empty() && active_large_ < large_slots_;
    std::deque<std::string>* lane = large_allowed ? &large_ : (small_.empty() ? nullptr : &small_);
    if (!lane) return std::nullopt;
    ScanJob job{std::move(lane->front()), large_allowed ? Lane::Large : Lane::Small};
    lane->pop_front();
    waiting_.erase(job.path);
    ++(job.lane == Lane::Large ? active_large_ : active_small_);
    return job;
}

std::optional<ScanJob> ScanQueue::pop(bool may_take_large) {
    std::unique_lock lock(mutex_);
    std::optional<ScanJob> job;
    ready_.wait(lock, [&] { return closed_ || (job = take_locked(may_take_large)).has_value(); });
    return job;  // empty only when closed
}

void ScanQueue::done(Lane lane) {
    {
        std::lock_guard lock(mutex_);
        --(lane == Lane::Large ? active_large_ : active_small_);
    }
    // A large slot may have come free.
    if (lane == Lane::Large) ready_.notify_all();
}

void ScanQueue::close() {
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
    }
    ready_.notify_all();
}

QueueFigures ScanQueue::figures() const {
    std::lock_guard lock(mutex_);
    return {small_.size(), large_.size(), active_small_, active_large_};
}

}  // namespace scannedonly
