// Per-connection state of the module, kept in the VFS handle's data.
#pragma once

#include "samba.hpp"

#include "scannedonly/markers.hpp"
#include "scannedonly/notify_sender.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/rate_limit.hpp"
#include "scannedonly/signature_stamp.hpp"
#include "scannedonly/vfs_options.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace scannedonly_vfs {

// Requests of one priority that a listing has yet to send.
struct PendingRequests {
    scannedonly::BatchEncoder batch;
    std::size_t queued = 0;  // paths in `batch`
};

// One open directory listing: what it asked the daemon to scan.
struct Listing {
    // smbd's own scans (case-insensitive lookups, rmdir checks) pass no
    // mask; only listings for clients ask for scans and wait.
    bool for_client = false;
    PendingRequests scans{scannedonly::BatchEncoder(scannedonly::Priority::Normal)};
    PendingRequests rescans{scannedonly::BatchEncoder(scannedonly::Priority::Rescan)};
    std::vector<std::string> waiting_for;  // names in the listed directory
    bool waited = false;                   // the listing's one wait is spent
    struct dirent placeholder {};          // storage for a returned placeholder
};

struct ConnState {
    scannedonly::VfsOptions options;
    scannedonly::TrustedOwners trusted;
    scannedonly::NotifySender sender;
    scannedonly::RateLimiter daemon_down_log;
    std::string root;  // the share's real path: the daemon's scan roots are real paths
    std::unordered_map<DIR*, Listing> listings;
    // The daemon's signature stamp; none when the share ignores outdated
    // markers. A cache, so judging a file stays a const look.
    mutable std::optional<scannedonly::StampWatch> stamps;
};

// The stamp markers must carry to be current, when known.
std::optional<scannedonly::SignatureStamp> current_stamp(const ConnState& state);

// Parses the share's options; false (logged) when the share must be refused.
bool attach_conn_state(vfs_handle_struct* handle, const char* service);

// Once the lower modules are connected: the share path with symlinks resolved.
void resolve_share_root(vfs_handle_struct* handle);

ConnState& conn_state(vfs_handle_struct* handle);

}  // namespace scannedonly_vfs
