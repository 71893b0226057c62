// Names: no client-made reserved names; a marker follows its file on rename
// and goes with it on unlink; rmdir clears leftover hidden entries.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "debug.hpp"
#include "facts.hpp"
#include "notify.hpp"
#include "placeholder.hpp"

#include <dirent.h>

#include <chrono>
#include <thread>

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

// ctime ticks are a few milliseconds; this bounds the wait for the next one.
constexpr unsigned kMarkerTouchTries = 50;
constexpr auto kMarkerTouchInterval = std::chrono::milliseconds(1);

bool refuse_reserved(const ConnState& state, const smb_filename* smb_fname) {
    if (!is_reserved_name(split_last(smb_fname->base_name).name, state.options.prefixes))
        return false;
    DBG_INFO("denied a reserved name [%s]\n", smb_fname->base_name);
    errno = EACCES;
    return true;
}

smb_filename* marker_fname(const ConnState& state, const smb_filename* file) {
    const std::string marker = marker_path_for(file->base_name, state.options.prefixes);
    return synthetic_smb_fname(talloc_tos(), marker.c_str(), nullptr, nullptr, file->twrp,
                               file->flags);
}

bool same_file(const SMB_STRUCT_STAT& a, const SMB_STRUCT_STAT& b) {
    return a.st_ex_dev == b.st_ex_dev && a.st_ex_ino == b.st_ex_ino;
}

// A moved marker no longer counts (file_access): after moving it with its
// file, stamp it again as the daemon does (mtime set to now, so ctime is the
// same instant, and its access time, the signature stamp, kept), as root,
// until its ctime is strictly newer than the renamed
// file's; both renames may fall in one ctime tick. The file must still be
// the one we renamed, or a swapped-in file could inherit the marker.
bool restamp_marker(files_struct* dirfsp, const smb_filename* file, const smb_filename* marker,
                    const SMB_STRUCT_STAT& renamed) {
    const int dirfd = fsp_get_pathref_fd(dirfsp);
    const timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    for (unsigned i = 0; i <= kMarkerTouchTries; ++i) {
        if (i > 0) std::this_thread::sleep_for(kMarkerTouchInterval);
        become_root();
        const int touched = utimensat(dirfd, marker->base_name, times, AT_SYMLINK_NOFOLLOW);
        unbecome_root();
        auto f = stat_at(dirfsp, file->base_name, AT_SYMLINK_NOFOLLOW);
        auto m = stat_at(dirfsp, marker->base_name, AT_SYMLINK_NOFOLLOW);
        if (touched != 0 || !f || !m || !same_file(*f, renamed)) return false;
        if (ctime_newer(m->st_ex_ctime, f->st_ex_ctime)) return true;
    }
    return false;
}

// Moves the marker after its file; without a fresh marker, the new name is
// sent for scanning. Only a marker that vouched for the file before the
// rename (`was_fresh`) is stamped again; a stale one goes.
void move_marker(vfs_handle_struct* handle, ConnState& state, files_struct* srcdir_fsp,
                 const smb_filename* src, files_struct* dstdir_fsp, const smb_filename* dst,
                 const SMB_STRUCT_STAT& renamed, bool was_fresh) {
    smb_filename* src_marker = marker_fname(state, src);
    smb_filename* dst_marker = marker_fname(state, dst);
    bool fresh = false;
    if (src_marker != nullptr && dst_marker != nullptr &&
        next_renameat(handle, srcdir_fsp, src_marker, dstdir_fsp, dst_marker,
                      replacing_rename()) == 0) {
        fresh = was_fresh && restamp_marker(dstdir_fsp, dst, dst_marker, renamed);
        if (!fresh) SMB_VFS_NEXT_UNLINKAT(handle, dstdir_fsp, dst_marker, 0);
    }
    if (!fresh) notify_path(state, entry_path(state, dstdir_fsp, dst->base_name));
    TALLOC_FREE(src_marker);
    TALLOC_FREE(dst_marker);
}

EntryType lstat_type(int dirfd, const char* name) {
    struct stat st {};
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISREG(st.st_mode) ||
        S_ISLNK(st.st_mode))
        return EntryType::Regular;
    return S_ISDIR(st.st_mode) ? EntryType::Directory : EntryType::Special;
}

// The entries of the directory open at `fd`, read below this module (which
// would hide reserved ones).
std::optional<std::vector<NamedEntry>> entries_of(int fd) {
    const int listed = ::dup(fd);
    DIR* dir = listed < 0 ? nullptr : ::fdopendir(listed);
    if (dir == nullptr) {
        if (listed >= 0) ::close(listed);
        return std::nullopt;
    }
    std::vector<NamedEntry> entries;
    while (struct dirent* entry = ::readdir(dir))
        entries.push_back({entry->d_name, lstat_type(fd, entry->d_name)});
    ::closedir(dir);
    return entries;
}

// rm_hidden_files_on_rmdir: a directory holding nothing clients can see
// loses those entries, so that it can be removed.
bool remove_hidden_leftovers(const ConnState& state, files_struct* dirfsp,
                             const smb_filename* smb_fname) {
    const int fd = ::openat(fsp_get_pathref_fd(dirfsp), smb_fname->base_name,
                            O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return false;
    auto entries = entries_of(fd);
    bool removed = entries && only_hidden_entries(*entries, state.options);
    for (const NamedEntry& e : removed ? *entries : std::vector<NamedEntry>{})
        if (e.name != "." && e.name != ".." && ::unlinkat(fd, e.name.c_str(), 0) != 0)
            removed = false;
    ::close(fd);
    return removed;
}

int remove_directory(vfs_handle_struct* handle, files_struct* dirfsp,
                     const smb_filename* smb_fname, int flags) {
    const ConnState& state = conn_state(handle);
    int ret = SMB_VFS_NEXT_UNLINKAT(handle, dirfsp, smb_fname, flags);
    if (ret == 0 || errno != ENOTEMPTY || !state.options.rm_hidden_files_on_rmdir) return ret;
    if (!remove_hidden_leftovers(state, dirfsp, smb_fname)) {
        errno = ENOTEMPTY;
        return -1;
    }
    return SMB_VFS_NEXT_UNLINKAT(handle, dirfsp, smb_fname, flags);
}

void unlink_marker(vfs_handle_struct* handle, const ConnState& state, files_struct* dirfsp,
                   const smb_filename* file) {
    if (smb_filename* marker = marker_fname(state, file)) {
        SMB_VFS_NEXT_UNLINKAT(handle, dirfsp, marker, 0);
        TALLOC_FREE(marker);
    }
}

// The file a placeholder stands for, when `fname` is one: deleting or
// renaming a placeholder acts on it, as a user who sees only the placeholder
// means. Talloc'd on talloc_tos().
smb_filename* placeholder_source_fname(const ConnState& state, const files_struct* dirfsp,
                                       const smb_filename* fname) {
    if (!has_placeholder_form(state, fname->base_name) ||
        !placeholder_stat(state, dirfsp, fname->base_name))
        return nullptr;
    const std::string source = placeholder_source(state, fname->base_name);
    return synthetic_smb_fname(talloc_tos(), source.c_str(), nullptr, nullptr, fname->twrp,
                               fname->flags);
}

}  // namespace

int scannedonly_renameat(vfs_handle_struct* handle, files_struct* srcdir_fsp, const smb_filename* src,
             files_struct* dstdir_fsp, const smb_filename* dst, RenameHow how) {
    ConnState& state = conn_state(handle);
    if (refuse_reserved(state, src) || refuse_reserved(state, dst)) return -1;
    smb_filename* source = placeholder_source_fname(state, srcdir_fsp, src);
    const smb_filename* from = source ? source : src;
    auto before = stat_at(srcdir_fsp, from->base_name, AT_SYMLINK_NOFOLLOW);
    const bool regular = before && S_ISREG(before->st_ex_mode);
    const bool was_fresh =
        regular && access_at(state, srcdir_fsp, from->base_name, *before) != Access::NeedsScan;
    const int ret = next_renameat(handle, srcdir_fsp, from, dstdir_fsp, dst, how);
    const int saved = errno;
    if (ret == 0 && regular)
        move_marker(handle, state, srcdir_fsp, from, dstdir_fsp, dst, *before, was_fresh);
    TALLOC_FREE(source);
    errno = saved;
    return ret;
}

int scannedonly_unlinkat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
             int flags) {
    const ConnState& state = conn_state(handle);
    if (is_reserved_name(split_last(smb_fname->base_name).name, state.options.prefixes)) {
        errno = ENOENT;
        return -1;
    }
    if (flags & AT_REMOVEDIR) return remove_directory(handle, dirfsp, smb_fname, flags);
    if (SMB_VFS_NEXT_UNLINKAT(handle, dirfsp, smb_fname, flags) == 0) {
        unlink_marker(handle, state, dirfsp, smb_fname);
        return 0;
    }
    if (errno != ENOENT) return -1;
    smb_filename* source = placeholder_source_fname(state, dirfsp, smb_fname);
    if (source == nullptr) {
        errno = ENOENT;
        return -1;
    }
    const int ret = SMB_VFS_NEXT_UNLINKAT(handle, dirfsp, source, flags);
    const int saved = errno;
    if (ret == 0) unlink_marker(handle, state, dirfsp, source);
    TALLOC_FREE(source);
    errno = saved;
    return ret;
}

int scannedonly_mkdirat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode) {
    if (refuse_reserved(conn_state(handle), smb_fname)) return -1;
    return SMB_VFS_NEXT_MKDIRAT(handle, dirfsp, smb_fname, mode);
}

int scannedonly_symlinkat(vfs_handle_struct* handle, const smb_filename* link_contents,
              files_struct* dirfsp, const smb_filename* new_smb_fname) {
    if (refuse_reserved(conn_state(handle), new_smb_fname)) return -1;
    return SMB_VFS_NEXT_SYMLINKAT(handle, link_contents, dirfsp, new_smb_fname);
}

int scannedonly_linkat(vfs_handle_struct* handle, files_struct* srcfsp, const smb_filename* old_smb_fname,
           files_struct* dstfsp, const smb_filename* new_smb_fname, int flags) {
    const ConnState& state = conn_state(handle);
    if (refuse_reserved(state, old_smb_fname) || refuse_reserved(state, new_smb_fname))
        return -1;
    return SMB_VFS_NEXT_LINKAT(handle, srcfsp, old_smb_fname, dstfsp, new_smb_fname, flags);
}

int scannedonly_mknodat(vfs_handle_struct* handle, files_struct* dirfsp, const smb_filename* smb_fname,
            mode_t mode, SMB_DEV_T dev) {
    if (refuse_reserved(conn_state(handle), smb_fname)) return -1;
    return SMB_VFS_NEXT_MKNODAT(handle, dirfsp, smb_fname, mode, dev);
}

}  // namespace scannedonly_vfs
