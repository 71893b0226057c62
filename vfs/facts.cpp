#include "facts.hpp"

#include "conn_state.hpp"

#include <string>

namespace scannedonly_vfs {

using namespace scannedonly;

std::optional<SMB_STRUCT_STAT> stat_at(vfs_handle_struct* handle, const files_struct* dirfsp,
                                       std::string_view path, int flags) {
    const std::string name(path);
    struct smb_filename* fname =
        synthetic_smb_fname(talloc_tos(), name.c_str(), nullptr, nullptr, 0, 0);
    if (fname == nullptr) {
        errno = ENOMEM;
        return std::nullopt;
    }
    SMB_STRUCT_STAT st;
    const int ret = SMB_VFS_NEXT_FSTATAT(handle, dirfsp, fname, &st, flags);
    const int saved = errno;
    TALLOC_FREE(fname);
    errno = saved;
    if (ret != 0) return std::nullopt;
    return st;
}

EntryType entry_type(const SMB_STRUCT_STAT& st) {
    if (S_ISDIR(st.st_ex_mode)) return EntryType::Directory;
    if (S_ISREG(st.st_ex_mode)) return EntryType::Regular;
    return EntryType::Special;
}

Access access_at(vfs_handle_struct* handle, const ConnState& state, const files_struct* dirfsp,
                 std::string_view path, const SMB_STRUCT_STAT& file) {
    const FileFacts facts{S_ISREG(file.st_ex_mode), file.st_ex_size, file.st_ex_ctime};
    MarkerFacts marker;
    if (!(facts.regular && facts.size == 0)) {
        auto st = stat_at(handle, dirfsp, marker_path_for(path, state.options.prefixes),
                          AT_SYMLINK_NOFOLLOW);
        if (st) marker = {true, S_ISREG(st->st_ex_mode), st->st_ex_uid, st->st_ex_ctime};
    }
    return file_access(facts, marker, state.trusted);
}

}  // namespace scannedonly_vfs
