// Reads through handles whose content was unscanned at open.
//
// smbd opens a file it will overwrite without O_TRUNC and truncates it
// afterwards, so an open for reading and writing cannot be told from an
// overwrite. Such opens of unscanned files are allowed, but reads stay
// blocked until the content is scanned or truncated away.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "debug.hpp"
#include "facts.hpp"
#include "notify.hpp"

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

struct ReadBlock {
    bool unused;  // the extension's presence is the mark
};

void unblock(vfs_handle_struct* handle, files_struct* fsp) {
    VFS_REMOVE_FSP_EXTENSION(handle, fsp);
}

// True while the fsp may not be read: its content is still unscanned.
bool reads_blocked(vfs_handle_struct* handle, files_struct* fsp) {
    if (VFS_FETCH_FSP_EXTENSION(handle, fsp) == nullptr) return false;
    const ConnState& state = conn_state(handle);
    auto st = content_stat(state, fsp, fsp_get_io_fd(fsp));
    if (st && access_at(state, fsp->conn->cwd_fsp, share_path(state, fsp->fsp_name->base_name),
                        *st) == Access::Allowed) {
        unblock(handle, fsp);
        return false;
    }
    DBG_INFO("denied a read of unscanned [%s]\n", fsp_str_dbg(fsp));
    return true;
}

// Zeroed by tevent_req_create().
struct PreadState {
    ssize_t ret;
    struct vfs_aio_state aio_state;
};

void pread_done(struct tevent_req* subreq) {
    auto* req = tevent_req_callback_data(subreq, struct tevent_req);
    auto* state = tevent_req_data(req, PreadState);
    state->ret = SMB_VFS_PREAD_RECV(subreq, &state->aio_state);
    TALLOC_FREE(subreq);
    tevent_req_done(req);
}

}  // namespace

void block_reads(vfs_handle_struct* handle, files_struct* fsp) {
    VFS_ADD_FSP_EXTENSION(handle, fsp, ReadBlock, nullptr);
}

ssize_t pread(vfs_handle_struct* handle, files_struct* fsp, void* data, size_t n,
              off_t offset) {
    if (reads_blocked(handle, fsp)) {
        errno = EACCES;
        return -1;
    }
    return SMB_VFS_NEXT_PREAD(handle, fsp, data, n, offset);
}

struct tevent_req* pread_send(vfs_handle_struct* handle, TALLOC_CTX* mem_ctx,
                              struct tevent_context* ev, files_struct* fsp, void* data,
                              size_t n, off_t offset) {
    PreadState* state = nullptr;
    struct tevent_req* req = tevent_req_create(mem_ctx, &state, PreadState);
    if (req == nullptr) return nullptr;
    if (reads_blocked(handle, fsp)) {
        tevent_req_error(req, EACCES);
        return tevent_req_post(req, ev);
    }
    struct tevent_req* subreq =
        SMB_VFS_NEXT_PREAD_SEND(state, ev, handle, fsp, data, n, offset);
    if (tevent_req_nomem(subreq, req)) return tevent_req_post(req, ev);
    tevent_req_set_callback(subreq, pread_done, req);
    return req;
}

ssize_t pread_recv(struct tevent_req* req, struct vfs_aio_state* aio_state) {
    auto* state = tevent_req_data(req, PreadState);
    if (tevent_req_is_unix_error(req, &aio_state->error)) {
        tevent_req_received(req);
        return -1;
    }
    *aio_state = state->aio_state;
    const ssize_t ret = state->ret;
    tevent_req_received(req);
    return ret;
}

// ENOSYS makes smbd fall back to a normal read, which is checked above.
ssize_t sendfile(vfs_handle_struct* handle, int tofd, files_struct* fromfsp,
                 const DATA_BLOB* header, off_t offset, size_t count) {
    if (VFS_FETCH_FSP_EXTENSION(handle, fromfsp) != nullptr) {
        errno = ENOSYS;
        return -1;
    }
    return SMB_VFS_NEXT_SENDFILE(handle, tofd, fromfsp, header, offset, count);
}

int ftruncate(vfs_handle_struct* handle, files_struct* fsp, off_t offset) {
    const int ret = SMB_VFS_NEXT_FTRUNCATE(handle, fsp, offset);
    if (ret == 0 && offset == 0) unblock(handle, fsp);  // no unscanned byte is left
    return ret;
}

}  // namespace scannedonly_vfs
