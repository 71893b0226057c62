#include "scanner.hpp"

#include "log.hpp"
#include "marker_writer.hpp"
#include "stream_scan.hpp"
#include "warning_file.hpp"
#include "scannedonly/beneath.hpp"
#include "scannedonly/failed_retry.hpp"
#include "scannedonly/markers.hpp"
#include "scannedonly/paths.hpp"
#include "scannedonly/scan_root.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <optional>

namespace scannedonlyd {

using scannedonly::Lane;
using scannedonly::ScanJob;

struct Scanner::Target {
    std::shared_ptr<const scannedonly::DaemonConfig> config;  // for this scan
    std::shared_ptr<const Engine> engine;                     // likewise
    scannedonly::Priority priority;
    bool outdated = false;  // it had a marker of older signatures
    std::string path;
    std::string dir_path;  // with its trailing '/'
    std::string name;
    Fd dir;
    Fd file;
};

namespace {

// A symlink on the way is an attack or a mistake worth a warning; a file
// deleted before its turn is routine.
void report_open_failure(const std::string& path, const char* what) {
    const int error = errno;
    const bool link = error == ELOOP || error == EXDEV;
    log(link ? LOG_WARNING : LOG_DEBUG, std::string(link ? "refused " : "skipped ") + what + " of " +
                                            loggable(path) + ": " +
                                            (link ? "symbolic link on the way" : strerror(error)));
}

bool same_state(const struct stat& a, const struct stat& b) {
    return scannedonly::same_version(scannedonly::file_version(a), scannedonly::file_version(b));
}

// The file the verdict is about must still be the file at that name, as
// it was when the scan began.
bool unchanged(int dir_fd, const std::string& name, int file_fd, const struct stat& before) {
    struct stat now {}, at_name {};
    return fstat(file_fd, &now) == 0 && same_state(before, now) &&
           fstatat(dir_fd, name.c_str(), &at_name, AT_SYMLINK_NOFOLLOW) == 0 &&
           same_state(before, at_name);
}

// How long until the file's version may be read (until_settled in
// markers.hpp); at least a millisecond when not yet, so that a version in
// the coarse clock's current tick is not retried in a busy loop.
std::chrono::milliseconds unsettled_for(const struct stat& st) {
    timespec now {};
    clock_gettime(CLOCK_REALTIME_COARSE, &now);
    const auto wait = scannedonly::until_settled(st.st_ctim, now);
    return wait.count() == 0 ? std::chrono::milliseconds(0)
                             : std::chrono::ceil<std::chrono::milliseconds>(wait);
}

}  // namespace

void Scanner::handle(const ScanJob& job) const {
    std::shared_ptr<const scannedonly::DaemonConfig> config = c_.config.get();
    auto rooted = scannedonly::split_beneath(config->scan_roots, job.path);
    if (!rooted || scannedonly::is_reserved_name(rooted->name, c_.prefixes)) return;
    Target t{std::move(config), c_.engines.get(), job.priority, false, job.path,
             std::string(scannedonly::split_last(job.path).dir), rooted->name, Fd(), Fd()};
    Fd root(open(rooted->root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!root) {
        log(LOG_WARNING, "cannot open scan root " + rooted->root + ": " + strerror(errno));
        return;
    }
    t.dir = Fd(scannedonly::open_dir_beneath(root.get(), rooted->parent));
    if (!t.dir) return report_open_failure(job.path, "directory");
    t.file = Fd(scannedonly::open_file_nofollow(t.dir.get(), t.name.c_str()));
    if (!t.file) return report_open_failure(job.path, "file");
    struct stat st {};
    if (fstat(t.file.get(), &st) != 0 || !S_ISREG(st.st_mode)) {
        log(LOG_DEBUG, "skipped " + loggable(job.path) + ": not a regular file");
        return;
    }
    if (job.lane == Lane::Small && static_cast<std::uint64_t>(st.st_size) >= t.config->large_file_size) {
        if (c_.queue.push(job.path, Lane::Large, job.priority) == scannedonly::ScanQueue::Push::Full)
            ++c_.counters.dropped;
        return;
    }
    switch (marker_access(t, st)) {
    case scannedonly::Access::Allowed:
        log(LOG_DEBUG, "already scanned: " + loggable(job.path));
        return;
    case scannedonly::Access::Outdated:
        ++c_.counters.outdated_seen;
        t.outdated = true;
        break;
    case scannedonly::Access::NeedsScan: break;
    }
    if (failed_recently(t, st)) {
        log(LOG_DEBUG, "failed before, not scanned again until it, the signatures or the "
                       "limits change or FailedRetryInterval passes: " + loggable(job.path));
        return;
    }
    if (const auto wait = unsettled_for(st); wait.count() > 0) return settle(job, wait);
    decide(job, t, st);
}

void Scanner::settle(const ScanJob& job, std::chrono::milliseconds wait) const {
    log(LOG_DEBUG, "changed within its timestamp granule, scanned in " +
                       std::to_string(wait.count()) + " ms: " + loggable(job.path));
    if (c_.queue.retry_later(job, wait) == scannedonly::ScanQueue::Push::Full)
        ++c_.counters.dropped;
}

void Scanner::decide(const ScanJob& job, const Target& t, const struct stat& st) const {
    using std::chrono::steady_clock;
    if (log_enabled(LOG_DEBUG))
        log(LOG_DEBUG, "scanning: " + loggable(job.path) + " (" + std::to_string(st.st_size) +
                           " bytes)");
    const auto start = steady_clock::now();
    ScanResult result =
        t.engine->scan(t.file.get(), static_cast<std::uint64_t>(st.st_size), t.path.c_str());
    if (result.kind == ScanResult::Clean) result = scan_streams(*t.engine, t.file.get(), t.path);
    if (!unchanged(t.dir.get(), t.name, t.file.get(), st)) {
        const auto delay = scannedonly::retry_delay(
            std::chrono::duration_cast<std::chrono::milliseconds>(steady_clock::now() - start));
        log(LOG_INFO, "changed while scanning, queued again in " + std::to_string(delay.count()) +
                          " ms: " + loggable(job.path));
        if (c_.queue.retry_later(job, delay) == scannedonly::ScanQueue::Push::Full)
            ++c_.counters.dropped;
        return;
    }
    ++c_.counters.scanned;
    if (t.outdated) ++c_.counters.outdated_rescanned;
    c_.counters.bytes += static_cast<std::uint64_t>(st.st_size);
    switch (result.kind) {
    case ScanResult::Clean: return clean(t, st);
    case ScanResult::Infected: return infected(t, result.detail);
    case ScanResult::Failed: return failed(t, st, result.detail);
    case ScanResult::LimitsExceeded: return exceeded(t, st, result.detail);
    }
}

// An empty file needs no marker, but a request for one is answered with one.
scannedonly::Access Scanner::marker_access(const Target& t, const struct stat& st) const {
    if (st.st_size == 0) return scannedonly::Access::NeedsScan;
    const auto marker =
        scannedonly::lstat_at(t.dir.get(), scannedonly::scanned_marker_name(t.name, c_.prefixes));
    return scannedonly::file_access(scannedonly::file_facts(st), scannedonly::marker_facts(marker),
                                    c_.trusted, t.engine->identity().stamp);
}

bool Scanner::failed_recently(const Target& t, const struct stat& st) const {
    const auto marker =
        scannedonly::lstat_at(t.dir.get(), scannedonly::failed_marker_name(t.name, c_.prefixes));
    if (!marker) return false;
    scannedonly::FailedScan facts{scannedonly::file_facts(st), scannedonly::marker_facts(*marker),
                                  c_.engines.loaded_at(), {}, t.config->failed_retry_interval};
    clock_gettime(CLOCK_REALTIME, &facts.now);
    return scannedonly::failure_stands(facts, c_.trusted);
}

void Scanner::clean(const Target& t, const struct stat& st) const {
    const std::string marker = scannedonly::scanned_marker_name(t.name, c_.prefixes);
    if (!write_marker(t.dir.get(), marker, st, t.engine->identity().stamp)) {
        log(LOG_ERR, "cannot mark " + loggable(t.path) + " as scanned: " + strerror(errno));
        return;
    }
    // A write after the check that followed the scan, but before the stamp,
    // got a ctime older than the marker's, which would vouch for it. Any
    // later write moves ctime past the marker's, so one more look suffices.
    if (!unchanged(t.dir.get(), t.name, t.file.get(), st)) {
        remove_entry(t.dir.get(), marker);
        log(LOG_INFO, "changed while being marked, queued again: " + loggable(t.path));
        if (c_.queue.push(t.path, Lane::Small, t.priority) == scannedonly::ScanQueue::Push::Full)
            ++c_.counters.dropped;
        return;
    }
    ++c_.counters.clean;
    remove_entry(t.dir.get(), scannedonly::failed_marker_name(t.name, c_.prefixes));
    log(LOG_INFO, "clean: " + loggable(t.path));
}

void Scanner::infected(const Target& t, const std::string& virus) const {
    ++c_.counters.infected;
    const std::time_t now = std::time(nullptr);
    remove_entry(t.dir.get(), scannedonly::scanned_marker_name(t.name, c_.prefixes));
    const Disposal d = c_.disposer.dispose(t.dir.get(), t.file.get(), t.dir_path, t.name);
    if (d.moved) remove_entry(t.dir.get(), scannedonly::failed_marker_name(t.name, c_.prefixes));
    log(LOG_WARNING, "infected: " + loggable(t.path) + ": " + virus + ", " +
                         (d.moved ? d.action + " to " + loggable(d.destination)
                                  : "not moved (" + d.error + "), left hidden"));
    c_.virus_log.record(now, t.path, virus, d.action, d.destination);
    c_.virus_actions.notify({t.path, virus, d.action, d.destination, now});
    if (t.config->virus_warning != "off" &&
        !write_warning(t.dir.get(), t.path, virus, now, d, c_.prefixes,
                       t.config->virus_warning_text, t.engine->identity().stamp))
        log(LOG_ERR, "cannot write the virus warning for " + loggable(t.path) + ": " +
                         strerror(errno));
}

// Logged once per file: with fail, the .failed: marker keeps it from being
// scanned again until it or the limits change (failed_retry.hpp).
void Scanner::exceeded(const Target& t, const struct stat& st, const std::string& why) const {
    ++c_.counters.exceeded;
    if (t.config->exceeds_max_action == scannedonly::ExceedsMaxAction::Fail)
        return failed(t, st, "not scanned completely: " + why +
                                 " (ExceedsMaxAction allow would serve it)");
    log(LOG_WARNING, "not scanned completely, served (ExceedsMaxAction allow): " +
                         loggable(t.path) + ": " + why);
    clean(t, st);
}

void Scanner::failed(const Target& t, const struct stat& st, const std::string& why) const {
    ++c_.counters.failed;
    log(LOG_WARNING, "scan failed: " + loggable(t.path) + ": " + why);
    if (!write_marker(t.dir.get(), scannedonly::failed_marker_name(t.name, c_.prefixes), st,
                      t.engine->identity().stamp))
        log(LOG_ERR, "cannot mark " + loggable(t.path) + " as failed: " + strerror(errno));
}

WorkerPool::WorkerPool(const Scanner& scanner, scannedonly::ScanQueue& queue, unsigned threads,
                       unsigned large_threads, CpuPartition& cpus, ActiveScans& active) {
    for (unsigned i = 0; i < threads; ++i)
        threads_.emplace_back([&scanner, &queue, &cpus, &active, may_take_large = i < large_threads] {
            if (!may_take_large) cpus.join_small_side();
            while (auto job = queue.pop(may_take_large)) {
                try {
                    const ActiveScans::Entry shown(active, *job);
                    std::optional<CpuPartition::LargeScan> own_cpu;
                    if (job->lane == scannedonly::Lane::Large) own_cpu.emplace(cpus);
                    scanner.handle(*job);
                } catch (const std::exception& e) {
                    log(LOG_ERR, "scanning " + loggable(job->path) + ": " + e.what());
                }
                queue.done(job->lane);
            }
        });
}

WorkerPool::~WorkerPool() {
    for (std::thread& t : threads_) t.join();
}

}  // namespace scannedonlyd
