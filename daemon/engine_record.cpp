#include "engine_record.hpp"

#include "clamd_engine.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace scannedonlyd {

LoadedEngine load_engine(const std::string& database_dir, const EngineSettings& settings) {
    LoadedEngine loaded;
    const auto start = std::chrono::steady_clock::now();
    if (settings.kind == scannedonly::EngineKind::Clamd)
        loaded.engine = std::make_shared<const ClamdEngine>(settings);
    else
        loaded.engine = std::make_shared<const Engine>(database_dir, settings);
    loaded.facts.load_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    loaded.facts.signatures = loaded.engine->signatures();
    loaded.facts.identity = loaded.engine->identity();
    loaded.facts.loaded_at = std::time(nullptr);
    return loaded;
}

std::string describe(const EngineFacts& facts, const ScanEngine& engine) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", facts.load_seconds);
    const SignatureVersion v = engine.signature_version();
    const auto servers = engine.servers();
    const std::string version =
        !v.version.empty() ? "signature version " + v.version + " of " + v.date
        : servers.empty()  ? "no signature version (no .cvd or .cld)"
                           : "no signature version reported";
    const std::string stamp = ", stamp " + std::to_string(facts.identity.stamp);
    if (servers.empty())
        return std::to_string(facts.signatures) + " signatures, " + version + stamp +
               ", loaded in " + seconds + " s";
    const auto up = std::count_if(servers.begin(), servers.end(),
                                  [](const scannedonly::EngineServer& s) { return s.state == "up"; });
    return "clamd: " + std::to_string(up) + " of " + std::to_string(servers.size()) +
           " servers up, " + version + stamp;
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
