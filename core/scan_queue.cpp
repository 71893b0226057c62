#include "scannedonly/scan_queue.hpp"

#include <algorithm>

namespace scannedonly {

std::chrono::milliseconds retry_delay(std::chrono::milliseconds scan_time) {
    return std::max(scan_time, std::chrono::milliseconds(1000));
}

Priority next_priority(PriorityLevels& levels) {
    std::size_t chosen = kPriorities - 1;
    while (chosen > 0 && levels[chosen].waiting == 0) --chosen;
    for (std::size_t p = chosen; p-- > 0;) {
        if (levels[p].waiting != 0 && levels[p].passed_over >= kPassOverLimit) {
            chosen = p;
            break;
        }
    }
    for (std::size_t p = 0; p < kPriorities; ++p) {
        if (p == chosen || levels[p].waiting == 0) levels[p].passed_over = 0;
        else if (p < chosen) ++levels[p].passed_over;
    }
    return static_cast<Priority>(chosen);
}

std::size_t ScanQueue::LaneQueue::size() const {
    std::size_t n = 0;
    for (const PriorityLevel& level : levels) n += level.waiting;
    return n;
}

ScanQueue::ScanQueue(std::size_t capacity, unsigned large_slots)
    : capacity_(capacity), large_slots_(large_slots) {}

bool ScanQueue::current_locked(const Waiting& w) const {
    const auto it = waiting_.find(w.path);
    return it != waiting_.end() && it->second.ticket == w.ticket;
}

void ScanQueue::enqueue_locked(std::string path, Lane lane, Priority priority,
                               Clock::time_point since) {
    const std::uint64_t ticket = next_ticket_++;
    waiting_[path] = {lane, priority, ticket, since};
    LaneQueue& q = lane_locked(lane);
    const auto p = static_cast<std::size_t>(priority);
    ++q.levels[p].waiting;
    q.fifo[p].push_back({std::move(path), since, ticket});
}

// A level without current paths holds stale ones only: dropped at once, so
// that raising a whole backlog leaves nothing behind.
void ScanQueue::forget_one_locked(LaneQueue& lane, Priority priority) {
    const auto p = static_cast<std::size_t>(priority);
    if (--lane.levels[p].waiting == 0) lane.fifo[p].clear();
}

ScanQueue::Push ScanQueue::raise_locked(const std::string& path, Priority priority) {
    const Current current = waiting_.at(path);
    if (current.priority >= priority) return Push::Duplicate;
    LaneQueue& lane = lane_locked(current.lane);
    forget_one_locked(lane, current.priority);
    enqueue_locked(path, current.lane, priority, current.since);  // keeps its age
    // Bounds the stale entries a stream of raises can pile up behind a
    // level that never empties; amortised O(1) per raise.
    auto& old = lane.fifo[static_cast<std::size_t>(current.priority)];
    if (old.size() > 2 * lane.levels[static_cast<std::size_t>(current.priority)].waiting + 64)
        std::erase_if(old, [this](const Waiting& w) { return !current_locked(w); });
    return Push::Raised;
}

ScanQueue::Push ScanQueue::push(std::string path, Lane lane, Priority priority) {
    Push result = Push::Queued;
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Push::Closed;
        if (waiting_.contains(path)) {
            result = raise_locked(path, priority);
            if (result == Push::Duplicate) return result;
        } else if (auto later = find_later_locked(path); later != later_.end()) {
            priority = std::max(priority, later->job.priority);
            later_.erase(later);
            enqueue_locked(std::move(path), lane, priority, Clock::now());
        } else if (size_locked() >= capacity_) {
            return Push::Full;
        } else {
            enqueue_locked(std::move(path), lane, priority, Clock::now());
        }
    }
    // Every waiter: a large job may only suit a waiter that a small one
    // would not wake, and waiters are few (one per scanning thread).
    ready_.notify_all();
    return result;
}

ScanQueue::Push ScanQueue::retry_later(ScanJob job, Clock::duration delay) {
    {
        std::lock_guard lock(mutex_);
        if (closed_) return Push::Closed;
        if (waiting_.contains(job.path) || find_later_locked(job.path) != later_.end())
            return Push::Duplicate;
        if (size_locked() >= capacity_) return Push::Full;
        later_.push_back({Clock::now() + delay, std::move(job)});
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
        enqueue_locked(std::move(l.job.path), l.job.lane, l.job.priority, now);
        return true;
    });
}

std::optional<ScanJob> ScanQueue::take_locked(bool may_take_large) {
    if (!later_.empty()) admit_due_locked();
    LaneQueue& large = lane_locked(Lane::Large);
    const bool large_allowed = may_take_large && large.size() != 0 && active_large_ < large_slots_;
    const Lane lane = large_allowed ? Lane::Large : Lane::Small;
    LaneQueue& q = lane_locked(lane);
    if (q.size() == 0) return std::nullopt;
    const Priority priority = next_priority(q.levels);
    const auto p = static_cast<std::size_t>(priority);
    std::deque<Waiting>& fifo = q.fifo[p];
    while (!current_locked(fifo.front())) fifo.pop_front();  // raised elsewhere
    ScanJob job{std::move(fifo.front().path), lane, priority};
    fifo.pop_front();
    forget_one_locked(q, priority);
    waiting_.erase(job.path);
    ++(lane == Lane::Large ? active_large_ : active_small_);
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

ScanQueue::Clock::duration ScanQueue::oldest_locked(const LaneQueue& lane,
                                                    Clock::time_point now) const {
    Clock::duration oldest{};
    for (const std::deque<Waiting>& fifo : lane.fifo) {
        const auto first = std::find_if(fifo.begin(), fifo.end(),
                                        [&](const Waiting& w) { return current_locked(w); });
        if (first != fifo.end()) oldest = std::max(oldest, now - first->since);
    }
    return oldest;
}

QueueFigures ScanQueue::figures() const {
    const auto now = Clock::now();
    std::lock_guard lock(mutex_);
    const LaneQueue& small = lanes_[0];
    const LaneQueue& large = lanes_[1];
    QueueFigures f{small.size(), large.size(), active_small_, active_large_, {}, later_.size(),
                   oldest_locked(small, now), oldest_locked(large, now)};
    for (std::size_t p = 0; p < kPriorities; ++p)
        f.queued_by_priority[p] = small.levels[p].waiting + large.levels[p].waiting;
    return f;
}

}  // namespace scannedonly
