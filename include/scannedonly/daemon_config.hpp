// scannedonlyd's settings: defaults, the config file (clamd.conf-like
// "Key value" lines) and the command line, which overrides the file. Every
// setting is validated in one place so that file and command line agree.
#pragma once

#include "scannedonly/clamd_protocol.hpp"
#include "scannedonly/markers.hpp"
#include "scannedonly/signature_stamp.hpp"
#include "scannedonly/pattern.hpp"
#include "scannedonly/protocol.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scannedonly {

inline constexpr const char* kDefaultDaemonConfig = "/etc/scannedonly/scannedonlyd.conf";

// What a file libclamav could not scan completely gets (clamd's
// AlertExceedsMax): a .failed: marker, or a .scanned: one.
enum class ExceedsMaxAction { Fail, Allow };

// What scans: libclamav in this process, or clamd servers.
enum class EngineKind { Libclamav, Clamd };

// The largest window libclamav 1.4 scans as one file: cl_engine_set_num
// caps CL_ENGINE_MAX_FILESIZE at INT_MAX - 2 bytes.
inline constexpr std::uint64_t kMaxScanWindow = 2047ULL << 20;
inline constexpr std::uint64_t kMinScanWindow = 16ULL << 20;

struct DaemonConfig {
    // Receiving requests: a unix datagram socket, or UDP when a port is set.
    std::string socket_path = kDefaultRequestSocket;
    std::optional<std::uint16_t> port;
    // An address, or a name whose every address is listened on: "localhost"
    // is 127.0.0.1 and ::1, whichever the module's resolver puts first.
    std::string listen = "localhost";

    // The control socket (scannedonlyctl, clamd's command style): a unix
    // stream socket, mode 0660, group control_group (empty: root's).
    std::string control_socket = "/run/scannedonly/control";
    std::string control_group;
    unsigned control_connections = 16;
    // A client that has not sent its command, or not read the reply, within
    // this long is dropped (clamd's CommandReadTimeout).
    std::chrono::milliseconds command_read_timeout = std::chrono::seconds(10);

    // Scheduling.
    unsigned max_threads = 4;
    unsigned max_large_threads = 1;
    std::uint64_t large_file_size = 5ULL << 20;
    std::size_t queue_length = 5000;

    // What is scanned.
    // Required: the daemon runs as root and anyone who can reach its socket
    // chooses the paths, so nothing is scanned (or renamed) outside these.
    std::vector<std::string> scan_roots;
    std::vector<Pattern> excludes;

    // Verdicts.
    // The module's pref_scanned, pref_virus and pref_failed: all must agree.
    Prefixes prefixes;
    // A file whose scan failed is not scanned again for a request within
    // this long, unless it or the engine changed; zero: only then.
    std::chrono::milliseconds failed_retry_interval = std::chrono::hours(1);
    std::string quarantine_dir;  // empty: rename in place to ".virus:NAME"
    std::string virus_log = "/var/log/scannedonly/virus.log";
    // The warning left beside an infected file: "" the built-in text, "off"
    // none, or a template file (%FILE% and the like), whose text the
    // daemon reads into virus_warning_text when it loads its settings.
    std::string virus_warning;
    std::string virus_warning_text;
    // Run for each infected file, without a shell: an absolute program and
    // its arguments (split at white space); empty runs nothing. At most
    // virus_action_max at once, each killed after virus_action_timeout.
    std::vector<std::string> virus_action;
    unsigned virus_action_max = 4;
    std::chrono::milliseconds virus_action_timeout = std::chrono::seconds(30);

    // The engine. With clamd, the servers' own clamd.conf limits apply
    // instead of the libclamav ones below (ExceedsMaxAction still decides).
    EngineKind engine = EngineKind::Libclamav;
    std::vector<std::string> clamd_sockets;   // unix: FILDES
    std::vector<ClamdAddress> clamd_tcp;      // TCP: INSTREAM
    unsigned clamd_connections = 8;           // per server, at once
    // Connecting, each send and waiting for a verdict: keep it above the
    // servers' MaxScanTime (clamd's default is 2 minutes).
    std::chrono::milliseconds clamd_timeout = std::chrono::minutes(3);

    // libclamav.
    std::string database = "/var/lib/clamav";
    std::chrono::milliseconds database_check_interval = std::chrono::minutes(10);
    // Chosen from libclamav 1.4's real limits (conf/scannedonlyd.conf says
    // why): every file is scanned whole, the largest in windows.
    std::uint64_t max_file_size = 0;  // 0: no limit
    std::uint64_t max_scan_size = 4ULL << 30;
    std::uint64_t scan_window = 192ULL << 20;  // scan_windows.hpp
    ExceedsMaxAction exceeds_max_action = ExceedsMaxAction::Fail;
    std::uint32_t max_recursion = 17;
    std::uint32_t max_files = 10000;
    // libclamav's CL_ENGINE_MAX_SCANTIME, per scan (per window of a large
    // file); a scan that hits it is not complete (ExceedsMaxAction). 0: none.
    std::chrono::milliseconds max_scan_time = std::chrono::seconds(120);
    // Where libclamav unpacks archives; it also makes a directory here for
    // every scan, so a tmpfs makes small files cheaper. Empty: $TMPDIR or /tmp.
    std::string temp_dir;

    // Where the stamp of the signatures in use is published for the module
    // and the prescan tool (signature_stamp.hpp).
    std::string signature_stamp_file = kDefaultStampFile;

    // Process.
    std::string pid_file = "/run/scannedonlyd.pid";
    int log_level = 1;
    std::chrono::milliseconds status_interval = std::chrono::minutes(10);
    bool foreground = false;
};

// "FILE:LINE: Key: reason" or "command line: --option: reason".
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The lower-case key a setting is known by: clamd.conf's aliases
// (LocalSocket, DatabaseDirectory, ExcludePath, MaxQueue) give their
// scannedonlyd key, any other key itself.
std::string canonical_key(std::string_view key);

// Applies one setting; the key is case-insensitive, an alias is its key.
// List keys (ScanRoot, Exclude) append. Returns the reason when the key or
// value is bad.
std::optional<std::string> apply_setting(DaemonConfig& config, std::string_view key,
                                         std::string_view value);

bool is_list_setting(std::string_view key);
// Every key apply_setting() knows, lower case.
std::vector<std::string> setting_keys();
void clear_list_setting(DaemonConfig& config, std::string_view key);

// Where each setting's value came from, by lower-case key: "FILE:LINE"
// ("FILE:LINE as Alias" when set by an alias) or "command line --option";
// a key missing is at its default.
using SettingSources = std::vector<std::pair<std::string, std::string>>;

// Parses config file text into config. Throws ConfigError naming the file,
// the line and the key.
void parse_config_text(DaemonConfig& config, std::string_view text, std::string_view filename,
                       SettingSources* sources = nullptr);

// A setting given on the command line, already mapped to its config key.
struct CommandLineSetting {
    std::string option;  // as typed, for error messages
    std::string key;
    std::string value;
};

// The file's settings, then the command line's on top: a list given on the
// command line replaces the file's list. `file_text` empty means no file.
// Throws ConfigError when no scan root is left.
DaemonConfig build_config(std::string_view file_text, std::string_view filename,
                          const std::vector<CommandLineSetting>& command_line,
                          SettingSources* sources = nullptr);

}  // namespace scannedonly
