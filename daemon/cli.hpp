// scannedonlyd's settings from its config file and command line
// (scannedonly/daemon_cli.hpp).
#pragma once

#include "scannedonly/daemon_cli.hpp"

#include <sys/types.h>

namespace scannedonlyd {

// The config file (a missing default file is no error), then the command
// line. Throws scannedonly::ConfigError.
scannedonly::DaemonConfig load_config(const scannedonly::DaemonCommandLine& command_line,
                                      scannedonly::SettingSources* sources = nullptr);

// ControlGroup's id (root's when unset). Throws scannedonly::ConfigError
// when no such group exists.
gid_t control_gid(const scannedonly::DaemonConfig& config);

}  // namespace scannedonlyd
