#include "scannedonly/daemon_cli.hpp"

#include "scannedonly/protocol.hpp"

#include <getopt.h>

#include <algorithm>
#include <string_view>

namespace scannedonly {

namespace {

struct Option {
    const char* name;
    int short_name;   // or a value >= 256 for long-only options
    const char* key;  // config key; nullptr for --config, --check-config, --help, --version
    const char* value;  // the argument's name; nullptr for a flag
    const char* help;   // what it does, its unit and its default
};

// Long-only options get numbers from 300 on.
constexpr Option kOptions[] = {
    {"config", 'c', nullptr, "FILE",
     "configuration file (default /etc/scannedonly/scannedonlyd.conf; a missing default "
     "file is no error)"},
    {"socket", 's', "Socket", "PATH",
     "unix datagram socket to listen on, or the one systemd passes (default "
     SCANNEDONLY_DEFAULT_REQUEST_SOCKET ")"},
    {"portnum", 'p', "Port", "PORT", "listen for UDP on PORT instead (not set by default)"},
    {"listen", 300, "Listen", "ADDRESS",
     "address or host name for UDP, IPv4 or IPv6; a name is listened on at every address it "
     "resolves to (default localhost: 127.0.0.1 and ::1)"},
    {"control-socket", 313, "ControlSocket", "PATH",
     "unix stream socket for scannedonlyctl and clamd-style commands (PING, VERSION, STATS, "
     "RELOAD, SHUTDOWN); mode 0660 (default /run/scannedonly/control)"},
    {"control-group", 314, "ControlGroup", "GROUP",
     "group that may use the control socket besides root (default: root's group only)"},
    {"control-connections", 315, "ControlConnections", "N",
     "control connections open at once, at most; more are refused (default 16)"},
    {"command-read-timeout", 316, "CommandReadTimeout", "DURATION",
     "a control client that sends no command or reads no reply within this long is "
     "dropped, as clamd's CommandReadTimeout; a bare number is seconds (default 10s)"},
    {"maxthreads", 't', "MaxThreads", "N", "scanning threads (default 4)"},
    {"maxlargethreads", 'g', "MaxLargeThreads", "N",
     "of those, threads that may scan large files (default 1)"},
    // --big, --quarantainedir (sic) and --time are the original's spellings.
    {"big", 'b', "LargeFileSize", "SIZE",
     "files this large or larger are large; a bare number is MiB, as in the original "
     "(default 5)"},
    {"queuelen", 'q', "QueueLength", "N", "paths waiting to be scanned, at most (default 5000)"},
    {"scanroot", 'r', "ScanRoot", "DIR",
     "scan only below DIR; repeatable; required, no default"},
    {"exclude", 'e', "Exclude", "PCRE2", "never scan paths matching it; repeatable (none)"},
    {"pref-scanned", 309, "ScannedPrefix", "PREFIX",
     "name prefix of clean markers; must match the module's pref_scanned (default .scanned:)"},
    {"pref-virus", 310, "VirusPrefix", "PREFIX",
     "name prefix of infected files renamed in place; must match pref_virus (default .virus:)"},
    {"pref-failed", 311, "FailedPrefix", "PREFIX",
     "name prefix of failed-scan markers; must match pref_failed (default .failed:)"},
    {"failed-retry", 312, "FailedRetryInterval", "DURATION",
     "a file whose scan failed is scanned again for a request only after this long, or once "
     "it or the signatures or limits changed; a bare number is seconds, 0 retries only on "
     "such a change (default 1h)"},
    {"quarantainedir", 'd', "QuarantineDir", "DIR",
     "move infected files into DIR (default: rename in place to .virus:NAME)"},
    {"quarantine-dir", 301, "QuarantineDir", "DIR", "the same"},
    {"viruslog", 302, "VirusLog", "FILE",
     "one line per infected file (default /var/log/scannedonly/virus.log)"},
    {"virus-warning", 320, "VirusWarning", "FILE|off",
     "text of the warning left beside an infected file: a template with %FILE%, %NAME%, "
     "%VIRUS%, %TIME%, %ACTION%, %DESTINATION%, or off for none (default: default, a "
     "built-in text)"},
    {"virus-action", 317, "VirusAction", "COMMAND",
     "run COMMAND (an absolute program and its arguments, no shell) for each infected "
     "file, with the facts in SCANNEDONLY_* environment variables (default: none)"},
    {"virus-action-max", 318, "VirusActionMax", "N",
     "VirusAction commands running at once, at most; more wait (default 4)"},
    {"virus-action-timeout", 319, "VirusActionTimeout", "DURATION",
     "a VirusAction command still running after this long is killed; a bare number is "
     "seconds (default 30s)"},
    {"engine", 329, "Engine", "libclamav|clamd",
     "scan with libclamav in this process, or with clamd servers (ClamdSocket, ClamdTcp), "
     "whose own clamd.conf limits then apply; set AlertExceedsMax yes there (default libclamav)"},
    {"clamd-socket", 325, "ClamdSocket", "PATH",
     "a clamd unix socket (its LocalSocket); the daemon passes each file's open descriptor "
     "(FILDES), so clamd resolves no path; repeatable (default: none)"},
    {"clamd-tcp", 326, "ClamdTcp", "HOST:PORT",
     "a clamd TCP socket ([IPV6]:PORT for an IPv6 address); files are streamed (INSTREAM), "
     "up to the server's StreamMaxLength, beyond which ExceedsMaxAction decides; repeatable "
     "(default: none)"},
    {"clamd-connections", 327, "ClamdConnections", "N",
     "scans sent to one clamd server at once, at most; keep it at or below its MaxThreads "
     "(default 8)"},
    {"clamd-timeout", 328, "ClamdTimeout", "DURATION",
     "a clamd server that does not accept a connection, take data or send a verdict within "
     "this long is taken out and its files sent to another; keep it above the servers' "
     "MaxScanTime; a bare number is seconds (default 3m)"},
    {"database", 'D', "Database", "DIR", "ClamAV signature directory (default /var/lib/clamav)"},
    {"database-check-interval", 303, "DatabaseCheckInterval", "DURATION",
     "how often to look for changed signatures; a bare number is seconds, 0 only on SIGUSR2 "
     "(default 10m)"},
    {"max-filesize", 304, "MaxFileSize", "SIZE",
     "larger files, and larger files inside archives, are not scanned (see "
     "--exceeds-max-action); a bare number is bytes, as in clamd.conf; 0 no limit for files "
     "themselves, 2 GiB - 3 bytes (libclamav's cap) inside archives (default 0)"},
    {"max-scansize", 305, "MaxScanSize", "SIZE",
     "libclamav's MaxScanSize: bytes scanned per window, unpacked archive members included; "
     "a bare number is bytes; keep it at least --scan-window (default 4G)"},
    {"scan-window", 321, "ScanWindow", "SIZE",
     "files up to this size are scanned as one file, read into memory; larger ones in windows "
     "of this size overlapping by 1 MiB, except compressed archives, which count as not "
     "scanned completely; a bare number is MiB; 16M to 2047M (default 192M)"},
    {"exceeds-max-action", 322, "ExceedsMaxAction", "fail|allow",
     "a file that could not be scanned completely (over MaxFileSize, MaxScanSize, MaxFiles, "
     "MaxRecursion, MaxScanTime, or a compressed archive over ScanWindow) gets a .failed: marker (fail) or "
     "is served (allow); logged with the reason (default fail)"},
    {"max-recursion", 306, "MaxRecursion", "N", "libclamav's MaxRecursion (default 17)"},
    {"max-files", 307, "MaxFiles", "N", "libclamav's MaxFiles (default 10000)"},
    {"max-scantime", 323, "MaxScanTime", "DURATION",
     "libclamav's MaxScanTime: a scan (of each window, for large files) that takes longer "
     "stops and counts as not scanned completely (see --exceeds-max-action); a bare number "
     "is milliseconds, as in clamd.conf; 0 no limit (default 2m, libclamav's)"},
    {"tmpdir", 308, "TemporaryDirectory", "DIR",
     "where libclamav unpacks archives (default $TMPDIR or /tmp)"},
    {"signature-stamp-file", 324, "SignatureStampFile", "FILE",
     "where the stamp of the signatures in use is published, the stamp new markers carry "
     "as their access time; vfs_scannedonly's signature_stamp_file and scannedonly_prescan "
     "read it to tell outdated markers (default /run/scannedonly/signatures)"},
    {"pidfile", 'i', "PidFile", "FILE", "pid file (default /run/scannedonlyd.pid)"},
    {"loglevel", 'l', "LogLevel", "0-3",
     "0 warnings, 1 notices, 2 one line per verdict, 3 debugging (default 1)"},
    {"time", 'm', "StatusInterval", "DURATION",
     "interval of status lines; a bare number is minutes, as in the original; 0 none "
     "(default 10)"},
    {"foreground", 'f', "Foreground", nullptr,
     "stay in the foreground and log to standard error (default: detach, log to syslog)"},
    {"check-config", 'C', nullptr, nullptr,
     "check the configuration file and the command line, print every setting's value and "
     "where it came from, and exit: 0 when valid, 64 when not; loads no signatures and "
     "touches no socket"},
    {"help", 'h', nullptr, nullptr, "this help"},
    {"version", 'V', nullptr, nullptr,
     "print the versions of scannedonlyd, libclamav and the signatures"},
};

// getopt tells options apart by these codes alone.
constexpr bool codes_are_unique() {
    for (std::size_t i = 0; i < std::size(kOptions); ++i)
        for (std::size_t j = i + 1; j < std::size(kOptions); ++j)
            if (kOptions[i].short_name == kOptions[j].short_name) return false;
    return true;
}
static_assert(codes_are_unique(), "two options share a code");

const Option* find_option(int code) {
    for (const Option& o : kOptions)
        if (o.short_name == code) return &o;
    return nullptr;
}

// `text` as lines of at most 80 columns, each indented by 8 spaces.
std::string indented(std::string_view text) {
    constexpr std::size_t kWidth = 80 - 8;
    std::string out;
    while (!text.empty()) {
        std::size_t cut = text.size() <= kWidth ? text.size() : text.rfind(' ', kWidth);
        if (cut == std::string_view::npos || cut == 0) cut = std::min(text.size(), kWidth);
        out += "        " + std::string(text.substr(0, cut)) + "\n";
        text.remove_prefix(std::min(text.size(), cut + 1));
    }
    return out;
}

}  // namespace

DaemonCommandLine parse_daemon_command_line(int argc, char* const argv[]) {
    std::string shorts = ":";
    std::vector<option> longs;
    for (const Option& o : kOptions) {
        if (o.short_name < 256) shorts += static_cast<char>(o.short_name) + std::string(o.value ? ":" : "");
        longs.push_back({o.name, o.value ? required_argument : no_argument, nullptr, o.short_name});
    }
    longs.push_back({nullptr, 0, nullptr, 0});

    DaemonCommandLine result;
    opterr = 0;
    optind = 0;  // glibc: full reinitialisation, so the parser can run again
    for (int code; (code = getopt_long(argc, argv, shorts.c_str(), longs.data(), nullptr)) != -1;) {
        const std::string typed = optind > 0 && optind <= argc ? argv[optind - 1] : "";
        if (code == '?') throw ConfigError("command line: " + typed + ": unknown option");
        if (code == ':') throw ConfigError("command line: " + typed + ": needs a value");
        const Option* o = find_option(code);
        if (code == 'c') {
            result.config_path = optarg;
            result.config_given = true;
        } else if (code == 'h') {
            result.help = true;
        } else if (code == 'V') {
            result.version = true;
        } else if (code == 'C') {
            result.check_config = true;
        } else {
            result.settings.push_back({"--" + std::string(o->name), o->key, o->value ? optarg : "yes"});
        }
    }
    if (optind < argc)
        throw ConfigError("command line: " + std::string(argv[optind]) + ": unexpected argument");
    return result;
}

std::string daemon_usage() {
    std::string text =
        "Usage: scannedonlyd [OPTION]...\n"
        "Scan the files vfs_scannedonly and scannedonly_prescan ask for with libclamav.\n"
        "Each option overrides its configuration key (in parentheses).\n"
        "Sizes take k, M or G; durations take ms, s, m, h, d or w.\n\n";
    for (const Option& o : kOptions) {
        text += "  ";
        text += o.short_name < 256 ? std::string("-") + static_cast<char>(o.short_name) + ", " : "    ";
        text += "--" + std::string(o.name) + (o.value ? std::string(" ") + o.value : "");
        if (o.key) text += "  (" + std::string(o.key) + ")";
        text += "\n" + indented(o.help);
    }
    return text;
}

}  // namespace scannedonly
