// Receiving scan requests: the datagram socket, and turning datagrams into
// queued paths. Runs on the main thread and never blocks a sender.
#pragma once

#include "counters.hpp"
#include "scannedonly/fd.hpp"
#include "live_config.hpp"
#include "scannedonly/daemon_config.hpp"
#include "scannedonly/rate_limit.hpp"
#include "scannedonly/scan_queue.hpp"

#include <string>
#include <vector>

namespace scannedonlyd {

using scannedonly::Fd;

// `inherited` when systemd passed the socket (socket_activation.hpp), else a
// unix datagram socket at config.socket_path (parent created, a stale
// socket removed, mode 0666 so smbd can send as any user), or UDP sockets
// on every address config.listen resolves to, IPv4 or IPv6, at
// config.port. Throws std::runtime_error.
std::vector<Fd> open_request_sockets(const scannedonly::DaemonConfig& config, Fd inherited);

class Receiver {
public:
    Receiver(const LiveConfig& config, scannedonly::ScanQueue& queue,
             Counters& counters);
    // Reads every datagram waiting on the non-blocking socket.
    void drain(int socket_fd);

private:
    void handle_datagram(std::string_view datagram);
    void enqueue(std::string path, scannedonly::Priority priority);
    // Logs at warning level, at most a few lines a minute of each kind
    // whoever sends.
    void complain(scannedonly::RateLimiter& limiter, const std::string& message,
                  std::uint64_t total);

    const LiveConfig& config_;
    scannedonly::ScanQueue& queue_;
    Counters& counters_;
    scannedonly::RateLimiter malformed_log_;
    scannedonly::RateLimiter outside_log_;
    scannedonly::RateLimiter dropped_log_;
    std::vector<char> buffer_;
};

}  // namespace scannedonlyd
