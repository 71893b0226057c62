// The datagram socket to scannedonlyd: unix (default) or UDP, as the module.
#pragma once

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
    ~Sender();
    Sender(const Sender&) = delete;
    Sender& operator=(const Sender&) = delete;

    // A refused send reconnects once: a restarted daemon has a new socket.
    void send(const std::string& datagram);

private:
    void connect_unix();
    void connect_udp();
    void reconnect();
    int try_send(const std::string& datagram);
    [[noreturn]] void fail(const char* what, int error) const;

    const PrescanOptions& options_;
    int fd_ = -1;
    std::string peer_;  // "unix socket /path" or "UDP host:port"
};

}  // namespace scannedonly::prescan
