#include "scannedonly/prescan_options.hpp"

#include "scannedonly/config_file.hpp"
#include "scannedonly/units.hpp"
#include "scannedonly/vfs_options.hpp"

#include <getopt.h>
#include <pwd.h>

#include <charconv>
#include <limits>

namespace scannedonly {

namespace {

enum LongOnly {
    kRescanOlderThan = 256, kScanHost, kMaxPending, kDaemonUser, kRescanOutdated, kStampFile,
    kPrefScanned, kPrefVirus, kPrefFailed, kPriority
};

const option kLongOptions[] = {
    {"config", required_argument, nullptr, 'c'},
    {"socket", required_argument, nullptr, 's'},
    {"portnum", required_argument, nullptr, 'p'},
    {"scanhost", required_argument, nullptr, kScanHost},
    {"one-file-system", no_argument, nullptr, 'x'},
    {"exclude", required_argument, nullptr, 'e'},
    {"wait", optional_argument, nullptr, 'w'},
    {"rescan-older-than", required_argument, nullptr, kRescanOlderThan},
    {"rescan-outdated", no_argument, nullptr, kRescanOutdated},
    {"signature-stamp-file", required_argument, nullptr, kStampFile},
    {"max-pending", required_argument, nullptr, kMaxPending},
    {"priority", required_argument, nullptr, kPriority},
    {"daemon-user", required_argument, nullptr, kDaemonUser},
    {"pref-scanned", required_argument, nullptr, kPrefScanned},
    {"pref-virus", required_argument, nullptr, kPrefVirus},
    {"pref-failed", required_argument, nullptr, kPrefFailed},
    {"dry-run", no_argument, nullptr, 'n'},
    {"quiet", no_argument, nullptr, 'q'},
    {"help", no_argument, nullptr, 'h'},
    {"version", no_argument, nullptr, 'V'},
    {nullptr, 0, nullptr, 0},
};

template <typename T>
std::optional<T> parse_number(std::string_view text, T low, T high) {
    T value{};
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < low || value > high)
        return std::nullopt;
    return value;
}

std::optional<std::string> set_prefix(std::string& out, const char* option,
                                      const std::string& value) {
    if (!valid_prefix(value)) return std::string(option) + ": '" + value + "': " + kPrefixRule;
    out = value;
    return std::nullopt;
}

// Options the command line set, which the daemon's configuration leaves.
struct Given {
    bool transport = false;  // --socket, --portnum or --scanhost
    bool exclude = false;
    bool scanned = false, virus = false, failed = false;
    bool stamp_file = false;
};

void note_given(Given& g, int opt) {
    g.transport |= opt == 's' || opt == 'p' || opt == kScanHost;
    g.exclude |= opt == 'e';
    g.scanned |= opt == kPrefScanned;
    g.virus |= opt == kPrefVirus;
    g.failed |= opt == kPrefFailed;
    g.stamp_file |= opt == kStampFile;
}

// Where the daemon listens, as a destination: its wildcard means any local
// address, so the prescan sends to localhost.
std::string destination_of(const std::string& listen) {
    return listen == "0.0.0.0" || listen == "::" ? kDefaultScanHost : listen;
}

std::optional<std::string> take_daemon_settings(PrescanOptions& o, const Given& given) {
    DaemonConfig daemon;
    try {
        parse_config_text(daemon, read_config_file(*o.config, true), *o.config);
    } catch (const ConfigError& e) {
        return std::string("--config: ") + e.what();
    }
    if (!given.transport && daemon.port) {
        o.port = *daemon.port;
        o.scanhost = destination_of(daemon.listen);
    } else if (!given.transport) {
        o.socket = daemon.socket_path;
    }
    if (!given.exclude) o.excludes = daemon.excludes;
    if (!given.scanned) o.prefixes.scanned = daemon.prefixes.scanned;
    if (!given.virus) o.prefixes.virus = daemon.prefixes.virus;
    if (!given.failed) o.prefixes.failed = daemon.prefixes.failed;
    if (!given.stamp_file) o.signature_stamp_file = daemon.signature_stamp_file;
    return std::nullopt;
}

// Applies one option; returns an error message or nothing.
std::optional<std::string> apply(PrescanOptions& o, int opt, const char* arg) {
    const std::string value = arg ? arg : "";
    switch (opt) {
    case 'c': o.config = value; break;
    case 's': o.socket = value; break;
    case 'p':
        o.port = parse_number(value, 1, 65535);
        if (!o.port) return "--portnum: '" + value + "' is not a port number (1-65535)";
        break;
    case kScanHost: o.scanhost = value; break;
    case 'x': o.one_file_system = true; break;
    case 'e':
        try {
            o.excludes.emplace_back(value);
        } catch (const PatternError& e) {
            return std::string("--exclude: ") + e.what();
        }
        break;
    case 'w':
        o.wait = true;
        if (arg) {
            o.wait_timeout = parse_duration(value);
            if (!o.wait_timeout) return "--wait: '" + value + "' is not a duration (e.g. 90s, 30m, 2h)";
        }
        break;
    case kRescanOlderThan:
        o.rescan_older_than = parse_duration(value);
        if (!o.rescan_older_than)
            return "--rescan-older-than: '" + value + "' is not a duration (e.g. 14d, 12h)";
        break;
    case kRescanOutdated: o.rescan_outdated = true; break;
    case kStampFile: o.signature_stamp_file = value; break;
    case kMaxPending: {
        auto n = parse_number<std::size_t>(value, 1, std::numeric_limits<int>::max());
        if (!n) return "--max-pending: '" + value + "' is not a positive number";
        o.max_pending = *n;
        break;
    }
    case kPriority: {
        const auto priority = parse_priority(value);
        if (!priority) return "--priority: '" + value + "' is not open, normal or bulk";
        o.priority = *priority;
        break;
    }
    case kDaemonUser: {
        const passwd* user = getpwnam(value.c_str());
        if (!user) return "--daemon-user: no such user '" + value + "'";
        o.trusted.uids.push_back(user->pw_uid);
        break;
    }
    case kPrefScanned: return set_prefix(o.prefixes.scanned, "--pref-scanned", value);
    case kPrefVirus: return set_prefix(o.prefixes.virus, "--pref-virus", value);
    case kPrefFailed: return set_prefix(o.prefixes.failed, "--pref-failed", value);
    case 'n': o.dry_run = true; break;
    case 'q': o.quiet = true; break;
    default: return "unknown option (see --help)";
    }
    return std::nullopt;
}

}  // namespace

ParsedCommandLine parse_prescan_command_line(int argc, char* const argv[]) {
    PrescanOptions options;
    Given given;
    optind = 0;  // glibc: full reinitialisation, so the parser can run again
    opterr = 0;  // we report errors ourselves, once
    int opt;
    while ((opt = getopt_long(argc, argv, "+c:s:p:xe:wnqhV", kLongOptions, nullptr)) != -1) {
        if (opt == 'h') return ShowHelp{};
        if (opt == 'V') return ShowVersion{};
        if (opt == '?' || opt == ':') {
            // optopt names a bad short option; for a long one, argv tells.
            const std::string which = optopt > 0 && optopt < 256
                                          ? std::string("-") + static_cast<char>(optopt)
                                          : argv[optind - 1];
            return UsageError{"invalid option or missing argument: " + which};
        }
        if (auto error = apply(options, opt, optarg)) return UsageError{*error};
        note_given(given, opt);
    }
    if (options.config)
        if (auto error = take_daemon_settings(options, given)) return UsageError{*error};
    for (int i = optind; i < argc; ++i) options.roots.emplace_back(argv[i]);
    if (options.roots.empty()) return UsageError{"no file or directory given"};
    if (!prefixes_distinct(options.prefixes))
        return UsageError{std::string("--pref-scanned, --pref-virus, --pref-failed: ") +
                          kPrefixesDistinctRule};
    return options;
}

const char* prescan_usage() {
    return "Usage: scannedonly_prescan [OPTION]... PATH...\n"
           "Send every file below each directory PATH, or each file PATH, that has no fresh\n"
           ".scanned: marker to scannedonlyd.\n"
           "\n"
           "  -c, --config FILE          take the socket (Socket, or Port and Listen), Exclude and\n"
           "                             the prefixes from scannedonlyd's configuration FILE\n"
           "                             where no option below sets them\n"
           "  -s, --socket PATH          scannedonlyd's unix socket\n"
           "                             (default " SCANNEDONLY_DEFAULT_REQUEST_SOCKET ")\n"
           "  -p, --portnum N            use UDP to port N instead (default port 2020)\n"
           "      --scanhost HOST        use UDP to HOST (default localhost)\n"
           "  -x, --one-file-system      do not descend into other file systems\n"
           "  -e, --exclude PCRE2        skip paths matching the pattern (repeatable)\n"
           "  -w, --wait[=TIMEOUT]       wait for every verdict (TIMEOUT like 90s, 30m, 2h)\n"
           "      --max-pending N        with --wait, files awaiting a verdict at once (default 1000)\n"
           "      --priority P           scan priority: open, normal or bulk (default bulk:\n"
           "                             after files clients wait on or list)\n"
           "      --rescan-older-than D  first remove .scanned: markers older than D (e.g. 14d)\n"
           "      --rescan-outdated      also send files whose marker predates the signatures\n"
           "                             the daemon uses now (its published stamp)\n"
           "      --signature-stamp-file FILE  where the daemon publishes that stamp\n"
           "                             (default /run/scannedonly/signatures)\n"
           "      --daemon-user USER     also trust markers owned by USER (as the module's daemon_user)\n"
           "      --pref-scanned PREFIX  clean markers' name prefix, as the daemon's and module's\n"
           "                             (default .scanned:)\n"
           "      --pref-virus PREFIX    infected files' prefix, as theirs (default .virus:)\n"
           "      --pref-failed PREFIX   failed-scan markers' prefix, as theirs (default .failed:)\n"
           "  -n, --dry-run              show what would be removed and sent; change nothing\n"
           "  -q, --quiet                print only infections and errors (for cron)\n"
           "  -h, --help                 this help\n"
           "  -V, --version              version\n"
           "\n"
           "Exit status: 0 all clean, 1 a virus was found, 2 failures or timeout, 64 usage error.\n";
}

}  // namespace scannedonly
