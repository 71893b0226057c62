// The prescan tool's way to scannedonlyd: the core's sender, waiting for a
// busy daemon, and failing loudly where the module would stay silent.
#pragma once

#include "scannedonly/notify_sender.hpp"
#include "scannedonly/prescan_options.hpp"

#include <stdexcept>
#include <string>

namespace scannedonly::prescan {

class SendError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class Sender {
public:
    // Connects the socket; throws SendError saying plainly when no daemon
    // listens (a unix socket tells at once; UDP only on a later send).
    explicit Sender(const PrescanOptions& options);

    // A refused send reconnects once: a restarted daemon has a new socket.
    void send(const std::string& datagram);

private:
    [[noreturn]] void fail(const char* what, int error) const;

    NotifySender socket_;
};

}  // namespace scannedonly::prescan
