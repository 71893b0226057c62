#include "cpu_partition.hpp"

#include <sched.h>
#include <unistd.h>

namespace scannedonlyd {

namespace {

std::set<int> allowed_cpus() {
    cpu_set_t set;
    std::set<int> cpus;
    if (sched_getaffinity(0, sizeof set, &set) != 0) return cpus;
    for (int c = 0; c < CPU_SETSIZE; ++c)
        if (CPU_ISSET(c, &set)) cpus.insert(c);
    return cpus;
}

// Best effort, like everything here: a failed call costs latency, never a scan.
void pin(pid_t tid, const std::set<int>& cpus) {
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int c : cpus) CPU_SET(c, &set);
    sched_setaffinity(tid, sizeof set, &set);
}

}  // namespace

CpuPartition::CpuPartition() : plan_(allowed_cpus()) {}

void CpuPartition::join_small_side() {
    std::lock_guard lock(mutex_);
    small_side_.push_back(gettid());
    apply_locked();
}

void CpuPartition::apply_locked() const {
    const std::set<int> cpus = plan_.small_side();
    for (pid_t tid : small_side_) pin(tid, cpus);
}

CpuPartition::LargeScan::LargeScan(CpuPartition& p) : partition_(p) {
    std::lock_guard lock(p.mutex_);
    cpu_ = p.plan_.reserve(sched_getcpu());
    if (!cpu_) return;
    pin(0, {*cpu_});
    p.apply_locked();
}

CpuPartition::LargeScan::~LargeScan() {
    if (!cpu_) return;
    std::lock_guard lock(partition_.mutex_);
    partition_.plan_.release(*cpu_);
    pin(0, partition_.plan_.all());
    partition_.apply_locked();
}

}  // namespace scannedonlyd
