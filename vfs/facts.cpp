#include "facts.hpp"

#include "conn_state.hpp"
#include "notify.hpp"

#include <string>

namespace scannedonly_vfs {

using namespace scannedonly;

// Samba 4.17's get_ctimespec() takes tv_sec from st_mtime, so the ctime in
// its stat results is wrong whenever the two differ in seconds. The marker
// rule needs the kernel's ctime, so these stats go to the kernel directly:
// markers are plain files the daemon writes on disk, not through Samba.
SMB_STRUCT_STAT from_kernel(const struct stat& raw) {
    SMB_STRUCT_STAT st;
    init_stat_ex_from_stat(&st, &raw, false);
    st.st_ex_ctime = raw.st_ctim;
    return st;
}

std::optional<struct stat> kernel_stat_at(const files_struct* dirfsp, std::string_view path,
                                          int flags) {
    const std::string name(path);
    struct stat raw;
    if (::fstatat(fsp_get_pathref_fd(dirfsp), name.c_str(), &raw, flags) != 0)
        return std::nullopt;
    return raw;
}

std::optional<SMB_STRUCT_STAT> stat_at(const files_struct* dirfsp, std::string_view path,
                                       int flags) {
    auto raw = kernel_stat_at(dirfsp, path, flags);
    if (!raw) return std::nullopt;
    return from_kernel(*raw);
}

std::optional<SMB_STRUCT_STAT> stat_fd(int fd) {
    struct stat raw;
    if (::fstat(fd, &raw) != 0) return std::nullopt;
    return from_kernel(raw);
}

std::optional<SMB_STRUCT_STAT> content_stat(const ConnState& state, const files_struct* fsp,
                                            int fd) {
    if (!is_named_stream(fsp->fsp_name)) return stat_fd(fd);
    return stat_at(fsp->conn->cwd_fsp, share_path(state, fsp->fsp_name->base_name), 0);
}

namespace {
// readlink() of /proc/self/fd/N: Samba's own helper changed its signature
// between the supported versions.
std::optional<std::string> fd_path(int fd) {
    const std::string link = "/proc/self/fd/" + std::to_string(fd);
    char buf[PATH_MAX];
    const ssize_t len = readlink(link.c_str(), buf, sizeof buf);
    if (len <= 0 || static_cast<size_t>(len) == sizeof buf || buf[0] != '/') return std::nullopt;
    return std::string(buf, len);
}

bool same_inode(const SMB_STRUCT_STAT& a, const SMB_STRUCT_STAT& b) {
    return a.st_ex_dev == b.st_ex_dev && a.st_ex_ino == b.st_ex_ino;
}
}  // namespace

std::optional<NamedContent> named_content(const ConnState& state, const files_struct* fsp,
                                          int fd) {
    const files_struct* dirfsp = fsp->conn->cwd_fsp;
    if (is_named_stream(fsp->fsp_name)) {
        std::string path = share_path(state, fsp->fsp_name->base_name);
        auto st = stat_at(dirfsp, path, 0);
        if (!st) return std::nullopt;
        return NamedContent{std::move(path), *st};
    }
    auto path = fd_path(fd);
    auto st = stat_fd(fd);
    if (!path || !st) return std::nullopt;
    // Unlinked files show as "NAME (deleted)", which leads elsewhere or nowhere.
    auto at_name = stat_at(dirfsp, *path, AT_SYMLINK_NOFOLLOW);
    if (!at_name || !same_inode(*at_name, *st)) return std::nullopt;
    return NamedContent{std::move(*path), *st};
}

FileVersion file_version(const SMB_STRUCT_STAT& st) {
    return {st.st_ex_dev, st.st_ex_ino, st.st_ex_size, st.st_ex_mtime, st.st_ex_ctime};
}

EntryType entry_type(const SMB_STRUCT_STAT& st) {
    if (S_ISDIR(st.st_ex_mode)) return EntryType::Directory;
    if (S_ISREG(st.st_ex_mode)) return EntryType::Regular;
    return EntryType::Special;
}

Access access_at(const ConnState& state, const files_struct* dirfsp,
                 std::string_view path, const SMB_STRUCT_STAT& file) {
    const FileFacts facts{S_ISREG(file.st_ex_mode), file.st_ex_size, file.st_ex_ctime,
                          file.st_ex_ino};
    MarkerFacts marker;
    if (facts.regular && facts.size != 0)
        marker = marker_facts(kernel_stat_at(
            dirfsp, marker_path_for(path, state.options.prefixes), AT_SYMLINK_NOFOLLOW));
    if (facts.regular && facts.size != 0 && marker.exists)
        return file_access(facts, marker, state.trusted, current_stamp(state));
    return file_access(facts, marker, state.trusted);
}

bool has_verdict(const ConnState& state, const files_struct* fsp, std::string_view path,
                 const SMB_STRUCT_STAT& st) {
    return !S_ISREG(st.st_ex_mode) ||
           serves(access_at(state, fsp->conn->cwd_fsp, path, st), state.options.outdated_markers);
}

}  // namespace scannedonly_vfs
