// A compiled libclamav engine, and the holder that lets a reload swap in a
// new one while scans in progress finish on the old.
#pragma once

#include "signature_identity.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <time.h>

struct cl_engine;

namespace scannedonlyd {

struct EngineSettings {
    std::uint64_t max_file_size;  // 0: no limit for files themselves
    std::uint64_t max_scan_size;
    std::uint64_t scan_window;    // scan_windows.hpp
    std::uint32_t max_recursion;
    std::uint32_t max_files;
    std::string temp_dir;  // empty: libclamav's default ($TMPDIR or /tmp)
    std::uint32_t max_scan_time_ms;  // 0: no limit

    bool operator==(const EngineSettings&) const = default;
};

struct ScanResult {
    // LimitsExceeded: nothing found, but not everything could be scanned
    // (ExceedsMaxAction decides).
    enum Kind { Clean, Infected, Failed, LimitsExceeded } kind;
    std::string detail;  // the virus name, or why the scan failed or stopped
};

class Engine {
public:
    // Loads and compiles every database in `database_dir`. Throws
    // std::runtime_error with libclamav's message on failure.
    Engine(const std::string& database_dir, const EngineSettings& settings);
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Scans an open regular file of `size` bytes (as its fstat said),
    // archives included: a small one from a copy in memory (file_image.hpp
    // says why), a larger one through libclamav's map of the descriptor, in
    // windows (scan_windows.hpp). Thread-safe.
    ScanResult scan(int fd, std::uint64_t size, const char* name) const;
    // Scans bytes already in memory (a named stream's); thread-safe.
    ScanResult scan_memory(const char* data, std::size_t size, const char* name) const;
    unsigned signatures() const { return signatures_; }
    // Of the signatures loaded: what the markers of its verdicts carry.
    const SignatureIdentity& identity() const { return identity_; }

private:
    std::optional<ScanResult> over_max_file_size(std::uint64_t size) const;

    SignatureIdentity identity_;  // taken before loading
    cl_engine* engine_;
    std::uint64_t max_file_size_;
    std::uint64_t scan_window_;
    unsigned signatures_ = 0;
};

// Calls cl_init once per process; throws on failure.
void init_libclamav();

class EngineHolder {
public:
    std::shared_ptr<const Engine> get() const;
    // Returns the engine replaced, which scans in progress may still use.
    std::shared_ptr<const Engine> set(std::shared_ptr<const Engine> engine);
    // When the engine now in use was set (wall clock, as file times).
    timespec loaded_at() const;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<const Engine> engine_;
    timespec loaded_at_{};
};

}  // namespace scannedonlyd
