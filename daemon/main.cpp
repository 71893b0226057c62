// scannedonlyd: scans the files Samba's scannedonly module asks about and
// records the verdict beside each file.
#include "cli.hpp"
#include "daemon.hpp"

#include <sysexits.h>

#include <cstdio>

int main(int argc, char** argv) {
    scannedonlyd::CommandLine command_line;
    scannedonly::DaemonConfig config;
    try {
        command_line = scannedonlyd::parse_command_line(argc, argv);
        if (command_line.help) {
            std::fputs(scannedonlyd::usage().c_str(), stdout);
            return 0;
        }
        if (command_line.version) {
            std::puts("scannedonlyd " SCANNEDONLY_VERSION);
            return 0;
        }
        config = scannedonlyd::load_config(command_line);
    } catch (const scannedonly::ConfigError& e) {
        std::fprintf(stderr, "scannedonlyd: %s\n", e.what());
        return EX_USAGE;
    }
    return scannedonlyd::run(config);
}
