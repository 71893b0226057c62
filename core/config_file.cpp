#include "scannedonly/config_file.hpp"

#include "scannedonly/config_report.hpp"

#include <grp.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace scannedonly {

std::string read_config_file(const std::string& path, bool required) {
    std::ifstream in(path);
    if (!in) {
        if (!required && errno == ENOENT) return {};
        throw ConfigError(path + ": cannot read: " + strerror(errno));
    }
    // A directory opens but reads as nothing.
    if (std::filesystem::is_directory(path))
        throw ConfigError(path + ": cannot read: Is a directory");
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

DaemonConfig load_config(const DaemonCommandLine& command_line, SettingSources* sources) {
    const std::string text = read_config_file(command_line.config_path, command_line.config_given);
    DaemonConfig config =
        build_config(text, command_line.config_path, command_line.settings, sources);
    control_gid(config);
    if (!config.virus_warning.empty() && config.virus_warning != "off") {
        config.virus_warning_text = read_config_file(config.virus_warning, true);
        if (config.virus_warning_text.empty())
            throw ConfigError("VirusWarning: " + config.virus_warning + " is empty");
    }
    return config;
}

gid_t control_gid(const DaemonConfig& config) {
    if (config.control_group.empty()) return 0;
    const group* g = getgrnam(config.control_group.c_str());
    if (!g) throw ConfigError("ControlGroup: no group '" + config.control_group + "'");
    return g->gr_gid;
}

std::string check_config(const DaemonCommandLine& command_line) {
    SettingSources sources;
    const DaemonConfig config = load_config(command_line, &sources);
    return "# " + command_line.config_path + ": valid\n" + effective_settings(config, sources);
}

}  // namespace scannedonly
