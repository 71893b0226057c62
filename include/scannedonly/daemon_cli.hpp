// scannedonlyd's command line: the options of the original scannedonly 0.21
// (long and short, with their units for bare numbers) plus the newer
// settings, each mapped to its config key, and the --help text that says
// what each does and its default.
#pragma once

#include "scannedonly/daemon_config.hpp"

#include <string>
#include <vector>

namespace scannedonly {

struct DaemonCommandLine {
    std::string config_path = kDefaultDaemonConfig;
    bool config_given = false;
    bool help = false;
    bool version = false;
    bool check_config = false;
    std::vector<CommandLineSetting> settings;
};

// Throws ConfigError on an unknown option, a missing value or an argument.
DaemonCommandLine parse_daemon_command_line(int argc, char* const argv[]);

std::string daemon_usage();

}  // namespace scannedonly
