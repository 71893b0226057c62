// Loading an engine with the facts STATS, VERSION and the log report about
// it: signatures, their version and date, how long loading took.
#pragma once

#include "engine.hpp"
#include "versions.hpp"

#include <ctime>
#include <memory>
#include <mutex>
#include <string>

namespace scannedonlyd {

struct EngineFacts {
    unsigned signatures = 0;
    double load_seconds = 0;
    SignatureVersion version;  // read just before loading
    SignatureIdentity identity;
    std::time_t loaded_at = 0;
};

struct LoadedEngine {
    std::shared_ptr<const Engine> engine;
    EngineFacts facts;
};

// Throws as Engine's constructor does.
LoadedEngine load_engine(const std::string& database_dir, const EngineSettings& settings);

// "5 signatures, version 27100 of 2026-12-01T09:00:00Z, stamp 5310233,
// loaded in 0.5 s"
std::string describe(const EngineFacts& facts);

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
