#include "scannedonly/cpu_plan.hpp"

#include <algorithm>
#include <utility>

namespace scannedonly {

CpuPlan::CpuPlan(std::set<int> cpus) : all_(std::move(cpus)) {}

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

std::set<int> CpuPlan::small_side() const {
    std::set<int> cpus;
    for (int c : all_)
        if (!reserved_.contains(c)) cpus.insert(c);
    return cpus;
}

}  // namespace scannedonly
