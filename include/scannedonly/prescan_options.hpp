// Command line of scannedonly_prescan.
#pragma once

#include "scannedonly/markers.hpp"
#include "scannedonly/pattern.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/signature_stamp.hpp"

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace scannedonly {

inline constexpr const char* kDefaultScanHost = "localhost";
inline constexpr int kDefaultPort = 2020;

struct PrescanOptions {
    std::vector<std::string> roots;
    std::string socket = kDefaultRequestSocket;
    // UDP instead of the unix socket when a port or a scan host is given.
    std::optional<int> port;
    std::optional<std::string> scanhost;
    bool one_file_system = false;
    std::vector<Pattern> excludes;
    bool wait = false;
    std::optional<std::chrono::milliseconds> wait_timeout;  // none: no limit
    std::optional<std::chrono::milliseconds> rescan_older_than;
    // --rescan-outdated: also send files whose marker carries another stamp
    // than the one the daemon publishes in signature_stamp_file.
    bool rescan_outdated = false;
    std::string signature_stamp_file = kDefaultStampFile;
    // Read from signature_stamp_file before the walk, not parsed.
    std::optional<SignatureStamp> current_stamp;
    bool dry_run = false;
    bool quiet = false;
    // With --wait, at most this many files wait for a verdict at once, so a
    // big tree never overflows the daemon's queue (its --queuelen).
    std::size_t max_pending = 1000;
    // Behind what clients wait on or list, by default.
    Priority priority = Priority::Bulk;
    // Whose markers count: root, plus --daemon-user as in the module.
    TrustedOwners trusted;
    // The daemon's and the module's reserved name prefixes (--pref-*).
    Prefixes prefixes;
    // --config: the daemon's configuration file, read for what the command
    // line leaves unset: the request socket (Socket, or Port and Listen),
    // Exclude, the prefixes and SignatureStampFile, so they are not set twice.
    std::optional<std::string> config;

    bool udp() const { return port || scanhost; }
};

struct UsageError {
    std::string message;
};
struct ShowHelp {};
struct ShowVersion {};

using ParsedCommandLine = std::variant<PrescanOptions, UsageError, ShowHelp, ShowVersion>;

ParsedCommandLine parse_prescan_command_line(int argc, char* const argv[]);

const char* prescan_usage();

}  // namespace scannedonly
