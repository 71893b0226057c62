// Loading the configured engine with the facts STATS and the log report
// about it: signatures, how long loading took. Their version is the
// engine's to tell (scan_engine.hpp): a clamd server's changes under us.
#pragma once

#include "engine.hpp"

#include <ctime>
#include <memory>
#include <mutex>
#include <string>

namespace scannedonlyd {

struct EngineFacts {
    unsigned signatures = 0;
    double load_seconds = 0;
    SignatureIdentity identity;  // the engine's, what its markers carry
    std::time_t loaded_at = 0;
};

struct LoadedEngine {
    std::shared_ptr<const ScanEngine> engine;
    EngineFacts facts;
};

// Throws as Engine's constructor does; a clamd engine does not throw when
// its servers are down (they are retried).
LoadedEngine load_engine(const std::string& database_dir, const EngineSettings& settings);

// "5 signatures, signature version 27100 of 2026-12-01T09:00:00Z, stamp
// 5310233, loaded in 0.5 s", or for clamd "clamd: 1 of 2 servers up,
// signature version ..., stamp ..."
std::string describe(const EngineFacts& facts, const ScanEngine& engine);

// The facts of the engine in use, shared between the reload thread and the
// control thread.
class EngineRecord {
public:
    void set(EngineFacts facts);
    EngineFacts get() const;

private:
    mutable std::mutex mutex_;
    EngineFacts facts_;
};

}  // namespace scannedonlyd
