// One command over scannedonlyd's control socket, with a deadline.
#pragma once

#include "scannedonly/ctl_options.hpp"

#include <chrono>
#include <string>

namespace scannedonlyctl {

struct Answer {
    scannedonly::CtlExit status = scannedonly::kCtlOk;
    std::string reply;  // without its delimiter
    std::string error;  // why there is no reply (for the user)
};

// Sends "zCOMMAND\0" and reads up to the NUL. An answer starting with
// ERROR or UNKNOWN is kCtlDaemonError.
Answer ask(const std::string& socket_path, const std::string& command,
           std::chrono::milliseconds timeout);

}  // namespace scannedonlyctl
