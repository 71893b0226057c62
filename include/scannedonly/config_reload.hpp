// What a configuration reload (SIGHUP, SIGUSR2, RELOAD) may change while
// the daemon runs, and what only a restart applies.
#pragma once

#include "scannedonly/daemon_config.hpp"

#include <string>
#include <vector>

namespace scannedonly {

struct ReloadPlan {
    // The running settings with every run-time one taken from the file.
    DaemonConfig config;
    std::vector<std::string> applied;          // changed keys now in effect
    std::vector<std::string> needs_restart;    // changed keys left as they run
};

// Run-time settings: what is read per request or per scan (ScanRoot,
// Exclude, LargeFileSize, FailedRetryInterval, ExceedsMaxAction,
// VirusWarning), LogLevel, StatusInterval, VirusAction*, and what goes into
// a newly built engine (Database, DatabaseCheckInterval and the libclamav
// limits). Sockets, threads, the queue, prefixes, quarantine, virus log,
// pid file and Foreground are bound at start.
ReloadPlan plan_reload(const DaemonConfig& running, const DaemonConfig& reread);

}  // namespace scannedonly
