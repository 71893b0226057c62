// What a prescan run counts, how it ends (exit status for cron) and how it
// reports: a one-line summary, or a progress bar on a terminal.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace scannedonly {

struct Tally {
    std::size_t seen = 0;             // regular files found
    std::size_t already_scanned = 0;  // fresh marker (or empty): nothing to do
    std::size_t sent = 0;
    std::size_t clean = 0;
    std::size_t infected = 0;
    std::size_t failed = 0;           // the daemon could not scan them
    std::size_t vanished = 0;         // deleted before a verdict
    std::size_t markers_removed = 0;  // --rescan-older-than
    std::size_t outdated = 0;         // --rescan-outdated: sent for an outdated marker
    std::size_t outdated_rescanned = 0;  // of those, given a verdict
    std::size_t errors = 0;           // unreadable directories, failed sends...
    std::size_t pending() const { return sent - clean - infected - failed - vanished; }
};

inline constexpr int kExitClean = 0;
inline constexpr int kExitInfected = 1;
inline constexpr int kExitFailure = 2;
inline constexpr int kExitUsage = 64;

// A virus outranks everything (that is what cron must shout about); then
// failures, errors and, when waited for, files still pending (a timeout)
// mean "not all clean".
int exit_status(const Tally& tally, bool waited);

// "seen 300, already scanned 0, sent 300, clean 299, infected 1, failed 0, 2.1s"
// Verdict counts appear only when waited for; rarer counts only when nonzero.
std::string summary_line(const Tally& tally, bool waited, std::chrono::milliseconds elapsed);

// "[#######.............]  35% 105/300  infected 1  failed 0  0:12"
std::string progress_line(const Tally& tally, std::chrono::milliseconds elapsed,
                          std::size_t width = 30);

// "2.1s", "12:05", "3:02:09"
std::string format_elapsed(std::chrono::milliseconds elapsed);

}  // namespace scannedonly
