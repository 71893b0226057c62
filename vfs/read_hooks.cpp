// Reads: bytes read through a handle reach the client only while the file
// is at a version a fresh verdict covered. Other clients and local users may
// write into a file after a handle was opened, and an open for reading and
// writing may be an overwrite (smbd truncates only after opening), so a
// handle's verdict from its open is not enough.
//
// The check comes after the read, so that a write landing between a check
// and the read cannot slip through; for a file nobody changed it costs one
// fstat. A changed file is judged again as an open judges it: a wait for
// its scan within the open's budget, or EACCES.
#include "hooks.hpp"

#include "conn_state.hpp"
#include "debug.hpp"
#include "facts.hpp"
#include "guard.hpp"
#include "verdict.hpp"

#include <cstring>

namespace scannedonly_vfs {

using namespace scannedonly;

namespace {

bool read_covered(vfs_handle_struct* handle, const ConnState& state, files_struct* fsp,
                  off_t read_end) {
    auto now = content_stat(state, fsp, fsp_get_io_fd(fsp));
    return now && decide_read({handle_verdict(handle, fsp), file_version(*now), read_end,
                               !is_named_stream(fsp->fsp_name)}) == ReadAction::Serve;
}

// `got` bytes were read into `data`: they, or -1 with EACCES when the file
// changed and no fresh verdict came. After a new verdict the read is done
// again, as what was read may predate the version it covers.
ssize_t vet_read(vfs_handle_struct* handle, files_struct* fsp, void* data, size_t n,
                 off_t offset, ssize_t got) {
    ConnState& state = conn_state(handle);
    if (got <= 0 || state.options.allow_nonscanned_files) return got;
    if (read_covered(handle, state, fsp, offset + got)) return got;
    auto verdict = wait_for_verdict(state, fsp, fsp_get_io_fd(fsp));
    remember_verdict(handle, fsp, verdict);
    if (verdict) {
        got = SMB_VFS_NEXT_PREAD(handle, fsp, data, n, offset);
        if (got <= 0 || read_covered(handle, state, fsp, offset + got)) return got;
    }
    DBG_INFO("denied a read of changed, unscanned [%s]\n", fsp_str_dbg(fsp));
    std::memset(data, 0, got);
    errno = EACCES;
    return -1;
}

// Zeroed by tevent_req_create().
struct PreadState {
    vfs_handle_struct* handle;
    files_struct* fsp;
    void* data;
    size_t n;
    off_t offset;
    ssize_t ret;
    struct vfs_aio_state aio_state;
};

void pread_done(struct tevent_req* subreq) {
    auto* req = tevent_req_callback_data(subreq, struct tevent_req);
    auto* state = tevent_req_data(req, PreadState);
    const ssize_t got = SMB_VFS_PREAD_RECV(subreq, &state->aio_state);
    TALLOC_FREE(subreq);
    // A tevent callback, as C as a hook: guarded the same way.
    state->ret = scannedonly::guard_call(
        [&] { return vet_read(state->handle, state->fsp, state->data, state->n, state->offset, got); },
        [] { return scannedonly::default_failure<ssize_t>(); },
        [](const char* what) { HookFailure::report("pread_done", what); });
    if (got >= 0 && state->ret == -1) state->aio_state.error = errno;
    tevent_req_done(req);
}

}  // namespace

ssize_t scannedonly_pread(vfs_handle_struct* handle, files_struct* fsp, void* data, size_t n,
              off_t offset) {
    return vet_read(handle, fsp, data, n, offset,
                    SMB_VFS_NEXT_PREAD(handle, fsp, data, n, offset));
}

struct tevent_req* scannedonly_pread_send(vfs_handle_struct* handle, TALLOC_CTX* mem_ctx,
                              struct tevent_context* ev, files_struct* fsp, void* data,
                              size_t n, off_t offset) {
    PreadState* state = nullptr;
    struct tevent_req* req = tevent_req_create(mem_ctx, &state, PreadState);
    if (req == nullptr) return nullptr;
    *state = {handle, fsp, data, n, offset, 0, {}};
    struct tevent_req* subreq =
        SMB_VFS_NEXT_PREAD_SEND(state, ev, handle, fsp, data, n, offset);
    if (tevent_req_nomem(subreq, req)) return tevent_req_post(req, ev);
    tevent_req_set_callback(subreq, pread_done, req);
    return req;
}

ssize_t scannedonly_pread_recv(struct tevent_req* req, struct vfs_aio_state* aio_state) {
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

// sendfile's bytes are on the wire before they could be judged, so connect
// switches it off. Should a reload of smb.conf switch it on again, ENOSYS
// makes smbd read through pread, judged above (a denial there ends the
// client's connection: smbd has sent the reply's header already).
ssize_t scannedonly_sendfile(vfs_handle_struct* handle, int tofd, files_struct* fromfsp,
                 const DATA_BLOB* header, off_t offset, size_t count) {
    if (conn_state(handle).options.allow_nonscanned_files)
        return SMB_VFS_NEXT_SENDFILE(handle, tofd, fromfsp, header, offset, count);
    errno = ENOSYS;
    return -1;
}

}  // namespace scannedonly_vfs
