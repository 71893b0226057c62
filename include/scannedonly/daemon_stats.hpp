// What the control socket's STATS reports, as text the daemon sends and
// scannedonlyctl reads back, and the renderings scannedonlyctl prints:
// JSON, Prometheus' text exposition and a readable summary.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scannedonly {

struct ActiveScan {
    std::string lane;  // "small" or "large"
    double seconds = 0;
    std::string path;  // printable()
};

struct DaemonStats {
    std::string version;            // scannedonlyd's
    std::string libclamav_version;
    std::string signature_version;  // daily's, as clamd shows it; "" when no .cvd/.cld
    std::string signature_date;
    std::string engine_loaded_at;   // UTC, ISO 8601
    std::string signature_stamp;    // what new markers carry (signature_stamp.hpp)
    double uptime_seconds = 0;
    double signatures = 0;
    double engine_load_seconds = 0;
    double small_queued = 0, small_active = 0, small_oldest_queued_seconds = 0;
    double large_queued = 0, large_active = 0, large_oldest_queued_seconds = 0;
    double open_queued = 0, normal_queued = 0, rescan_queued = 0, bulk_queued = 0;  // both lanes
    double retry_later = 0;
    double scanned = 0, clean = 0, infected = 0, failed = 0;
    double dropped = 0, malformed = 0, ignored = 0, bytes = 0;
    // Markers found older than the signatures, and of those the files given a new verdict.
    double outdated_seen = 0, outdated_rescanned = 0;
    double files_per_second = 0, bytes_per_second = 0;  // over the last minute
    std::vector<ActiveScan> scans;
};

// One number of DaemonStats: its STATS key, and its Prometheus metric.
struct StatField {
    const char* key;
    double DaemonStats::*member;
    const char* metric;  // without the scannedonly_ prefix
    const char* labels;  // "" or like lane="small"
    const char* type;    // "gauge" or "counter"
    const char* help;
};
const std::vector<StatField>& stat_fields();

// One text of DaemonStats and its STATS key.
struct TextStatField {
    const char* key;
    std::string DaemonStats::*member;
};
const std::vector<TextStatField>& text_stat_fields();

// "key value" lines, then "scan LANE SECONDS PATH" per scan in progress,
// then "END".
std::string format_stats(const DaemonStats& stats);
// Unknown keys are skipped (a newer daemon); nullopt without "END".
std::optional<DaemonStats> parse_stats(std::string_view text);

std::string stats_json(const DaemonStats& stats);
std::string stats_prometheus(const DaemonStats& stats);
std::string stats_summary(const DaemonStats& stats);

}  // namespace scannedonly
