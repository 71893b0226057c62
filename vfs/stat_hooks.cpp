// Stats: reserved names do not exist for clients; placeholders stat as the
// file they stand for, without content.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "facts.hpp"
#include "notify.hpp"
#include "placeholder.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

bool reserved(const ConnState& state, const char* path) {
    return is_reserved_name(split_last(path).name, state.options.prefixes);
}

// After a failed stat: the placeholder's stat, if `path` is one.
int stat_placeholder(const ConnState& state, const files_struct* dirfsp, const char* path,
                     SMB_STRUCT_STAT* out) {
    if (errno != ENOENT) return -1;
    auto st = placeholder_stat(state, dirfsp, path);
    if (!st) {
        errno = ENOENT;
        return -1;
    }
    *out = *st;
    return 0;
}

int path_stat(vfs_handle_struct* handle, smb_filename* smb_fname, bool follow) {
    const ConnState& state = conn_state(handle);
    if (reserved(state, smb_fname->base_name)) {
        errno = ENOENT;
        return -1;
    }
    const int ret = follow ? SMB_VFS_NEXT_STAT(handle, smb_fname)
                           : SMB_VFS_NEXT_LSTAT(handle, smb_fname);
    if (ret == 0) return 0;
    return stat_placeholder(state, handle->conn->cwd_fsp, smb_fname->base_name,
                            &smb_fname->st);
}

}  // namespace

int scannedonly_stat(vfs_handle_struct* handle, smb_filename* smb_fname) {
    return path_stat(handle, smb_fname, true);
}

int scannedonly_lstat(vfs_handle_struct* handle, smb_filename* smb_fname) {
    return path_stat(handle, smb_fname, false);
}

int scannedonly_fstatat(vfs_handle_struct* handle, const files_struct* dirfsp,
            const smb_filename* smb_fname, SMB_STRUCT_STAT* sbuf, int flags) {
    const ConnState& state = conn_state(handle);
    if (reserved(state, smb_fname->base_name)) {
        errno = ENOENT;
        return -1;
    }
    if (SMB_VFS_NEXT_FSTATAT(handle, dirfsp, smb_fname, sbuf, flags) == 0) return 0;
    return stat_placeholder(state, dirfsp, smb_fname->base_name, sbuf);
}

int scannedonly_fstat(vfs_handle_struct* handle, files_struct* fsp, SMB_STRUCT_STAT* sbuf) {
    const int ret = SMB_VFS_NEXT_FSTAT(handle, fsp, sbuf);
    if (ret != 0 || !fsp->fsp_flags.is_pathref) return ret;
    const ConnState& state = conn_state(handle);
    if (has_placeholder_form(state, fsp->fsp_name->base_name) &&
        placeholder_stat(state, fsp->conn->cwd_fsp,
                         share_path(state, fsp->fsp_name->base_name)))
        make_placeholder_stat(*sbuf);
    return 0;
}

}  // namespace scannedonly_vfs
