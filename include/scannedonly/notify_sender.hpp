// Sends scan requests to scannedonlyd: the module's and the prescan tool's
// one datagram socket, unix (default) or UDP.
//
// The socket is created on first use and dropped after an error, so a daemon
// that restarts is found again by the next send. By default a send never
// blocks the caller: datagrams that cannot be sent are lost on purpose, as
// the file stays unscanned, hence unreachable, and the next access asks again.
#pragma once

#include "scannedonly/fd.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scannedonly {

class NotifySender {
public:
    static NotifySender unix_socket(std::string path);
    static NotifySender udp(std::string host, std::uint16_t port);

    // Sends wait up to `timeout` for a full daemon queue instead of failing
    // at once with EAGAIN: for a tool with nothing else to do.
    void wait_when_full(std::chrono::seconds timeout);
    // Sends that find the daemon's queue full wait up to `limit` for room
    // once, for the module: the daemon reads all the time, so its queue
    // (net.unix.max_dgram_qlen, 10 datagrams by the kernel's default)
    // fills only for a moment, say while a listing sends its batches and
    // the reading thread waits for a CPU. A wait that did not help means a
    // stuck daemon: sends then fail at once for a second, so smbd is held
    // up by at most one such wait a second.
    void wait_briefly_when_full(std::chrono::milliseconds limit);
    // Both 0 on success, else the errno of the failed step.
    int connect();
    int send(std::string_view datagram);
    // "unix socket /path" or "udp host:port", for messages.
    std::string describe() const;

private:
    NotifySender(bool unix_domain, std::string target, std::uint16_t port);

    bool unix_domain_;
    std::string target_;
    std::uint16_t port_;
    int send_now(std::string_view datagram, int flags);
    bool room_within_brief_wait();

    std::optional<std::chrono::seconds> send_timeout_;
    std::optional<std::chrono::milliseconds> brief_wait_;
    std::chrono::steady_clock::time_point no_wait_until_{};
    Fd fd_;
};

}  // namespace scannedonly
