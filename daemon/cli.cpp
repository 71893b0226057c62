#include "cli.hpp"

#include <getopt.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

namespace scannedonlyd {

namespace {

struct Option {
    const char* name;
    int short_name;  // or a value >= 256 for long-only options
    const char* key; // config key; nullptr for --config, --help, --version
    bool argument;
};

// Long-only options get numbers from 300 on, in table order.
constexpr Option kOptions[] = {
    {"socket", 's', "Socket", true},
    {"portnum", 'p', "Port", true},
    {"listen", 300, "Listen", true},
    {"maxthreads", 't', "MaxThreads", true},
    {"maxlargethreads", 'g', "MaxLargeThreads", true},
    {"big", 'b', "LargeFileSize", true},
    {"queuelen", 'q', "QueueLength", true},
    {"scanroot", 'r', "ScanRoot", true},
    {"exclude", 'e', "Exclude", true},
    {"quarantainedir", 'd', "QuarantineDir", true},
    {"quarantine-dir", 301, "QuarantineDir", true},
    {"viruslog", 302, "VirusLog", true},
    {"database", 'D', "Database", true},
    {"database-check-interval", 303, "DatabaseCheckInterval", true},
    {"max-filesize", 304, "MaxFileSize", true},
    {"max-scansize", 305, "MaxScanSize", true},
    {"max-recursion", 306, "MaxRecursion", true},
    {"max-files", 307, "MaxFiles", true},
    {"tmpdir", 308, "TemporaryDirectory", true},
    {"pidfile", 'i', "PidFile", true},
    {"loglevel", 'l', "LogLevel", true},
    {"time", 'm', "StatusInterval", true},
    {"foreground", 'f', "Foreground", false},
    {"config", 'c', nullptr, true},
    {"help", 'h', nullptr, false},
    {"version", 'V', nullptr, false},
};

const Option* find_option(int code) {
    for (const Option& o : kOptions)
        if (o.short_name == code) return &o;
    return nullptr;
}

std::string read_file(const std::string& path, bool required) {
    std::ifstream in(path);
    if (!in) {
        if (!required && errno == ENOENT) return {};
        throw scannedonly::ConfigError(path + ": cannot read: " + strerror(errno));
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

CommandLine parse_command_line(int argc, char** argv) {
    std::string shorts = ":";
    std::vector<option> longs;
    for (const Option& o : kOptions) {
        if (o.short_name < 256) shorts += static_cast<char>(o.short_name) + std::string(o.argument ? ":" : "");
        longs.push_back({o.name, o.argument ? required_argument : no_argument, nullptr, o.short_name});
    }
    longs.push_back({nullptr, 0, nullptr, 0});

    CommandLine result;
    opterr = 0;
    optind = 1;
    for (int code; (code = getopt_long(argc, argv, shorts.c_str(), longs.data(), nullptr)) != -1;) {
        const std::string typed = optind > 0 && optind <= argc ? argv[optind - 1] : "";
        if (code == '?') throw scannedonly::ConfigError("command line: " + typed + ": unknown option");
        if (code == ':') throw scannedonly::ConfigError("command line: " + typed + ": needs a value");
        const Option* o = find_option(code);
        if (code == 'c') {
            result.config_path = optarg;
            result.config_given = true;
        } else if (code == 'h') {
            result.help = true;
        } else if (code == 'V') {
            result.version = true;
        } else {
            result.settings.push_back({"--" + std::string(o->name), o->key, o->argument ? optarg : "yes"});
        }
    }
    if (optind < argc)
        throw scannedonly::ConfigError("command line: " + std::string(argv[optind]) +
                                       ": unexpected argument");
    return result;
}

std::string usage() {
    std::string text = "usage: scannedonlyd [options]\n";
    for (const Option& o : kOptions) {
        text += "  ";
        text += o.short_name < 256 ? std::string("-") + static_cast<char>(o.short_name) + ", " : "    ";
        text += "--" + std::string(o.name) + (o.argument ? " VALUE" : "");
        if (o.key) text += "  (config: " + std::string(o.key) + ")";
        text += "\n";
    }
    return text;
}

scannedonly::DaemonConfig load_config(const CommandLine& command_line) {
    const std::string text = read_file(command_line.config_path, command_line.config_given);
    return scannedonly::build_config(text, command_line.config_path, command_line.settings);
}

}  // namespace scannedonlyd
