// scannedonlyctl's renderings of DaemonStats (daemon_stats.hpp).
#include "scannedonly/daemon_stats.hpp"

#include <cstdio>

namespace scannedonly {

namespace {

std::string number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.15g", value);
    return buf;
}

// Texts are printable() already; quotes, backslashes and any control byte
// left are escaped all the same.
std::string json_string(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
            out += buf;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

// Prometheus label values escape backslash, quote and newline.
std::string label_value(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string seconds_text(double s) {
    char buf[32];
    if (s < 120) std::snprintf(buf, sizeof buf, "%.1f s", s);
    else if (s < 7200) std::snprintf(buf, sizeof buf, "%.0f min", s / 60);
    else std::snprintf(buf, sizeof buf, "%.1f h", s / 3600);
    return buf;
}

std::string lane_text(const char* name, double queued, double oldest, double active) {
    std::string text = std::string(name) + " " + number(queued) + " waiting";
    if (queued > 0) text += " (oldest " + seconds_text(oldest) + ")";
    return text + ", " + number(active) + " scanning";
}

}  // namespace

std::string stats_json(const DaemonStats& stats) {
    std::string out = "{";
    for (const TextStatField& f : text_stat_fields())
        out += json_string(f.key) + ":" + json_string(stats.*f.member) + ",";
    for (const StatField& f : stat_fields())
        out += json_string(f.key) + ":" + number(stats.*f.member) + ",";
    out += "\"scans\":[";
    for (std::size_t i = 0; i < stats.scans.size(); ++i) {
        const ActiveScan& s = stats.scans[i];
        out += std::string(i ? "," : "") + "{\"lane\":" + json_string(s.lane) +
               ",\"seconds\":" + number(s.seconds) + ",\"path\":" + json_string(s.path) + "}";
    }
    return out + "]}\n";
}

std::string stats_prometheus(const DaemonStats& stats) {
    std::string out =
        "# HELP scannedonly_up Whether scannedonlyd answered.\n"
        "# TYPE scannedonly_up gauge\nscannedonly_up 1\n"
        "# HELP scannedonly_info Versions of scannedonlyd, libclamav and the signatures.\n"
        "# TYPE scannedonly_info gauge\n"
        "scannedonly_info{version=\"" + label_value(stats.version) + "\",libclamav=\"" +
        label_value(stats.libclamav_version) + "\",signatures=\"" +
        label_value(stats.signature_version) + "\"} 1\n";
    std::string previous;
    for (const StatField& f : stat_fields()) {
        const std::string metric = std::string("scannedonly_") + f.metric;
        if (metric != previous) {
            out += "# HELP " + metric + " " + f.help + "\n# TYPE " + metric + " " + f.type + "\n";
            previous = metric;
        }
        out += metric + (*f.labels ? "{" + std::string(f.labels) + "}" : "") + " " +
               number(stats.*f.member) + "\n";
    }
    return out;
}

std::string stats_summary(const DaemonStats& s) {
    std::string out = "scannedonlyd " + s.version + ", up " + seconds_text(s.uptime_seconds) +
                      ", libclamav " + s.libclamav_version + "\n";
    out += "signatures: " + number(s.signatures) +
           (s.signature_version.empty() ? "" : ", version " + s.signature_version) +
           (s.signature_date.empty() ? "" : " (" + s.signature_date + ")") + ", loaded " +
           s.engine_loaded_at + " in " + seconds_text(s.engine_load_seconds) + "\n";
    out += "queue: " + lane_text("small", s.small_queued, s.small_oldest_queued_seconds, s.small_active) +
           "; " + lane_text("large", s.large_queued, s.large_oldest_queued_seconds, s.large_active) +
           "; " + number(s.retry_later) + " to retry\n";
    out += "waiting by priority: open " + number(s.open_queued) + ", normal " +
           number(s.normal_queued) + ", rescan " + number(s.rescan_queued) + ", bulk " +
           number(s.bulk_queued) + "\n";
    out += "since start: " + number(s.scanned) + " scanned (" + number(s.clean) + " clean, " +
           number(s.infected) + " infected, " + number(s.failed) + " failed); requests " +
           number(s.dropped) + " dropped, " + number(s.malformed) + " malformed, " +
           number(s.ignored) + " ignored; outdated markers " + number(s.outdated_seen) +
           " seen, " + number(s.outdated_rescanned) + " rescanned\n";
    char rates[96];
    std::snprintf(rates, sizeof rates, "last minute: %.1f files/s, %.2f MB/s\n",
                  s.files_per_second, s.bytes_per_second / (1 << 20));
    out += rates;
    for (const ActiveScan& a : s.scans)
        out += "  scanning (" + a.lane + ", " + seconds_text(a.seconds) + "): " + a.path + "\n";
    return out;
}

}  // namespace scannedonly
