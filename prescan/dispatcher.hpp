// Takes the walker's candidates: batches them into datagrams, sends them,
// and with --wait tracks each one until its verdict shows on disk, keeping at
// most --max-pending outstanding and re-sending when the daemon goes quiet.
#pragma once

#include "console.hpp"
#include "sender.hpp"
#include "walker.hpp"
#include "scannedonly/protocol.hpp"

#include <chrono>
#include <optional>
#include <vector>

namespace scannedonly::prescan {

class Dispatcher {
public:
    using Clock = std::chrono::steady_clock;

    // sender is null for --dry-run.
    Dispatcher(const PrescanOptions& options, Tally& tally, Console& console, Sender* sender,
               Clock::time_point start);

    // False stops the walk: a send failed or --wait timed out.
    bool add(Candidate&& candidate);
    // Sends what is left and, with --wait, waits for every verdict.
    void finish();
    std::chrono::milliseconds elapsed() const;

private:
    struct Pending {
        Candidate candidate;
        std::optional<Clock::time_point> gone_since;
    };
    bool flush();
    bool send(const std::string& datagram);
    bool wait_below(std::size_t limit);
    void poll();
    bool settled(Pending& pending);
    bool resend_pending();

    const PrescanOptions& options_;
    Tally& tally_;
    Console& console_;
    Sender* sender_;
    Clock::time_point start_;
    std::optional<Clock::time_point> deadline_;
    Clock::time_point last_progress_;
    BatchEncoder encoder_;
    std::size_t unflushed_bytes_ = 0;
    std::vector<Pending> pending_;
    bool stopped_ = false;
};

}  // namespace scannedonly::prescan
