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
    return file_access(facts, marker, state.trusted);
}

}  // namespace scannedonly_vfs
