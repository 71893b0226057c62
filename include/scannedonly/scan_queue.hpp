// The daemon's two-lane request queue: bounded, never blocking a sender,
// merging duplicates, keeping large files from delaying small ones, and
// serving a waiting client before listings and listings before bulk work.
#pragma once

#include "scannedonly/protocol.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace scannedonly {

enum class Lane { Small, Large };

struct ScanJob {
    std::string path;
    Lane lane = Lane::Small;
    Priority priority = Priority::Normal;
};

// A lower priority passed over this many times in a row takes the next
// turn: a flood of higher requests slows bulk work to one job in nine but
// never stops it.
inline constexpr unsigned kPassOverLimit = 8;

// One priority's part of a lane, for next_priority().
struct PriorityLevel {
    std::size_t waiting = 0;
    unsigned passed_over = 0;  // jobs of higher priorities taken meanwhile
};
using PriorityLevels = std::array<PriorityLevel, kPriorities>;  // by Priority

// Which priority a lane serves next (some level must be waiting): the
// highest waiting, unless a lower one reached kPassOverLimit; updates the
// levels' passed_over counts for the choice.
Priority next_priority(PriorityLevels& levels);

struct QueueFigures {
    std::size_t queued_small = 0;
    std::size_t queued_large = 0;
    unsigned active_small = 0;
    unsigned active_large = 0;
    std::array<std::size_t, kPriorities> queued_by_priority{};  // both lanes, by Priority
    std::size_t retry_later = 0;  // changed during their scan, due again soon
    // How long the first path of each lane has waited; zero when empty.
    std::chrono::steady_clock::duration oldest_small{};
    std::chrono::steady_clock::duration oldest_large{};
};

// How long a file that changed during its scan waits before the next one:
// as long as that scan took, and at least a second. A file written to
// while it is scanned (a large upload, a growing log) then keeps its lane
// busy at most half the time instead of all of it, and a file saved once
// is retried a moment later.
std::chrono::milliseconds retry_delay(std::chrono::milliseconds scan_time);

class ScanQueue {
public:
    // capacity: paths waiting in both lanes together. large_slots: how many
    // jobs of the large lane may be in progress at once.
    ScanQueue(std::size_t capacity, unsigned large_slots);

    enum class Push { Queued, Raised, Duplicate, Full, Closed };
    using Clock = std::chrono::steady_clock;

    // Never blocks. A path already waiting (in either lane) is not added
    // again, but Raised to `priority` if that is higher; a path being
    // scanned may be, as it may have changed since. A path waiting for a
    // retry_later() is queued now instead, at the higher of both priorities.
    Push push(std::string path, Lane lane, Priority priority = Priority::Normal);
    // Queues path in `delay`; until then it counts against the capacity.
    // Duplicate if it is already waiting, now or for later.
    Push retry_later(ScanJob job, Clock::duration delay);

    // Blocks until a job is available or the queue is closed (then empty).
    // Each lane serves its priorities as next_priority() says. A large job
    // is handed out only to callers that may take one, and only while fewer
    // than large_slots are in progress, so the remaining callers keep
    // serving the small lane.
    std::optional<ScanJob> pop(bool may_take_large = true);
    // Marks a job from pop() as finished.
    void done(Lane lane);

    void close();
    QueueFigures figures() const;

private:
    // A raised path leaves a stale entry behind in its old level, skipped
    // when reached: raising stays O(1) in a backlog of any length. A level
    // holding many more stale entries than current ones is swept.
    struct Waiting {
        std::string path;
        Clock::time_point since;
        std::uint64_t ticket;  // matches waiting_[path].ticket while current
    };
    struct Current {
        Lane lane;
        Priority priority;
        std::uint64_t ticket;
        Clock::time_point since;
    };
    struct LaneQueue {
        std::array<std::deque<Waiting>, kPriorities> fifo;  // by Priority
        PriorityLevels levels;
        std::size_t size() const;
    };
    struct Later {
        Clock::time_point due;
        ScanJob job;
    };

    std::size_t size_locked() const { return waiting_.size() + later_.size(); }
    LaneQueue& lane_locked(Lane lane) { return lanes_[lane == Lane::Large]; }
    bool current_locked(const Waiting& w) const;
    void enqueue_locked(std::string path, Lane lane, Priority priority, Clock::time_point since);
    void forget_one_locked(LaneQueue& lane, Priority priority);
    Push raise_locked(const std::string& path, Priority priority);
    std::vector<Later>::iterator find_later_locked(const std::string& path);
    void admit_due_locked();
    Clock::duration oldest_locked(const LaneQueue& lane, Clock::time_point now) const;
    std::optional<ScanJob> take_locked(bool may_take_large);

    const std::size_t capacity_;
    const unsigned large_slots_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::array<LaneQueue, 2> lanes_;  // small, large
    std::unordered_map<std::string, Current> waiting_;  // the paths in lanes_
    std::uint64_t next_ticket_ = 0;
    std::vector<Later> later_;  // few: only files that changed mid-scan
    unsigned active_small_ = 0;
    unsigned active_large_ = 0;
    bool closed_ = false;
};

}  // namespace scannedonly
