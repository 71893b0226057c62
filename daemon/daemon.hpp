// The running daemon: sets everything up, serves requests until SIGTERM.
#pragma once

#include "scannedonly/daemon_cli.hpp"

namespace scannedonlyd {

// Returns the process exit status. The command line is read again, with
// the file, by each configuration reload.
int run(const scannedonly::DaemonConfig& config,
        const scannedonly::DaemonCommandLine& command_line);

}  // namespace scannedonlyd
