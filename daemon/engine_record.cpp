#include "engine_record.hpp"

#include <chrono>
#include <cstdio>

namespace scannedonlyd {

LoadedEngine load_engine(const std::string& database_dir, const EngineSettings& settings) {
    LoadedEngine loaded;
    loaded.facts.version = signature_version(database_dir);
    const auto start = std::chrono::steady_clock::now();
    loaded.engine = std::make_shared<const Engine>(database_dir, settings);
    loaded.facts.load_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    loaded.facts.signatures = loaded.engine->signatures();
    loaded.facts.identity = loaded.engine->identity();
    loaded.facts.loaded_at = std::time(nullptr);
    return loaded;
}

std::string describe(const EngineFacts& facts) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", facts.load_seconds);
    const std::string version =
        facts.version.version.empty()
            ? "no signature version (no .cvd or .cld)"
            : "signature version " + facts.version.version + " of " + facts.version.date;
    return std::to_string(facts.signatures) + " signatures, " + version + ", stamp " +
           std::to_string(facts.identity.stamp) + ", loaded in " + seconds + " s";
}

void EngineRecord::set(EngineFacts facts) {
    std::lock_guard lock(mutex_);
    facts_ = std::move(facts);
}

EngineFacts EngineRecord::get() const {
    std::lock_guard lock(mutex_);
    return facts_;
}

}  // namespace scannedonlyd
