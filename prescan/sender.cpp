#include "sender.hpp"

#include <netdb.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scannedonly::prescan {

namespace {
// A full daemon queue blocks a unix datagram sender; a hung daemon must not
// hang cron forever.
constexpr timeval kSendTimeout{30, 0};

bool means_no_daemon(int error) {
    return error == ENOENT || error == ECONNREFUSED || error == ENOTCONN;
}
}  // namespace

Sender::Sender(const PrescanOptions& options) : options_(options) { reconnect(); }

Sender::~Sender() {
    if (fd_ >= 0) close(fd_);
}

void Sender::reconnect() {
    if (fd_ >= 0) close(fd_);
    fd_ = -1;
    options_.udp() ? connect_udp() : connect_unix();
    setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &kSendTimeout, sizeof kSendTimeout);
}

void Sender::connect_unix() {
    peer_ = "unix socket " + options_.socket;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (options_.socket.size() >= sizeof addr.sun_path)
        throw SendError("socket path too long: " + options_.socket);
    std::memcpy(addr.sun_path, options_.socket.c_str(), options_.socket.size() + 1);
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) fail("socket", errno);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) fail("connect", errno);
}

void Sender::connect_udp() {
    const std::string host = options_.scanhost.value_or(kDefaultScanHost);
    const std::string port = std::to_string(options_.port.value_or(kDefaultPort));
    peer_ = "UDP " + host + ":" + port;
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0)
        throw SendError("cannot resolve scan host " + host + ": " + gai_strerror(rc));
    int error = 0;
    for (addrinfo* a = found; a && fd_ < 0; a = a->ai_next) {
        fd_ = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (fd_ >= 0 && connect(fd_, a->ai_addr, a->ai_addrlen) != 0) {
            error = errno;
            close(fd_);
            fd_ = -1;
        }
    }
    freeaddrinfo(found);
    if (fd_ < 0) fail("connect", error ? error : errno);
}

int Sender::try_send(const std::string& datagram) {
    ssize_t n;
    do {
        n = ::send(fd_, datagram.data(), datagram.size(), 0);
    } while (n < 0 && errno == EINTR);
    return n < 0 ? errno : 0;
}

void Sender::send(const std::string& datagram) {
    int error = try_send(datagram);
    if (means_no_daemon(error)) {
        reconnect();
        error = try_send(datagram);
    }
    if (error != 0) fail("send", error);
}

void Sender::fail(const char* what, int error) const {
    std::string message = "cannot reach scannedonlyd at " + peer_ + ": " + what + ": " +
                          std::strerror(error);
    if (means_no_daemon(error)) message += " (is scannedonlyd running?)";
    if (error == EAGAIN || error == EWOULDBLOCK) message += " (scannedonlyd stopped reading)";
    throw SendError(message);
}

}  // namespace scannedonly::prescan
