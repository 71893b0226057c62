#include "scannedonly/hook_guard.hpp"

#include <gtest/gtest.h>

#include <new>
#include <stdexcept>
#include <string>
#include <vector>

using namespace scannedonly;

namespace {

struct Reports {
    static inline std::vector<std::string> lines;
};

struct Status {  // stands for NTSTATUS, a struct in Samba's builds
    unsigned v;
};
constexpr Status kNoMemory{0xC0000017};

struct TestPolicy {
    static void report(const char* hook, const char* what) noexcept {
        Reports::lines.push_back(std::string(hook) + ": " + what);
    }
    template <typename R, typename... Args>
    static R failure(Args...) noexcept {
        if constexpr (std::is_same_v<R, Status>) {
            errno = ENOMEM;
            return kNoMemory;
        } else {
            return default_failure<R>();
        }
    }
};

int throws_bad_alloc(int) { throw std::bad_alloc(); }
long throws_runtime_error(const char*) { throw std::runtime_error("boom"); }
char* throws_an_int() { throw 42; }
Status throws_for_status() { throw std::length_error("too long"); }
void throws_in_void() { throw std::bad_alloc(); }
int passes(int x) {
    errno = 0;
    return x + 1;
}
int fails_as_c_does(int) {
    errno = EACCES;
    return -1;
}

template <auto Hook, HookName Name = "hook">
constexpr auto guarded = &Guarded<TestPolicy, Name, decltype(Hook), Hook>::call;

class HookGuard : public ::testing::Test {
protected:
    void SetUp() override { Reports::lines.clear(); }
};

}  // namespace

TEST_F(HookGuard, WrappedHooksAreNoexceptWithTheHooksSignature) {
    static_assert(noexcept(guarded<throws_bad_alloc>(1)));
    static_assert(std::is_same_v<decltype(guarded<throws_bad_alloc>), int (*const)(int) noexcept>);
    static_assert(std::is_same_v<decltype(guarded<throws_for_status>), Status (*const)() noexcept>);
}

TEST_F(HookGuard, ResultsAndErrnoPassThroughWhenNothingIsThrown) {
    EXPECT_EQ(guarded<passes>(41), 42);
    EXPECT_EQ(errno, 0);
    EXPECT_EQ(guarded<fails_as_c_does>(0), -1);
    EXPECT_EQ(errno, EACCES);
    EXPECT_TRUE(Reports::lines.empty());
}

TEST_F(HookGuard, AnExceptionBecomesTheFailureValueWithEnomem) {
    errno = 0;
    EXPECT_EQ((guarded<throws_bad_alloc, "openat">(1)), -1);
    EXPECT_EQ(errno, ENOMEM);
    errno = 0;
    EXPECT_EQ((guarded<throws_runtime_error, "pread">("x")), -1L);
    EXPECT_EQ(errno, ENOMEM);
    errno = 0;
    EXPECT_EQ((guarded<throws_an_int, "readdir">()), nullptr);
    EXPECT_EQ(errno, ENOMEM);
    guarded<throws_in_void, "callback">();
    EXPECT_EQ(errno, ENOMEM);
    EXPECT_EQ(Reports::lines,
              (std::vector<std::string>{"openat: std::bad_alloc", "pread: boom",
                                        "readdir: an exception of unknown type",
                                        "callback: std::bad_alloc"}));
}

TEST_F(HookGuard, StatusHooksGetThePolicysNoMemoryStatus) {
    EXPECT_EQ((guarded<throws_for_status, "connect">()).v, kNoMemory.v);
    EXPECT_EQ(errno, ENOMEM);
    EXPECT_EQ(Reports::lines, (std::vector<std::string>{"connect: too long"}));
}

TEST_F(HookGuard, AReportThatThrowsIsIgnored) {
    const auto throwing_report = [](const char*) { throw std::runtime_error("log full"); };
    const int r = guard_call([]() -> int { throw std::bad_alloc(); },
                             [] { return default_failure<int>(); }, throwing_report);
    EXPECT_EQ(r, -1);
    EXPECT_EQ(errno, ENOMEM);
}
