#include "scannedonly/notify_sender.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace scannedonly {

NotifySender NotifySender::unix_socket(std::string path) {
    return NotifySender(true, std::move(path), 0);
}

NotifySender NotifySender::udp(std::string host, std::uint16_t port) {
    return NotifySender(false, std::move(host), port);
}

NotifySender::NotifySender(bool unix_domain, std::string target, std::uint16_t port)
    : unix_domain_(unix_domain), target_(std::move(target)), port_(port) {}

namespace {
int connected_unix(const std::string& path, int type) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) return -ENAMETOOLONG;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    int fd = ::socket(AF_UNIX, type, 0);
    if (fd < 0) return -errno;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        int err = errno;
        ::close(fd);
        return -err;
    }
    return fd;
}

// Numeric hosts resolve without I/O; a name is looked up once per socket.
int connected_udp(const std::string& host, std::uint16_t port, int type) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found)
        return -EHOSTUNREACH;
    int result = -EHOSTUNREACH;
    for (addrinfo* ai = found; ai; ai = ai->ai_next) {
        int fd = ::socket(ai->ai_family, type, ai->ai_protocol);
        if (fd < 0) { result = -errno; continue; }
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) { result = fd; break; }
        result = -errno;
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return result;
}
}  // namespace

void NotifySender::wait_when_full(std::chrono::seconds timeout) {
    send_timeout_ = timeout;
    fd_.reset();
}

int NotifySender::connect() {
    if (fd_) return 0;
    const int type = SOCK_DGRAM | SOCK_CLOEXEC | (send_timeout_ ? 0 : SOCK_NONBLOCK);
    const int fd = unix_domain_ ? connected_unix(target_, type)
                                : connected_udp(target_, port_, type);
    if (fd < 0) return -fd;
    fd_ = Fd(fd);
    if (send_timeout_) {
        const timeval limit{static_cast<time_t>(send_timeout_->count()), 0};
        ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    }
    return 0;
}

void NotifySender::wait_briefly_when_full(std::chrono::milliseconds limit) { brief_wait_ = limit; }

int NotifySender::send_now(std::string_view datagram, int flags) {
    ssize_t sent;
    do {
        sent = ::send(fd_.get(), datagram.data(), datagram.size(), flags);
    } while (sent < 0 && errno == EINTR);
    return sent >= 0 ? 0 : errno;
}

// A connected unix datagram socket polls writable once the peer's queue
// has room again.
bool NotifySender::room_within_brief_wait() {
    const auto now = std::chrono::steady_clock::now();
    if (!brief_wait_ || now < no_wait_until_) return false;
    pollfd p{fd_.get(), POLLOUT, 0};
    if (::poll(&p, 1, static_cast<int>(brief_wait_->count())) == 1) return true;
    no_wait_until_ = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    return false;
}

int NotifySender::send(std::string_view datagram) {
    if (int err = connect(); err != 0) return err;
    const int flags = MSG_NOSIGNAL | (send_timeout_ ? 0 : MSG_DONTWAIT);
    int err = send_now(datagram, flags);
    if (err == EAGAIN && room_within_brief_wait()) err = send_now(datagram, flags);
    // EAGAIN: the daemon is busy; keep the socket. Anything else: reconnect.
    if (err != 0 && err != EAGAIN && err != EWOULDBLOCK) fd_.reset();
    return err;
}

std::string NotifySender::describe() const {
    if (unix_domain_) return "unix socket " + target_;
    return "udp " + target_ + ":" + std::to_string(port_);
}

}  // namespace scannedonly
