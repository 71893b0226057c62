#include "scannedonly/daemon_stats.hpp"

#include <cstdio>
#include <cstdlib>

namespace scannedonly {

namespace {

using S = DaemonStats;

std::string number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

// "KEY VALUE": the value is the rest of the line.
bool split(std::string_view line, std::string_view& key, std::string_view& value) {
    const std::size_t space = line.find(' ');
    if (space == std::string_view::npos) return false;
    key = line.substr(0, space);
    value = line.substr(space + 1);
    return true;
}

void parse_scan(std::string_view value, DaemonStats& stats) {
    std::string_view lane, rest;
    if (!split(value, lane, rest)) return;
    std::string_view seconds, path;
    if (!split(rest, seconds, path)) return;
    stats.scans.push_back({std::string(lane), std::atof(std::string(seconds).c_str()),
                           std::string(path)});
}

}  // namespace

const std::vector<TextStatField>& text_stat_fields() {
    static const std::vector<TextStatField> fields = {
        {"version", &S::version},
        {"libclamav_version", &S::libclamav_version},
        {"signature_version", &S::signature_version},
        {"signature_date", &S::signature_date},
        {"engine_loaded_at", &S::engine_loaded_at},
        {"signature_stamp", &S::signature_stamp},
    };
    return fields;
}

const std::vector<StatField>& stat_fields() {
    static const std::vector<StatField> fields = {
        {"uptime_seconds", &S::uptime_seconds, "uptime_seconds", "", "gauge",
         "Seconds since the daemon started."},
        {"signatures", &S::signatures, "signatures", "", "gauge",
         "Signatures in the engine in use."},
        {"engine_load_seconds", &S::engine_load_seconds, "engine_load_seconds", "", "gauge",
         "How long loading and compiling the engine in use took."},
        {"small_queued", &S::small_queued, "queued", "lane=\"small\"", "gauge",
         "Paths waiting to be scanned."},
        {"large_queued", &S::large_queued, "queued", "lane=\"large\"", "gauge", ""},
        {"small_active", &S::small_active, "active", "lane=\"small\"", "gauge",
         "Scans in progress."},
        {"large_active", &S::large_active, "active", "lane=\"large\"", "gauge", ""},
        {"small_oldest_queued_seconds", &S::small_oldest_queued_seconds,
         "oldest_queued_seconds", "lane=\"small\"", "gauge",
         "How long the oldest waiting path has waited."},
        {"large_oldest_queued_seconds", &S::large_oldest_queued_seconds,
         "oldest_queued_seconds", "lane=\"large\"", "gauge", ""},
        {"open_queued", &S::open_queued, "queued_by_priority", "priority=\"open\"", "gauge",
         "Paths waiting to be scanned in both lanes, by priority."},
        {"normal_queued", &S::normal_queued, "queued_by_priority", "priority=\"normal\"", "gauge",
         ""},
        {"rescan_queued", &S::rescan_queued, "queued_by_priority", "priority=\"rescan\"", "gauge",
         ""},
        {"bulk_queued", &S::bulk_queued, "queued_by_priority", "priority=\"bulk\"", "gauge", ""},
        {"retry_later", &S::retry_later, "retry_later", "", "gauge",
         "Files that changed while scanned, due again soon."},
        {"scanned", &S::scanned, "scanned_total", "", "counter", "Verdicts written."},
        {"clean", &S::clean, "files_total", "verdict=\"clean\"", "counter",
         "Verdicts by kind since start."},
        {"infected", &S::infected, "files_total", "verdict=\"infected\"", "counter", ""},
        {"failed", &S::failed, "files_total", "verdict=\"failed\"", "counter", ""},
        {"dropped", &S::dropped, "requests_total", "outcome=\"dropped\"", "counter",
         "Requests not queued, by reason, since start."},
        {"malformed", &S::malformed, "requests_total", "outcome=\"malformed\"", "counter", ""},
        {"ignored", &S::ignored, "requests_total", "outcome=\"ignored\"", "counter", ""},
        {"outdated_seen", &S::outdated_seen, "outdated_markers_total", "outcome=\"seen\"",
         "counter", "Markers found older than the signatures in use, and those rescanned."},
        {"outdated_rescanned", &S::outdated_rescanned, "outdated_markers_total",
         "outcome=\"rescanned\"", "counter", ""},
        {"bytes", &S::bytes, "scanned_bytes_total", "", "counter", "Bytes of files scanned."},
        {"files_per_second", &S::files_per_second, "files_per_second", "", "gauge",
         "Files scanned per second over the last minute."},
        {"bytes_per_second", &S::bytes_per_second, "bytes_per_second", "", "gauge",
         "Bytes scanned per second over the last minute."},
    };
    return fields;
}

std::string format_stats(const DaemonStats& stats) {
    std::string text;
    for (const TextStatField& f : text_stat_fields()) text += std::string(f.key) + " " + stats.*f.member + "\n";
    for (const StatField& f : stat_fields())
        text += std::string(f.key) + " " + number(stats.*f.member) + "\n";
    for (const ActiveScan& s : stats.scans)
        text += "scan " + s.lane + " " + number(s.seconds) + " " + s.path + "\n";
    return text + "END";
}

std::optional<DaemonStats> parse_stats(std::string_view text) {
    DaemonStats stats;
    bool ended = false;
    while (!text.empty() && !ended) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        ended = line == "END";
        std::string_view key, value;
        if (ended || !split(line, key, value)) continue;
        if (key == "scan") parse_scan(value, stats);
        for (const TextStatField& f : text_stat_fields())
            if (key == f.key) stats.*f.member = std::string(value);
        for (const StatField& f : stat_fields())
            if (key == f.key) stats.*f.member = std::atof(std::string(value).c_str());
    }
    if (!ended) return std::nullopt;
    return stats;
}

}  // namespace scannedonly
