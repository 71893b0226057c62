// Applies scannedonly::CpuPlan to the daemon's threads with
// sched_setaffinity: large-file scans keep a CPU of their own while they run
// (see cpu_plan.hpp for why).
#pragma once

#include "scannedonly/cpu_plan.hpp"

#include <sys/types.h>

#include <mutex>
#include <optional>
#include <vector>

namespace scannedonlyd {

class CpuPartition {
public:
    // Shares out the CPUs the process may use now (systemd's CPUAffinity=,
    // taskset) between large scans and the small side.
    CpuPartition();

    // The calling thread receives requests or scans small files.
    void join_small_side();

    // While it lives, the calling thread, about to scan a large file, keeps
    // one CPU and the small side keeps off it.
    class LargeScan {
    public:
        explicit LargeScan(CpuPartition& partition);
        ~LargeScan();
        LargeScan(const LargeScan&) = delete;
        LargeScan& operator=(const LargeScan&) = delete;

    private:
        CpuPartition& partition_;
        std::optional<int> cpu_;
    };

private:
    void apply_locked() const;

    std::mutex mutex_;
    scannedonly::CpuPlan plan_;
    std::vector<pid_t> small_side_;
};

}  // namespace scannedonlyd
