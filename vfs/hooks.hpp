// The module's VFS hooks, one group per file; vfs_scannedonly.cpp registers them.
// Named scannedonly_<op>, as Samba's modules name theirs: a bare libc name
// would capture every unqualified call to that function in this namespace.
#pragma once

#include "samba_compat.hpp"

namespace scannedonly_vfs {

// dir_hooks.cpp; readdir's sbuf is null on Samba 4.19 and later.
DIR* scannedonly_fdopendir(vfs_handle_struct* handle, files_struct* fsp, const char* mask,
               uint32_t attributes);
struct dirent* scannedonly_readdir(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp,
                       SMB_STRUCT_STAT* sbuf);
int scannedonly_closedir(vfs_handle_struct* handle, DIR* dirp);

// open_hooks.cpp
int scannedonly_openat(vfs_handle_struct* handle, const files_struct* dirfsp,
           const smb_filename* smb_fname, files_struct* fsp, const vfs_open_how* how);
int scannedonly_close(vfs_handle_struct* handle, files_struct* fsp);

// read_hooks.cpp
ssize_t scannedonly_pread(vfs_handle_struct* handle, files_struct* fsp, void* data, size_t n,
              off_t offset);
struct tevent_req* scannedonly_pread_send(vfs_handle_struct* handle, TALLOC_CTX* mem_ctx,
                              struct tevent_context* ev, files_struct* fsp, void* data,
                              size_t n, off_t offset);
ssize_t scannedonly_pread_recv(struct tevent_req* req, struct vfs_aio_state* aio_state);
ssize_t scannedonly_sendfile(vfs_handle_struct* handle, int tofd, files_struct* fromfsp,
                 const DATA_BLOB* header, off_t offset, size_t count);

// stat_hooks.cpp
int scannedonly_stat(vfs_handle_struct* handle, smb_filename* smb_fname);
int scannedonly_lstat(vfs_handle_struct* handle, smb_filename* smb_fname);
int scannedonly_fstatat(vfs_handle_struct* handle, const files_struct* dirfsp,
            const smb_filename* smb_fname, SMB_STRUCT_STAT* sbuf, int flags);
int scannedonly_fstat(vfs_handle_struct* handle, files_struct* fsp, SMB_STRUCT_STAT* sbuf);

// name_hooks.cpp
int scannedonly_renameat(vfs_handle_struct* handle, files_struct* srcdir_fsp, const smb_filename* src,
             files_struct* dstdir_fsp, const smb_filename* dst, RenameHow how);
int scannedonly_unlinkat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
             int flags);
int scannedonly_mkdirat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode);
int scannedonly_symlinkat(vfs_handle_struct* handle, const smb_filename* link_contents,
              files_struct* dirfsp, const smb_filename* new_smb_fname);
int scannedonly_linkat(vfs_handle_struct* handle, files_struct* srcfsp, const smb_filename* old_smb_fname,
           files_struct* dstfsp, const smb_filename* new_smb_fname, int flags);
int scannedonly_mknodat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode, SMB_DEV_T dev);

}  // namespace scannedonly_vfs
