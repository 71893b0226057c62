#include "notify.hpp"

#include "conn_state.hpp"
#include "debug.hpp"

#include "scannedonly/vfs_policy.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

// A listing sends once this many paths are queued, so the daemon starts on
// a big directory while smbd still lists it.
constexpr std::size_t kPathsPerFlush = 64;

void send_all(ConnState& state, const std::vector<std::string>& datagrams) {
    for (const std::string& datagram : datagrams) {
        const int err = state.sender.send(datagram);
        if (err == 0) continue;
        if (state.daemon_down_log.allow(RateLimiter::Clock::now()))
            DBG_ERR("cannot reach scannedonlyd at %s: %s; unscanned files stay "
                    "unavailable until it is back\n",
                    state.sender.describe().c_str(), strerror(err));
        return;  // the rest would fail the same way
    }
}

}  // namespace

std::string share_path(const ConnState& state, std::string_view relative) {
    return share_absolute_path(state.root, relative);
}

std::string entry_path(const ConnState& state, const files_struct* dirfsp,
                       std::string_view name) {
    std::string relative = dirfsp->fsp_name->base_name;
    relative.push_back('/');
    relative.append(name);
    return share_path(state, relative);
}

void notify_path(ConnState& state, const std::string& absolute, Priority priority) {
    BatchEncoder batch(priority);
    if (PathError error = batch.add(absolute); error != PathError::None) {
        DBG_INFO("not sent for scanning: %s\n", describe(error));
        return;
    }
    DBG_DEBUG("scan request (%s) for [%s]\n", priority_name(priority), absolute.c_str());
    send_all(state, batch.take());
}

namespace {

void flush_pending(ConnState& state, PendingRequests& pending, const char* what) {
    if (pending.batch.empty()) return;
    DBG_DEBUG("%s request for %zu listed files\n", what, pending.queued);
    pending.queued = 0;
    send_all(state, pending.batch.take());
}

}  // namespace

void queue_for_scan(ConnState& state, Listing& listing, const std::string& absolute,
                    Priority priority) {
    PendingRequests& pending = priority == Priority::Rescan ? listing.rescans : listing.scans;
    if (PathError error = pending.batch.add(absolute); error != PathError::None) {
        DBG_INFO("not sent for scanning: %s\n", describe(error));
        return;
    }
    if (++pending.queued >= kPathsPerFlush) flush_listing(state, listing);
}

void flush_listing(ConnState& state, Listing& listing) {
    flush_pending(state, listing.scans, "scan");
    flush_pending(state, listing.rescans, "rescan");
}

}  // namespace scannedonly_vfs
