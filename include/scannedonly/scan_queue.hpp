// The daemon's two-lane request queue: bounded, never blocking a sender,
// merging duplicates, and keeping large files from delaying small ones.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

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
};

class ScanQueue {
public:
    // capacity: paths waiting in both lanes together. large_slots: how many
    // jobs of the large lane may be in progress at once.
    ScanQueue(std::size_t capacity, unsigned large_slots);

    enum class Push { Queued, Duplicate, Full, Closed };
    // Never blocks. A path already waiting (in either lane) is not added
    // again; a path being scanned may be, as it may have changed since.
    Push push(std::string path, Lane lane);

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
    std::optional<ScanJob> take_locked(bool may_take_large);

    const std::size_t capacity_;
    const unsigned large_slots_;
    mutable std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<std::string> small_;
    std::deque<std::string> large_;
    std::unordered_set<std::string> waiting_;
    unsigned active_small_ = 0;
    unsigned active_large_ = 0;
    bool closed_ = false;
};

}  // namespace scannedonly
