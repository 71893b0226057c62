// Everything the prescan tool prints: results on stdout (dry-run lines,
// infections), diagnostics on stderr, and either a live progress bar (stderr
// is a terminal) or a one-line summary at the end. Results and diagnostics
// name files whose names users chose, so every such line goes through
// printable(): a name cannot forge lines or reach the terminal as escapes.
#pragma once

#include "scannedonly/prescan_report.hpp"

#include <chrono>
#include <string>

namespace scannedonly::prescan {

class Console {
public:
    Console(bool quiet, bool progress_bar);

    void error(const std::string& message);
    void result(const std::string& line);
    // Redraws the bar at most a few times a second, unless forced.
    void progress(const Tally& tally, std::chrono::milliseconds elapsed, bool force = false);
    // "note" follows the summary, e.g. "(dry run)".
    void finish(const Tally& tally, bool waited, std::chrono::milliseconds elapsed,
                const std::string& note);

private:
    void clear_bar();
    bool quiet_;
    bool bar_;
    bool bar_drawn_ = false;
    std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace scannedonly::prescan
