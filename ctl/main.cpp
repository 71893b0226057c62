// scannedonlyctl: asks scannedonlyd how it is doing, as clamdscan and
// clamdtop ask clamd.
#include "client.hpp"

#include "scannedonly/config_file.hpp"
#include "scannedonly/ctl_options.hpp"
#include "scannedonly/daemon_stats.hpp"

#include <cstdio>
#include <thread>

namespace {

using namespace scannedonly;
using scannedonlyctl::Answer;

// --socket, else ControlSocket of the daemon's configuration, else the
// default. Only an explicit --config must be readable and valid.
std::string socket_path(const CtlOptions& o) {
    if (o.socket) return *o.socket;
    DaemonConfig config;
    const std::string file = o.config.value_or(kDefaultDaemonConfig);
    try {
        parse_config_text(config, read_config_file(file, o.config.has_value()), file);
    } catch (const ConfigError& e) {
        if (o.config) throw CtlUsageError(e.what());
    }
    return config.control_socket;
}

// The daemon's own check (config_file.hpp): the same rules, the same report.
int check(const CtlOptions& o) {
    DaemonCommandLine command_line;
    command_line.config_path = o.config.value_or(kDefaultDaemonConfig);
    command_line.config_given = o.config.has_value();
    try {
        std::fputs(check_config(command_line).c_str(), stdout);
        return kCtlOk;
    } catch (const ConfigError& e) {
        std::fprintf(stderr, "scannedonlyctl: %s\n", e.what());
        return kCtlUsage;
    }
}

int report(const Answer& a) {
    std::fprintf(stderr, "scannedonlyctl: %s\n", a.error.c_str());
    return a.status;
}

std::optional<DaemonStats> stats_of(const Answer& a) {
    auto stats = parse_stats(a.reply);
    if (!stats) std::fprintf(stderr, "scannedonlyctl: cannot read the STATS answer\n");
    return stats;
}

int watch(const CtlOptions& o, const std::string& path) {
    int status = kCtlOk;
    for (unsigned n = 0; o.count == 0 || n < o.count; ++n) {
        if (n) std::this_thread::sleep_for(o.interval);
        const Answer a = scannedonlyctl::ask(path, "STATS", o.timeout);
        std::fputs("\033[H\033[2J", stdout);  // home, clear: a full-screen refresh
        const auto stats = a.status == kCtlOk ? parse_stats(a.reply) : std::nullopt;
        status = a.status != kCtlOk ? a.status : stats ? kCtlOk : kCtlBadReply;
        if (stats) std::fputs(stats_summary(*stats).c_str(), stdout);
        else std::printf("scannedonlyd at %s: %s\n", path.c_str(),
                         a.error.empty() ? "unreadable answer" : a.error.c_str());
        std::fflush(stdout);
    }
    return status;
}

const char* command_of(CtlAction action) {
    switch (action) {
    case CtlAction::Ping: return "PING";
    case CtlAction::Version: return "VERSION";
    case CtlAction::Reload: return "RELOAD";
    case CtlAction::Shutdown: return "SHUTDOWN";
    default: return "STATS";
    }
}

int run(const CtlOptions& o) {
    if (o.action == CtlAction::CheckConfig) return check(o);
    const std::string path = socket_path(o);
    if (o.action == CtlAction::Watch) return watch(o, path);
    const Answer a = scannedonlyctl::ask(path, command_of(o.action), o.timeout);
    if (a.status != kCtlOk) {
        // The textfile collector still learns that the daemon is down.
        if (o.action == CtlAction::Metrics)
            std::fputs("# HELP scannedonly_up Whether scannedonlyd answered.\n"
                       "# TYPE scannedonly_up gauge\nscannedonly_up 0\n", stdout);
        return report(a);
    }
    std::string out = a.reply + "\n";
    if (o.action == CtlAction::Status || o.action == CtlAction::Metrics || o.json) {
        const auto stats = stats_of(a);
        if (!stats) return kCtlBadReply;
        out = o.action == CtlAction::Status    ? stats_summary(*stats)
              : o.action == CtlAction::Metrics ? stats_prometheus(*stats)
                                               : stats_json(*stats);
    }
    std::fputs(out.c_str(), stdout);
    return kCtlOk;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const CtlOptions o = parse_ctl_command_line(std::vector<std::string>(argv + 1, argv + argc));
        if (o.help) {
            std::fputs(ctl_usage().c_str(), stdout);
            return kCtlOk;
        }
        if (o.version) {
            std::puts("scannedonlyctl " SCANNEDONLY_VERSION);
            return kCtlOk;
        }
        return run(o);
    } catch (const CtlUsageError& e) {
        std::fprintf(stderr, "scannedonlyctl: %s\n", e.what());
        return kCtlUsage;
    }
}
