// scannedonlyd: scans the files Samba's scannedonly module asks about and
// records the verdict beside each file.
#include "daemon.hpp"
#include "versions.hpp"
#include "scannedonly/config_file.hpp"

#include <sysexits.h>

#include <cstdio>

namespace {

// The database the daemon would load: its settings without their checks
// (--version needs no scan root).
std::string database_dir(const scannedonly::DaemonCommandLine& command_line) {
    try {
        return scannedonly::load_config(command_line).database;
    } catch (const scannedonly::ConfigError&) {
        for (const auto& s : command_line.settings)
            if (s.key == "Database") return s.value;
        return scannedonly::DaemonConfig().database;
    }
}

}  // namespace

int main(int argc, char** argv) {
    scannedonly::DaemonCommandLine command_line;
    scannedonly::DaemonConfig config;
    try {
        command_line = scannedonly::parse_daemon_command_line(argc, argv);
        if (command_line.help) {
            std::fputs(scannedonly::daemon_usage().c_str(), stdout);
            return 0;
        }
        if (command_line.version) {
            std::printf("scannedonlyd " SCANNEDONLY_VERSION "\n%s",
                        scannedonlyd::version_lines(database_dir(command_line)).c_str());
            return 0;
        }
        if (command_line.check_config) {
            std::fputs(scannedonly::check_config(command_line).c_str(), stdout);
            return 0;
        }
        config = scannedonly::load_config(command_line);
    } catch (const scannedonly::ConfigError& e) {
        std::fprintf(stderr, "scannedonlyd: %s\n", e.what());
        return EX_USAGE;
    }
    return scannedonlyd::run(config, command_line);
}
