#include "cli.hpp"

#include <grp.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scannedonlyd {

namespace {

std::string read_file(const std::string& path, bool required) {
    std::ifstream in(path);
    if (!in) {
        if (!required && errno == ENOENT) return {};
        throw scannedonly::ConfigError(path + ": cannot read: " + strerror(errno));
    }
    // A directory opens but reads as nothing.
    if (std::filesystem::is_directory(path))
        throw scannedonly::ConfigError(path + ": cannot read: Is a directory");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

scannedonly::DaemonConfig load_config(const scannedonly::DaemonCommandLine& command_line,
                                      scannedonly::SettingSources* sources) {
    const std::string text = read_file(command_line.config_path, command_line.config_given);
    scannedonly::DaemonConfig config =
        scannedonly::build_config(text, command_line.config_path, command_line.settings, sources);
    control_gid(config);
    if (!config.virus_warning.empty() && config.virus_warning != "off") {
        config.virus_warning_text = read_file(config.virus_warning, true);
        if (config.virus_warning_text.empty())
            throw scannedonly::ConfigError("VirusWarning: " + config.virus_warning + " is empty");
    }
    return config;
}

gid_t control_gid(const scannedonly::DaemonConfig& config) {
    if (config.control_group.empty()) return 0;
    const group* g = getgrnam(config.control_group.c_str());
    if (!g) throw scannedonly::ConfigError("ControlGroup: no group '" + config.control_group + "'");
    return g->gr_gid;
}

}  // namespace scannedonlyd
