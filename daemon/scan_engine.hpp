// The seam between a file opened safely beneath a scan root and its
// verdict. The scanner, markers, quarantine and status never know which
// engine is behind it: libclamav in this process (engine.hpp) or clamd
// servers (clamd_engine.hpp).
#pragma once

#include "signature_identity.hpp"
#include "versions.hpp"
#include "scannedonly/daemon_config.hpp"
#include "scannedonly/daemon_stats.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <time.h>

namespace scannedonlyd {

// What a reload compares to decide whether to build a new engine.
struct EngineSettings {
    std::uint64_t max_file_size;  // 0: no limit for files themselves
    std::uint64_t max_scan_size;
    std::uint64_t scan_window;    // scan_windows.hpp
    std::uint32_t max_recursion;
    std::uint32_t max_files;
    std::string temp_dir;  // empty: libclamav's default ($TMPDIR or /tmp)
    std::uint32_t max_scan_time_ms;  // 0: no limit
    // Which engine, and for clamd its servers; the limits above are then
    // the servers' own.
    scannedonly::EngineKind kind = scannedonly::EngineKind::Libclamav;
    std::vector<scannedonly::ClamdAddress> clamd_servers;
    unsigned clamd_connections = 8;
    std::chrono::milliseconds clamd_timeout{};

    bool operator==(const EngineSettings&) const = default;
};

struct ScanResult {
    // LimitsExceeded: nothing found, but not everything could be scanned
    // (ExceedsMaxAction decides). Unavailable: no engine could scan it now
    // (every clamd server down); the file stays unscanned and is retried,
    // never marked.
    enum Kind { Clean, Infected, Failed, LimitsExceeded, Unavailable } kind;
    std::string detail;  // the virus name, or why the scan failed or stopped
};

// A signature's verdict: Heuristics.Limits.Exceeded* (an engine's alert
// for a file it could not scan completely) is LimitsExceeded, not a virus.
ScanResult found(std::string signature);

class ScanEngine {
public:
    virtual ~ScanEngine() = default;
    virtual const char* name() const = 0;  // as the Engine setting names it
    // Scans an open regular file of `size` bytes (as its fstat said), from
    // the descriptor alone: no engine opens a path. Thread-safe.
    virtual ScanResult scan(int fd, std::uint64_t size, const char* name) const = 0;
    // Scans bytes already in memory (a named stream's); thread-safe.
    virtual ScanResult scan_memory(const char* data, std::size_t size, const char* name) const = 0;
    // The signatures verdicts come from now (what VERSION and STATS show);
    // empty when unknown.
    virtual SignatureVersion signature_version() const = 0;
    // What the markers of this engine's verdicts carry (signature_stamp.hpp),
    // fixed for the engine's life: a reload builds a new engine.
    virtual const SignatureIdentity& identity() const = 0;
    // True once verdicts may come from signatures identity() does not name
    // (a clamd server reloaded its own): the reload thread then builds a
    // new engine, whose stamp makes the older markers outdated.
    virtual bool signatures_changed() const { return false; }
    // One entry per clamd server; none for libclamav.
    virtual std::vector<scannedonly::EngineServer> servers() const { return {}; }
    // Signatures loaded into this process (0 for clamd).
    virtual unsigned signatures() const { return 0; }
};

// Lets a reload swap in a new engine while scans in progress finish on
// the old.
class EngineHolder {
public:
    std::shared_ptr<const ScanEngine> get() const;
    // Returns the engine replaced, which scans in progress may still use.
    std::shared_ptr<const ScanEngine> set(std::shared_ptr<const ScanEngine> engine);
    // When the engine now in use was set (wall clock, as file times).
    timespec loaded_at() const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const ScanEngine> engine_;
    timespec loaded_at_{};
};

}  // namespace scannedonlyd
