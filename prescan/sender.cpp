#include "sender.hpp"

#include <cerrno>
#include <cstring>

namespace scannedonly::prescan {

namespace {
// A full daemon queue blocks a unix datagram sender; a hung daemon must not
// hang cron forever.
constexpr std::chrono::seconds kSendTimeout{30};

bool means_no_daemon(int error) {
    return error == ENOENT || error == ECONNREFUSED || error == ENOTCONN;
}

NotifySender socket_for(const PrescanOptions& options) {
    if (!options.udp()) return NotifySender::unix_socket(options.socket);
    return NotifySender::udp(options.scanhost.value_or(kDefaultScanHost),
                             static_cast<std::uint16_t>(options.port.value_or(kDefaultPort)));
}
}  // namespace

Sender::Sender(const PrescanOptions& options) : socket_(socket_for(options)) {
    socket_.wait_when_full(kSendTimeout);
    if (int error = socket_.connect(); error != 0) fail("connect", error);
}

void Sender::send(const std::string& datagram) {
    int error = socket_.send(datagram);
    // The failed send dropped the socket: this one connects afresh.
    if (means_no_daemon(error)) error = socket_.send(datagram);
    if (error != 0) fail("send", error);
}

void Sender::fail(const char* what, int error) const {
    std::string message = "cannot reach scannedonlyd at " + socket_.describe() + ": " + what +
                          ": " + std::strerror(error);
    if (means_no_daemon(error)) message += " (is scannedonlyd running?)";
    if (error == EAGAIN || error == EWOULDBLOCK) message += " (scannedonlyd stopped reading)";
    throw SendError(message);
}

}  // namespace scannedonly::prescan
