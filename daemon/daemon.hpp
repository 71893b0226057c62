// The running daemon: sets everything up, serves requests until SIGTERM.
#pragma once

#include "scannedonly/daemon_config.hpp"

namespace scannedonlyd {

// Returns the process exit status.
int run(const scannedonly::DaemonConfig& config);

}  // namespace scannedonlyd
