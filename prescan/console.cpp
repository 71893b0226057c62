#include "console.hpp"

#include "scannedonly/printable.hpp"

#include <cstdio>

namespace scannedonly::prescan {

namespace {
constexpr auto kRedrawInterval = std::chrono::milliseconds(200);
}

Console::Console(bool quiet, bool progress_bar) : quiet_(quiet), bar_(progress_bar && !quiet) {}

void Console::clear_bar() {
    if (!bar_drawn_) return;
    std::fputs("\r\033[K", stderr);
    bar_drawn_ = false;
}

void Console::error(const std::string& message) {
    clear_bar();
    std::fprintf(stderr, "scannedonly_prescan: %s\n", printable(message).c_str());
}

void Console::result(const std::string& line) {
    clear_bar();
    std::fprintf(stdout, "%s\n", printable(line).c_str());
    std::fflush(stdout);
}

void Console::progress(const Tally& tally, std::chrono::milliseconds elapsed, bool force) {
    if (!bar_) return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && bar_drawn_ && now - last_draw_ < kRedrawInterval) return;
    last_draw_ = now;
    std::fprintf(stderr, "\r%s\033[K", progress_line(tally, elapsed).c_str());
    std::fflush(stderr);
    bar_drawn_ = true;
}

void Console::finish(const Tally& tally, bool waited, std::chrono::milliseconds elapsed,
                     const std::string& note) {
    if (bar_) {
        // The final state stays on screen, above the summary.
        progress(tally, elapsed, true);
        std::fputc('\n', stderr);
        bar_drawn_ = false;
    }
    if (!quiet_)
        std::fprintf(stderr, "scannedonly_prescan: %s%s\n",
                     summary_line(tally, waited, elapsed).c_str(), note.c_str());
}

}  // namespace scannedonly::prescan
