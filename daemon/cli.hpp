// scannedonlyd's settings from its config file and command line
// (scannedonly/daemon_cli.hpp).
#pragma once

#include "scannedonly/daemon_cli.hpp"

namespace scannedonlyd {

// The config file (a missing default file is no error), then the command
// line. Throws scannedonly::ConfigError.
scannedonly::DaemonConfig load_config(const scannedonly::DaemonCommandLine& command_line);

}  // namespace scannedonlyd
