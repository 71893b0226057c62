// A compiled libclamav engine in this process.
#pragma once

#include "scan_engine.hpp"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <time.h>

struct cl_engine;

namespace scannedonlyd {

class Engine : public ScanEngine {
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
    const char* name() const override { return "libclamav"; }
    ScanResult scan(int fd, std::uint64_t size, const char* name) const override;
    // Scans bytes already in memory (a named stream's); thread-safe.
    ScanResult scan_memory(const char* data, std::size_t size, const char* name) const override;
    // Read from the database directory before loading it (versions.hpp).
    SignatureVersion signature_version() const override { return version_; }
    const SignatureIdentity& identity() const override { return identity_; }
    unsigned signatures() const override { return signatures_; }

private:
    std::optional<ScanResult> over_max_file_size(std::uint64_t size) const;

    SignatureIdentity identity_;  // taken before loading
    cl_engine* engine_;
    SignatureVersion version_;
    std::uint64_t max_file_size_;
    std::uint64_t scan_window_;
    unsigned signatures_ = 0;
};

// Calls cl_init once per process; throws on failure.
void init_libclamav();

}  // namespace scannedonlyd
