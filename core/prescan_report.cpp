#include "scannedonly/prescan_report.hpp"

#include <cstdio>

namespace scannedonly {

int exit_status(const Tally& t, bool waited) {
    if (t.infected > 0) return kExitInfected;
    if (t.failed > 0 || t.errors > 0 || (waited && t.pending() > 0)) return kExitFailure;
    return kExitClean;
}

std::string format_elapsed(std::chrono::milliseconds elapsed) {
    const long long ms = elapsed.count();
    char buffer[32];
    if (ms < 60'000) {
        std::snprintf(buffer, sizeof buffer, "%.1fs", static_cast<double>(ms) / 1000.0);
    } else {
        const long long s = ms / 1000;
        if (s < 3600)
            std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
        else
            std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60,
                          s % 60);
    }
    return buffer;
}

namespace {
void append_count(std::string& out, const char* label, std::size_t n) {
    out += ", ";
    out += label;
    out += ' ';
    out += std::to_string(n);
}
}  // namespace

std::string summary_line(const Tally& t, bool waited, std::chrono::milliseconds elapsed) {
    std::string out = "seen " + std::to_string(t.seen);
    append_count(out, "already scanned", t.already_scanned);
    append_count(out, "sent", t.sent);
    if (waited) {
        append_count(out, "clean", t.clean);
        append_count(out, "infected", t.infected);
        append_count(out, "failed", t.failed);
        if (t.vanished) append_count(out, "vanished", t.vanished);
        if (t.pending()) append_count(out, "pending", t.pending());
    }
    if (t.markers_removed) append_count(out, "markers removed", t.markers_removed);
    if (t.outdated) append_count(out, "outdated", t.outdated);
    if (waited && t.outdated) append_count(out, "outdated rescanned", t.outdated_rescanned);
    if (t.errors) append_count(out, "errors", t.errors);
    return out + ", " + format_elapsed(elapsed);
}

std::string progress_line(const Tally& t, std::chrono::milliseconds elapsed, std::size_t width) {
    const std::size_t done = t.sent - t.pending();
    const std::size_t filled = t.sent ? done * width / t.sent : 0;
    const unsigned percent = t.sent ? static_cast<unsigned>(done * 100 / t.sent) : 0;
    std::string out = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    char figures[160];
    std::snprintf(figures, sizeof figures, "%3u%% %zu/%zu  infected %zu  failed %zu  ", percent,
                  done, t.sent, t.infected, t.failed);
    return out + figures + format_elapsed(elapsed);
}

}  // namespace scannedonly
