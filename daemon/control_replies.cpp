#include "control_replies.hpp"

#include "versions.hpp"
#include "scannedonly/daemon_stats.hpp"
#include "scannedonly/virus_log_line.hpp"

namespace scannedonlyd {

namespace {

double seconds(std::chrono::steady_clock::duration d) {
    return std::chrono::duration<double>(d).count();
}

}  // namespace

ControlReplies::ControlReplies(DaemonState state)
    : s_(state), started_(std::chrono::steady_clock::now()) {}

void ControlReplies::sample() {
    rates_.add(scannedonly::RateWindow::Clock::now(), s_.counters.scanned, s_.counters.bytes);
}

ControlReply ControlReplies::answer(scannedonly::ControlCommand command) {
    using scannedonly::ControlCommand;
    switch (command) {
    case ControlCommand::Ping: return {"PONG"};
    case ControlCommand::Version: return {version()};
    case ControlCommand::Stats: return {stats()};
    case ControlCommand::Reload:
        s_.reload();
        return {"RELOADING"};
    case ControlCommand::Shutdown: return {"SHUTTING DOWN", true};
    case ControlCommand::Unknown: break;
    }
    return {"UNKNOWN COMMAND"};
}

// As clamd's "ClamAV 1.4.1/27100/Tue Dec  1 09:00:00 2026", with ours first.
std::string ControlReplies::version() const {
    const EngineFacts facts = s_.engine.get();
    return "scannedonlyd " SCANNEDONLY_VERSION "/libclamav " + libclamav_version() + "/" +
           facts.version.version + "/" + facts.version.date;
}

std::string ControlReplies::stats() {
    sample();  // the rates include the last second
    const EngineFacts facts = s_.engine.get();
    const scannedonly::QueueFigures q = s_.queue.figures();
    const Counters& c = s_.counters;
    scannedonly::DaemonStats st;
    st.version = SCANNEDONLY_VERSION;
    st.libclamav_version = libclamav_version();
    st.signature_version = facts.version.version;
    st.signature_date = facts.version.date;
    st.signature_stamp = std::to_string(facts.identity.stamp);
    st.engine_loaded_at = scannedonly::iso_time(facts.loaded_at);
    st.uptime_seconds = seconds(std::chrono::steady_clock::now() - started_);
    st.signatures = facts.signatures;
    st.engine_load_seconds = facts.load_seconds;
    st.small_queued = q.queued_small;
    st.small_active = q.active_small;
    st.small_oldest_queued_seconds = seconds(q.oldest_small);
    st.large_queued = q.queued_large;
    st.large_active = q.active_large;
    st.large_oldest_queued_seconds = seconds(q.oldest_large);
    using scannedonly::Priority;
    st.open_queued = q.queued_by_priority[static_cast<std::size_t>(Priority::Open)];
    st.normal_queued = q.queued_by_priority[static_cast<std::size_t>(Priority::Normal)];
    st.rescan_queued = q.queued_by_priority[static_cast<std::size_t>(Priority::Rescan)];
    st.bulk_queued = q.queued_by_priority[static_cast<std::size_t>(Priority::Bulk)];
    st.retry_later = q.retry_later;
    st.scanned = c.scanned;
    st.clean = c.clean;
    st.infected = c.infected;
    st.failed = c.failed;
    st.dropped = c.dropped;
    st.malformed = c.malformed;
    st.ignored = c.ignored;
    st.bytes = c.bytes;
    st.outdated_seen = c.outdated_seen;
    st.outdated_rescanned = c.outdated_rescanned;
    const scannedonly::RateWindow::Rates r = rates_.rates();
    st.files_per_second = r.files_per_second;
    st.bytes_per_second = r.bytes_per_second;
    st.scans = s_.active.list();
    return scannedonly::format_stats(st);
}

}  // namespace scannedonlyd
