// Opens: unscanned files are denied after a bounded wait for their scan,
// reserved names cannot be opened or created, placeholders only stat; an
// open keeps the version its verdict covered for its reads; a close after
// writing asks for a new scan.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "debug.hpp"
#include "facts.hpp"
#include "notify.hpp"
#include "placeholder.hpp"
#include "verdict.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

std::string_view last_component(const char* path) { return split_last(path).name; }

bool names_reserved(const ConnState& state, const smb_filename* smb_fname) {
    return is_reserved_name(last_component(smb_fname->base_name), state.options.prefixes);
}

bool is_placeholder(const ConnState& state, const files_struct* dirfsp,
                    std::string_view path) {
    return placeholder_stat(state, dirfsp, path).has_value();
}

// A placeholder's pathref opens the file it stands for, so that smbd can
// list and stat it; fstat then hides the content size.
int open_placeholder_pathref(vfs_handle_struct* handle, const ConnState& state,
                             const files_struct* dirfsp, const smb_filename* smb_fname,
                             files_struct* fsp, const vfs_open_how* how) {
    const std::string source = placeholder_source(state, smb_fname->base_name);
    struct smb_filename* source_fname = cp_smb_filename(talloc_tos(), smb_fname);
    if (source_fname == nullptr) {
        errno = ENOMEM;
        return -1;
    }
    source_fname->base_name = talloc_strdup(source_fname, source.c_str());
    const int fd = source_fname->base_name
                       ? SMB_VFS_NEXT_OPENAT(handle, dirfsp, source_fname, fsp, how)
                       : -1;
    const int saved = errno;
    TALLOC_FREE(source_fname);
    errno = saved;
    return fd;
}

// Lends a freshly opened fd to fsp, so the next module's close works on it;
// the fsp gets back the fd it had (a pathref's, when smbd reopens through
// /proc/self/fd). fsp_set_fd() only replaces -1.
class FdLoan {
public:
    FdLoan(files_struct* fsp, int fd) : fsp_(fsp), previous_(fsp_get_pathref_fd(fsp)) {
        fsp_set_fd(fsp_, -1);
        fsp_set_fd(fsp_, fd);
    }
    ~FdLoan() {
        fsp_set_fd(fsp_, -1);
        fsp_set_fd(fsp_, previous_);
    }
    FdLoan(const FdLoan&) = delete;
    FdLoan& operator=(const FdLoan&) = delete;

private:
    files_struct* fsp_;
    int previous_;
};

// Closes an fd this hook opened but will not hand to smbd.
void close_opened(vfs_handle_struct* handle, files_struct* fsp, int fd) {
    FdLoan loan(fsp, fd);
    SMB_VFS_NEXT_CLOSE(handle, fsp);
}

// Decides on the freshly opened fd, so the stat describes what was opened:
// the stat a fresh verdict covers, or nothing. fsp->fsp_name is the
// share-relative name even when smbd reopens a pathref through /proc/self/fd.
std::optional<SMB_STRUCT_STAT> opened_file_verdict(ConnState& state, const files_struct* fsp,
                                                   int fd) {
    auto st = content_stat(state, fsp, fd);
    if (!st) return std::nullopt;  // fail closed
    if (serve_now(state, fsp, share_path(state, fsp->fsp_name->base_name), *st)) return st;
    return wait_for_verdict(state, fsp, fd);
}

}  // namespace

namespace {

// smbd's own open failed: only a placeholder's name changes the outcome.
int failed_open(vfs_handle_struct* handle, const ConnState& state, const files_struct* dirfsp,
                const smb_filename* smb_fname, files_struct* fsp, const vfs_open_how* how) {
    const int error = errno;
    const auto placeholder = [&] { return is_placeholder(state, dirfsp, smb_fname->base_name); };
    switch (decide_failed_open(error, fsp->fsp_flags.is_pathref, placeholder)) {
    case OpenAction::OpenPlaceholderSource:
        return open_placeholder_pathref(handle, state, dirfsp, smb_fname, fsp, how);
    case OpenAction::Deny: errno = EACCES; return -1;
    default: errno = error; return -1;
    }
}

}  // namespace

int scannedonly_openat(vfs_handle_struct* handle, const files_struct* dirfsp,
                       const smb_filename* smb_fname, files_struct* fsp, const vfs_open_how* how) {
    ConnState& state = conn_state(handle);
    if (names_reserved(state, smb_fname) || names_reserved(state, fsp->fsp_name)) {
        DBG_INFO("denied open of reserved name [%s]\n", smb_fname_str_dbg(fsp->fsp_name));
        errno = reserved_open_error(how->flags);
        return -1;
    }
    const int fd = SMB_VFS_NEXT_OPENAT(handle, dirfsp, smb_fname, fsp, how);
    if (fd == -1) return failed_open(handle, state, dirfsp, smb_fname, fsp, how);
    const auto placeholder = [&] {
        return has_placeholder_form(state, fsp->fsp_name->base_name) &&
               is_placeholder(state, fsp->conn->cwd_fsp,
                              share_path(state, fsp->fsp_name->base_name));
    };
    OpenAction action = decide_opened(how->flags, fsp->fsp_flags.is_pathref, placeholder);
    if (action == OpenAction::Judge) {
        auto verdict = opened_file_verdict(state, fsp, fd);
        remember_verdict(handle, fsp, verdict);
        action = judge_open(verdict.has_value(), how->flags, state.options);
    }
    if (action == OpenAction::Keep) return fd;
    DBG_INFO("denied open of unscanned [%s]\n", smb_fname_str_dbg(fsp->fsp_name));
    close_opened(handle, fsp, fd);
    errno = EACCES;
    return -1;
}

int scannedonly_close(vfs_handle_struct* handle, files_struct* fsp) {
    const bool rescan = !fsp->fsp_flags.is_pathref && !fsp->fsp_flags.is_directory &&
                        fsp->fsp_flags.modified;
    ConnState& state = conn_state(handle);
    const std::string path = rescan ? share_path(state, fsp->fsp_name->base_name) : "";
    const int ret = SMB_VFS_NEXT_CLOSE(handle, fsp);
    if (rescan) notify_path(state, path);
    return ret;
}

}  // namespace scannedonly_vfs
