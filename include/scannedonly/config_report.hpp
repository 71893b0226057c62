// What `scannedonlyd --check-config` prints: every setting's effective value
// and where it came from.
#pragma once

#include "scannedonly/daemon_config.hpp"

#include <string>
#include <vector>

namespace scannedonly {

// "Key value  # source" lines, one per value of a list, in the order of
// the configuration file's sections.
std::string effective_settings(const DaemonConfig& config, const SettingSources& sources);

// The keys whose shown values differ, in the same order.
std::vector<std::string> changed_settings(const DaemonConfig& before, const DaemonConfig& after);

// The keys effective_settings() shows, for checking that none is missing.
std::vector<std::string> reported_keys();

}  // namespace scannedonly
