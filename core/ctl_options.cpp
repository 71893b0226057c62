#include "scannedonly/ctl_options.hpp"

#include "scannedonly/units.hpp"

#include <charconv>

namespace scannedonly {

namespace {

struct Action {
    const char* name;
    CtlAction action;
};

constexpr Action kActions[] = {
    {"ping", CtlAction::Ping},       {"version", CtlAction::Version},
    {"status", CtlAction::Status},   {"stats", CtlAction::Stats},
    {"reload", CtlAction::Reload},   {"shutdown", CtlAction::Shutdown},
    {"metrics", CtlAction::Metrics}, {"watch", CtlAction::Watch},
    {"check-config", CtlAction::CheckConfig},
};

std::chrono::milliseconds positive_duration(const std::string& option, const std::string& text) {
    const auto d = parse_duration(text, std::chrono::seconds(1));
    if (!d || d->count() <= 0)
        throw CtlUsageError(option + ": '" + text + "' is not a duration above 0 (like 5, 500ms, 2s)");
    return *d;
}

unsigned count_of(const std::string& text) {
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        throw CtlUsageError("--count: '" + text + "' is not a number");
    return value;
}

}  // namespace

CtlOptions parse_ctl_command_line(const std::vector<std::string>& args) {
    CtlOptions o;
    bool have_action = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const auto value = [&]() -> const std::string& {
            if (i + 1 >= args.size()) throw CtlUsageError(a + ": needs a value");
            return args[++i];
        };
        if (a == "-h" || a == "--help") o.help = true;
        else if (a == "-V" || a == "--version") o.version = true;
        else if (a == "-s" || a == "--socket") o.socket = value();
        else if (a == "-c" || a == "--config") o.config = value();
        else if (a == "-t" || a == "--timeout") o.timeout = positive_duration(a, value());
        else if (a == "--json") o.json = true;
        else if (a == "-n" || a == "--interval") o.interval = positive_duration(a, value());
        else if (a == "--count") o.count = count_of(value());
        else if (!a.empty() && a.front() == '-') throw CtlUsageError(a + ": unknown option");
        else if (have_action) throw CtlUsageError(a + ": one command at a time");
        else {
            have_action = true;
            bool known = false;
            for (const Action& k : kActions)
                if (a == k.name) {
                    o.action = k.action;
                    known = true;
                }
            if (!known) throw CtlUsageError(a + ": unknown command (see --help)");
        }
    }
    if (o.help || o.version) return o;
    if (!have_action) throw CtlUsageError("no command given (see --help)");
    if (o.json && o.action != CtlAction::Stats) throw CtlUsageError("--json: only with stats");
    if (o.action != CtlAction::Watch && o.count) throw CtlUsageError("--count: only with watch");
    return o;
}

std::string ctl_usage() {
    return "Usage: scannedonlyctl [OPTION]... COMMAND\n"
           "Ask scannedonlyd through its control socket.\n\n"
           "Commands:\n"
           "  ping        is the daemon answering? (prints PONG)\n"
           "  version     versions of scannedonlyd, libclamav and the signatures\n"
           "  status      a readable summary: signatures, queues, totals, rates, scans\n"
           "  stats       the daemon's STATS reply, key value per line (--json: as JSON)\n"
           "  metrics     the same in Prometheus' text format (node_exporter textfile)\n"
           "  watch       status, refreshed every --interval until interrupted\n"
           "  reload      reload the configuration and the signature database\n"
           "  shutdown    stop the daemon\n"
           "  check-config  check the daemon's configuration file as scannedonlyd\n"
           "              --check-config does (without asking the daemon): print every\n"
           "              setting and its source; exit 0 valid, 64 not\n\n"
           "Options:\n"
           "  -s, --socket PATH     control socket (default: ControlSocket of the config,\n"
           "                        else /run/scannedonly/control)\n"
           "  -c, --config FILE     daemon configuration to read ControlSocket from, or\n"
           "                        to check (default /etc/scannedonly/scannedonlyd.conf\n"
           "                        if present)\n"
           "  -t, --timeout DURATION  wait at most this long for an answer (default 5s)\n"
           "      --json            stats as one JSON object\n"
           "  -n, --interval DURATION  watch: refresh interval (default 2s)\n"
           "      --count N         watch: stop after N refreshes (default: never)\n"
           "  -h, --help            this help\n"
           "  -V, --version         scannedonlyctl's version\n\n"
           "Exit status: 0 done; 1 the daemon answered with an error; 64 bad usage;\n"
           "69 no daemon at the socket; 75 no answer within --timeout; 76 an answer\n"
           "it cannot read; 77 no permission to use the socket.\n";
}

}  // namespace scannedonly
