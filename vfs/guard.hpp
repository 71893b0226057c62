// How the module's hooks fail when C++ throws (scannedonly/hook_guard.hpp):
// ENOMEM, NT_STATUS_NO_MEMORY for NTSTATUS hooks, the error also in a
// vfs_aio_state the hook fills, and one line in smbd's log.
#pragma once

#include "debug.hpp"
#include "samba_compat.hpp"
#include "scannedonly/hook_guard.hpp"

namespace scannedonly_vfs {

struct HookFailure {
    static void report(const char* hook, const char* what) noexcept {
        DBG_ERR("%s failed: %s\n", hook, what);
    }

    template <typename R, typename... Args>
    static R failure(Args... args) noexcept {
        (set_aio_error(args), ...);
        if constexpr (std::is_same_v<R, NTSTATUS>) {
            errno = ENOMEM;
            return NT_STATUS_NO_MEMORY;
        } else {
            return scannedonly::default_failure<R>();
        }
    }

private:
    static void set_aio_error(struct vfs_aio_state* state) noexcept {
        if (state != nullptr) state->error = ENOMEM;
    }
    template <typename T>
    static void set_aio_error(const T&) noexcept {}
};

}  // namespace scannedonly_vfs

// `fn` wrapped for registration as fns.field (whose type picks the overload).
#define SCANNEDONLY_GUARDED(field, fn) \
    (&scannedonly::Guarded<scannedonly_vfs::HookFailure, #fn, decltype(field), fn>::call)
