// scannedonlyd's command line: the options of the original scannedonly 0.21
// (long and short) plus the newer settings, each mapped to its config key.
#pragma once

#include "scannedonly/daemon_config.hpp"

#include <string>
#include <vector>

namespace scannedonlyd {

struct CommandLine {
    std::string config_path = scannedonly::kDefaultDaemonConfig;
    bool config_given = false;
    bool help = false;
    bool version = false;
    std::vector<scannedonly::CommandLineSetting> settings;
};

// Throws scannedonly::ConfigError on an unknown option or missing argument.
CommandLine parse_command_line(int argc, char** argv);
std::string usage();

// The config file (a missing default file is no error), then the command
// line. Throws scannedonly::ConfigError.
scannedonly::DaemonConfig load_config(const CommandLine& command_line);

}  // namespace scannedonlyd
