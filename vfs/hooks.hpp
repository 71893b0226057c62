// The module's VFS hooks, one group per file; vfs_scannedonly.cpp registers them.
#pragma once

#include "samba_compat.hpp"

namespace scannedonly_vfs {

// dir_hooks.cpp; readdir's sbuf is null on Samba 4.19 and later.
DIR* fdopendir(vfs_handle_struct* handle, files_struct* fsp, const char* mask,
               uint32_t attributes);
struct dirent* readdir(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp,
                       SMB_STRUCT_STAT* sbuf);
int closedir(vfs_handle_struct* handle, DIR* dirp);

// open_hooks.cpp
int openat(vfs_handle_struct* handle, const files_struct* dirfsp,
           const smb_filename* smb_fname, files_struct* fsp, const vfs_open_how* how);
int close(vfs_handle_struct* handle, files_struct* fsp);

// read_hooks.cpp
ssize_t pread(vfs_handle_struct* handle, files_struct* fsp, void* data, size_t n,
              off_t offset);
struct tevent_req* pread_send(vfs_handle_struct* handle, TALLOC_CTX* mem_ctx,
                              struct tevent_context* ev, files_struct* fsp, void* data,
                              size_t n, off_t offset);
ssize_t pread_recv(struct tevent_req* req, struct vfs_aio_state* aio_state);
ssize_t sendfile(vfs_handle_struct* handle, int tofd, files_struct* fromfsp,
                 const DATA_BLOB* header, off_t offset, size_t count);

// stat_hooks.cpp
int stat(vfs_handle_struct* handle, smb_filename* smb_fname);
int lstat(vfs_handle_struct* handle, smb_filename* smb_fname);
int fstatat(vfs_handle_struct* handle, const files_struct* dirfsp,
            const smb_filename* smb_fname, SMB_STRUCT_STAT* sbuf, int flags);
int fstat(vfs_handle_struct* handle, files_struct* fsp, SMB_STRUCT_STAT* sbuf);

// name_hooks.cpp
int renameat(vfs_handle_struct* handle, files_struct* srcdir_fsp, const smb_filename* src,
             files_struct* dstdir_fsp, const smb_filename* dst, RenameHow how);
int unlinkat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
             int flags);
int mkdirat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode);
int symlinkat(vfs_handle_struct* handle, const smb_filename* link_contents,
              files_struct* dirfsp, const smb_filename* new_smb_fname);
int linkat(vfs_handle_struct* handle, files_struct* srcfsp, const smb_filename* old_smb_fname,
           files_struct* dstfsp, const smb_filename* new_smb_fname, int flags);
int mknodat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode, SMB_DEV_T dev);

}  // namespace scannedonly_vfs
