// vfs_scannedonly: serve only files that scannedonlyd has scanned.
//
// The Samba glue: each hook translates between Samba's structures and the
// Samba-free core in include/scannedonly/. Hooks live in *_hooks.cpp.
#include "conn_state.hpp"
#include "debug.hpp"
#include "guard.hpp"
#include "hooks.hpp"

int scannedonly_debug_class = DBGC_VFS;

namespace {

// Options are checked before the share is served: a bad value refuses the
// connection rather than serving files unprotected.
int scannedonly_connect(vfs_handle_struct* handle, const char* service, const char* user) {
    if (!scannedonly_vfs::attach_conn_state(handle, service)) {
        errno = EINVAL;
        return -1;
    }
    const int ret = SMB_VFS_NEXT_CONNECT(handle, service, user);
    if (ret < 0) return ret;
    scannedonly_vfs::resolve_share_root(handle);
    // Reads are judged once done, and sendfile's bytes are on the wire by
    // then: smbd could only drop the connection on a denial (read_hooks.cpp).
    if (!scannedonly_vfs::conn_state(handle).options.allow_nonscanned_files)
        lp_do_parameter(SNUM(handle->conn), "use sendfile", "no");
    DBG_NOTICE("share [%s] connected for user [%s]\n", service, user);
    return 0;
}

// Every hook goes through the one guard (guard.hpp): no C++ exception
// reaches smbd.
struct vfs_fn_pointers make_fns() {
    using namespace scannedonly_vfs;
    struct vfs_fn_pointers fns = {};
#define HOOK(field, fn) fns.field = SCANNEDONLY_GUARDED(fns.field, fn)
    HOOK(connect_fn, scannedonly_connect);
    HOOK(fdopendir_fn, scannedonly_fdopendir);
    HOOK(readdir_fn, readdir_hook<scannedonly_readdir>);
    HOOK(closedir_fn, scannedonly_closedir);
    HOOK(openat_fn, scannedonly_openat);
    HOOK(close_fn, scannedonly_close);
    HOOK(pread_fn, scannedonly_pread);
    HOOK(pread_send_fn, scannedonly_pread_send);
    HOOK(pread_recv_fn, scannedonly_pread_recv);
    HOOK(sendfile_fn, scannedonly_sendfile);
    HOOK(stat_fn, scannedonly_stat);
    HOOK(lstat_fn, scannedonly_lstat);
    HOOK(fstatat_fn, scannedonly_fstatat);
    HOOK(fstat_fn, scannedonly_fstat);
    HOOK(renameat_fn, renameat_hook<scannedonly_renameat>);
    HOOK(unlinkat_fn, scannedonly_unlinkat);
    HOOK(mkdirat_fn, scannedonly_mkdirat);
    HOOK(symlinkat_fn, scannedonly_symlinkat);
    HOOK(linkat_fn, scannedonly_linkat);
    HOOK(mknodat_fn, scannedonly_mknodat);
#undef HOOK
    return fns;
}

struct vfs_fn_pointers scannedonly_fns = make_fns();

}  // namespace

extern "C" __attribute__((visibility("default"))) NTSTATUS samba_init_module(TALLOC_CTX* /*ctx*/) {
    NTSTATUS status = smb_register_vfs(SMB_VFS_INTERFACE_VERSION, "scannedonly",
                                       &scannedonly_fns);
    if (!NT_STATUS_IS_OK(status)) return status;
    scannedonly_debug_class = debug_add_class("scannedonly");
    if (scannedonly_debug_class == -1) {
        scannedonly_debug_class = DBGC_VFS;
        DBG_ERR("could not register the scannedonly debug class\n");
    }
    return status;
}
