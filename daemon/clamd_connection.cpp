#include "clamd_connection.hpp"

#include "unix_socket.hpp"
#include "scannedonly/printable.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

namespace scannedonlyd {

namespace {

using scannedonly::ClamdAddress;
using scannedonly::Fd;

// clamd's own chunk size for clamdscan; any size up to StreamMaxLength works.
constexpr std::size_t kChunk = 256 * 1024;
// Longer than any reply clamd sends.
constexpr std::size_t kMaxReply = 4096;

[[noreturn]] void fail(const std::string& what) { throw ClamdError(what + ": " + strerror(errno)); }

// Non-blocking connect, finished within `timeout`.
bool connect_within(int fd, const sockaddr* addr, socklen_t length, std::chrono::milliseconds timeout) {
    if (connect(fd, addr, length) == 0) return true;
    // EAGAIN (a unix socket's backlog full) made no connection to wait for.
    if (errno != EINPROGRESS) return false;
    pollfd p{fd, POLLOUT, 0};
    if (poll(&p, 1, static_cast<int>(timeout.count())) != 1) {
        errno = ETIMEDOUT;
        return false;
    }
    int error = 0;
    socklen_t size = sizeof error;
    getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size);
    errno = error;
    return error == 0;
}

Fd connect_unix(const std::string& path, std::chrono::milliseconds timeout) {
    const sockaddr_un addr = unix_address(path);
    Fd fd(socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!fd) fail("socket");
    if (!connect_within(fd.get(), reinterpret_cast<const sockaddr*>(&addr), sizeof addr, timeout))
        fail("cannot connect");
    return fd;
}

Fd connect_tcp(const ClamdAddress& a, std::chrono::milliseconds timeout) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    const int rc = getaddrinfo(a.host.c_str(), std::to_string(a.port).c_str(), &hints, &found);
    if (rc != 0) throw ClamdError(std::string("cannot resolve: ") + gai_strerror(rc));
    std::unique_ptr<addrinfo, decltype(&freeaddrinfo)> list(found, freeaddrinfo);
    for (const addrinfo* ai = found; ai; ai = ai->ai_next) {
        Fd fd(socket(ai->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
        if (fd && connect_within(fd.get(), ai->ai_addr, ai->ai_addrlen, timeout)) return fd;
    }
    fail("cannot connect");
}

}  // namespace

ClamdConnection::ClamdConnection(const ClamdAddress& address, std::chrono::milliseconds timeout)
    : fd_(address.is_unix() ? connect_unix(address.path, timeout) : connect_tcp(address, timeout)),
      timeout_(timeout) {}

void ClamdConnection::wait_for(short events, const char* what) {
    pollfd p{fd_.get(), events, 0};
    const int rc = poll(&p, 1, static_cast<int>(timeout_.count()));
    if (rc < 0) fail(what);
    if (rc == 0) throw ClamdError(std::string("no ") + what + " within " +
                                  std::to_string(timeout_.count() / 1000) + " s (ClamdTimeout)");
}

void ClamdConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        wait_for(POLLOUT, "send");
        const ssize_t n = ::send(fd_.get(), bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n < 0) fail("send");
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void ClamdConnection::send_descriptor(int fd) {
    char byte = 0;
    iovec iov{&byte, 1};
    alignas(cmsghdr) char control[CMSG_SPACE(sizeof(int))] = {};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    std::memcpy(CMSG_DATA(c), &fd, sizeof fd);
    for (;;) {
        wait_for(POLLOUT, "send");
        if (sendmsg(fd_.get(), &msg, MSG_NOSIGNAL) == 1) return;
        if (errno != EAGAIN && errno != EINTR) fail("sending the descriptor");
    }
}

void ClamdConnection::send_chunk(const char* data, std::uint32_t size) {
    const std::uint32_t length = htonl(size);
    send({reinterpret_cast<const char*>(&length), sizeof length});
    send({data, size});
}

std::optional<std::string> ClamdConnection::stream(int fd, std::uint64_t size) {
    std::vector<char> buffer(static_cast<std::size_t>(std::min<std::uint64_t>(size, kChunk)) + 1);
    for (std::uint64_t offset = 0; offset < size && !readable();) {
        const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(size - offset, kChunk));
        const ssize_t n = pread(fd, buffer.data(), want, static_cast<off_t>(offset));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::string("cannot read the file: ") + strerror(errno);
        if (n == 0) break;  // shrunk while scanned: the scanner's check after the scan sees it
        send_chunk(buffer.data(), static_cast<std::uint32_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    if (!readable()) send_chunk(nullptr, 0);
    return std::nullopt;
}

void ClamdConnection::stream(const char* data, std::size_t size) {
    for (std::size_t offset = 0; offset < size && !readable(); offset += kChunk)
        send_chunk(data + offset, static_cast<std::uint32_t>(std::min(size - offset, kChunk)));
    if (!readable()) send_chunk(nullptr, 0);
}

bool ClamdConnection::readable() {
    pollfd p{fd_.get(), POLLIN, 0};
    return poll(&p, 1, 0) == 1;
}

std::string ClamdConnection::reply() {
    std::string text;
    char buffer[512];
    for (;;) {
        wait_for(POLLIN, "reply");
        const ssize_t n = recv(fd_.get(), buffer, sizeof buffer, 0);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n < 0) fail("receiving the reply");
        if (n == 0) throw ClamdError("connection closed before a complete reply (" +
                                     scannedonly::printable(text, 200) + ")");
        text.append(buffer, static_cast<std::size_t>(n));
        const std::size_t end = text.find('\0');
        if (end != std::string::npos) {
            // clamd closes after one reply outside sessions; more is garbage.
            if (end + 1 != text.size())
                throw ClamdError("garbage after the reply: " + scannedonly::printable(text, 200));
            text.resize(end);
            return text;
        }
        // A z-command's reply is one NUL-terminated line: a newline means
        // whatever answers is not clamd (or not in this framing).
        if (text.find('\n') != std::string::npos)
            throw ClamdError("garbage reply: '" + scannedonly::printable(text, 200) + "'");
        if (text.size() > kMaxReply) throw ClamdError("reply too long, no NUL");
    }
}

std::string clamd_command(const ClamdAddress& address, std::string_view command,
                          std::chrono::milliseconds timeout) {
    ClamdConnection connection(address, timeout);
    connection.send(std::string(command) + '\0');
    return connection.reply();
}

}  // namespace scannedonlyd
