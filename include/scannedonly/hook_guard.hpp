// The one wrapper around every C entry point of the VFS module: a C++
// exception must never unwind into smbd's C frames (that is undefined
// behaviour, in practice a crashed or corrupted smbd). A guarded call
// returns the hook's failure value with errno ENOMEM instead and reports
// what was thrown. Samba-free so that a unit test reaches it; the module
// supplies the Policy (vfs/hook_guard_policy.hpp).
#pragma once

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <exception>
#include <type_traits>

namespace scannedonly {

// A hook's name as a template argument, for the report.
template <std::size_t N>
struct HookName {
    char text[N];
    constexpr HookName(const char (&name)[N]) { std::copy_n(name, N, text); }
};

// Failure values where the policy has none of its own: -1 for numbers (as
// the POSIX-like hooks return), null for pointers, nothing for void.
template <typename R>
R default_failure() noexcept {
    errno = ENOMEM;
    if constexpr (std::is_pointer_v<R>) return nullptr;
    else if constexpr (std::is_arithmetic_v<R>) return static_cast<R>(-1);
    else if constexpr (!std::is_void_v<R>) static_assert(sizeof(R) == 0, "no failure value");
}

// Runs fn(); when it throws, calls report(what) and returns failure().
// report and failure must not throw; if report does anyway, it is ignored.
template <typename Fn, typename Failure, typename Report>
auto guard_call(Fn&& fn, Failure&& failure, Report&& report) noexcept -> decltype(fn()) {
    const char* what = nullptr;
    try {
        return fn();
    } catch (const std::exception& e) {
        what = e.what();  // valid until the handler ends: reported in it
        try { report(what); } catch (...) {}
    } catch (...) {
        try { report("an exception of unknown type"); } catch (...) {}
    }
    return failure();
}

// Guarded<Policy, "name", decltype(&hook), hook>::call has the hook's
// signature and is noexcept. Policy provides
//   static void report(const char* hook, const char* what) noexcept;
//   template <typename R, typename... Args> static R failure(Args...) noexcept;
template <typename Policy, HookName Name, typename Fn, Fn Hook>
struct Guarded;

template <typename Policy, HookName Name, typename R, typename... Args, R (*Hook)(Args...)>
struct Guarded<Policy, Name, R (*)(Args...), Hook> {
    static R call(Args... args) noexcept {
        return guard_call([&]() -> R { return Hook(args...); },
                          [&]() -> R { return Policy::template failure<R>(args...); },
                          [](const char* what) { Policy::report(Name.text, what); });
    }
};

}  // namespace scannedonly
