// One scan request from start to verdict: open safely beneath the scan root,
// scan the open descriptor, and write the verdict with *at() calls on the
// same directory descriptor.
#pragma once

#include "active_scans.hpp"
#include "counters.hpp"
#include "cpu_partition.hpp"
#include "disposal.hpp"
#include "engine.hpp"
#include "live_config.hpp"
#include "virus_action.hpp"
#include "virus_log.hpp"
#include "scannedonly/daemon_config.hpp"
#include "scannedonly/markers.hpp"
#include "scannedonly/scan_queue.hpp"

#include <sys/stat.h>

#include <thread>
#include <vector>

namespace scannedonlyd {

struct ScanContext {
    const LiveConfig& config;
    scannedonly::ScanQueue& queue;
    const EngineHolder& engines;
    Counters& counters;
    const Disposer& disposer;
    VirusLog& virus_log;
    scannedonly::Prefixes prefixes;
    scannedonly::TrustedOwners trusted;
    VirusActions& virus_actions;
};

class Scanner {
public:
    explicit Scanner(ScanContext context) : c_(std::move(context)) {}
    void handle(const scannedonly::ScanJob& job) const;

private:
    struct Target;
    void decide(const scannedonly::ScanJob& job, const Target& target, const struct stat& st) const;
    void settle(const scannedonly::ScanJob& job, std::chrono::milliseconds wait) const;
    void clean(const Target& target, const struct stat& st) const;
    void infected(const Target& target, const std::string& virus) const;
    void failed(const Target& target, const struct stat& st, const std::string& why) const;
    void exceeded(const Target& target, const struct stat& st, const std::string& why) const;
    scannedonly::Access marker_access(const Target& target, const struct stat& st) const;
    bool failed_recently(const Target& target, const struct stat& st) const;

    ScanContext c_;
};

// The scanning threads: each takes jobs from the queue until it is closed.
// The first large_threads of them may take large files, and keep a CPU of
// their own while they scan one; the others form the small side of cpus.
class WorkerPool {
public:
    WorkerPool(const Scanner& scanner, scannedonly::ScanQueue& queue, unsigned threads,
               unsigned large_threads, CpuPartition& cpus, ActiveScans& active);
    ~WorkerPool();  // joins; close the queue first

private:
    std::vector<std::thread> threads_;
};

}  // namespace scannedonlyd
