// Which CPUs the daemon's threads may use: each large-file scan keeps a CPU
// of its own while it runs, and the threads that receive requests and scan
// small files (the small side) keep off it.
//
// Why: a thread woken on a CPU where a long scan runs may wait there for the
// next scheduler tick (4 ms at HZ=250) although another CPU is idle. Linux's
// EEVDF scheduler queues it with the lag it had when it last slept, and
// while that lag is negative nothing reconsiders the choice before the
// tick. Neither a long time slice nor SCHED_IDLE for the scanning thread
// avoided it (docs/performance.md); keeping the small side off that CPU
// does.
//
// While more small files wait than the small side has threads, their
// latency is the queue's anyway: the small side then uses every CPU, so that
// the backlog clears as fast as before, until no small file waits.
#pragma once

#include <cstddef>
#include <optional>
#include <set>

namespace scannedonly {

class CpuPlan {
public:
    // cpus: those the process may use; small_threads: the small side's size.
    CpuPlan(std::set<int> cpus, std::size_t small_threads);

    // Reserves a CPU for a large scan: `preferred` (where the scanning thread
    // runs) if it is free, else the highest free one. Never the last CPU the
    // small side has: then nothing is reserved.
    std::optional<int> reserve(int preferred);
    void release(int cpu);

    // Small files waiting for a thread. Returns whether small_side() changed.
    bool set_waiting(std::size_t waiting);

    std::set<int> small_side() const;
    const std::set<int>& all() const { return all_; }

private:
    const std::set<int> all_;
    const std::size_t small_threads_;
    std::set<int> reserved_;
    bool backlog_ = false;
};

}  // namespace scannedonly
