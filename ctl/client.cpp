#include "client.hpp"

#include "scannedonly/control_command.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scannedonlyctl {

namespace {

using Clock = std::chrono::steady_clock;
using namespace scannedonly;

struct Socket {
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    ~Socket() {
        if (fd >= 0) close(fd);
    }
};

Answer failure(CtlExit status, std::string error) { return {status, "", std::move(error)}; }

CtlExit exit_for_connect(int error) {
    if (error == EACCES || error == EPERM) return kCtlNoPermission;
    if (error == EAGAIN || error == ETIMEDOUT) return kCtlTimeout;  // backlog full
    return kCtlDaemonDown;
}

int remaining_ms(Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

}  // namespace

Answer ask(const std::string& socket_path, const std::string& command,
           std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    Socket s;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (s.fd < 0 || socket_path.size() >= sizeof addr.sun_path)
        return failure(kCtlUsage, socket_path + ": not a usable socket path");
    std::memcpy(addr.sun_path, socket_path.c_str(), socket_path.size() + 1);
    // connect() on a unix socket waits only while the backlog is full,
    // for as long as SO_SNDTIMEO says.
    const timeval tv{static_cast<time_t>(timeout.count() / 1000),
                     static_cast<suseconds_t>(timeout.count() % 1000 * 1000)};
    setsockopt(s.fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    if (connect(s.fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
        const int error = errno;
        return failure(exit_for_connect(error), socket_path + ": " + strerror(error));
    }
    const std::string framed = frame_control_command(command);
    if (send(s.fd, framed.data(), framed.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(framed.size()))
        return failure(kCtlDaemonDown, socket_path + ": " + strerror(errno));
    std::string reply;
    for (;;) {
        pollfd p{s.fd, POLLIN, 0};
        if (poll(&p, 1, remaining_ms(deadline)) == 0)
            return failure(kCtlTimeout, "no answer within the timeout");
        char buffer[4096];
        const ssize_t n = recv(s.fd, buffer, sizeof buffer, 0);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;  // the daemon closes after its answer
        reply.append(buffer, static_cast<std::size_t>(n));
        if (reply.back() == '\0') break;
    }
    // A refusal ("too many connections") comes newline-terminated.
    if (!reply.empty() && (reply.back() == '\0' || reply.back() == '\n')) reply.pop_back();
    else return failure(kCtlBadReply, "the answer was cut short");
    if (reply.starts_with("ERROR") || reply.starts_with("UNKNOWN"))
        return {kCtlDaemonError, "", reply};
    return {kCtlOk, reply, ""};
}

}  // namespace scannedonlyctl
