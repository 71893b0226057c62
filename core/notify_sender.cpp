#include "scannedonly/notify_sender.hpp"

#include <fcntl.h>
#include <netdb.h>
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

NotifySender::NotifySender(NotifySender&& other) noexcept
    : unix_domain_(other.unix_domain_), target_(std::move(other.target_)), port_(other.port_),
      fd_(std::exchange(other.fd_, -1)) {}

NotifySender& NotifySender::operator=(NotifySender&& other) noexcept {
    if (this != &other) {
        close_socket();
        unix_domain_ = other.unix_domain_;
        target_ = std::move(other.target_);
        port_ = other.port_;
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

NotifySender::~NotifySender() { close_socket(); }

void NotifySender::close_socket() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

namespace {
int connected_unix(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof(addr.sun_path)) return -ENAMETOOLONG;
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -errno;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        int err = errno;
        ::close(fd);
        return -err;
    }
    return fd;
}

// Numeric hosts resolve without I/O; a name is looked up once per socket.
int connected_udp(const std::string& host, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    const std::string service = std::to_string(port);
    if (::getaddrinfo(host.c_str(), service.c_str(), &hints, &found) != 0 || !found)
        return -EHOSTUNREACH;
    int result = -EHOSTUNREACH;
    for (addrinfo* ai = found; ai; ai = ai->ai_next) {
        int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                          ai->ai_protocol);
        if (fd < 0) { result = -errno; continue; }
        if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) { result = fd; break; }
        result = -errno;
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return result;
}
}  // namespace

int NotifySender::connect_socket() {
    if (fd_ >= 0) return 0;
    int fd = unix_domain_ ? connected_unix(target_) : connected_udp(target_, port_);
    if (fd < 0) return -fd;
    fd_ = fd;
    return 0;
}

int NotifySender::send(std::string_view datagram) {
    if (int err = connect_socket(); err != 0) return err;
    if (::send(fd_, datagram.data(), datagram.size(), MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
        return 0;
    const int err = errno;
    // EAGAIN: the daemon is busy; keep the socket. Anything else: reconnect.
    if (err != EAGAIN && err != EWOULDBLOCK) close_socket();
    return err;
}

std::string NotifySender::describe() const {
    if (unix_domain_) return "unix socket " + target_;
    return "udp " + target_ + ":" + std::to_string(port_);
}

bool LogLimiter::allow(Clock::time_point now) {
    if (logged_ && now - last_ < interval_) return false;
    logged_ = true;
    last_ = now;
    return true;
}

}  // namespace scannedonly
