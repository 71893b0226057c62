#include "listener.hpp"

#include "log.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/scan_root.hpp"
#include "unix_socket.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace scannedonlyd {

namespace {

using namespace std::chrono_literals;

std::string describe(const addrinfo& a) {
    char host[NI_MAXHOST] = "?", port[NI_MAXSERV] = "?";
    getnameinfo(a.ai_addr, a.ai_addrlen, host, sizeof host, port, sizeof port,
                NI_NUMERICHOST | NI_NUMERICSERV);
    return a.ai_family == AF_INET6 ? "[" + std::string(host) + "]:" + port
                                   : std::string(host) + ":" + port;
}

// An invalid Fd with errno set on failure.
Fd open_udp_at(const addrinfo& a) {
    Fd fd(socket(a.ai_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    // "::" must not take IPv4's port too when a name resolves to both.
    const int only = 1;
    if (fd && a.ai_family == AF_INET6)
        setsockopt(fd.get(), IPPROTO_IPV6, IPV6_V6ONLY, &only, sizeof only);
    if (fd && bind(fd.get(), a.ai_addr, a.ai_addrlen) != 0) {
        const int error = errno;
        fd.reset();
        errno = error;
    }
    return fd;
}

// A host without IPv6 (or IPv4) cannot bind that family's loopback: one
// of a name's addresses missing is no failure as long as another is bound.
bool family_unavailable(int error) {
    return error == EAFNOSUPPORT || error == EADDRNOTAVAIL;
}

std::vector<Fd> open_udp(const std::string& listen, std::uint16_t port) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_DGRAM;
    hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
    addrinfo* found = nullptr;
    if (int rc = getaddrinfo(listen.c_str(), std::to_string(port).c_str(), &hints, &found))
        throw std::runtime_error("Listen " + listen + ": " + gai_strerror(rc));
    std::unique_ptr<addrinfo, void (*)(addrinfo*)> owned(found, freeaddrinfo);
    std::vector<Fd> sockets;
    std::string skipped;
    for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
        if (Fd fd = open_udp_at(*a)) {
            log(LOG_NOTICE, "listening on UDP " + describe(*a));
            sockets.push_back(std::move(fd));
            continue;
        }
        const int error = errno;
        const std::string why = describe(*a) + " (" + strerror(error) + ")";
        if (!family_unavailable(error)) throw std::runtime_error("Listen " + listen + ": cannot bind " + why);
        skipped += " " + why;
    }
    if (sockets.empty()) throw std::runtime_error("Listen " + listen + ": cannot bind" + skipped);
    if (!skipped.empty()) log(LOG_NOTICE, "Listen " + listen + ": not bound to" + skipped);
    return sockets;
}

// Which lane a request joins. Sorting here, not when a scanning thread
// reaches the request, lets a large file start while thousands of small
// ones queued before it are still waiting. Only a hint: the lstat resolves
// the user-controlled path as given, so the scanning thread checks the size
// again on the file it opened beneath the scan root, and moves a large file
// found in the small lane.
scannedonly::Lane lane_hint(const std::string& path, std::uint64_t large_file_size) {
    struct stat st {};
    const bool large = lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
                       static_cast<std::uint64_t>(st.st_size) >= large_file_size;
    return large ? scannedonly::Lane::Large : scannedonly::Lane::Small;
}

}  // namespace

std::vector<Fd> open_request_sockets(const scannedonly::DaemonConfig& config, Fd inherited) {
    std::vector<Fd> sockets;
    if (inherited) sockets.push_back(std::move(inherited));
    else if (config.port) sockets = open_udp(config.listen, *config.port);
    // 0666: smbd sends as the connected user.
    else sockets.push_back(bind_unix_socket(config.socket_path, SOCK_DGRAM, 0666));
    // Room for bursts while every scanning thread is busy; as root beyond
    // net.core.rmem_max.
    const int rcvbuf = 4 << 20;
    for (const Fd& fd : sockets)
        if (setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) != 0)
            setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
    return sockets;
}

Receiver::Receiver(const LiveConfig& config, scannedonly::ScanQueue& queue,
                   Counters& counters)
    : config_(config), queue_(queue), counters_(counters), malformed_log_(10, 60s),
      outside_log_(10, 60s), dropped_log_(10, 60s), buffer_(64 * 1024) {}

void Receiver::drain(int socket_fd) {
    for (;;) {
        const ssize_t n = recv(socket_fd, buffer_.data(), buffer_.size(), MSG_TRUNC);
        if (n < 0) return;  // EAGAIN: all read
        if (static_cast<std::size_t>(n) > buffer_.size()) {
            ++counters_.malformed;
            complain(malformed_log_, "oversized datagram of " + std::to_string(n) + " bytes ignored",
                     counters_.malformed);
            continue;
        }
        handle_datagram(std::string_view(buffer_.data(), static_cast<std::size_t>(n)));
    }
}

void Receiver::handle_datagram(std::string_view datagram) {
    scannedonly::ParsedDatagram parsed = scannedonly::parse_datagram(datagram);
    for (const scannedonly::RejectedLine& r : parsed.rejected) {
        ++counters_.malformed;
        complain(malformed_log_, std::string("malformed request ignored (") + scannedonly::describe(r.error) +
                     "): " + loggable(r.line),
                 counters_.malformed);
    }
    for (scannedonly::Request& r : parsed.requests) enqueue(std::move(r.path), r.priority);
}

void Receiver::enqueue(std::string path, scannedonly::Priority priority) {
    const std::shared_ptr<const scannedonly::DaemonConfig> config = config_.get();
    if (!scannedonly::split_beneath(config->scan_roots, path)) {
        ++counters_.ignored;
        complain(outside_log_, "request outside the scan roots ignored: " + loggable(path),
                 counters_.ignored);
        return;
    }
    if (scannedonly::matches_any(config->excludes, path)) {
        ++counters_.ignored;
        log(LOG_DEBUG, "excluded: " + loggable(path));
        return;
    }
    const std::string shown = log_enabled(LOG_DEBUG) ? loggable(path) : std::string();
    const scannedonly::Lane lane = lane_hint(path, config->large_file_size);
    const std::string at = std::string(" (") + scannedonly::priority_name(priority) + "): ";
    switch (queue_.push(std::move(path), lane, priority)) {
    case scannedonly::ScanQueue::Push::Queued: log(LOG_DEBUG, "queued" + at + shown); break;
    case scannedonly::ScanQueue::Push::Raised: log(LOG_DEBUG, "raised" + at + shown); break;
    case scannedonly::ScanQueue::Push::Duplicate: log(LOG_DEBUG, "already queued: " + shown); break;
    case scannedonly::ScanQueue::Push::Full:
        ++counters_.dropped;
        complain(dropped_log_, "queue full, request dropped", counters_.dropped);
        break;
    case scannedonly::ScanQueue::Push::Closed: break;
    }
}

void Receiver::complain(scannedonly::RateLimiter& limiter, const std::string& message,
                        std::uint64_t total) {
    std::uint64_t suppressed = 0;
    if (!limiter.allow(scannedonly::RateLimiter::Clock::now(), suppressed)) return;
    std::string line = message + " (" + std::to_string(total) + " so far";
    if (suppressed) line += ", " + std::to_string(suppressed) + " similar lines suppressed";
    log(LOG_WARNING, line + ")");
}

}  // namespace scannedonlyd
