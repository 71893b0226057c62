// The VFS module's smb.conf options ("scannedonly:NAME = value"), parsed and
// validated without Samba so that a bad value refuses the share instead of
// serving it unprotected.
#pragma once

#include "scannedonly/markers.hpp"
#include "scannedonly/protocol.hpp"
#include "scannedonly/signature_stamp.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

// What a marker under older signatures than the daemon's means
// (scannedonly:outdated_markers): rescan serves the file and has the daemon
// scan it again, before the rest of a tree (Priority::Rescan); wait serves
// it only once rescanned, as an unscanned file; ignore trusts it as before.
enum class OutdatedMarkers { Rescan, Wait, Ignore };

std::optional<OutdatedMarkers> parse_outdated_markers(std::string_view text);

// Defaults are those of the original scannedonly documentation.
struct VfsOptions {
    bool domain_socket = true;
    std::string socketname = kDefaultRequestSocket;
    std::uint16_t portnum = 2020;
    std::string scanhost = "localhost";
    bool show_special_files = true;
    bool rm_hidden_files_on_rmdir = true;
    bool hide_nonscanned_files = true;
    std::string scanning_message = "is being scanned for viruses";
    std::chrono::milliseconds recheck_time_open{50};
    unsigned recheck_tries_open = 100;
    std::uint64_t recheck_size_open = 100 * 1024;
    std::chrono::milliseconds recheck_time_readdir{50};
    unsigned recheck_tries_readdir = 20;
    bool allow_nonscanned_files = false;
    Prefixes prefixes;
    // A user besides root whose markers are trusted (the daemon's user).
    std::string daemon_user;
    OutdatedMarkers outdated_markers = OutdatedMarkers::Rescan;
    std::string signature_stamp_file = kDefaultStampFile;
};

// Longest total wait a single open or listing may block smbd.
inline constexpr std::chrono::milliseconds kMaxRecheckWait{60'000};

// Returns the raw value of an option, or nothing when it is not set.
using OptionLookup = std::function<std::optional<std::string>(std::string_view name)>;

struct OptionsResult {
    std::optional<VfsOptions> options;
    std::string error;  // "scannedonly:NAME = VALUE: why", when options is empty
};

OptionsResult parse_vfs_options(const OptionLookup& lookup);

// A parametric option's key as Samba's lp_parm_* lookups compare it
// (strwicmp): ASCII case ignored and every white-space character dropped, so
// "scannedonly: Domain_Socket" and "scannedonly:domain_socket" are one key.
std::string parametric_key(std::string_view key);

// The names in "scannedonly:NAME = value" lines of a dump of a share's
// settings (smb.conf syntax, as testparm prints it) that the module does not
// know, as parametric_key gives them: a misspelt option must not go
// unnoticed, while every spelling Samba's lookups accept is known.
std::vector<std::string> unknown_option_names(std::string_view settings_dump);

// The reserved name prefixes (pref_scanned, pref_virus, pref_failed): the
// module, the daemon and the prescan tool check them alike, as they must
// agree on them.
bool valid_prefix(std::string_view prefix);
inline constexpr const char* kPrefixRule = "expected a non-empty name prefix without '/'";
bool prefixes_distinct(const Prefixes& prefixes);
inline constexpr const char* kPrefixesDistinctRule =
    "the three prefixes must differ and none may start with another";

}  // namespace scannedonly
