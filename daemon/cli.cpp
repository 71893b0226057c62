#include "cli.hpp"

#include <cerrno>
#include <cstring>
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
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

scannedonly::DaemonConfig load_config(const scannedonly::DaemonCommandLine& command_line) {
    const std::string text = read_file(command_line.config_path, command_line.config_given);
    return scannedonly::build_config(text, command_line.config_path, command_line.settings);
}

}  // namespace scannedonlyd
