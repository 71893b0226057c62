// Listings: markers never shown, unscanned files hidden or shown as
// placeholders and sent to the daemon in batches, one bounded wait per listing.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "debug.hpp"
#include "facts.hpp"
#include "notify.hpp"
#include "placeholder.hpp"

#include <cstring>

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

// Names a listing waits for, beyond which it only asks for scans.
constexpr std::size_t kMaxWaitedNames = 1000;

bool is_dot_entry(const char* name) { return ISDOT(name) || ISDOTDOT(name); }

bool all_scanned(const ConnState& state, files_struct* dirfsp,
                 const std::vector<std::string>& names) {
    for (const std::string& name : names) {
        auto st = stat_at(dirfsp, name, 0);
        if (st && S_ISREG(st->st_ex_mode) &&
            access_at(state, dirfsp, name, *st) == Access::NeedsScan)
            return false;
    }
    return true;
}

// End of a listing: send the rest, then wait once, so that the next listing
// shows what the daemon has scanned meanwhile.
void finish_listing(ConnState& state, files_struct* dirfsp, Listing& listing) {
    flush_listing(state, listing);
    if (listing.waited || listing.waiting_for.empty()) return;
    listing.waited = true;
    wait_until_ready([&] { return all_scanned(state, dirfsp, listing.waiting_for); },
                     state.options.recheck_tries_readdir, state.options.recheck_time_readdir);
    listing.waiting_for.clear();
}

struct dirent* as_placeholder(Listing& listing, const struct dirent* entry,
                              const ConnState& state, SMB_STRUCT_STAT* sbuf,
                              const SMB_STRUCT_STAT& st) {
    const std::string name = placeholder_name(entry->d_name, state.options.scanning_message);
    if (name.size() >= sizeof(listing.placeholder.d_name)) return nullptr;
    // Field by field: the entry may be shorter than a struct dirent.
    listing.placeholder.d_ino = entry->d_ino;
    listing.placeholder.d_off = entry->d_off;
    listing.placeholder.d_reclen = sizeof(listing.placeholder);
    listing.placeholder.d_type = entry->d_type;
    std::memcpy(listing.placeholder.d_name, name.c_str(), name.size() + 1);
    if (sbuf != nullptr) {
        *sbuf = st;
        make_placeholder_stat(*sbuf);
    }
    return &listing.placeholder;
}

// One stat per entry serves smbd and the marker rule: the next module is
// asked for none (vfs_default would stat every entry itself). Like
// vfs_default, smbd gets no stat for a symlink; the rule follows it, as a
// client opening the entry would.
std::optional<SMB_STRUCT_STAT> stat_entry(vfs_handle_struct* handle, files_struct* dirfsp,
                                          const char* name, SMB_STRUCT_STAT* sbuf) {
    auto raw = kernel_stat_at(dirfsp, name, AT_SYMLINK_NOFOLLOW);
    if (!raw) return std::nullopt;
    if (S_ISLNK(raw->st_mode)) return stat_at(dirfsp, name, 0);
    if (sbuf != nullptr)
        init_stat_ex_from_stat(sbuf, &*raw,
                               lp_fake_directory_create_times(SNUM(handle->conn)));
    return from_kernel(*raw);
}

}  // namespace

DIR* scannedonly_fdopendir(vfs_handle_struct* handle, files_struct* fsp, const char* mask,
               uint32_t attributes) {
    DIR* dir = SMB_VFS_NEXT_FDOPENDIR(handle, fsp, mask, attributes);
    if (dir != nullptr) {
        // A DIR* address may be reused after closedir.
        ConnState& state = conn_state(handle);
        state.listings.erase(dir);
        state.listings.try_emplace(dir).first->second.for_client = mask != nullptr;
    }
    return dir;
}

struct dirent* scannedonly_readdir(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp,
                       SMB_STRUCT_STAT* sbuf) {
    ConnState& state = conn_state(handle);
    Listing& listing = state.listings[dirp];
    for (;;) {
        if (sbuf != nullptr) SET_STAT_INVALID(*sbuf);
        struct dirent* entry = next_readdir(handle, dirfsp, dirp);
        if (entry == nullptr) {
            finish_listing(state, dirfsp, listing);
            return nullptr;
        }
        const char* name = entry->d_name;
        if (is_reserved_name(name, state.options.prefixes)) continue;
        if (is_dot_entry(name)) return entry;
        auto st = stat_entry(handle, dirfsp, name, sbuf);
        if (!st) return entry;  // dangling symlinks: smbd decides
        const EntryType type = entry_type(*st);
        const Access access = type == EntryType::Regular
                                  ? access_at(state, dirfsp, name, *st)
                                  : Access::Allowed;
        const ListingDecision decision = decide_listing(type, access, state.options);
        if (decision.notify && listing.for_client) {
            queue_for_scan(state, listing, entry_path(state, dirfsp, name), decision.priority);
            const bool shown_unscanned = decision.priority == Priority::Normal;
            if (shown_unscanned && listing.waiting_for.size() < kMaxWaitedNames)
                listing.waiting_for.emplace_back(name);
        }
        switch (decision.action) {
        case ListingAction::Show: return entry;
        case ListingAction::Hide: continue;
        case ListingAction::Placeholder:
            if (auto* shown = as_placeholder(listing, entry, state, sbuf, *st)) return shown;
            continue;
        }
    }
}

int scannedonly_closedir(vfs_handle_struct* handle, DIR* dirp) {
    ConnState& state = conn_state(handle);
    if (auto it = state.listings.find(dirp); it != state.listings.end()) {
        flush_listing(state, it->second);
        state.listings.erase(it);
    }
    return SMB_VFS_NEXT_CLOSEDIR(handle, dirp);
}

}  // namespace scannedonly_vfs
