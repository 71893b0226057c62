#include "scannedonly/cpu_plan.hpp"

#include <algorithm>
#include <utility>

namespace scannedonly {

CpuPlan::CpuPlan(std::set<int> cpus, std::size_t small_threads)
    : all_(std::move(cpus)), small_threads_(small_threads) {}

std::optional<int> CpuPlan::reserve(int preferred) {
    if (all_.size() < reserved_.size() + 2) return std::nullopt;
    int cpu = preferred;
    if (!all_.contains(cpu) || reserved_.contains(cpu)) {
        auto free = std::find_if(all_.rbegin(), all_.rend(),
                                 [this](int c) { return !reserved_.contains(c); });
        cpu = *free;  // exists: at least two CPUs are free
    }
    reserved_.insert(cpu);
    return cpu;
}

void CpuPlan::release(int cpu) { reserved_.erase(cpu); }

bool CpuPlan::set_waiting(std::size_t waiting) {
    // Hysteresis: a backlog begins above the small side's thread count and
    // ends only when nothing waits, so the plan does not flap with each file.
    const bool backlog = waiting > small_threads_ || (backlog_ && waiting > 0);
    return std::exchange(backlog_, backlog) != backlog;
}

std::set<int> CpuPlan::small_side() const {
    if (backlog_) return all_;
    std::set<int> cpus;
    for (int c : all_)
        if (!reserved_.contains(c)) cpus.insert(c);
    return cpus;
}

}  // namespace scannedonly
