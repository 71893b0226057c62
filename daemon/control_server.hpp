// The control socket's server: a thread of its own polling non-blocking
// connections, one command each (clamd's framing, control_command.hpp), so
// no client however slow holds up request intake or scanning. Connections
// are bounded, and each is dropped when it makes no progress for a timeout.
#pragma once

#include "scannedonly/fd.hpp"
#include "scannedonly/control_command.hpp"

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <string>
#include <thread>

namespace scannedonlyd {

using scannedonly::Fd;

// A unix stream socket at path, mode 0660, group `group`. Throws
// std::runtime_error.
Fd open_control_socket(const std::string& path, gid_t group);

struct ControlReply {
    std::string text;         // without the delimiter
    bool stop_daemon = false;  // once sent (SHUTDOWN)
};

struct ControlHandlers {
    std::function<ControlReply(scannedonly::ControlCommand)> command;
    std::function<void()> tick;  // about every second, on the control thread
};

class ControlServer {
public:
    ControlServer(Fd listening, unsigned max_connections, std::chrono::milliseconds timeout,
                  ControlHandlers handlers);
    ~ControlServer();  // stops and joins
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

private:
    void run();

    Fd listening_;
    Fd stop_;  // an eventfd
    unsigned max_connections_;
    std::chrono::milliseconds timeout_;
    ControlHandlers handlers_;
    std::thread thread_;
};

}  // namespace scannedonlyd
