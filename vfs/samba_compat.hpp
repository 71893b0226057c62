// Everything that differs between the Samba VFS interfaces the module
// supports, in one place: the rest of vfs/ is written once for all of them.
//
// Keyed on SMB_VFS_INTERFACE_VERSION from the prepared tree's vfs.h, the
// feature check Samba itself offers (47: Samba 4.17, 48: 4.18, 49: 4.19 to
// 4.21, 50: 4.22). cmake/SambaTree.cmake refuses other versions before any
// of this is compiled; the #error only guards a hand-made build.
#pragma once

#include "samba.hpp"

#if SMB_VFS_INTERFACE_VERSION < 47 || SMB_VFS_INTERFACE_VERSION > 50
#error "scannedonly supports Samba VFS interfaces 47 to 50 (Samba 4.17 to 4.22)"
#endif

namespace scannedonly_vfs {

// The module's readdir takes a stat buffer to fill, null where Samba passes
// none; readdir_hook<> gives it the signature this Samba registers.
using ReaddirImpl = struct dirent* (*)(vfs_handle_struct*, files_struct*, DIR*, SMB_STRUCT_STAT*);

// Interface 49 (Samba 4.19) dropped readdir's stat argument: smbd stats
// each entry itself.
#if SMB_VFS_INTERFACE_VERSION >= 49
inline struct dirent* next_readdir(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp) {
    return SMB_VFS_NEXT_READDIR(handle, dirfsp, dirp);
}
template <ReaddirImpl impl>
struct dirent* readdir_hook(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp) {
    return impl(handle, dirfsp, dirp, nullptr);
}
#else
inline struct dirent* next_readdir(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp) {
    return SMB_VFS_NEXT_READDIR(handle, dirfsp, dirp, nullptr);
}
template <ReaddirImpl impl>
struct dirent* readdir_hook(vfs_handle_struct* handle, files_struct* dirfsp, DIR* dirp,
                            SMB_STRUCT_STAT* sbuf) {
    return impl(handle, dirfsp, dirp, sbuf);
}
#endif

// Interface 50 (Samba 4.22) gave renameat a `how` (VFS_RENAME_HOW_NO_REPLACE).
// Before it every rename may replace, which an empty RenameHow stands for.
// The module's renameat takes a RenameHow; renameat_hook<> gives it the
// signature this Samba registers.
#if SMB_VFS_INTERFACE_VERSION >= 50
using RenameHow = const struct vfs_rename_how*;
using RenameatImpl = int (*)(vfs_handle_struct*, files_struct*, const smb_filename*,
                             files_struct*, const smb_filename*, RenameHow);
inline int next_renameat(vfs_handle_struct* handle, files_struct* srcdir_fsp,
                         const smb_filename* src, files_struct* dstdir_fsp,
                         const smb_filename* dst, RenameHow how) {
    return SMB_VFS_NEXT_RENAMEAT(handle, srcdir_fsp, src, dstdir_fsp, dst, how);
}
// For the module's own renames (a marker following its file): they replace.
inline RenameHow replacing_rename() {
    static const struct vfs_rename_how replace = {};
    return &replace;
}
template <RenameatImpl impl>
int renameat_hook(vfs_handle_struct* handle, files_struct* srcdir_fsp, const smb_filename* src,
                  files_struct* dstdir_fsp, const smb_filename* dst, RenameHow how) {
    return impl(handle, srcdir_fsp, src, dstdir_fsp, dst, how);
}
#else
struct RenameHow {};
using RenameatImpl = int (*)(vfs_handle_struct*, files_struct*, const smb_filename*,
                             files_struct*, const smb_filename*, RenameHow);
inline int next_renameat(vfs_handle_struct* handle, files_struct* srcdir_fsp,
                         const smb_filename* src, files_struct* dstdir_fsp,
                         const smb_filename* dst, RenameHow) {
    return SMB_VFS_NEXT_RENAMEAT(handle, srcdir_fsp, src, dstdir_fsp, dst);
}
inline RenameHow replacing_rename() { return {}; }
template <RenameatImpl impl>
int renameat_hook(vfs_handle_struct* handle, files_struct* srcdir_fsp, const smb_filename* src,
                  files_struct* dstdir_fsp, const smb_filename* dst) {
    return impl(handle, srcdir_fsp, src, dstdir_fsp, dst, RenameHow{});
}
#endif

}  // namespace scannedonly_vfs
