// What the daemon answers on its control socket (control_server.hpp).
#pragma once

#include "active_scans.hpp"
#include "control_server.hpp"
#include "counters.hpp"
#include "engine_record.hpp"
#include "scannedonly/rate_window.hpp"
#include "scannedonly/scan_queue.hpp"

#include <chrono>
#include <functional>

namespace scannedonlyd {

struct DaemonState {
    const Counters& counters;
    const scannedonly::ScanQueue& queue;
    const ActiveScans& active;
    const EngineRecord& engine;
    const EngineHolder& engines;
    std::function<void()> reload;  // the configuration and the signatures
};

// Called only on the control thread.
class ControlReplies {
public:
    explicit ControlReplies(DaemonState state);
    ControlReply answer(scannedonly::ControlCommand command);
    void sample();  // the rates' totals, every second

private:
    std::string version() const;
    std::string stats();

    DaemonState s_;
    std::chrono::steady_clock::time_point started_;
    scannedonly::RateWindow rates_;
};

}  // namespace scannedonlyd
