#include "scannedonly/scan_queue.hpp"

#include <algorithm>

namespace scannedonly {

std::chrono::milliseconds retry_delay(std::chrono::milliseconds scan_time) {
    return std::max(scan_time, std::chrono::milliseconds(1000));
}

ScanQueue::ScanQueue(std::size_t capacity, unsigned large_slots)
    : capacity_(capacity), large_slots_(large_slots) {}

ScanQueue::Push ScanQueue::push(std::string path, Lane lane) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Push::Closed;
        if (waiting_.contains(path)) return Push::Duplicate;
        if (auto later = find_later_locked(path); later != later_.end()) later_.erase(later);
        else if (size_locked() >= capacity_) return Push::Full;
        waiting_.insert(path);
        (lane == Lane::Large ? large_ : small_).push_back({std::move(path), Clock::now()});
    }
    // Every waiter: a large job may only suit a waiter that a small one
    // would not wake, and waiters are few (one per scanning thread).
    ready_.notify_all();
    return Push::Queued;
}

ScanQueue::Push ScanQueue::retry_later(std::string path, Lane lane, Clock::duration delay) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Push::Closed;
        if (waiting_.contains(path) || find_later_locked(path) != later_.end())
            return Push::Duplicate;
        if (size_locked() >= capacity_) return Push::Full;
        later_.push_back({Clock::now() + delay, {std::move(path), lane}});
    }
    ready_.notify_all();  // idle workers wait for the earliest due time
    return Push::Queued;
}

std::vector<ScanQueue::Later>::iterator ScanQueue::find_later_locked(const std::string& path) {
    return std::find_if(later_.begin(), later_.end(),
                        [&](const Later& l) { return l.job.path == path; });
}

void ScanQueue::admit_due_locked() {
    const auto now = Clock::now();
    std::erase_if(later_, [&](Later& l) {
        if (l.due > now) return false;
        waiting_.insert(l.job.path);
        (l.job.lane == Lane::Large ? large_ : small_).push_back({std::move(l.job.path), now});
        return true;
    });
}

std::optional<ScanJob> ScanQueue::take_locked(bool may_take_large) {
    if (!later_.empty()) admit_due_locked();
    const bool large_allowed = may_take_large && !large_.empty() && active_large_ < large_slots_;
    std::deque<Waiting>* lane = large_allowed ? &large_ : (small_.empty() ? nullptr : &small_);
    if (!lane) return std::nullopt;
    ScanJob job{std::move(lane->front().path), large_allowed ? Lane::Large : Lane::Small};
    lane->pop_front();
    waiting_.erase(job.path);
    ++(job.lane == Lane::Large ? active_large_ : active_small_);
    return job;
}

std::optional<ScanJob> ScanQueue::pop(bool may_take_large) {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (closed_) return std::nullopt;
        if (auto job = take_locked(may_take_large)) return job;
        if (later_.empty()) {
            ready_.wait(lock);
        } else {
            // A copy: wait_until reads its deadline while the lock is
            // released, when a retry_later() may reallocate later_.
            const Clock::time_point due = std::min_element(
                later_.begin(), later_.end(),
                [](const Later& a, const Later& b) { return a.due < b.due; })->due;
            ready_.wait_until(lock, due);
        }
    }
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
    const auto now = Clock::now();
    const auto age = [now](const std::deque<Waiting>& lane) {
        return lane.empty() ? Clock::duration{} : now - lane.front().since;
    };
    std::lock_guard lock(mutex_);
    return {small_.size(), large_.size(), active_small_, active_large_, later_.size(),
            age(small_), age(large_)};
}

}  // namespace scannedonly
