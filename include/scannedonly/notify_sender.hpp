// Sends scan requests to scannedonlyd without ever blocking the caller.
//
// The socket is created on first use and dropped after an error, so a daemon
// that restarts is found again by the next send. Datagrams that cannot be
// sent are lost on purpose: the file stays unscanned, hence unreachable, and
// the next access asks again.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace scannedonly {

class NotifySender {
public:
    static NotifySender unix_socket(std::string path);
    static NotifySender udp(std::string host, std::uint16_t port);

    NotifySender(NotifySender&& other) noexcept;
    NotifySender& operator=(NotifySender&& other) noexcept;
    NotifySender(const NotifySender&) = delete;
    NotifySender& operator=(const NotifySender&) = delete;
    ~NotifySender();

    // 0 on success, else the errno of the failed step.
    int send(std::string_view datagram);
    // "unix socket /path" or "udp host:port", for log messages.
    std::string describe() const;

private:
    NotifySender(bool unix_domain, std::string target, std::uint16_t port);
    int connect_socket();
    void close_socket();

    bool unix_domain_;
    std::string target_;
    std::uint16_t port_;
    int fd_ = -1;
};

// Lets a message through at most once per interval.
class LogLimiter {
public:
    using Clock = std::chrono::steady_clock;
    explicit LogLimiter(Clock::duration interval) : interval_(interval) {}
    bool allow(Clock::time_point now = Clock::now());

private:
    Clock::duration interval_;
    bool logged_ = false;
    Clock::time_point last_{};
};

}  // namespace scannedonly
