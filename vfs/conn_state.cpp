#include "conn_state.hpp"

#include "debug.hpp"

#include <pwd.h>

#include <chrono>
#include <optional>

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

// Logging "daemon unreachable" once a minute keeps the log readable when the
// daemon is down during a busy day.
constexpr auto kDaemonDownLogInterval = std::chrono::minutes(1);

// A new stamp reaches a busy smbd within this, for one stat per interval:
// "every few seconds" is soon enough for a background rescan to begin.
constexpr auto kStampCheckInterval = std::chrono::seconds(3);

std::optional<StampWatch> stamp_watch(const VfsOptions& o, const TrustedOwners& trusted) {
    if (o.outdated_markers == OutdatedMarkers::Ignore) return std::nullopt;
    return StampWatch(o.signature_stamp_file, trusted, kStampCheckInterval);
}

void free_state(void** data) {
    delete static_cast<ConnState*>(*data);
    *data = nullptr;
}

// How long a send waits for room in a full daemon queue, at most once a
// second (NotifySender::wait_briefly_when_full): long enough for a
// descheduled reading thread, short enough not to be felt by a client.
constexpr auto kFullQueueWait = std::chrono::milliseconds(50);

NotifySender make_sender(const VfsOptions& o) {
    NotifySender sender = o.domain_socket ? NotifySender::unix_socket(o.socketname)
                                          : NotifySender::udp(o.scanhost, o.portnum);
    sender.wait_briefly_when_full(kFullQueueWait);
    return sender;
}

std::optional<TrustedOwners> trusted_owners(const VfsOptions& o, const char* service) {
    TrustedOwners trusted;
    if (o.daemon_user.empty()) return trusted;
    struct passwd* pw = Get_Pwnam_alloc(talloc_tos(), o.daemon_user.c_str());
    if (pw == nullptr) {
        DBG_ERR("share [%s] refused: scannedonly:daemon_user = %s: no such user\n", service,
                o.daemon_user.c_str());
        return std::nullopt;
    }
    if (pw->pw_uid != 0) trusted.uids.push_back(pw->pw_uid);
    TALLOC_FREE(pw);
    return trusted;
}

// The share's own settings as smb.conf text: Samba offers no other way to
// list the parametric options that are set.
std::string share_settings(int snum) {
    char* text = nullptr;
    size_t size = 0;
    FILE* f = open_memstream(&text, &size);
    if (f == nullptr) return {};
    lp_dump_one(f, false, snum);
    fclose(f);
    std::string out(text, size);
    free(text);
    return out;
}

bool options_known(int snum, const char* service) {
    const auto unknown = unknown_option_names(share_settings(snum));
    if (unknown.empty()) return true;
    DBG_ERR("share [%s] refused: unknown option scannedonly:%s\n", service,
            unknown.front().c_str());
    return false;
}

// streams_depot keeps a file's streams as files of their own under a depot
// directory, apart from the file the daemon scans with its streams
// (scannedonly/streams.hpp): their content would be served unscanned.
bool stream_store_scanned(int snum, const char* service) {
    for (const char** module = lp_vfs_objects(snum); module && *module; ++module) {
        if (strcmp(*module, "streams_depot") != 0) continue;
        DBG_ERR("share [%s] refused: streams_depot keeps streams where they are not "
                "scanned; use streams_xattr\n", service);
        return false;
    }
    return true;
}

}  // namespace

bool attach_conn_state(vfs_handle_struct* handle, const char* service) {
    const int snum = SNUM(handle->conn);
    if (!options_known(snum, service) || !stream_store_scanned(snum, service)) return false;
    OptionsResult parsed = parse_vfs_options([snum](std::string_view name) {
        const std::string key(name);
        const char* value = lp_parm_const_string(snum, "scannedonly", key.c_str(), nullptr);
        return value ? std::optional<std::string>(value) : std::nullopt;
    });
    if (!parsed.options) {
        DBG_ERR("share [%s] refused: %s\n", service, parsed.error.c_str());
        return false;
    }
    auto trusted = trusted_owners(*parsed.options, service);
    if (!trusted) return false;
    auto* state = new ConnState{*parsed.options, *trusted, make_sender(*parsed.options),
                                RateLimiter(1, kDaemonDownLogInterval),
                                handle->conn->connectpath, {},
                                stamp_watch(*parsed.options, *trusted)};
    SMB_VFS_HANDLE_SET_DATA(handle, state, free_state, ConnState, {
        delete state;
        return false;
    });
    return true;
}

void resolve_share_root(vfs_handle_struct* handle) {
    ConnState& state = conn_state(handle);
    struct smb_filename* share = synthetic_smb_fname(
        talloc_tos(), handle->conn->connectpath, nullptr, nullptr, 0, 0);
    struct smb_filename* real =
        share ? SMB_VFS_NEXT_REALPATH(handle, talloc_tos(), share) : nullptr;
    if (real != nullptr) state.root = real->base_name;
    TALLOC_FREE(real);
    TALLOC_FREE(share);
}

std::optional<SignatureStamp> current_stamp(const ConnState& state) {
    if (!state.stamps) return std::nullopt;
    return state.stamps->current(StampWatch::Clock::now());
}

ConnState& conn_state(vfs_handle_struct* handle) {
    return *static_cast<ConnState*>(handle->data);
}

}  // namespace scannedonly_vfs
