// vfs_scannedonly: serve only files that scannedonlyd has scanned.
//
// The Samba glue: each hook translates between Samba's structures and the
// Samba-free core in include/scannedonly/.
#include "samba.hpp"

#undef DBGC_CLASS
#define DBGC_CLASS scannedonly_debug_class
static int scannedonly_debug_class = DBGC_VFS;

static int scannedonly_connect(vfs_handle_struct* handle, const char* service,
                               const char* user) {
    int ret = SMB_VFS_NEXT_CONNECT(handle, service, user);
    if (ret < 0) return ret;
    DBG_NOTICE("share [%s] connected for user [%s]\n", service, user);
    return 0;
}

static struct vfs_fn_pointers scannedonly_fns = {
    .connect_fn = scannedonly_connect,
};

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
