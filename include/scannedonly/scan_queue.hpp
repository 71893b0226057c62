// The daemon's two-lane request queue: bounded, never blocking a sender,
// merging duplicates, and keeping large files from delaying small ones.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace scannedonly {

enum class Lane { Small, Large };

struct ScanJob {
    std::string path;
    Lane lane = Lane::Small;
};

struct QueueFigures {
    std::size_t queued_small = 0;
    std::size_t queued_large = 0;
    unsigned active_small = 0;
    unsigned active_large = 0;
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

    enum class Push { Queued, Duplicate, Full, Closed };
    using Clock = std::chrono::steady_clock;

    // Never blocks. A path already waiting (in either lane) is not added
    // again; a path being scanned may be, as it may have changed since.
    // A path waiting for a retry_later() is queued now instead.
    Push push(std::string path, Lane lane);
    // Queues path in `delay`; until then it counts against the capacity.
    // Duplicate if it is already waiting, now or for later.
    Push retry_later(std::string path, Lane lane, Clock::duration delay);

    // Blocks until a job is available or the queue is closed (then empty).
    // A large job is handed out only to callers that may take one, and only
    // while fewer than large_slots are in progress, so the remaining callers
    // keep serving the small lane.
    std::optional<ScanJob> pop(bool may_take_large = true);
    // Marks a job from pop() as finished.
    void done(Lane lane);

    void close();
    QueueFigures figures() const;

private:
    struct Waiting {
        std::string path;
        Clock::time_point since;
    };
    struct Later {
        Clock::time_point due;
        ScanJob job;
    };

    std::size_t size_locked() const { return waiting_.size() + later_.size(); }
    std::vector<Later>::iterator find_later_locked(const std::string& path);
    void admit_due_locked();
    std::optional<ScanJob> take_locked(bool may_take_large);

    const std::size_t capacity_;
    const unsigned large_slots_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Waiting> small_;
    std::deque<Waiting> large_;
    std::unordered_set<std::string> waiting_;  // the paths in small_ and large_
    std::vector<Later> later_;  // few: only files that changed mid-scan
    unsigned active_small_ = 0;
    unsigned active_large_ = 0;
    bool closed_ = false;
};

}  // namespace scannedonly
