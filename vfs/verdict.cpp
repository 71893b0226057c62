#include "verdict.hpp"

#include "conn_state.hpp"
#include "facts.hpp"
#include "notify.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

// Talloc'd and zeroed by VFS_ADD_FSP_EXTENSION; freed with the fsp.
struct HandleVerdict {
    FileVersion covered;
};

// A reserved name never gets a verdict: the daemon gives one (".virus:NAME")
// to a file it found infected.
std::optional<NamedContent> judgeable(const ConnState& state, const files_struct* fsp, int fd) {
    auto named = named_content(state, fsp, fd);
    if (!named || is_reserved_name(split_last(named->path).name, state.options.prefixes))
        return std::nullopt;
    return named;
}

// The content's stat when it has a fresh verdict under its present name.
std::optional<SMB_STRUCT_STAT> verdict_now(const ConnState& state, const files_struct* fsp,
                                           int fd) {
    auto named = judgeable(state, fsp, fd);
    if (!named || !has_verdict(state, fsp, named->path, named->st)) return std::nullopt;
    return named->st;
}

}  // namespace

bool serve_now(ConnState& state, const files_struct* fsp, const std::string& path,
               const SMB_STRUCT_STAT& st) {
    if (!S_ISREG(st.st_ex_mode)) return true;
    const Access access = access_at(state, fsp->conn->cwd_fsp, path, st);
    const bool served = serves(access, state.options.outdated_markers);
    if (served && access == Access::Outdated) notify_path(state, path, Priority::Rescan);
    return served;
}

std::optional<FileVersion> handle_verdict(vfs_handle_struct* handle, files_struct* fsp) {
    auto* verdict = static_cast<HandleVerdict*>(VFS_FETCH_FSP_EXTENSION(handle, fsp));
    if (verdict == nullptr) return std::nullopt;
    return verdict->covered;
}

void remember_verdict(vfs_handle_struct* handle, files_struct* fsp,
                      const std::optional<SMB_STRUCT_STAT>& covered) {
    if (!covered) {
        VFS_REMOVE_FSP_EXTENSION(handle, fsp);
        return;
    }
    // Returns the handle's extension if it has one already.
    auto* verdict = VFS_ADD_FSP_EXTENSION(handle, fsp, HandleVerdict, nullptr);
    if (verdict != nullptr) verdict->covered = file_version(*covered);  // else: none kept
}

std::optional<SMB_STRUCT_STAT> wait_for_verdict(ConnState& state, const files_struct* fsp,
                                                int fd) {
    auto named = judgeable(state, fsp, fd);
    if (!named) return std::nullopt;
    if (has_verdict(state, fsp, named->path, named->st)) return named->st;
    const VfsOptions& o = state.options;
    // allow_nonscanned_files serves the file anyway: waiting would only delay it.
    const bool waits = !o.allow_nonscanned_files && worth_waiting_on_open(named->st.st_ex_size, o);
    notify_path(state, named->path, waits ? Priority::Open : Priority::Normal);
    if (!waits) return std::nullopt;
    std::optional<SMB_STRUCT_STAT> found;
    wait_until_ready([&] { return (found = verdict_now(state, fsp, fd)).has_value(); },
                     o.recheck_tries_open, o.recheck_time_open);
    return found;
}

}  // namespace scannedonly_vfs
