// scannedonlyctl's command line and exit statuses.
#pragma once

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace scannedonly {

// For scripts and monitoring (sysexits.h values where one fits).
enum CtlExit {
    kCtlOk = 0,
    kCtlDaemonError = 1,   // the daemon answered with an error line
    kCtlUsage = 64,        // EX_USAGE
    kCtlDaemonDown = 69,   // EX_UNAVAILABLE: no daemon at the socket
    kCtlTimeout = 75,      // EX_TEMPFAIL: no (complete) answer in time
    kCtlBadReply = 76,     // EX_PROTOCOL: an answer it cannot read
    kCtlNoPermission = 77, // EX_NOPERM: not root nor in ControlGroup
};

enum class CtlAction {
    Ping, Version, Status, Stats, Reload, Shutdown, Metrics, Watch, CheckConfig
};

struct CtlOptions {
    CtlAction action = CtlAction::Status;
    std::optional<std::string> socket;  // --socket; else the config's ControlSocket
    std::optional<std::string> config;  // --config
    std::chrono::milliseconds timeout = std::chrono::seconds(5);
    bool json = false;                  // stats --json
    std::chrono::milliseconds interval = std::chrono::seconds(2);  // watch
    unsigned count = 0;                 // watch: refreshes, 0 until interrupted
    bool help = false;
    bool version = false;
};

class CtlUsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Options may come before or after the command. Throws CtlUsageError.
CtlOptions parse_ctl_command_line(const std::vector<std::string>& args);

std::string ctl_usage();

}  // namespace scannedonly
