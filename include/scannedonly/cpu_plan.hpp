// Which CPUs the daemon's threads may use: each large-file scan keeps a CPU
// of its own while it runs, and the threads that receive requests and scan
// small files (the small side) keep off it.
//
// Why, for latency: a thread woken on a CPU where a long scan runs may wait
// there for the next scheduler tick (4 ms at HZ=250) although another CPU
// is idle. Linux's EEVDF scheduler queues it with the lag it had when it
// last slept, and while that lag is negative nothing reconsiders the choice
// before the tick. Neither a long time slice nor SCHED_IDLE for the
// scanning thread avoided it (docs/performance.md); keeping the small side
// off that CPU does.
//
// And for throughput: a large file is one thread's work, so the lanes
// finish soonest when that thread has a whole CPU and small files share
// the rest. Sharing every CPU during a burst of small files left the large
// lane a fraction of one and finishing last, with the other CPUs idle.
#pragma once

#include <optional>
#include <set>

namespace scannedonly {

class CpuPlan {
public:
    // cpus: those the process may use.
    explicit CpuPlan(std::set<int> cpus);

    // Reserves a CPU for a large scan: `preferred` (where the scanning thread
    // runs) if it is free, else the highest free one. Never the last CPU the
    // small side has: then nothing is reserved.
    std::optional<int> reserve(int preferred);
    void release(int cpu);

    std::set<int> small_side() const;
    const std::set<int>& all() const { return all_; }

private:
    const std::set<int> all_;
    std::set<int> reserved_;
};

}  // namespace scannedonly
