#include "scannedonly/daemon_config.hpp"

#include "scannedonly/protocol.hpp"
#include "scannedonly/units.hpp"
#include "scannedonly/vfs_options.hpp"

#include <arpa/inet.h>
#include <netdb.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>
#include <limits>

namespace scannedonly {

namespace {

using Error = std::optional<std::string>;
using Setter = std::function<Error(DaemonConfig&, std::string_view)>;

template <typename Int>
Error parse_int(std::string_view text, Int min, Int max, Int& out) {
    std::uint64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        return "'" + std::string(text) + "' is not a number";
    if (value < static_cast<std::uint64_t>(min) || value > static_cast<std::uint64_t>(max))
        return "'" + std::string(text) + "' is out of range " + std::to_string(min) + ".." +
               std::to_string(max);
    out = static_cast<Int>(value);
    return std::nullopt;
}

template <typename Int>
Setter integer(Int DaemonConfig::*field, Int min, Int max) {
    return [=](DaemonConfig& c, std::string_view v) { return parse_int(v, min, max, c.*field); };
}

Setter size(std::uint64_t DaemonConfig::*field, std::uint64_t bare) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        auto bytes = parse_size(v, bare);
        if (!bytes) return "'" + std::string(v) + "' is not a size (like 512k, 5M, 2G)";
        c.*field = *bytes;
        return std::nullopt;
    };
}

Setter size_in(std::uint64_t DaemonConfig::*field, std::uint64_t min, std::uint64_t max) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        std::uint64_t before = c.*field;
        if (Error e = size(field, kMiB)(c, v)) return e;
        if (c.*field >= min && c.*field <= max) return std::nullopt;
        c.*field = before;
        return "'" + std::string(v) + "' is out of range " + std::to_string(min >> 20) + "M.." +
               std::to_string(max >> 20) + "M";
    };
}

Error set_exceeds_max_action(DaemonConfig& c, std::string_view v) {
    const std::string l = lower_case(v);
    if (l == "fail") c.exceeds_max_action = ExceedsMaxAction::Fail;
    else if (l == "allow") c.exceeds_max_action = ExceedsMaxAction::Allow;
    else return "'" + std::string(v) + "' is not fail or allow";
    return std::nullopt;
}

Setter duration(std::chrono::milliseconds DaemonConfig::*field, std::chrono::milliseconds bare) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        auto d = parse_duration(v, bare);
        if (!d) return "'" + std::string(v) + "' is not a duration (like 30s, 10m, 1h)";
        c.*field = *d;
        return std::nullopt;
    };
}

// A timeout: zero would drop every client at once.
Setter positive_duration(std::chrono::milliseconds DaemonConfig::*field,
                         std::chrono::milliseconds bare) {
    const Setter set = duration(field, bare);
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        if (Error e = set(c, v)) return e;
        if ((c.*field).count() <= 0) return "'" + std::string(v) + "' must be more than 0";
        return std::nullopt;
    };
}

Error check_absolute(std::string_view v) {
    if (PathError e = check_path(v); e != PathError::None)
        return "'" + std::string(v) + "': " + describe(e);
    return std::nullopt;
}

Setter path(std::string DaemonConfig::*field) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        if (Error e = check_absolute(v)) return e;
        c.*field = std::string(v);
        return std::nullopt;
    };
}

Setter boolean(bool DaemonConfig::*field) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        const auto value = parse_bool(v);
        if (!value) return "'" + std::string(v) + "' is not yes or no";
        c.*field = *value;
        return std::nullopt;
    };
}

// A group name as useradd(8) allows; whether it exists is checked where
// the daemon starts (group databases are the system's).
Error set_group(DaemonConfig& c, std::string_view v) {
    const bool valid = !v.empty() && v.size() <= 32 && v.front() != '-' &&
                       std::all_of(v.begin(), v.end(), [](char ch) {
                           return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_' ||
                                  ch == '-' || ch == '.';
                       });
    if (!valid) return "'" + std::string(v) + "' is not a group name";
    c.control_group = std::string(v);
    return std::nullopt;
}

Error set_port(DaemonConfig& c, std::string_view v) {
    std::uint16_t port = 0;
    if (Error e = parse_int<std::uint16_t>(v, 1, 65535, port)) return e;
    c.port = port;
    return std::nullopt;
}

// An IPv4 or IPv6 address, or a host name (resolved when the daemon starts).
Error set_listen(DaemonConfig& c, std::string_view v) {
    const std::string text(v);
    in6_addr addr{};
    const bool address = inet_pton(AF_INET, text.c_str(), &addr) == 1 ||
                         inet_pton(AF_INET6, text.c_str(), &addr) == 1;
    const bool name = !text.empty() && text.size() <= NI_MAXHOST &&
                      text.find_first_of(" \t/[]%:") == std::string::npos;
    if (!address && !name) return "'" + text + "' is not an IPv4 or IPv6 address or a host name";
    c.listen = text;
    return std::nullopt;
}

Setter prefix(std::string Prefixes::*field) {
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        if (!valid_prefix(v)) return "'" + std::string(v) + "': " + kPrefixRule;
        c.prefixes.*field = std::string(v);
        return std::nullopt;
    };
}

// "default" (the built-in text), "off", or a template file.
Error set_virus_warning(DaemonConfig& c, std::string_view v) {
    if (v != "off" && v != "default" && check_absolute(v))
        return "'" + std::string(v) + "' is neither default, off nor an absolute path";
    c.virus_warning = v == "default" ? "" : std::string(v);
    return std::nullopt;
}

// No shell: a program by absolute path and its arguments, split at white
// space (an administrator who needs quoting writes a script).
Error set_virus_action(DaemonConfig& c, std::string_view v) {
    std::vector<std::string> argv;
    std::size_t at = 0;
    while ((at = v.find_first_not_of(" \t", at)) != std::string_view::npos) {
        const std::size_t end = std::min(v.find_first_of(" \t", at), v.size());
        argv.emplace_back(v.substr(at, end - at));
        at = end;
    }
    if (argv.empty()) return "no command";
    if (Error e = check_absolute(argv.front())) return e;
    c.virus_action = std::move(argv);
    return std::nullopt;
}

Error add_scan_root(DaemonConfig& c, std::string_view v) {
    if (Error e = check_absolute(v)) return e;
    c.scan_roots.emplace_back(v);
    return std::nullopt;
}

Error add_exclude(DaemonConfig& c, std::string_view v) {
    try {
        c.excludes.emplace_back(v);
    } catch (const PatternError& e) {
        return e.what();
    }
    return std::nullopt;
}

// A time limit libclamav keeps in milliseconds as an unsigned 32-bit number.
Setter milliseconds_limit(std::chrono::milliseconds DaemonConfig::*field) {
    const Setter set = duration(field, std::chrono::milliseconds(1));
    return [=](DaemonConfig& c, std::string_view v) -> Error {
        const std::chrono::milliseconds before = c.*field;
        if (Error e = set(c, v)) return e;
        if ((c.*field).count() <= std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
        c.*field = before;
        return "'" + std::string(v) + "' is longer than libclamav's limit (49 days)";
    };
}

struct Key {
    const char* name;  // lower case
    Setter set;
};

// clamd.conf's names for settings that mean the same here, so a clamd
// administrator's habits carry over (lower case: alias, key).
constexpr std::pair<const char*, const char*> kAliases[] = {
    {"localsocket", "socket"},
    {"databasedirectory", "database"},
    {"excludepath", "exclude"},
    {"maxqueue", "queuelength"},
};

// clamd.conf keys that would mean something else here: refused with the
// reason rather than as unknown, and never aliased to a near miss.
constexpr std::pair<const char*, const char*> kNotSupported[] = {
    {"logfile",
     "not supported: scannedonlyd logs to syslog or, with Foreground, to standard error (the "
     "journal under systemd); infections also go to VirusLog"},
    {"user",
     "not supported: scannedonlyd does not drop privileges; it runs as root to read, rename and "
     "mark every file in the shares (the systemd unit bounds its capabilities)"},
};

const std::vector<Key>& keys() {
    using std::chrono::milliseconds;
    static const std::vector<Key> table = {
        {"socket", path(&DaemonConfig::socket_path)},
        {"port", set_port},
        {"listen", set_listen},
        {"controlsocket", path(&DaemonConfig::control_socket)},
        {"controlgroup", set_group},
        {"controlconnections", integer(&DaemonConfig::control_connections, 1u, 1000u)},
        {"commandreadtimeout",
         positive_duration(&DaemonConfig::command_read_timeout, std::chrono::seconds(1))},
        {"maxthreads", integer(&DaemonConfig::max_threads, 1u, 1024u)},
        {"maxlargethreads", integer(&DaemonConfig::max_large_threads, 1u, 1024u)},
        {"largefilesize", size(&DaemonConfig::large_file_size, kMiB)},  // -b 5: 5 MiB
        {"queuelength", integer<std::size_t>(&DaemonConfig::queue_length, 1, 10'000'000)},
        {"scanroot", add_scan_root},
        {"exclude", add_exclude},
        {"scannedprefix", prefix(&Prefixes::scanned)},
        {"virusprefix", prefix(&Prefixes::virus)},
        {"failedprefix", prefix(&Prefixes::failed)},
        {"failedretryinterval",
         duration(&DaemonConfig::failed_retry_interval, std::chrono::seconds(1))},
        {"quarantinedir", path(&DaemonConfig::quarantine_dir)},
        {"viruslog", path(&DaemonConfig::virus_log)},
        {"viruswarning", set_virus_warning},
        {"virusaction", set_virus_action},
        {"virusactionmax", integer(&DaemonConfig::virus_action_max, 1u, 64u)},
        {"virusactiontimeout",
         positive_duration(&DaemonConfig::virus_action_timeout, std::chrono::seconds(1))},
        {"database", path(&DaemonConfig::database)},
        {"databasecheckinterval",
         duration(&DaemonConfig::database_check_interval, std::chrono::seconds(1))},
        {"maxfilesize", size(&DaemonConfig::max_file_size, 1)},  // bytes, as clamd.conf
        {"maxscansize", size(&DaemonConfig::max_scan_size, 1)},
        {"scanwindow", size_in(&DaemonConfig::scan_window, kMinScanWindow, kMaxScanWindow)},
        {"exceedsmaxaction", set_exceeds_max_action},
        {"maxrecursion", integer<std::uint32_t>(&DaemonConfig::max_recursion, 1, 1000)},
        {"maxfiles", integer<std::uint32_t>(&DaemonConfig::max_files, 1, 10'000'000)},
        {"maxscantime", milliseconds_limit(&DaemonConfig::max_scan_time)},
        {"temporarydirectory", path(&DaemonConfig::temp_dir)},
        {"signaturestampfile", path(&DaemonConfig::signature_stamp_file)},
        {"pidfile", path(&DaemonConfig::pid_file)},
        {"loglevel", integer(&DaemonConfig::log_level, 0, 3)},
        {"statusinterval", duration(&DaemonConfig::status_interval, std::chrono::minutes(1))},
        {"foreground", boolean(&DaemonConfig::foreground)},
    };
    return table;
}

void note_source(SettingSources* sources, std::string_view key, std::string where) {
    if (!sources) return;
    const std::string name = canonical_key(key);
    const auto it = std::find_if(sources->begin(), sources->end(),
                                 [&](const auto& s) { return s.first == name; });
    if (it == sources->end()) sources->emplace_back(name, std::move(where));
    else if (!is_list_setting(name) || it->second.starts_with("command line") ==
                                           where.starts_with("command line"))
        it->second = std::move(where);  // a list's lines in one place are named by the last
}

std::string_view trim(std::string_view s) {
    const auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!s.empty() && space(s.front())) s.remove_prefix(1);
    while (!s.empty() && space(s.back())) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string canonical_key(std::string_view key) {
    const std::string name = lower_case(key);
    for (const auto& [alias, canonical] : kAliases)
        if (name == alias) return canonical;
    return name;
}

std::optional<std::string> apply_setting(DaemonConfig& config, std::string_view key,
                                         std::string_view value) {
    const std::string name = canonical_key(key);
    for (const Key& k : keys())
        if (name == k.name) return k.set(config, value);
    for (const auto& [clamd_key, why] : kNotSupported)
        if (name == clamd_key) return std::string(why);
    return std::string("unknown key");
}

std::vector<std::string> setting_keys() {
    std::vector<std::string> names;
    for (const Key& k : keys()) names.emplace_back(k.name);
    return names;
}

bool is_list_setting(std::string_view key) {
    const std::string name = canonical_key(key);
    return name == "scanroot" || name == "exclude";
}

void clear_list_setting(DaemonConfig& config, std::string_view key) {
    const std::string name = canonical_key(key);
    if (name == "scanroot") config.scan_roots.clear();
    if (name == "exclude") config.excludes.clear();
}

void parse_config_text(DaemonConfig& config, std::string_view text, std::string_view filename,
                       SettingSources* sources) {
    std::size_t line_number = 0;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string_view line = trim(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
        ++line_number;
        if (line.empty() || line.front() == '#') continue;
        const std::size_t split = std::min(line.find_first_of(" \t"), line.size());
        const std::string_view key = line.substr(0, split);
        const std::string_view value = trim(line.substr(split));
        const std::string where =
            std::string(filename) + ":" + std::to_string(line_number) + ": " + std::string(key);
        if (value.empty()) throw ConfigError(where + ": missing value");
        if (auto error = apply_setting(config, key, value)) throw ConfigError(where + ": " + *error);
        std::string source = std::string(filename) + ":" + std::to_string(line_number);
        if (canonical_key(key) != lower_case(key)) source += " as " + std::string(key);
        note_source(sources, key, std::move(source));
    }
}

DaemonConfig build_config(std::string_view file_text, std::string_view filename,
                          const std::vector<CommandLineSetting>& command_line,
                          SettingSources* sources) {
    DaemonConfig config;
    parse_config_text(config, file_text, filename, sources);
    std::vector<std::string> replaced;
    for (const CommandLineSetting& s : command_line) {
        if (is_list_setting(s.key) &&
            std::find(replaced.begin(), replaced.end(), lower_case(s.key)) == replaced.end()) {
            clear_list_setting(config, s.key);
            replaced.push_back(lower_case(s.key));
        }
        if (auto error = apply_setting(config, s.key, s.value))
            throw ConfigError("command line: " + s.option + ": " + *error);
        note_source(sources, s.key, "command line " + s.option);
    }
    if (!prefixes_distinct(config.prefixes))
        throw ConfigError("ScannedPrefix, VirusPrefix, FailedPrefix: " +
                          std::string(kPrefixesDistinctRule));
    if (config.scan_roots.empty())
        throw ConfigError("no scan root: set ScanRoot in " + std::string(filename) +
                          " (or --scanroot) to the directories the shares serve"
                          " (--scanroot / if any file on this system may be scanned)");
    return config;
}

}  // namespace scannedonly
