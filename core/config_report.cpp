#include "scannedonly/config_report.hpp"

#include "scannedonly/units.hpp"

#include <algorithm>
#include <cctype>
#include <functional>

namespace scannedonly {

namespace {

using Values = std::vector<std::string>;
using C = DaemonConfig;

struct Shown {
    const char* key;
    std::function<Values(const C&)> values;
};

std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + "ms"; }
std::string or_none(const std::string& s) { return s.empty() ? "(none)" : s; }

std::string joined(const Values& words) {
    std::string out;
    for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
    return out;
}

const std::vector<Shown>& shown() {
    static const std::vector<Shown> table = {
        {"Socket", [](const C& c) -> Values { return {c.socket_path}; }},
        {"Port", [](const C& c) -> Values { return {c.port ? std::to_string(*c.port) : "(none)"}; }},
        {"Listen", [](const C& c) -> Values { return {c.listen}; }},
        {"ControlSocket", [](const C& c) -> Values { return {c.control_socket}; }},
        {"ControlGroup", [](const C& c) -> Values { return {or_none(c.control_group)}; }},
        {"ControlConnections", [](const C& c) -> Values { return {std::to_string(c.control_connections)}; }},
        {"CommandReadTimeout", [](const C& c) -> Values { return {ms(c.command_read_timeout)}; }},
        {"MaxThreads", [](const C& c) -> Values { return {std::to_string(c.max_threads)}; }},
        {"MaxLargeThreads", [](const C& c) -> Values { return {std::to_string(c.max_large_threads)}; }},
        {"LargeFileSize", [](const C& c) -> Values { return {std::to_string(c.large_file_size)}; }},
        {"QueueLength", [](const C& c) -> Values { return {std::to_string(c.queue_length)}; }},
        {"ScanRoot", [](const C& c) -> Values { return c.scan_roots; }},
        {"Exclude", [](const C& c) {
             Values v;
             for (const Pattern& p : c.excludes) v.push_back(p.text());
             return v;
         }},
        {"ScannedPrefix", [](const C& c) -> Values { return {c.prefixes.scanned}; }},
        {"VirusPrefix", [](const C& c) -> Values { return {c.prefixes.virus}; }},
        {"FailedPrefix", [](const C& c) -> Values { return {c.prefixes.failed}; }},
        {"FailedRetryInterval", [](const C& c) -> Values { return {ms(c.failed_retry_interval)}; }},
        {"QuarantineDir", [](const C& c) -> Values { return {or_none(c.quarantine_dir)}; }},
        {"VirusLog", [](const C& c) -> Values { return {c.virus_log}; }},
        {"VirusWarning", [](const C& c) -> Values { return {c.virus_warning.empty() ? "(built-in)" : c.virus_warning}; }},
        {"VirusAction", [](const C& c) -> Values { return {or_none(joined(c.virus_action))}; }},
        {"VirusActionMax", [](const C& c) -> Values { return {std::to_string(c.virus_action_max)}; }},
        {"VirusActionTimeout", [](const C& c) -> Values { return {ms(c.virus_action_timeout)}; }},
        {"Database", [](const C& c) -> Values { return {c.database}; }},
        {"DatabaseCheckInterval", [](const C& c) -> Values { return {ms(c.database_check_interval)}; }},
        {"MaxFileSize", [](const C& c) -> Values { return {std::to_string(c.max_file_size)}; }},
        {"MaxScanSize", [](const C& c) -> Values { return {std::to_string(c.max_scan_size)}; }},
        {"ScanWindow", [](const C& c) -> Values { return {std::to_string(c.scan_window)}; }},
        {"ExceedsMaxAction", [](const C& c) -> Values {
             return {c.exceeds_max_action == ExceedsMaxAction::Allow ? "allow" : "fail"};
         }},
        {"MaxRecursion", [](const C& c) -> Values { return {std::to_string(c.max_recursion)}; }},
        {"MaxFiles", [](const C& c) -> Values { return {std::to_string(c.max_files)}; }},
        {"MaxScanTime", [](const C& c) -> Values { return {ms(c.max_scan_time)}; }},
        {"TemporaryDirectory", [](const C& c) -> Values { return {or_none(c.temp_dir)}; }},
        {"SignatureStampFile", [](const C& c) -> Values { return {c.signature_stamp_file}; }},
        {"PidFile", [](const C& c) -> Values { return {c.pid_file}; }},
        {"LogLevel", [](const C& c) -> Values { return {std::to_string(c.log_level)}; }},
        {"StatusInterval", [](const C& c) -> Values { return {ms(c.status_interval)}; }},
        {"Foreground", [](const C& c) -> Values { return {c.foreground ? "yes" : "no"}; }},
    };
    return table;
}

}  // namespace

std::string effective_settings(const DaemonConfig& config, const SettingSources& sources) {
    std::string out;
    for (const Shown& s : shown()) {
        const std::string name = lower_case(s.key);
        const auto it = std::find_if(sources.begin(), sources.end(),
                                     [&](const auto& src) { return src.first == name; });
        const std::string source = it == sources.end() ? "default" : it->second;
        Values values = s.values(config);
        if (values.empty()) values.push_back("(none)");
        for (const std::string& v : values) out += std::string(s.key) + " " + v + "  # " + source + "\n";
    }
    return out;
}

std::vector<std::string> changed_settings(const DaemonConfig& before, const DaemonConfig& after) {
    std::vector<std::string> keys;
    for (const Shown& s : shown())
        if (s.values(before) != s.values(after)) keys.push_back(s.key);
    return keys;
}

std::vector<std::string> reported_keys() {
    std::vector<std::string> keys;
    for (const Shown& s : shown()) keys.push_back(s.key);
    return keys;
}

}  // namespace scannedonly
