// scannedonlyd's settings from its config file and command line
// (daemon_cli.hpp), as the daemon, `scannedonlyctl check-config` and
// `scannedonly_prescan --config` read them.
#pragma once

#include "scannedonly/daemon_cli.hpp"

#include <sys/types.h>

#include <string>

namespace scannedonly {

// The file's text; "" for a missing file that is not `required`. Throws
// ConfigError naming the file and the reason.
std::string read_config_file(const std::string& path, bool required);

// The config file (a missing default file is no error), then the command
// line, validated as for a start (ControlGroup exists, the VirusWarning
// template is read). Throws ConfigError.
DaemonConfig load_config(const DaemonCommandLine& command_line, SettingSources* sources = nullptr);

// ControlGroup's id (root's when unset). Throws ConfigError when no such
// group exists.
gid_t control_gid(const DaemonConfig& config);

// --check-config's output: "# FILE: valid" and every setting with its
// source. Throws ConfigError when the configuration is not valid.
std::string check_config(const DaemonCommandLine& command_line);

}  // namespace scannedonly
