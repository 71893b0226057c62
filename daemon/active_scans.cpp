#include "active_scans.hpp"

#include "log.hpp"

namespace scannedonlyd {

ActiveScans::Entry::Entry(ActiveScans& scans, const scannedonly::ScanJob& job) : scans_(scans) {
    std::lock_guard lock(scans_.mutex_);
    id_ = scans_.next_id_++;
    scans_.scans_.emplace(id_, Scan{job.path, job.lane, std::chrono::steady_clock::now()});
}

ActiveScans::Entry::~Entry() {
    std::lock_guard lock(scans_.mutex_);
    scans_.scans_.erase(id_);
}

std::vector<scannedonly::ActiveScan> ActiveScans::list() const {
    const auto now = std::chrono::steady_clock::now();
    std::vector<scannedonly::ActiveScan> out;
    std::lock_guard lock(mutex_);
    for (const auto& [id, scan] : scans_)
        out.push_back({scan.lane == scannedonly::Lane::Large ? "large" : "small",
                       std::chrono::duration<double>(now - scan.start).count(),
                       loggable(scan.path)});
    return out;
}

}  // namespace scannedonlyd
